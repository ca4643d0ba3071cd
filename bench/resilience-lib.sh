#!/usr/bin/env bash
# Helpers shared by the resilience scripts (bench/resilience-*.sh), on top of bench/lib.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FAILURES=0
pass() { printf 'PASS  %s\n' "$*"; }
fail() { printf 'FAIL  %s\n' "$*"; FAILURES=$((FAILURES + 1)); }
check() { # check "what" CONDITION...: PASS or FAIL line depending on the command's exit status
  local what=$1; shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
finish() {
  if (( FAILURES == 0 )); then echo "RESULT: PASS"; else echo "RESULT: FAIL ($FAILURES failed checks)"; exit 1; fi
}

# Runs SQL against the run's database and prints the single value (or rows) it answers.
sql() { psql -h 127.0.0.1 -U postgres -d "$1" -At -c "$2"; }


# json FIELD: reads a JSON document on stdin and prints one top-level field (a.b for nested ones).
json() { python3 -c 'import json,sys
v=json.load(sys.stdin)
for k in sys.argv[1].split("."): v=v[int(k)] if isinstance(v,list) else v[k]
print(v)' "$1"; }

# http_code URL [curl args...]: the status code only (000 when nothing answered).
http_code() { local url=$1; shift; curl -s -o /dev/null -m 10 -w '%{http_code}' "$@" "$url" || true; }

# fireflies_user PORT NAME: signs up, creates a Hex Key, and (when a fake Fireflies runs) saves the
# Fireflies set-up with it; leaves the session in $WORK/NAME.cookies and prints "TOKEN_ID HEX_KEY".
fireflies_user() {
  local port=$1 jar=$WORK/$2.cookies created token_id hex workspace csrf code
  sign_up "$port" "$jar"
  created=$(curl -s -b "$jar" -H 'Content-Type: application/json' \
    -d '{"name":"resilience","type":"HEX","expiresIn":"24h"}' "http://127.0.0.1:$port/api/v1/tokens")
  token_id=$(json id <<<"$created"); hex=$(json token <<<"$created")
  workspace=$(curl -s -b "$jar" "http://127.0.0.1:$port/api/v1/me" | json workspaces.0.id)
  csrf=$(curl -s -b "$jar" -c "$jar" "http://127.0.0.1:$port/workflows" | sed -n 's/.*name="csrf-token" value="\([^"]*\)".*/\1/p' | head -1)
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" --data-urlencode "csrf-token=$csrf" \
    --data-urlencode "apiKey=ff-bench-key-0001" --data-urlencode "tokenId=$token_id" --data-urlencode "workspaceId=$workspace" \
    "http://127.0.0.1:$port/workflows/fireflies")
  [[ $code == 303 ]] || log "Fireflies set-up answered $code"
  echo "$token_id $hex"
}

# load_java NAME ARGS...: runs one of the single-file Java tools of bench/.
load_java() { local tool=$1; shift; java -Xmx256m "$ROOT/bench/$tool.java" "$@"; }
# spawn_java TOOL ARGS... &: the same in the background, where $! is the java process itself (so the
# trap can kill it) and the flock descriptor is not inherited (a stray process would keep the lock).
spawn_java() {
  local tool=$1; shift
  for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null; done
  exec java -Xmx256m "$ROOT/bench/$tool.java" "$@"
}
