#!/usr/bin/env bash
# Side-by-side throughput: the same node-smpp client (bench-client.js: transceiver, window 100, receipts on) against
# our SMSC simulator (receipt delay 0) and against node-smpp's own server (bench-server.js), one after the other.
#
# usage: tests/interop-node/bench.sh [seconds=10] [window=100]      (run from anywhere; needs `npm ci` here once)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"
window="${2:-100}"
sim_port=27750
node_port=27751

# SIM_REPO=<another checkout> measures that checkout's simulator instead (e.g. a `git archive` of an older commit).
sim_repo="${SIM_REPO:-$repo}"
dotnet build -c Release "$sim_repo/src/Front.Actors.SmscSimulator" -v q -nologo > /dev/null
dotnet "$sim_repo/src/Front.Actors.SmscSimulator/bin/Release/net10.0/Front.Actors.SmscSimulator.dll" \
  --host 127.0.0.1 --port "$sim_port" --receipt-delay-ms 0 --stats-interval-seconds 3600 > /dev/null &
sim=$!
node "$here/bench-server.js" "$node_port" > /dev/null &
server=$!
trap 'kill $sim $server 2> /dev/null || true' EXIT
sleep 3

echo "== our SMSC simulator from $sim_repo (127.0.0.1:$sim_port, --receipt-delay-ms 0)"
node "$here/bench-client.js" 127.0.0.1 "$sim_port" "$seconds" "$window" 2 | grep RESULT
echo "== node-smpp server (bench-server.js, 127.0.0.1:$node_port)"
node "$here/bench-client.js" 127.0.0.1 "$node_port" "$seconds" "$window" 2 | grep RESULT
