#!/usr/bin/env bash
# Benchmark 2: webhook ingestion. CONCURRENCY clients post signed Fireflies deliveries (each with a
# meeting id of its own, so none is a duplicate) at full speed to POST /webhooks/fireflies/{tokenId};
# side by side, pgbench commits single-row INSERTs of the same size into a copy of the
# webhook_delivery table (same columns, keys and indexes) in a database of its own, at the same
# concurrency: the raw ceiling of this PostgreSQL. Warm-up, then 3 interleaved rounds; prints medians,
# the ratio, and checks that every 202 is a row in webhook_delivery (zero lost).
#
# The bench account has no Fireflies set-up, so each delivery is stored as waiting for it (Setup
# Required) by the intake itself; the worker runs, as in production, but has nothing to claim.
# FIREFLIES_URL stays lib.sh's closed port, a safety net: a call would fail at once.
source "$(dirname "$0")/lib.sh"
require wrk pgbench curl psql
DURATION=${DURATION:-5}
CONCURRENCY=${CONCURRENCY:-16}
BODIES=${BODIES:-100000}   # signed deliveries prepared per round: more than a round can send
ROUNDS=${ROUNDS:-3}
# On 2 cores shared with PostgreSQL and wrk, the JIT compiles for about a minute under this load
# before the rate settles (compilations per 5 s fall from ~7,000 to a few hundred): shorter warm-ups
# measure the compiler, not the service.
WARMUP=${WARMUP:-60}
PORT=18082
build_jar; ensure_postgres
fresh_database exp_bench_webhooks
fresh_database exp_bench_pgraw
trap 'stop_app webhooks' EXIT
start_app webhooks $PORT exp_bench_webhooks
wait_ready $PORT
sign_up $PORT "$WORK/webhooks.jar"
CREATED=$(curl -s -b "$WORK/webhooks.jar" -H 'Content-Type: application/json' \
  -d '{"name":"bench","type":"HEX","expiresIn":"24h"}' "http://127.0.0.1:$PORT/api/v1/tokens")
TOKEN_ID=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$CREATED")
HEX=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$CREATED")
[[ -n $TOKEN_ID && -n $HEX ]] || { log "could not create a Hex Key"; exit 1; }
URL="http://127.0.0.1:$PORT/webhooks/fireflies/$TOKEN_ID"

# The raw ceiling: the same table shape, one row per transaction, autocommit, prepared statements.
psql -h 127.0.0.1 -U postgres -q exp_bench_pgraw >/dev/null <<'SQL'
create table webhook_delivery (
    id uuid primary key, token_id uuid not null, user_id uuid not null, event varchar(40) not null,
    fireflies_meeting_id varchar(100) not null, client_reference_id varchar(100), payload text not null,
    status varchar(20) not null check (status in ('PENDING', 'SETUP_REQUIRED', 'DONE', 'IGNORED', 'FAILED')),
    attempts integer not null default 0, next_attempt_at timestamp(6) with time zone not null,
    retry_since timestamp(6) with time zone not null, claim_id uuid, claimed_until timestamp(6) with time zone,
    last_error varchar(500), meeting_id uuid, processed_at timestamp(6) with time zone,
    created_at timestamp(6) with time zone not null,
    constraint webhook_delivery_event_key unique (user_id, event, fireflies_meeting_id));
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_token_idx on webhook_delivery (token_id, created_at desc);
create index webhook_delivery_setup_idx on webhook_delivery (user_id) where status = 'SETUP_REQUIRED';
SQL
cat > "$WORK/pgraw.sql" <<'SQL'
\set n random(1, 2000000000)
insert into webhook_delivery (id, token_id, user_id, event, fireflies_meeting_id, client_reference_id, payload, status, attempts, next_attempt_at, retry_since, created_at)
values (gen_random_uuid(), '6f9619ff-8b86-d011-b42d-00cf4fc964ff', '7f9619ff-8b86-d011-b42d-00cf4fc964ff', 'meeting.transcribed', 'raw-' || :client_id || '-' || :n || '-' || gen_random_uuid(), 'bench-' || :client_id,
        '{"event":"meeting.transcribed","timestamp":1700000000000,"meeting_id":"raw-' || :n || '-00000000","client_reference_id":"bench-' || :client_id || '"}',
        'PENDING', 0, now(), now(), now());
SQL

