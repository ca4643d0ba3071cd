#!/usr/bin/env bash
# Benchmark 4: scale. Two instances of the service side by side, each on a database of its own:
#   small: the measured user has 10 tokens, and 100 users have a Hex Key;
#   big:   the measured user has 10,000 tokens, and 100,000 users have a Hex Key.
# Measured in interleaved rounds with wrk (medians): the Tokens page (GET /tokens, session cookie),
# GET /api/v1/tokens (Bearer JWT), and signed webhooks POST /webhooks/fireflies/{tokenId}. Prints
# big/small ratios (flat = near 1) and EXPLAIN of the look-ups. Bulk rows are inserted with SQL; only
# the measured user's Hex Key is real (the others have random digests and ciphertexts). Both instances
# run with the access cache off, so every webhook and every API call reads the database (the look-up
# itself is measured, not the cache), and with the rate limit off (it would stop wrk, not the list).
source "$(dirname "$0")/lib.sh"
require wrk curl psql
DURATION=${DURATION:-4}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-8}
declare -A PORTS=([small]=18083 [big]=18084) TOKENS=([small]=10 [big]=10000) KEYS=([small]=100 [big]=100000)
build_jar; ensure_postgres
trap 'stop_app scale-small; stop_app scale-big' EXIT
for size in small big; do
  fresh_database "exp_bench_scale_$size"
  EXPONENTIAL_ACCESS_CACHE_ENABLED=false start_app "scale-$size" "${PORTS[$size]}" "exp_bench_scale_$size" \
    -Dexponential.rate-limit.enabled=false
done
declare -A COOKIE JWT HEX HEXID
for size in small big; do
  port=${PORTS[$size]} db=exp_bench_scale_$size jar=$WORK/scale-$size.jar
  wait_ready "$port"
  sign_up "$port" "$jar"
  COOKIE[$size]="exp_session=$(awk '$6 == "exp_session" {print $7}' "$jar")"
  JWT[$size]=$(new_token "$port" "$jar" JWT)
  created=$(curl -s -b "$jar" -H 'Content-Type: application/json' -d '{"name":"bench","type":"HEX","expiresIn":"24h"}' "http://127.0.0.1:$port/api/v1/tokens")
  HEXID[$size]=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$created")
  HEX[$size]=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$created")
  [[ -n ${JWT[$size]} && -n ${HEX[$size]} && ${COOKIE[$size]} != exp_session= ]] || { log "could not set up the $size account"; exit 1; }
  log "$size: inserting $((TOKENS[$size] - 2)) more tokens for the user and $((KEYS[$size] - 1)) other users' Hex Keys"
  psql -h 127.0.0.1 -U postgres -q -v ON_ERROR_STOP=1 -v hexid="${HEXID[$size]}" -v tokens="$((TOKENS[$size] - 2))" -v keys="$((KEYS[$size] - 1))" "$db" <<'SQL'
insert into api_token (id, user_id, name, type, created_at, expires_at, hint)
select gen_random_uuid(), t.user_id, 'bulk ' || n, 'JWT', now() - n * interval '1 second', now() + interval '30 days', 'abcd'
from api_token t, generate_series(1, :tokens) n where t.id = :'hexid';
create temp table others as select gen_random_uuid() as id, n from generate_series(1, :keys) n;
insert into app_user (id, email, name, password_hash, created_at)
select id, 'other-' || n || '@example.com', 'Other ' || n, 'x', now() from others;
insert into api_token (id, user_id, name, type, created_at, expires_at, hint, secret_digest, secret_ciphertext)
select gen_random_uuid(), id, 'key', 'HEX', now(), now() + interval '30 days', 'abcd',
       encode(sha256(convert_to(id::text, 'UTF8')), 'hex'), encode(gen_random_uuid()::text::bytea, 'base64')
from others;
analyze;
SQL
done

