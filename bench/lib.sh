#!/usr/bin/env bash
# Shared helpers of the benchmark and resilience scripts: build the jar once, run it against the
# machine's PostgreSQL (started if down) with throw-away secrets, and make accounts and tokens.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${BENCH_WORK:-$ROOT/target/bench}
PG_URL_BASE=${BENCH_PG:-jdbc:postgresql://127.0.0.1:5432}
mkdir -p "$WORK"

log() { printf '[bench] %s\n' "$*" >&2; }

# require TOOL...: stops with the package to install when a tool is missing (Debian package names).
require() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { log "$tool is missing: apt-get install $(case $tool in pgbench|psql) echo postgresql-client;; *) echo "$tool";; esac)"; exit 1; }
  done
}

build_jar() {
  if [[ ! -f $ROOT/target/quarkus-app/quarkus-run.jar || -n ${BENCH_REBUILD:-} ]]; then
    log "building the application jar"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)
  fi
}

# pg_cluster start|stop: the machine's PostgreSQL. Scripts run under `flock /tmp/maven.lock`, whose
# lock lives as long as any process holds the lock file open: the server must not inherit that (or any
# other) descriptor, or it would keep the lock after the script ended and block every later build.
pg_cluster() {
  ( for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; (( fd > 2 )) && eval "exec $fd>&-" 2>/dev/null; done
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main "$1" )
}

ensure_postgres() {
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    log "starting the machine's PostgreSQL"
    pg_cluster start
  fi
}

# fresh_database NAME: drops and creates a database for one run.
fresh_database() {
  psql -h 127.0.0.1 -U postgres -q -c "drop database if exists $1" -c "create database $1" postgres >/dev/null
}

make_secrets() {
  if [[ ! -f $WORK/jwt.pem ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/jwt.pem" 2>/dev/null
    head -c 32 /dev/urandom | base64 > "$WORK/enc.key"
    head -c 32 /dev/urandom | base64 > "$WORK/session.key"
  fi
}

# The pod's memory settings (k8s/base/deployment.yaml): a 512 MiB limit, heap at half of it.
JAVA_MEMORY=(-XX:MaxRAM=512m -XX:MaxRAMPercentage=50)

# start_app NAME PORT DATABASE [extra java args...]: starts the packaged app in the prod profile.
start_app() {
  local name=$1 port=$2 db=$3; shift 3
  make_secrets
  local cds=()
  # The class-data-sharing archive made at package time (quarkus.package.jar.appcds.enabled), as the image uses it.
  # It matches only when started from the application's folder with the relative jar path.
  [[ -f $ROOT/target/quarkus-app/app-cds.jsa ]] && cds=(-XX:SharedArchiveFile=app-cds.jsa -Xshare:auto)
  EXPONENTIAL_JWT_SIGNING_KEY_FILE=$WORK/jwt.pem \
  EXPONENTIAL_ENCRYPTION_KEY=$(cat "$WORK/enc.key") \
  EXPONENTIAL_SESSION_KEY=$(cat "$WORK/session.key") \
  EXPONENTIAL_FIREFLIES_API_URL=${FIREFLIES_URL:-http://127.0.0.1:9/graphql} \
  QUARKUS_DATASOURCE_JDBC_URL=$PG_URL_BASE/$db \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres \
  QUARKUS_HTTP_PORT=$port QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    bash -c 'cd "$0" && exec java "$@"' "$ROOT/target/quarkus-app" "${JAVA_MEMORY[@]}" "${cds[@]}" "$@" -jar quarkus-run.jar > "$WORK/$name.log" 2>&1 &
  echo $! > "$WORK/$name.pid"
}

# wait_ready PORT [SECONDS]: polls readiness until it answers 200.
wait_ready() {
  local port=$1 deadline=$((SECONDS + ${2:-60}))
  until curl -sf -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
    if (( SECONDS > deadline )); then log "not ready on $port"; return 1; fi
    sleep 0.1
  done
}

stop_app() {
  local pidfile=$WORK/$1.pid
  [[ -f $pidfile ]] || return 0
  kill "$(cat "$pidfile")" 2>/dev/null || true
  wait "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
}

# sign_up PORT COOKIEJAR: creates an account and leaves its session in the cookie jar.
sign_up() {
  local port=$1 jar=$2 csrf
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/signup" | sed -n 's/.*name="csrf-token" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf-token=$csrf" --data-urlencode "name=Bench" \
    --data-urlencode "email=bench-$RANDOM$RANDOM@example.com" --data-urlencode "password=benchmark password" \
    "http://127.0.0.1:$port/signup"
}

# new_token PORT COOKIEJAR TYPE: prints a fresh token value.
new_token() {
  curl -s -b "$2" -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench\",\"type\":\"$3\",\"expiresIn\":\"24h\"}" "http://127.0.0.1:$1/api/v1/tokens" \
    | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

# rss_mib PID: resident memory in MiB.
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
