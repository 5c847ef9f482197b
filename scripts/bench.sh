#!/usr/bin/env bash
# Every benchmark of doc/performance.md, from one command: sets up and builds (scripts/setup.sh),
# then runs the ESP and deframer micro-benchmarks, the IKEv2 handshake benchmark and the
# whole-simulation benchmark (per-mode cost against the untunnelled run, events per second,
# peak memory, sweep speed-up) and the topology benchmark (build time and memory by number of
# clients) and the gateway benchmark (cost per inner packet and memory per idle tunnel by number
# of clients), each printing its figures and its targets' verdicts.
# Usage: bash scripts/bench.sh [repetitions] [seconds]   (defaults 5 and 20, as documented)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "== ESP seal+open and deframer (tcp-encap-esp-bench)"
build/bin/tcp-encap-esp-bench
echo "== IKEv2 handshake CPU (tcp-encap-ike-bench)"
build/bin/tcp-encap-ike-bench
echo "== whole simulations (tcp-encap-simulation-bench ${1:-5} ${2:-20})"
build/bin/tcp-encap-simulation-bench "${1:-5}" "${2:-20}"
echo "== topology build time and memory by clients (tcp-encap-topology-bench)"
build/bin/tcp-encap-topology-bench
echo "== a gateway with N clients: cost per packet and memory per tunnel (tcp-encap-gateway-bench)"
build/bin/tcp-encap-gateway-bench
