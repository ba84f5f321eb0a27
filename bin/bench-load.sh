#!/usr/bin/env bash
# End-to-end throughput of a single solo node on this machine, reported against the machine's own
# limit (signature verifications per second on all cores, measured in the same run), with
# `chancery bench` (see `./chancery bench --help` for its options; defaults: 1,000 tx/s offered
# from 4 threads for 30 s after a 5 s warm-up).
#   bin/bench-load.sh [--suite sm|nist] [chancery bench options...]
# Examples:
#   bin/bench-load.sh --rate 3000 --duration 30
#   bin/bench-load.sh --rate 200 --duration 5 --json
set -euo pipefail
ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$ROOT/bin/find-jdk.sh"
SUITE=sm
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --suite) SUITE=$2; shift 2 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
WORK=$(mktemp -d)
NODE_PID=""
cleanup() {
  [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null && wait "$NODE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 17100)
# The chancery script builds the distribution first if the sources changed.
"$ROOT/chancery" network init --orgs 1 --consensus solo --suite "$SUITE" --base-port "$PORT" --out "$WORK/net" >/dev/null
"$ROOT/chancery" node start --config "$WORK/net/orgs/org1/nodes/node1/node.yaml" >"$WORK/node.log" 2>&1 &
NODE_PID=$!
API="http://127.0.0.1:$((PORT + 100))"
for _ in $(seq 1 100); do
  curl -sf "$API/health" >/dev/null 2>&1 && break
  sleep 0.2
done
"$ROOT/chancery" bench --node "$API" --identity "$WORK/net/orgs/org1/users/client" "${ARGS[@]}"