# The worker parks each delivery as Setup Required, slower than they arrive: wait until it has caught
# up (bounded) so that it does not share the CPU with the raw-ceiling measurement.
drain() {
  local deadline=$((SECONDS + 180)) start=$SECONDS
  while (( $(psql -h 127.0.0.1 -U postgres -tA -c "select count(*) from webhook_delivery where status = 'PENDING'" exp_bench_webhooks) > 0 )); do
    (( SECONDS < deadline )) || { log "worker still busy after 180 s"; return 0; }
    sleep 1
  done
  log "worker caught up in $((SECONDS - start)) s"
}
# One round of signed deliveries with wrk (bodies signed beforehand, so the client only sends).
app_round() { # app_round SECONDS NAME: prints "rps p50ms p99ms", adds the 202s to the total and their ids to the list
  local out accepted
  java "$ROOT/bench/SignedBodies.java" "$HEX" "bench-$2" "$BODIES" "$WORK/webhooks-bodies.txt"
  rm -f "$WORK/webhooks-ids-$2"-*
  out=$(wrk -t2 -c"$CONCURRENCY" -d"$1s" --latency -s "$ROOT/bench/webhook.lua" "$URL" -- "$WORK/webhooks-bodies.txt" 2 "$WORK/webhooks-ids-$2")
  accepted=$(sed -n 's/^accepted=\([0-9]*\).*/\1/p' <<<"$out")
  log "app $2: $(grep -E '^accepted' <<<"$out")"
  grep -q ' other=0 ' <<<"$out" || log "app $2: answers other than 202!"
  cat "$WORK/webhooks-ids-$2"-* >> "$WORK/webhooks-ids.txt"
  echo $(( $(cat "$WORK/webhooks-accepted") + accepted )) > "$WORK/webhooks-accepted"
  awk -v a="$accepted" -v d="$1" -v p50="$(awk '$1=="50%" {print $2}' <<<"$out")" -v p99="$(awk '$1=="99%" {print $2}' <<<"$out")" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    BEGIN { printf "%.1f %.2f %.2f\n", a / d, ms(p50), ms(p99) }'
}
pg_round() { # prints "tps"
  local out
  drain
  out=$(pgbench -h 127.0.0.1 -U postgres -n -M prepared -c "$CONCURRENCY" -j 2 -T "$1" -f "$WORK/pgraw.sql" exp_bench_pgraw 2>&1)
  log "pgbench: $(grep -E '^tps|latency average' <<<"$out" | tr '\n' ' ')"
  awk '/^tps/ {print $3; exit}' <<<"$out"
}

echo 0 > "$WORK/webhooks-accepted"; : > "$WORK/webhooks-ids.txt"
log "warm-up"
BODIES=$((WARMUP * 12000)) app_round "$WARMUP" warm >/dev/null; pg_round 3 >/dev/null
: > "$WORK/webhooks-app.txt"; : > "$WORK/webhooks-pg.txt"
for round in $(seq "$ROUNDS"); do
  app_round "$DURATION" "r$round" >> "$WORK/webhooks-app.txt"
  pg_round "$DURATION" >> "$WORK/webhooks-pg.txt"
done
col() { awk -v c="$2" '{print $c}' "$1" | median; }
A=$(col "$WORK/webhooks-app.txt" 1); P=$(col "$WORK/webhooks-pg.txt" 1)
printf 'concurrency %s, %s rounds of %ss, medians\n' "$CONCURRENCY" "$ROUNDS" "$DURATION"
printf '%-44s %10s %8s %8s\n' measurement per-sec p50ms p99ms
printf '%-44s %10.0f %8s %8s\n' "signed webhooks accepted (202)" "$A" "$(col "$WORK/webhooks-app.txt" 2)" "$(col "$WORK/webhooks-app.txt" 3)"
printf '%-44s %10.0f\n' "raw PostgreSQL single-row INSERT commits" "$P"
awk -v a="$A" -v p="$P" 'BEGIN { r = a / p; printf "ratio webhooks/raw = %.2f (target >= 0.50: %s)\n", r, (r >= 0.5 ? "met" : "NOT met") }'

# Zero lost: the delivery id of every 202 is a row of webhook_delivery. Requests still in flight when
# wrk stopped were never answered; the service may have stored them, so they may add rows.
SENT=$(cat "$WORK/webhooks-accepted")
FOUND=$(psql -h 127.0.0.1 -U postgres -tA exp_bench_webhooks <<SQL | tail -1
create temp table acked (id uuid);
\\copy acked from '$WORK/webhooks-ids.txt'
select count(distinct a.id) from acked a join webhook_delivery d on d.id = a.id;
SQL
)
STORED=$(psql -h 127.0.0.1 -U postgres -tA -c "select count(*) from webhook_delivery where token_id = '$TOKEN_ID'" exp_bench_webhooks)
echo "202 answers: $SENT; their deliveries found in the database: $FOUND ($([[ $SENT == "$FOUND" ]] && echo 'zero lost' || echo 'LOST SOME'));" \
  "rows stored: $STORED (the difference: requests in flight when a wrk round stopped)"
psql -h 127.0.0.1 -U postgres -tA -F ' ' -c "select status, count(*) from webhook_delivery group by status order by 1" exp_bench_webhooks \
  | sed 's/^/  worker status: /'
[[ $SENT == "$FOUND" && $SENT -gt 0 ]]
