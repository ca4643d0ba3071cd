#!/usr/bin/env bash
# Resilience 2: kill -9 of the service while deliveries are being processed. A fake Fireflies answers
# each transcript query slowly, N signed deliveries are acknowledged, the service is killed mid-way
# and started again: every acknowledged delivery must end processed exactly once (one meeting and
# its two actions each, none missing, none twice); what the dead process held comes back when its
# claim lease runs out.
# Run: flock /tmp/maven.lock bench/resilience-kill.sh     (about 1 minute)
source "$(dirname "$0")/resilience-lib.sh"
PORT=18092 FF_PORT=18098 DB=exp_res_kill
N=${N:-60}
FF_DELAY_MS=${FF_DELAY_MS:-300}
LEASE=${LEASE:-8s}
build_jar; ensure_postgres; fresh_database $DB
cleanup() {
  [[ -n ${FF_PID:-} ]] && kill "$FF_PID" 2>/dev/null || true
  stop_app res-kill
}
trap cleanup EXIT
spawn_java FakeFireflies $FF_PORT "$FF_DELAY_MS" > "$WORK/res-kill-fireflies.log" 2>&1 &
FF_PID=$!
export FIREFLIES_URL=http://127.0.0.1:$FF_PORT/graphql EXPONENTIAL_FIREFLIES_WORKER_LEASE=$LEASE EXPONENTIAL_FIREFLIES_WORKER_POLL_INTERVAL=1s
start_app res-kill $PORT $DB
wait_ready $PORT
until curl -sf -o /dev/null "http://127.0.0.1:$FF_PORT/calls"; do sleep 0.2; done
read -r TOKEN_ID HEX < <(fireflies_user $PORT res-kill)

load_java WebhookLoad "http://127.0.0.1:$PORT" "$TOKEN_ID" "$HEX" kill "$N" 4 "$WORK/res-kill-load.txt" > "$WORK/res-kill-load.summary" 2>&1
echo "deliveries: $(cat "$WORK/res-kill-load.summary")"
done_count() { sql $DB "select count(*) from webhook_delivery where status = 'DONE'"; }
# Kill once a few are done and most are still to do.
deadline=$((SECONDS + 30))
until (( $(done_count) >= 5 )) || (( SECONDS > deadline )); do sleep 0.1; done
APP_PID=$(cat "$WORK/res-kill.pid")
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; rm -f "$WORK/res-kill.pid"
DONE_AT_KILL=$(done_count)
HELD_AT_KILL=$(sql $DB "select count(*) from webhook_delivery where status = 'PENDING' and claimed_until > now()")
echo "killed (kill -9) with $DONE_AT_KILL of $N done and $HELD_AT_KILL claimed by the dead process"
mv "$WORK/res-kill.log" "$WORK/res-kill-first.log"
RESTART=$SECONDS
start_app res-kill $PORT $DB
wait_ready $PORT
echo "restarted and ready in $((SECONDS - RESTART)) s"
deadline=$((SECONDS + 90))
until [[ $(done_count) == "$N" ]] || (( SECONDS > deadline )); do sleep 0.5; done
echo "all done $((SECONDS - RESTART)) s after the restart; fake Fireflies served $(curl -s "http://127.0.0.1:$FF_PORT/calls") transcript queries"

ACKED=$(awk '$3 == 202' "$WORK/res-kill-load.txt" | wc -l)
check "all $N deliveries acknowledged with 202 ($ACKED)" test "$ACKED" -eq "$N"
check "the kill happened mid-processing ($DONE_AT_KILL done, $HELD_AT_KILL held)" test "$DONE_AT_KILL" -lt "$N" -a "$HELD_AT_KILL" -gt 0
awk '$3 == 202 {print $4}' "$WORK/res-kill-load.txt" | sort > "$WORK/res-kill-acked.txt"
sql $DB "select id from webhook_delivery where status = 'DONE'" | sort > "$WORK/res-kill-done.txt"
MISSING=$(comm -23 "$WORK/res-kill-acked.txt" "$WORK/res-kill-done.txt" | wc -l)
check "every acknowledged delivery processed ($MISSING not DONE)" test "$MISSING" -eq 0
MEETINGS=$(sql $DB "select count(*) from meeting"); DISTINCT=$(sql $DB "select count(distinct fireflies_id) from meeting")
check "one meeting per delivery: $MEETINGS meetings, $DISTINCT distinct, $N expected" test "$MEETINGS" -eq "$N" -a "$DISTINCT" -eq "$N"
ACTIONS=$(sql $DB "select count(*) from action"); DISTINCT_ACTIONS=$(sql $DB "select count(distinct (meeting_id, title)) from action")
check "two actions per meeting, none twice: $ACTIONS actions ($DISTINCT_ACTIONS distinct), $((2 * N)) expected" \
  test "$ACTIONS" -eq $((2 * N)) -a "$DISTINCT_ACTIONS" -eq $((2 * N))
RETRIED=$(sql $DB "select count(*) from webhook_delivery where attempts > 1")
check "the dead process's claims were handed back by the lease ($RETRIED deliveries took a second attempt)" test "$RETRIED" -ge 1
finish
