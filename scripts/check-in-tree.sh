#!/usr/bin/env bash
# The module in-tree: this clone's tracked files as contrib/tcp-encap of an ns-3.48 source tree,
# configured and built by ns-3's own build system (./ns3, the release profile, tests and
# examples on), then suites run by ns-3's test.py and an example by ./ns3 run. It proves that
# the same CMakeLists.txt works through build_lib, as an ns-3 maintainer would build it.
# The experiment program and its suites are standalone-only (Boost), as are the ctests
# tcp-encap-build-lists and tcp-encap-wireshark.
#
# Usage: bash scripts/check-in-tree.sh   (NS3_SOURCE as for scripts/setup.sh; NS3_INTREE_DIR,
# default /opt/tcp-encap/in-tree, holds the tree and is reused: a second run rebuilds only what
# changed). Needs what scripts/setup.sh installs, and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/ns3-source.sh # ns3_version, ns3_unpack_source
tree=${NS3_INTREE_DIR:-/opt/tcp-encap/in-tree}/ns-$ns3_version
suites=(tcp-encap-esp-sa tcp-encap-stream-framing tcp-encap-tcp-tunnel tcp-encap-tls-tunnel
        tcp-encap-ike-session tcp-encap-transport-selection)

if ! command -v python3 >/dev/null; then
  echo "in-tree: installing python3 (./ns3 and test.py are Python)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 >/dev/null
fi
if [ ! -f "$tree/VERSION" ]; then
  ns3_unpack_source "${NS3_SOURCE:-}" "$tree"
fi
# The module as a maintainer would drop it in: the tracked files only, replacing any old copy.
rm -rf "$tree/contrib/tcp-encap" && mkdir -p "$tree/contrib/tcp-encap"
git -C "$root" ls-files -z | (cd "$root" && tar --null -T - -cf -) |
  tar -xf - -C "$tree/contrib/tcp-encap"

cd "$tree"
start=$SECONDS
log="$tree/in-tree.log"
echo "in-tree: ./ns3 configure and build in $tree (log: $log)"
if ! {
  ./ns3 configure -d release --enable-modules=tcp-encap --enable-tests --enable-examples \
    --disable-werror -G Ninja &&
  ./ns3 build
} >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "in-tree: build failed" >&2
  exit 1
fi
echo "in-tree: built in $((SECONDS - start)) s"
for suite in "${suites[@]}"; do
  out=$(./test.py --no-build -s "$suite" 2>&1 | sed 's/\x1b\[[0-9;]*m//g') || true
  echo "$out" >>"$log"
  echo "$out" | grep -E "(PASS|FAIL|CRASH|SKIP|VALGR).*: TestSuite" || true
  echo "$out" | grep -qE "PASS: TestSuite $suite\b" ||
    { echo "$out" | tail -n 20 >&2; echo "in-tree: $suite did not pass" >&2; exit 1; }
done
./ns3 run --no-build "tcp-encap-tcp-tunnel --time=5" >>"$log" 2>&1 ||
  { tail -n 20 "$log" >&2; echo "in-tree: example failed" >&2; exit 1; }
echo "in-tree: ${#suites[@]} suites passed through test.py, the example ran ($((SECONDS - start)) s)"
