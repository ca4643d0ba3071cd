#!/usr/bin/env bash
# Resilience 1: PostgreSQL stopped during a webhook load. While it is down the service must answer
# 503 problem details with Retry-After (never 500, never a hang beyond a few seconds) and readiness
# must be red; once it is back the same process recovers by itself (readiness green, 202 again, the
# worker and the access-cache listener resume); every delivery that got a 2xx is in the database.
# Run: flock /tmp/maven.lock bench/resilience-database.sh     (about 1 minute; restarts PostgreSQL)
source "$(dirname "$0")/resilience-lib.sh"
PORT=18091 DB=exp_res_database
OUTAGE=${OUTAGE:-8}            # seconds PostgreSQL stays down
MAX_LATENCY_MS=${MAX_LATENCY_MS:-5000}
FF_PORT=18099
build_jar; ensure_postgres; fresh_database $DB
cleanup() {
  [[ -n ${FF_PID:-} ]] && kill "$FF_PID" 2>/dev/null || true
  pg_isready -h 127.0.0.1 -p 5432 -q || pg_cluster start || true
  [[ -n ${LOAD_PID:-} ]] && kill "$LOAD_PID" 2>/dev/null || true
  stop_app res-db
}
trap cleanup EXIT
spawn_java FakeFireflies $FF_PORT 0 > "$WORK/res-db-fireflies.log" 2>&1 &
FF_PID=$!
# Work claimed just before the outage comes back after a short lease, so that everything is processed in the run.
export FIREFLIES_URL=http://127.0.0.1:$FF_PORT/graphql EXPONENTIAL_FIREFLIES_WORKER_LEASE=10s EXPONENTIAL_FIREFLIES_WORKER_POLL_INTERVAL=1s
start_app res-db $PORT $DB
wait_ready $PORT
APP_PID=$(cat "$WORK/res-db.pid")
read -r TOKEN_ID HEX < <(fireflies_user $PORT res-db)
READY="http://127.0.0.1:$PORT/q/health/ready"

# 4 clients, each pausing 50 ms between deliveries, for OUTAGE + 16 seconds.
LOAD_SECONDS=$((OUTAGE + 16))
spawn_java WebhookLoad "http://127.0.0.1:$PORT" "$TOKEN_ID" "$HEX" during $((LOAD_SECONDS))s 4 "$WORK/res-db-load.txt" 50 \
  > "$WORK/res-db-load.summary" 2>&1 &
LOAD_PID=$!
sleep 5
log "stopping PostgreSQL for ${OUTAGE}s under load"
pg_cluster stop
DOWN_AT=$SECONDS
RED=""; PROBLEM=""; RETRY_AFTER=""
deadline=$((SECONDS + 15))
while (( SECONDS < deadline )); do
  [[ $(http_code "$READY") == 503 ]] && { RED=$((SECONDS - DOWN_AT)); break; }
  sleep 0.2
done
# One delivery by hand while the database is down, to see the whole answer.
BODY='{"meetingId":"by-hand","eventType":"Transcription completed"}'
SIG="sha256=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac "$HEX" | awk '{print $NF}')"
curl -s -m 10 -D "$WORK/res-db-503.headers" -o "$WORK/res-db-503.body" -H 'Content-Type: application/json' \
  -H "X-Hub-Signature: $SIG" -d "$BODY" "http://127.0.0.1:$PORT/webhooks/fireflies/$TOKEN_ID" || true
while (( SECONDS < DOWN_AT + OUTAGE )); do sleep 0.2; done
log "starting PostgreSQL again"
pg_cluster start
UP_AT=$SECONDS; GREEN=""
deadline=$((SECONDS + 30))
while (( SECONDS < deadline )); do
  [[ $(http_code "$READY") == 200 ]] && { GREEN=$((SECONDS - UP_AT)); break; }
  sleep 0.2
done
wait "$LOAD_PID" || true; LOAD_PID=""
# After the load: new deliveries are accepted again and the worker picks them up.
load_java WebhookLoad "http://127.0.0.1:$PORT" "$TOKEN_ID" "$HEX" after 20 2 "$WORK/res-db-after.txt" > "$WORK/res-db-after.summary" 2>&1

