#!/usr/bin/env bash
# Resilience 4: a rolling update's SIGTERM in the middle of a webhook load. wrk posts signed deliveries
# at full speed; the service gets SIGTERM while they arrive. It must stop within its shutdown timeout
# (20 s; Kubernetes' grace period is 30 s), answer or refuse every request it took, and every delivery
# it answered 202 must be in the database: what the group-commit writers held is written first.
# Run: flock /tmp/maven.lock bench/resilience-shutdown.sh     (about 1 minute)
source "$(dirname "$0")/resilience-lib.sh"
require wrk curl psql
PORT=18096 DB=exp_res_shutdown
build_jar; ensure_postgres; fresh_database $DB
trap 'stop_app res-shutdown' EXIT
start_app res-shutdown $PORT $DB
wait_ready $PORT
sign_up $PORT "$WORK/res-shutdown.jar"
CREATED=$(curl -s -b "$WORK/res-shutdown.jar" -H 'Content-Type: application/json' \
  -d '{"name":"shutdown","type":"HEX","expiresIn":"24h"}' "http://127.0.0.1:$PORT/api/v1/tokens")
TOKEN_ID=$(json id <<<"$CREATED"); HEX=$(json token <<<"$CREATED")
java "$ROOT/bench/SignedBodies.java" "$HEX" "shutdown" 200000 "$WORK/res-shutdown-bodies.txt"
rm -f "$WORK"/res-shutdown-ids-*
wrk -t2 -c16 -d20s -s "$ROOT/bench/webhook.lua" "http://127.0.0.1:$PORT/webhooks/fireflies/$TOKEN_ID" \
  -- "$WORK/res-shutdown-bodies.txt" 2 "$WORK/res-shutdown-ids" > "$WORK/res-shutdown-wrk.txt" 2>&1 &
LOAD=$!
sleep 8
APP=$(cat "$WORK/res-shutdown.pid")
BEGIN=$(date +%s%N)
kill -TERM "$APP"
while kill -0 "$APP" 2>/dev/null; do sleep 0.05; done
STOPPED_MS=$(( ($(date +%s%N) - BEGIN) / 1000000 ))
wait "$LOAD" || true
cat "$WORK"/res-shutdown-ids-* > "$WORK/res-shutdown-ids.txt"
ACKED=$(wc -l < "$WORK/res-shutdown-ids.txt")
MISSING=$(psql -h 127.0.0.1 -U postgres -tA $DB <<SQL | tail -1
create temp table acked (id uuid);
\\copy acked from '$WORK/res-shutdown-ids.txt'
select count(*) from acked a left join webhook_delivery d on d.id = a.id where d.id is null;
SQL
)
echo "SIGTERM after 8 s of load: stopped in $STOPPED_MS ms; $(grep -E '^accepted' "$WORK/res-shutdown-wrk.txt")"
check "deliveries were acknowledged before the SIGTERM ($ACKED)" test "$ACKED" -gt 0
check "every acknowledged delivery is in the database ($MISSING of $ACKED missing)" test "$MISSING" -eq 0
check "stopped within the 20 s shutdown timeout ($STOPPED_MS ms)" test "$STOPPED_MS" -lt 20000
check "no ERROR in the log" bash -c "! grep -q ERROR '$WORK/res-shutdown.log'"
finish
