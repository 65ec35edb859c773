#!/usr/bin/env bash
# How long a NetworkPolicy takes to be enforced: from `kubectl apply` returning (the policy is
# stored) until the node agent's iptables rule for the selected pod is in the host's filter table,
# and from `kubectl delete` returning until it is gone. Runs against the cluster of $KUBECONFIG
# (default: this checkout's local cluster, started with ./kubelite up), as root.
#   bash bench/network-policy.sh [rounds]   (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-20}
export KUBECONFIG=${KUBECONFIG:-$PWD/.kubelite/kubeconfig}
NS=np-bench
now() { date +%s%N; }
wait_for() { # $1: grep pattern, $2: present|absent; prints milliseconds waited from $3
  local start=$3
  while true; do
    if iptables-save -t filter | grep -q -- "$1"; then [[ $2 == present ]] && break
    else [[ $2 == absent ]] && break; fi
    sleep 0.005
  done
  echo $(( ($(now) - start) / 1000000 ))
}
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; print a[i]}'; }

echo "==> Namespace $NS with one pod"
kubectl create namespace $NS >/dev/null 2>&1 || true
kubectl apply -n $NS -f - >/dev/null <<'YAML'
apiVersion: v1
kind: Pod
metadata: {name: target, labels: {app: target}}
spec:
  terminationGracePeriodSeconds: 1
  containers: [{name: c, image: busybox, command: [sleep, "3600"]}]
YAML
kubectl wait -n $NS --for=condition=Ready pod/target --timeout=90s >/dev/null
IP=$(kubectl get pod -n $NS target -o jsonpath='{.status.podIP}')
POLICY='apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {matchLabels: {app: target}}, policyTypes: [Ingress]}'
applied=(); deleted=(); kubectl_ms=()
echo "==> $ROUNDS rounds of apply and delete (pod $IP)"
for i in $(seq 1 "$ROUNDS"); do
  t=$(now); echo "$POLICY" | kubectl apply -n $NS -f - >/dev/null; t0=$(now)
  kubectl_ms+=($(( (t0 - t) / 1000000 )))
  applied+=($(wait_for "-d $IP/32 " present "$t0"))
  kubectl delete networkpolicy -n $NS deny-all >/dev/null; t0=$(now)
  deleted+=($(wait_for "-d $IP/32 " absent "$t0"))
  printf '  round %2d: enforced %4d ms, lifted %4d ms\n' "$i" "${applied[-1]}" "${deleted[-1]}"
done
kubectl delete namespace $NS --wait=false >/dev/null
p() { printf '%s\n' "${@:2}" | percentile "$1"; }
echo
echo "date:                $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "kubectl apply itself: p50 $(p 50 "${kubectl_ms[@]}") ms"
echo "apply -> enforced:    p50 $(p 50 "${applied[@]}") ms, p99 $(p 99 "${applied[@]}") ms"
echo "delete -> lifted:     p50 $(p 50 "${deleted[@]}") ms, p99 $(p 99 "${deleted[@]}") ms"
