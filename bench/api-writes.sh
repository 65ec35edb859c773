#!/usr/bin/env bash
# The API write benchmark of the foundation issue, in one command, on a cluster of its own:
#
#   bench/api-writes.sh [ApiWriteBenchmark options]     e.g. bench/api-writes.sh --duration 5 --rates 100,500
#
# 1. builds the bench module if its jar is missing or older than its sources;
# 2. starts a fresh cluster (empty database) with ./kubelite up in bench/target/cluster, on ports
#    26443 (gateway), 21081-21087, 21432 (PostgreSQL), 21092/21093 (Kafka) — below Linux's ephemeral
#    range (32768-60999), where an outgoing connection can hold a port a service then cannot bind —
#    a cluster on the default ports and in .kubelite/ is not touched, and while one runs the service jars are not rebuilt;
# 3. runs io.kubelite.bench.ApiWriteBenchmark against it (raw PostgreSQL, then the API through the
#    gateway, then straight to the object store; with the CPU time per write of the gateway, the
#    object store, PostgreSQL and the load generator, and each create of the fixed-rate phases
#    timed to a controller-runtime informer's onAdd through Kafka) and prints the report, also kept in
#    bench/target/api-writes-report.txt;
# 4. stops the cluster with ./kubelite down, also when a step fails or on Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VERSION="0.1.0-SNAPSHOT"
JAR="bench/target/bench-$VERSION.jar"
REPORT="bench/target/api-writes-report.txt"

export KUBELITE_STATE_DIR="$ROOT/bench/target/cluster"
export KUBELITE_API_PORT=26443
export KUBELITE_OBJECT_STORE_PORT=21081
export KUBELITE_SCHEDULER_PORT=21082
export KUBELITE_REPLICATION_PORT=21083
export KUBELITE_AUTOSCALER_PORT=21084
export KUBELITE_DNS_PORT=21085
export KUBELITE_DNS_SERVER_PORT=21053
export KUBELITE_NODE_1_PORT=21086
export KUBELITE_NODE_2_PORT=21087
export KUBELITE_INGRESS_PORT=21080
export KUBELITE_INGRESS_HTTPS_PORT=21443
export KUBELITE_PG_PORT=21432
export KUBELITE_KAFKA_PORT=21092
export KUBELITE_KAFKA_CONTROLLER_PORT=21093
export KUBELITE_API_TLS=1
# The benchmark measures the embedded PostgreSQL of its own cluster, never a database named in the caller's environment.
unset KUBELITE_DATABASE_URL KUBELITE_DATABASE_USER KUBELITE_DATABASE_PASSWORD

step() { printf '==> %s\n' "$*"; }

# Whether a kubelite component of another state directory runs (its jars must not be rewritten under it).
other_cluster_running() {
  local f cmdline
  for f in /proc/[0-9]*/cmdline; do
    cmdline="$( { tr '\0' ' ' <"$f"; } 2>/dev/null || true)"
    [[ "$cmdline" == *"-Dkubelite.component="* ]] || continue
    [[ "$cmdline" == *"-Dkubelite.state=$KUBELITE_STATE_DIR "* ]] && continue
    return 0
  done
  return 1
}

if [[ ! -f "$JAR" || -n "$(find bench/src/main bench/pom.xml controller-runtime/src/main -type f -newer "$JAR" -print -quit)" ]]; then
  step "Building the bench module"
  ./mvnw -B -q -pl bench -am -DskipTests package
fi

if other_cluster_running && [[ -z "${KUBELITE_SKIP_BUILD:-}" ]]; then
  step "Another kubelite cluster is running: its jars are used as they are (KUBELITE_SKIP_BUILD=1)"
  export KUBELITE_SKIP_BUILD=1
fi

stop_cluster() {
  local status=$?
  trap - EXIT INT TERM
  step "Stopping the benchmark cluster"
  ./kubelite down || status=1
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# A fresh database each run (after stopping what an interrupted run may have left), so every run
# starts from the same empty tables.
./kubelite down >/dev/null
rm -rf "$KUBELITE_STATE_DIR/data"

step "Starting the benchmark cluster in $KUBELITE_STATE_DIR"
./kubelite up

# The processes whose CPU time per write the report breaks down (PostgreSQL with its backends).
CPU="gateway=$(<"$KUBELITE_STATE_DIR/pids/api-gateway.pid")"
CPU+=",object-store=$(<"$KUBELITE_STATE_DIR/pids/object-store-service.pid")"
CPU+=",postgres=$(head -n 1 "$KUBELITE_STATE_DIR/data/pg/postmaster.pid")"
OTHERS=""
for name in kafka scheduler-service replication-service autoscaler-service dns-service node-1 node-2; do
  OTHERS+="${OTHERS:++}$(<"$KUBELITE_STATE_DIR/pids/$name.pid")"
done
CPU+=",kafka+controllers=$OTHERS"

step "Running the benchmark (a few minutes)"
KUBELITE_BENCH_COMMAND="bench/api-writes.sh${*:+ $*}" \
  java -Xms256m -Xmx512m -cp "$JAR:bench/target/lib/*" io.kubelite.bench.ApiWriteBenchmark \
    --kubeconfig "$KUBELITE_STATE_DIR/kubeconfig" \
    --jdbc "jdbc:postgresql://127.0.0.1:$KUBELITE_PG_PORT/kubelite" \
    --object-store "http://127.0.0.1:$KUBELITE_OBJECT_STORE_PORT" \
    --front-proxy-token-file "$KUBELITE_STATE_DIR/tokens/front-proxy" \
    --cpu "$CPU" \
    --kafka "127.0.0.1:$KUBELITE_KAFKA_PORT" \
    "$@" | tee "$REPORT"
echo "(report kept in $REPORT)"
