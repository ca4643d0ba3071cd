#!/usr/bin/env bash
# Resilience 3: two instances on one database under load (signed deliveries to both, Bearer API
# calls to both). No delivery may be processed twice (one Fireflies fetch, one meeting and two
# actions each), and a JWT revoked on one instance must be refused by the other on the very next
# request (the access cache of each replica is invalidated by PostgreSQL NOTIFY, and the revoking
# call answers only once the broadcast went out).
# Run: flock /tmp/maven.lock bench/resilience-two-instances.sh     (about 1 minute)
source "$(dirname "$0")/resilience-lib.sh"
require wrk curl psql
PORT_A=18093 PORT_B=18094 FF_PORT=18097 DB=exp_res_two
N=${N:-300}
ROUNDS=${ROUNDS:-10}
build_jar; ensure_postgres; fresh_database $DB
cleanup() {
  [[ -n ${FF_PID:-} ]] && kill "$FF_PID" 2>/dev/null || true
  [[ -n ${LOAD_PID:-} ]] && kill "$LOAD_PID" 2>/dev/null || true
  [[ -n ${WRK_A:-} ]] && kill "$WRK_A" 2>/dev/null || true
  [[ -n ${WRK_B:-} ]] && kill "$WRK_B" 2>/dev/null || true
  stop_app res-two-a; stop_app res-two-b
}
trap cleanup EXIT
spawn_java FakeFireflies $FF_PORT 20 > "$WORK/res-two-fireflies.log" 2>&1 &
FF_PID=$!
# The Bearer load would exceed the per-token hourly limit (then 429) within seconds: lift it for this run.
export FIREFLIES_URL=http://127.0.0.1:$FF_PORT/graphql EXPONENTIAL_FIREFLIES_WORKER_POLL_INTERVAL=1s EXPONENTIAL_RATE_LIMIT_REQUESTS=10000000
start_app res-two-a $PORT_A $DB
wait_ready $PORT_A
start_app res-two-b $PORT_B $DB
wait_ready $PORT_B
until curl -sf -o /dev/null "http://127.0.0.1:$FF_PORT/calls"; do sleep 0.2; done
read -r TOKEN_ID HEX < <(fireflies_user $PORT_A res-two)
JAR=$WORK/res-two.cookies
new_jwt() { curl -s -b "$JAR" -H 'Content-Type: application/json' -d '{"name":"two","type":"JWT","expiresIn":"1h"}' \
  "http://127.0.0.1:$PORT_A/api/v1/tokens"; }
LOAD_JWT=$(new_jwt | json token)

# Load: deliveries alternating between A and B, and Bearer calls on both.
spawn_java WebhookLoad "http://127.0.0.1:$PORT_A,http://127.0.0.1:$PORT_B" "$TOKEN_ID" "$HEX" two "$N" 4 "$WORK/res-two-load.txt" 10 \
  > "$WORK/res-two-load.summary" 2>&1 &
LOAD_PID=$!
wrk -t1 -c4 -d12s -H "Authorization: Bearer $LOAD_JWT" "http://127.0.0.1:$PORT_A/api/v1/me" > "$WORK/res-two-wrk-a.txt" 2>&1 &
WRK_A=$!
wrk -t1 -c4 -d12s -H "Authorization: Bearer $LOAD_JWT" "http://127.0.0.1:$PORT_B/api/v1/me" > "$WORK/res-two-wrk-b.txt" 2>&1 &
WRK_B=$!

# Revocation, both ways, under that load: the token works on both (so both have it cached as live),
# is revoked on one, and the very next request on the other must be 401.
LATE=0
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then ON=$PORT_A OTHER=$PORT_B; else ON=$PORT_B OTHER=$PORT_A; fi
  created=$(new_jwt); ID=$(json id <<<"$created"); JWT=$(json token <<<"$created")
  before_on=$(http_code "http://127.0.0.1:$ON/api/v1/me" -H "Authorization: Bearer $JWT")
  before_other=$(http_code "http://127.0.0.1:$OTHER/api/v1/me" -H "Authorization: Bearer $JWT")
  revoke=$(http_code "http://127.0.0.1:$ON/api/v1/tokens/$ID" -X DELETE -H "Authorization: Bearer $JWT")
  after=$(http_code "http://127.0.0.1:$OTHER/api/v1/me" -H "Authorization: Bearer $JWT")
  echo "round $round: revoke on :$ON ($revoke) - before $before_on/$before_other - next request on :$OTHER -> $after"
  [[ $before_on == 200 && $before_other == 200 && $revoke == 204 && $after == 401 ]] || LATE=$((LATE + 1))
done
wait "$LOAD_PID"; LOAD_PID=""
wait "$WRK_A" "$WRK_B" || true; WRK_A=""; WRK_B=""
echo "deliveries: $(cat "$WORK/res-two-load.summary")"
BEARER_BAD=0
for side in a b; do
  bad=$(awk '/Non-2xx/ {print $NF}' "$WORK/res-two-wrk-$side.txt"); BEARER_BAD=$((BEARER_BAD + ${bad:-0}))
  echo "bearer load on $side: $(awk '/requests in/ {print $1}' "$WORK/res-two-wrk-$side.txt") requests, $(awk '/Requests\/sec/ {print $2}' "$WORK/res-two-wrk-$side.txt") req/s, ${bad:-0} non-2xx"
done
deadline=$((SECONDS + 60))
until [[ $(sql $DB "select count(*) from webhook_delivery where status <> 'DONE'") == 0 ]] || (( SECONDS > deadline )); do sleep 0.5; done
CALLS=$(curl -s "http://127.0.0.1:$FF_PORT/calls")

check "revocation seen by the other instance on the very next request ($((ROUNDS - LATE))/$ROUNDS rounds)" test "$LATE" -eq 0
check "Bearer load answered 200 throughout on both instances ($BEARER_BAD non-2xx)" test "$BEARER_BAD" -eq 0
ACKED=$(awk '$3 == 202' "$WORK/res-two-load.txt" | wc -l)
check "all $N deliveries acknowledged with 202 by either instance ($ACKED)" test "$ACKED" -eq "$N"
DONE=$(sql $DB "select count(*) from webhook_delivery where status = 'DONE'")
check "all deliveries processed ($DONE DONE)" test "$DONE" -eq "$N"
check "each transcript fetched from Fireflies once ($CALLS fetches for $N deliveries)" test "$CALLS" -eq "$N"
MEETINGS=$(sql $DB "select count(*) from meeting"); DISTINCT=$(sql $DB "select count(distinct fireflies_id) from meeting")
check "one meeting per delivery ($MEETINGS, $DISTINCT distinct)" test "$MEETINGS" -eq "$N" -a "$DISTINCT" -eq "$N"
ACTIONS=$(sql $DB "select count(*) from action")
check "two actions per meeting ($ACTIONS for $N meetings)" test "$ACTIONS" -eq $((2 * N))
ONCE=$(sql $DB "select count(*) from webhook_delivery where attempts <> 1")
check "every delivery claimed exactly once ($ONCE claimed more than once)" test "$ONCE" -eq 0
finish