# A second account with 10 tokens on the big instance: both list sizes measured on the same JVM and
# database, which separates the list's size from differences between two instances.
PORTS[same]=${PORTS[big]}
sign_up "${PORTS[big]}" "$WORK/scale-same.jar"
COOKIE[same]="exp_session=$(awk '$6 == "exp_session" {print $7}' "$WORK/scale-same.jar")"
JWT[same]=$(new_token "${PORTS[big]}" "$WORK/scale-same.jar" JWT)
for i in $(seq 9); do new_token "${PORTS[big]}" "$WORK/scale-same.jar" HEX >/dev/null; done

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else {sub(/s/,"",v); print v*1000} }'; }
measure() { # measure SIZE WHAT SECONDS: prints "rps p50ms p99ms"
  local size=$1 port=${PORTS[$1]} out
  case $2 in
    page) out=$(wrk -t2 -c"$CONNECTIONS" -d"$3s" --latency -H "Cookie: ${COOKIE[$size]}" "http://127.0.0.1:$port/tokens") ;;
    api) out=$(wrk -t2 -c"$CONNECTIONS" -d"$3s" --latency -H "Authorization: Bearer ${JWT[$size]}" "http://127.0.0.1:$port/api/v1/tokens") ;;
    api10) out=$(wrk -t2 -c"$CONNECTIONS" -d"$3s" --latency -H "Authorization: Bearer ${JWT[$size]}" "http://127.0.0.1:$port/api/v1/tokens?limit=10") ;;
    webhook)
      java "$ROOT/bench/SignedBodies.java" "${HEX[$size]}" "scale-$size-$RANDOM$RANDOM" 60000 "$WORK/scale-bodies.txt"
      out=$(wrk -t2 -c"$CONNECTIONS" -d"$3s" --latency -s "$ROOT/bench/webhook.lua" "http://127.0.0.1:$port/webhooks/fireflies/${HEXID[$size]}" \
        -- "$WORK/scale-bodies.txt" 2 "$WORK/scale-ids") ;;
  esac
  if grep -q "Non-2xx" <<<"$out" || grep -Eq 'other=[1-9]' <<<"$out"; then log "$size $2: answers other than 2xx!"; fi
  [[ $2 != webhook ]] || drain "$size"
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")") $(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")"
}
# The worker parks each delivery as Setup Required (no Fireflies set-up): wait until it has, so its
# work does not slow the next measurement (bounded wait).
drain() {
  local deadline=$((SECONDS + 120))
  while (( $(psql -h 127.0.0.1 -U postgres -tA -c "select count(*) from webhook_delivery where status = 'PENDING'" "exp_bench_scale_$1") > 0 )); do
    (( SECONDS < deadline )) || { log "$1: worker still busy after 120 s"; return 0; }
    sleep 0.5
  done
}
# What the page and the API show really is the first page of a long list.
for size in small big; do
  shown=$(curl -s -H "Authorization: Bearer ${JWT[$size]}" "http://127.0.0.1:${PORTS[$size]}/api/v1/tokens" | grep -o '"id"' | wc -l)
  next=$(curl -s -D - -o /dev/null -H "Authorization: Bearer ${JWT[$size]}" "http://127.0.0.1:${PORTS[$size]}/api/v1/tokens" | grep -ci '^link:.*rel="next"' || true)
  log "$size: first API page shows $shown tokens, Link rel=next: $next"
done
log "warm-up"
for size in small big; do for what in page api api10 webhook; do measure "$size" "$what" 3 >/dev/null; done; done
for round in $(seq "$ROUNDS"); do
  order="small big"; (( round % 2 )) || order="big small"   # alternate which goes first
  for what in page api api10 webhook; do
    for size in $order; do measure "$size" "$what" "$DURATION" >> "$WORK/scale-$size-$what.txt.$$"; done
  done
  for size in same big; do measure "$size" api10 "$DURATION" >> "$WORK/scale-$size-same10.txt.$$"; done
done
col() { awk -v c="$2" '{print $c}' "$1" | median; }
printf 'medians of %s rounds of %ss, wrk -t2 -c%s; small = 10 tokens / 100 Hex Keys, big = 10,000 tokens / 100,000 Hex Keys\n' "$ROUNDS" "$DURATION" "$CONNECTIONS"
printf '%-34s %9s %9s %8s %8s %8s %8s %7s %7s\n' measurement small/s big/s p50small p50big p99small p99big "rps b/s" "p50 b/s"
for what in page api api10 webhook; do
  s=$WORK/scale-small-$what.txt.$$ b=$WORK/scale-big-$what.txt.$$
  case $what in page) label="Tokens page GET /tokens";; api) label="GET /api/v1/tokens (JWT)";; api10) label="GET /api/v1/tokens?limit=10 (JWT)";; webhook) label="signed webhook (key look-up)";; esac
  awk -v l="$label" -v rs="$(col "$s" 1)" -v rb="$(col "$b" 1)" -v ps="$(col "$s" 2)" -v pb="$(col "$b" 2)" -v qs="$(col "$s" 3)" -v qb="$(col "$b" 3)" \
    'BEGIN { printf "%-34s %9.0f %9.0f %8.2f %8.2f %8.2f %8.2f %7.2f %7.2f\n", l, rs, rb, ps, pb, qs, qb, rb / rs, pb / ps }'
done
s=$WORK/scale-same-same10.txt.$$ b=$WORK/scale-big-same10.txt.$$
awk -v l="same instance: ?limit=10, 10 vs 10,000" -v rs="$(col "$s" 1)" -v rb="$(col "$b" 1)" -v ps="$(col "$s" 2)" -v pb="$(col "$b" 2)" -v qs="$(col "$s" 3)" -v qb="$(col "$b" 3)" \
  'BEGIN { printf "%-34s %9.0f %9.0f %8.2f %8.2f %8.2f %8.2f %7.2f %7.2f\n", l, rs, rb, ps, pb, qs, qb, rb / rs, pb / ps }'
rm -f "$WORK"/scale-*.txt.$$

echo "EXPLAIN of the look-ups on the big database:"
psql -h 127.0.0.1 -U postgres -q -v hexid="${HEXID[big]}" exp_bench_scale_big <<'SQL' | sed 's/^/  /'
select user_id as uid from api_token where id = :'hexid' \gset
\echo '-- webhook: the Hex Key named in the path (primary key)'
explain (analyze, costs off, timing off, summary off) select * from api_token where id = :'hexid';
\echo '-- static-secret webhook: the Hex Key found by its digest (unique index)'
explain (analyze, costs off, timing off, summary off) select * from api_token where secret_digest = encode(sha256('x'), 'hex') and type = 'HEX';
\echo '-- Tokens page and API: first page of 10,000 (keyset index)'
explain (analyze, costs off, timing off, summary off) select * from api_token where user_id = :'uid' and revoked_at is null order by created_at desc, id desc limit 51;
SQL
