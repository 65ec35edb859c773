#!/usr/bin/env bash
# kubectl port-forward's throughput beside the pod's own address: a pod serves a file (busybox
# httpd); it is downloaded ROUNDS times straight from the pod's IP (Docker's bridge, this
# machine) and through `kubectl port-forward` (gateway, API server, node agent, SPDY in a
# WebSocket), alternating; prints MB/s of each and their ratio. Needs the running local cluster.
#
#   ./kubelite up && bench/port-forward.sh [MB] [ROUNDS]      # defaults 50 MB, 3 rounds
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export KUBECONFIG="${KUBELITE_STATE_DIR:-$ROOT/.kubelite}/kubeconfig"
MB="${1:-50}"
ROUNDS="${2:-3}"
NS=bench-port-forward
IMAGE="${KUBELITE_BENCH_IMAGE:-kubeguide/tomcat-app:v1}"   # an examples stand-in: busybox applets

kubectl create namespace "$NS" >/dev/null 2>&1 || true
cleanup() {
  [[ -n "${PF_PID:-}" ]] && kill "$PF_PID" 2>/dev/null || true
  kubectl delete namespace "$NS" --wait=false >/dev/null 2>&1 || true
}
trap cleanup EXIT
kubectl apply -n "$NS" -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata: {name: files}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: httpd
    image: $IMAGE
    command: [sh, -c, "mkdir -p /www && head -c $((MB * 1000000)) /dev/urandom > /www/big && exec httpd -f -p 8000 -h /www"]
EOF
kubectl wait -n "$NS" --for=condition=Ready pod/files --timeout=120s >/dev/null
IP="$(kubectl get pod -n "$NS" files -o jsonpath='{.status.podIP}')"
kubectl port-forward -n "$NS" pod/files 18990:8000 >/dev/null 2>&1 &
PF_PID=$!
for _ in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:18990/ && break; sleep 0.2; done

rate() { curl -s -o /dev/null -w '%{speed_download}' "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }
printf '%-6s %14s %20s\n' round "pod IP MB/s" "port-forward MB/s"
DIRECT=(); FORWARDED=()
for ((i = 1; i <= ROUNDS; i++)); do
  d="$(rate "http://$IP:8000/big")"; f="$(rate "http://127.0.0.1:18990/big")"
  DIRECT+=("$d"); FORWARDED+=("$f")
  printf '%-6s %14s %20s\n' "$i" "$d" "$f"
done
awk -v d="${DIRECT[*]}" -v f="${FORWARDED[*]}" 'BEGIN { n = split(d, a); split(f, b)
  for (i = 1; i <= n; i++) { sa += a[i]; sb += b[i] }
  printf "mean: pod IP %.1f MB/s, port-forward %.1f MB/s, ratio %.3f\n", sa / n, sb / n, sb / sa }'
