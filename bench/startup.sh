#!/usr/bin/env bash
# Cluster start-up: `./kubelite up` (processes) beside `docker compose up -d` (containers), each on
# an empty state directory, timed from the command to both Nodes Ready in `kubectl get nodes`.
# Needs built jars and images (./kubelite images); ports as `./kubelite up` uses them by default.
#
#   bench/startup.sh            # prints both times and their ratio
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$ROOT/bench/target/startup"
rm -rf "$WORK" && mkdir -p "$WORK"
if docker compose version >/dev/null 2>&1; then COMPOSE=(docker compose); else COMPOSE=(docker-compose); fi

nodes_ready() {
  KUBECONFIG="$1/kubeconfig" kubectl get nodes 2>/dev/null | awk '$2 == "Ready"' | wc -l
}

# wait_ready STATE_DIR T0: seconds from T0 until both nodes are Ready (at most 300 s)
wait_ready() {
  local state="$1" t0="$2"
  until [[ "$(nodes_ready "$state")" == 2 ]]; do
    if (( $(date +%s) - ${t0%.*} > 300 )); then echo "not ready after 300 s" >&2; return 1; fi
    sleep 0.2
  done
  awk -v now="$(date +%s.%N)" -v t0="$t0" 'BEGIN { printf "%.1f", now - t0 }' 
}

echo "==> ./kubelite up"
export KUBELITE_STATE_DIR="$WORK/processes"
t0="$(date +%s.%N)"
KUBELITE_SKIP_BUILD=1 ./kubelite up >"$WORK/processes-up.log" 2>&1
processes="$(wait_ready "$KUBELITE_STATE_DIR" "$t0")"
./kubelite down >"$WORK/processes-down.log" 2>&1
echo "    $processes s"

echo "==> docker compose up -d"
export KUBELITE_STATE_DIR="$WORK/containers"
mkdir -p "$KUBELITE_STATE_DIR"
t0="$(date +%s.%N)"
"${COMPOSE[@]}" -p kubelite-startup -f docker-compose.yml up -d >"$WORK/containers-up.log" 2>&1
containers="$(wait_ready "$KUBELITE_STATE_DIR" "$t0")"
"${COMPOSE[@]}" -p kubelite-startup -f docker-compose.yml down >"$WORK/containers-down.log" 2>&1
./kubelite down >/dev/null 2>&1 || true   # the ClusterIPs node-1's agent left on lo
echo "    $containers s"

awk -v p="$processes" -v c="$containers" \
  'BEGIN { printf "start-up to both nodes Ready: processes %.1f s, containers %.1f s, ratio containers/processes %.2f\n", p, c, c / p }' 
