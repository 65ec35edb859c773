#!/usr/bin/env bash
# What RBAC costs a request: GETs of one ConfigMap through the gateway with `wrk`, as a user in
# system:masters (allowed before any rule is read) and as a user allowed by a ClusterRoleBinding
# (the scheduler's identity, bound to cluster-admin by kubelite:components, so every request walks
# the bindings and rules), in alternating rounds on the running cluster. Reports requests/s and
# the API server's CPU per request (from /proc) for each, and their ratios.
#
#   ./kubelite up && bench/authorization.sh [ROUNDS] [SECONDS]     # defaults 3 rounds of 15 s
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${KUBELITE_STATE_DIR:-$ROOT/.kubelite}"
ROUNDS="${1:-3}"
SECONDS_PER_RUN="${2:-15}"
PORT="${KUBELITE_API_PORT:-6443}"
URL="https://127.0.0.1:$PORT/api/v1/namespaces/default/configmaps/kube-root-ca.crt"

command -v wrk >/dev/null || { echo "installing wrk…"; apt-get install -y -q wrk >/dev/null; }
token_of() { awk -F, -v user="$1" '$2 == user { print $1 }' "$STATE/tokens.csv"; }
ADMIN="$(token_of admin)"
COMPONENT="$(token_of system:serviceaccount:kube-system:scheduler)"
OBJECT_STORE_PID="$(cat "$STATE/pids/object-store-service.pid")"
[[ -n "$ADMIN" && -n "$COMPONENT" ]] || { echo "no tokens in $STATE/tokens.csv; run ./kubelite up first" >&2; exit 1; }
for token in "$ADMIN" "$COMPONENT"; do
  code="$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" "$URL")"
  [[ "$code" == 200 ]] || { echo "GET $URL answered $code" >&2; exit 1; }
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$OBJECT_STORE_PID/stat"; }
TICK_MS="$(awk -v hz="$(getconf CLK_TCK)" 'BEGIN { print 1000 / hz }')"

# run TOKEN: "requests/s cpu-ms-per-request"
run() {
  local before after out requests
  before="$(cpu_ticks)"
  out="$(wrk -t1 -c8 -d"${SECONDS_PER_RUN}s" -H "Authorization: Bearer $1" "$URL")"
  after="$(cpu_ticks)"
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  awk -v r="$requests" -v s="$SECONDS_PER_RUN" -v t=$((after - before)) -v ms="$TICK_MS" \
    'BEGIN { printf "%.0f %.3f\n", r / s, t * ms / r }'
}

echo "warm-up (2 × $SECONDS_PER_RUN s)…"
run "$ADMIN" >/dev/null
run "$COMPONENT" >/dev/null
printf '%-6s %-26s %10s %16s\n' round identity "requests/s" "API server CPU ms/request"
declare -a A_RATE A_CPU C_RATE C_CPU
for ((i = 1; i <= ROUNDS; i++)); do
  read -r rate cpu < <(run "$ADMIN"); A_RATE+=("$rate"); A_CPU+=("$cpu")
  printf '%-6s %-26s %10s %16s\n' "$i" "admin (system:masters)" "$rate" "$cpu"
  read -r rate cpu < <(run "$COMPONENT"); C_RATE+=("$rate"); C_CPU+=("$cpu")
  printf '%-6s %-26s %10s %16s\n' "$i" "scheduler (RBAC bindings)" "$rate" "$cpu"
done
awk -v ar="${A_RATE[*]}" -v ac="${A_CPU[*]}" -v cr="${C_RATE[*]}" -v cc="${C_CPU[*]}" 'BEGIN {
  n = split(ar, a); split(ac, b); split(cr, c); split(cc, d)
  for (i = 1; i <= n; i++) { sa += a[i]; sb += b[i]; sc += c[i]; sd += d[i] }
  printf "mean: admin %.0f/s %.3f ms, bindings %.0f/s %.3f ms; ratio bindings/admin: rate %.2f, API server CPU %.2f\n",
    sa / n, sb / n, sc / n, sd / n, sc / sa, sd / sb }'
