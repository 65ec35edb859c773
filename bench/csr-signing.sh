#!/usr/bin/env bash
# How long an approved CertificateSigningRequest waits for its certificate: from the approval
# (PUT of the approval subresource, as `kubectl certificate approve` sends it) returning until
# `status.certificate` is set by replication-service's signer. Requests are made with openssl
# beforehand and created and approved with curl through the gateway, so that neither kubectl's
# start-up nor key generation is in the figure; the wait is polled every 5 ms. Runs against this
# checkout's local cluster (./kubelite up) with its admin token.
#   bash bench/csr-signing.sh [rounds]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-30}
STATE=$PWD/.kubelite
API=${KUBELITE_API:-https://127.0.0.1:6443}
TOKEN=$(awk -F, '$2 == "admin" { print $1; exit }' "$STATE/tokens.csv")
CSRS=$API/apis/certificates.k8s.io/v1/certificatesigningrequests
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
now() { date +%s%N; }
api() { curl -sS --cacert "$STATE/tls/ca.crt" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
percentile() { sort -n | awk -v p="$1" '{a[NR]=$1} END {i=int((NR*p+99)/100); if (i<1) i=1; print a[i]}'; }

echo "==> $ROUNDS EC keys and requests (openssl)"
for i in $(seq 1 "$ROUNDS"); do
  openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$DIR/$i.key" \
    -subj "/CN=bench-$i/O=bench" -out "$DIR/$i.csr" 2>/dev/null
done
signed=(); approve_ms=()
echo "==> create, approve, wait for the certificate"
for i in $(seq 1 "$ROUNDS"); do
  name=csr-bench-$i
  api -X DELETE "$CSRS/$name" >/dev/null || true
  body=$(printf '{"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"%s"},"spec":{"request":"%s","signerName":"kubernetes.io/kube-apiserver-client","usages":["client auth"]}}' \
    "$name" "$(base64 -w0 "$DIR/$i.csr")")
  created=$(api -X POST "$CSRS" -d "$body")
  approval=$(python3 -c 'import json,sys; o=json.loads(sys.argv[1]); o.setdefault("status",{})["conditions"]=[{"type":"Approved","status":"True","reason":"Bench","message":"approved by bench/csr-signing.sh"}]; print(json.dumps(o))' "$created")
  t=$(now)
  api -X PUT "$CSRS/$name/approval" -d "$approval" >/dev/null
  t0=$(now)
  approve_ms+=($(( (t0 - t) / 1000000 )))
  until api "$CSRS/$name" | grep -q '"certificate"'; do sleep 0.005; done
  signed+=($(( ($(now) - t0) / 1000000 )))
  printf '  %2d: approval %3d ms, then certificate after %4d ms\n' "$i" "${approve_ms[-1]}" "${signed[-1]}"
  api -X DELETE "$CSRS/$name" >/dev/null
done
p() { printf '%s\n' "${@:2}" | percentile "$1"; }
echo
echo "date:                    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "approval PUT itself:     p50 $(p 50 "${approve_ms[@]}") ms"
echo "approved -> certificate: p50 $(p 50 "${signed[@]}") ms, p99 $(p 99 "${signed[@]}") ms"
