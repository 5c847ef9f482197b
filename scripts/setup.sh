#!/usr/bin/env bash
# Set up a Debian 12 machine for tcp-encap and build it: installs the Debian packages that are
# missing (as root), configures CMake in build/ once, and builds incrementally.
# Usage: bash scripts/setup.sh            (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # toolchain
  g++ cmake make pkg-config
  # ns-3 3.37: the CMake package config imports helper programs that only 'ns3' ships;
  # ns-3's link lines name libgsl
  libns3-dev ns3 libgsl-dev
  # real cryptography
  libssl-dev
  # the experiment program's options and figures
  libboost-program-options-dev libgnuplot-iostream-dev libboost-iostreams-dev
  libboost-system-dev libboost-filesystem-dev gnuplot-nox
  # the README's recipe for sweeps on many machines, tested locally
  parallel
  # a faster allocator for the simulation programs (CMake option TCP_ENCAP_TCMALLOC)
  libtcmalloc-minimal4
  # micro-benchmarks
  libbenchmark-dev
  # Wireshark's command line: the ctest tcp-encap-wireshark opens captures decrypted
  tshark
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing packages need root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  # tshark's wireshark-common would ask whether non-root users may capture: they may not.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f build/CMakeCache.txt ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build -j "$(nproc)"
