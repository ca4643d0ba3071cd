#!/usr/bin/env bash
# Benchmark 3: time from process start to the first 200 of /q/health/ready (database checked), and
# RSS after start, against a bare Quarkus REST app (first 200 of /hello) built in the same run;
# 5 interleaved starts each, medians. RSS after load comes from bench/bearer.sh when it ran before.
source "$(dirname "$0")/lib.sh"
ROUNDS=${ROUNDS:-5}
build_jar; ensure_postgres; fresh_database exp_bench_startup
BARE=$ROOT/bench/bare-app
# Built like ours (build_jar): with the class-data-sharing archive of quarkus.package.jar.appcds.enabled.
if [[ ! -f $BARE/target/quarkus-app/app-cds.jsa || -n ${BENCH_REBUILD:-} ]]; then
  log "building the bare reference app"
  (cd "$ROOT" && ./mvnw -B -q -f bench/bare-app/pom.xml package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)
fi
JVM_OPTS=(-XX:MaxRAMPercentage=50 -XX:MaxRAM=512m)

# start_and_time NAME URL: prints "milliseconds rss_mib" for one cold start.
start_and_time() {
  local name=$1 url=$2 begin end pid
  begin=$(date +%s%N)
  if [[ $name == app ]]; then
    start_app startup 18082 exp_bench_startup "${JVM_OPTS[@]}"; pid=$(cat "$WORK/startup.pid")
  else
    # The archive matches only when started from the application's folder with the relative jar path (as start_app does).
    (cd "$BARE/target/quarkus-app" && QUARKUS_HTTP_PORT=18083 exec java "${JVM_OPTS[@]}" -XX:SharedArchiveFile=app-cds.jsa -Xshare:auto -jar quarkus-run.jar) > "$WORK/bare.log" 2>&1 &
    pid=$!
  fi
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null "$url"; do
    (( SECONDS < deadline )) || { log "$name did not start"; kill "$pid"; return 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  sleep 1
  echo "$(( (end - begin) / 1000000 )) $(rss_mib "$pid")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

: > "$WORK/startup-app.txt"; : > "$WORK/startup-bare.txt"
for round in $(seq 1 "$ROUNDS"); do
  start_and_time bare http://127.0.0.1:18083/hello >> "$WORK/startup-bare.txt"
  start_and_time app http://127.0.0.1:18082/q/health/ready >> "$WORK/startup-app.txt"
done
col() { awk -v c="$2" '{print $c}' "$1" | median; }
A=$(col "$WORK/startup-app.txt" 1); B=$(col "$WORK/startup-bare.txt" 1)
printf '%-36s %12s %10s\n' application "start ms" "RSS MiB"
printf '%-36s %12s %10s\n' "bare Quarkus REST (/hello)" "$B" "$(col "$WORK/startup-bare.txt" 2)"
printf '%-36s %12s %10s\n' "Exponential (/q/health/ready)" "$A" "$(col "$WORK/startup-app.txt" 2)"
awk -v a="$A" -v b="$B" 'BEGIN { r = a / b; printf "start-up ratio = %.2f (target <= 1.5: %s)\n", r, (r <= 1.5 ? "met" : "NOT met") }'
LIMIT=$(sed -n 's/^ *memory: *\([0-9]*\)Mi/\1/p' "$ROOT/k8s/base/deployment.yaml" | tail -1)
RSS=$(col "$WORK/startup-app.txt" 2)
AFTER=$(cat "$WORK/bearer-rss.txt" 2>/dev/null || echo "")
echo "container memory limit (k8s/base): ${LIMIT:-?} MiB; RSS after start ${RSS} MiB${AFTER:+, after bench/bearer.sh load ${AFTER} MiB}"
