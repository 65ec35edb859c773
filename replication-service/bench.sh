#!/usr/bin/env bash
# Replication benchmark, one command: ./replication-service/bench.sh [replicas, default 1000] [scale-up runs, default 4]
#
# Starts a cluster of its own with ./kubelite up (state in replication-service/target/bench-cluster,
# gateway on 27443, services on 27081-27087, PostgreSQL on 27432, Kafka on 27092/27093), runs
# io.kubelite.replication.bench.ReplicationBench against it (a ReplicaSet scaled 0 -> N, four times by
# default, the first on the cold cluster and the last reported as warm; then a
# Deployment of N rolled to a new image; the cluster's scheduler binds the pods to 25 simulated nodes
# whose agents the benchmark plays, reporting each pod Running and Ready at once), prints the
# figures and stops the cluster with ./kubelite down, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
export KUBELITE_STATE_DIR="$PWD/replication-service/target/bench-cluster"
export KUBELITE_API_PORT=27443 KUBELITE_OBJECT_STORE_PORT=27081 KUBELITE_SCHEDULER_PORT=27082 \
  KUBELITE_REPLICATION_PORT=27083 KUBELITE_AUTOSCALER_PORT=27084 KUBELITE_DNS_PORT=27085 \
  KUBELITE_NODE_1_PORT=27086 KUBELITE_NODE_2_PORT=27087 KUBELITE_INGRESS_PORT=27080 KUBELITE_INGRESS_HTTPS_PORT=27443 KUBELITE_PG_PORT=27432 \
  KUBELITE_KAFKA_PORT=27092 KUBELITE_KAFKA_CONTROLLER_PORT=27093
trap './kubelite down >/dev/null' EXIT
./kubelite up
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
KUBECONFIG="$KUBELITE_STATE_DIR/kubeconfig" KUBELITE_KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KUBELITE_KAFKA_PORT" java -Xmx512m \
  -Dloader.main=io.kubelite.replication.bench.ReplicationBench \
  -cp replication-service/target/replication-service-0.1.0-SNAPSHOT.jar \
  org.springframework.boot.loader.launch.PropertiesLauncher "${1:-1000}" "${2:-4}"
