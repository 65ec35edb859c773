#!/usr/bin/env bash
# The scheduler benchmark, in one command, on a cluster of its own:
#
#   scheduler-service/bench.sh [SchedulerBenchmark options]   e.g. scheduler-service/bench.sh --nodes 1000 --pods 2000
#
# 1. compiles scheduler-service if its classes are missing or older than its sources, and writes its
#    runtime classpath;
# 2. starts a fresh cluster (empty database) with ./kubelite up in scheduler-service/target/bench-cluster,
#    on ports 24443 (gateway), 24081-24087, 24432 (PostgreSQL), 24092/24093 (Kafka); the cluster's own
#    node lifecycle controller gets a 24 h grace period, as the simulated nodes have no agent renewing
#    their Leases;
# 3. runs io.kubelite.scheduler.bench.SchedulerBenchmark against it (defaults: 10,000 pods onto 1,000 and
#    then 5,000 simulated nodes; decisions only, then through the cluster) and prints the report, also
#    kept in scheduler-service/target/scheduler-bench-report.txt;
# 4. stops the cluster with ./kubelite down, also when a step fails or on Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODULE=scheduler-service
REPORT="$MODULE/target/scheduler-bench-report.txt"

export KUBELITE_STATE_DIR="$ROOT/$MODULE/target/bench-cluster"
export KUBELITE_API_PORT=24443
export KUBELITE_OBJECT_STORE_PORT=24081
export KUBELITE_SCHEDULER_PORT=24082
export KUBELITE_REPLICATION_PORT=24083
export KUBELITE_AUTOSCALER_PORT=24084
export KUBELITE_DNS_PORT=24085
export KUBELITE_DNS_SERVER_PORT=24053
export KUBELITE_NODE_1_PORT=24086
export KUBELITE_NODE_2_PORT=24087
export KUBELITE_INGRESS_PORT=24080
export KUBELITE_INGRESS_HTTPS_PORT=24443
export KUBELITE_PG_PORT=24432
export KUBELITE_KAFKA_PORT=24092
export KUBELITE_KAFKA_CONTROLLER_PORT=24093
export KUBELITE_API_TLS=1
export KUBELITE_SCHEDULER_NODEMONITORGRACEPERIOD=24h
unset KUBELITE_DATABASE_URL KUBELITE_DATABASE_USER KUBELITE_DATABASE_PASSWORD

step() { printf '==> %s\n' "$*"; }

if [[ ! -f "$MODULE/target/classpath.txt" || ! -d "$MODULE/target/classes" \
      || -n "$(find "$MODULE/src/main" "$MODULE/pom.xml" -type f -newer "$MODULE/target/classpath.txt" -print -quit)" ]]; then
  step "Compiling $MODULE"
  ./mvnw -B -q -o -pl "$MODULE" compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi

# Service jars that are all present are used as they are, so the benchmark never rebuilds jars another
# cluster on this machine may be running.
missing=0
for m in object-store-service api-gateway scheduler-service replication-service autoscaler-service dns-service node-agent launcher; do
  [[ -f "$m/target/$m-0.1.0-SNAPSHOT.jar" ]] || missing=1
done
if [[ "$missing" == 0 && -z "${KUBELITE_SKIP_BUILD:-}" ]]; then export KUBELITE_SKIP_BUILD=1; fi

stop_cluster() {
  local status=$?
  trap - EXIT INT TERM
  step "Stopping the benchmark cluster"
  ./kubelite down || status=1
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

./kubelite down >/dev/null
rm -rf "$KUBELITE_STATE_DIR/data"

step "Starting the benchmark cluster in $KUBELITE_STATE_DIR"
./kubelite up

step "Running the benchmark (several minutes)"
KUBECONFIG="$KUBELITE_STATE_DIR/kubeconfig" KUBELITE_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KUBELITE_KAFKA_PORT" \
  java -Xms512m -Xmx2g -XX:+UseParallelGC -cp "$MODULE/target/classes:$(<"$MODULE/target/classpath.txt")" \
    io.kubelite.scheduler.bench.SchedulerBenchmark --report "$REPORT" "$@"
echo "(report kept in $REPORT)"