echo "load:  $(cat "$WORK/res-db-load.summary")"
echo "after: $(cat "$WORK/res-db-after.summary")"
count_status() { awk -v s="$2" '$3 == s' "$1" | wc -l; }
N503=$(count_status "$WORK/res-db-load.txt" 503); N500=$(count_status "$WORK/res-db-load.txt" 500); N0=$(count_status "$WORK/res-db-load.txt" 0)
N2XX=$(awk '$3 ~ /^2/' "$WORK/res-db-load.txt" | wc -l)
OTHER=$(awk '$3 !~ /^(2..|503)$/' "$WORK/res-db-load.txt" | wc -l)
MAX=$(awk 'BEGIN{m=0} $5 > m {m=$5} END{print m}' "$WORK/res-db-load.txt")
MAX503=$(awk 'BEGIN{m=0} $3 == 503 && $5 > m {m=$5} END{print m}' "$WORK/res-db-load.txt")
echo "during the run: $N2XX x 2xx, $N503 x 503, $N500 x 500, $N0 without answer; max latency $MAX ms (503s: max $MAX503 ms)"
check "requests met the outage and were answered 503 ($N503)" test "$N503" -gt 0
check "no 500 and no other status ($N500 x 500, $OTHER other)" test "$OTHER" -eq 0
check "every request answered, none hung ($N0 without answer)" test "$N0" -eq 0
check "max latency ${MAX} ms <= ${MAX_LATENCY_MS} ms" test "$MAX" -le "$MAX_LATENCY_MS"
check "503 is a problem document with Retry-After" \
  grep -qi '^retry-after: [0-9]' "$WORK/res-db-503.headers"
check "503 body is application/problem+json with status 503" \
  bash -c "grep -qi '^content-type: application/problem+json' '$WORK/res-db-503.headers' && grep -q '\"status\":503' '$WORK/res-db-503.body'"
check "readiness red (503) ${RED:-never}s after the stop" test -n "$RED"
check "readiness green again ${GREEN:-never}s after the start" test -n "$GREEN"
check "same process throughout (pid $APP_PID, no restart)" kill -0 "$APP_PID"
check "every delivery after recovery accepted (202)" test "$(count_status "$WORK/res-db-after.txt" 202)" -eq 20

# Every acknowledged delivery is stored, with the id it was acknowledged with.
awk '$3 ~ /^2/ {print $4}' "$WORK/res-db-load.txt" "$WORK/res-db-after.txt" | sort > "$WORK/res-db-acked.txt"
sql $DB "select id from webhook_delivery" | sort > "$WORK/res-db-stored.txt"
MISSING=$(comm -23 "$WORK/res-db-acked.txt" "$WORK/res-db-stored.txt" | wc -l)
check "all $(wc -l < "$WORK/res-db-acked.txt") acknowledged deliveries are in the database ($MISSING missing)" test "$MISSING" -eq 0

# Background jobs resumed: the worker processes every acknowledged delivery (those it had claimed
# when the database went away come back after their lease), and the access-cache listener is back.
deadline=$((SECONDS + 60))
until [[ $(sql $DB "select count(*) from webhook_delivery where status <> 'DONE'") == 0 ]] || (( SECONDS > deadline )); do sleep 1; done
echo "deliveries by status: $(sql $DB "select string_agg(status || '=' || n, ' ') from (select status, count(*) n from webhook_delivery group by 1) s")"
check "delivery worker resumed: every stored delivery processed (DONE)" \
  test "$(sql $DB "select count(*) from webhook_delivery where status <> 'DONE'")" -eq 0
check "each delivery's meeting stored once" \
  test "$(sql $DB "select count(*) from meeting")" -eq "$(sql $DB "select count(*) from webhook_delivery")"
deadline=$((SECONDS + 20))
until [[ $(sql $DB "select count(*) from pg_stat_activity where application_name = 'exponential-access-cache' and datname = '$DB'") == 1 ]] || (( SECONDS > deadline )); do sleep 0.5; done
check "access-cache listener reconnected" \
  test "$(sql $DB "select count(*) from pg_stat_activity where application_name = 'exponential-access-cache' and datname = '$DB'")" -eq 1
FRAMES=$(grep -c '^[[:space:]]*at ' "$WORK/res-db.log" || true)
WARNINGS=$(grep -c 'Database unavailable' "$WORK/res-db.log" || true)
echo "log: $(wc -l < "$WORK/res-db.log") lines, $WARNINGS 'Database unavailable' lines, $FRAMES stack-trace frames"
check "no stack-trace flood in the log ($FRAMES frames)" test "$FRAMES" -le 100
finish
