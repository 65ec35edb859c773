#!/usr/bin/env bash
# How long the local cluster takes to come back when its own processes are killed (SIGKILL) and
# ./kubelite's supervisors start them again. Runs against the cluster that `./kubelite up` started
# (KUBELITE_STATE_DIR, default ./.kubelite), which must be up:
#
#   bench/recovery.sh [SCENARIO...]     scenarios: postgres kafka object-store-service api-gateway
#                                       replication-service scheduler-service node-1 node-2 all
#                                       (default: kafka postgres object-store-service replication-service all)
#
# Per scenario: a Deployment `probe` (2 replicas, namespace recovery-bench) is Running; the
# scenario's processes are killed (postgres: the PostgreSQL server itself; all: the server, Kafka,
# the API server, replication, scheduler and node-2 at once) and, from that moment, one second at a
# time, the script notes when the API answers again (a pod of `probe` deleted), when `./kubelite
# status` shows every component UP, and when `probe` has 2 Running pods again, none of them the
# deleted one. Figures are seconds since the kill, printed as a table.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${KUBELITE_STATE_DIR:-$PWD/.kubelite}"
export KUBECONFIG="$STATE/kubeconfig"
NS=recovery-bench
LIMIT=300

"$ROOT/kubelite" status >/dev/null || { echo "the cluster in $STATE is not up: ./kubelite up first" >&2; exit 1; }
[[ $# -gt 0 ]] || set -- kafka postgres object-store-service replication-service all

kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl -n "$NS" create deployment probe --image=busybox --replicas=2 --dry-run=client -o yaml -- sleep 3600 \
  | kubectl apply -f - >/dev/null
running() { kubectl -n "$NS" get pods -l app=probe --no-headers 2>/dev/null | awk '$2 == "1/1" && $3 == "Running" { print $1 }'; }

pids_of() {
  local name
  for name in "$@"; do
    if [[ "$name" == postgres ]]; then head -n 1 "$STATE/data/pg/postmaster.pid"
    else cat "$STATE/pids/$name.pid"; fi
  done
}

printf '%-22s %8s %10s %12s\n' scenario "API s" "status s" "replaced s"
for scenario in "$@"; do
  for _ in $(seq 60); do [[ "$(running | wc -l)" == 2 ]] && break; sleep 1; done
  [[ "$(running | wc -l)" == 2 ]] || { echo "probe is not Running before $scenario" >&2; exit 1; }
  victim="$(running | head -n 1)"
  if [[ "$scenario" == all ]]; then
    targets=(postgres kafka object-store-service replication-service scheduler-service node-2)
  else
    targets=("$scenario")
  fi
  # shellcheck disable=SC2046 # one pid per word
  kill -9 $(pids_of "${targets[@]}")
  t0="$(date +%s)" api="" up="" replaced=""
  while [[ -z "$replaced" || -z "$up" ]]; do
    now=$(( $(date +%s) - t0 ))
    (( now <= LIMIT )) || { echo "$scenario: not recovered after $LIMIT s" >&2; exit 1; }
    if [[ -z "$api" ]] && kubectl -n "$NS" delete pod "$victim" --wait=false >/dev/null 2>&1; then api="$now"; fi
    if [[ -z "$up" ]] && "$ROOT/kubelite" status >/dev/null 2>&1; then up="$now"; fi
    if [[ -n "$api" && -z "$replaced" ]] && [[ "$(running | grep -vc "^$victim$" || true)" == 2 ]]; then replaced="$now"; fi
    sleep 1
  done
  printf '%-22s %8s %10s %12s\n' "$scenario" "$api" "$up" "$replaced"
done
kubectl delete namespace "$NS" --wait=false >/dev/null
