#!/usr/bin/env bash
# Set up a Debian 12 machine for tcp-encap and build it:
#  1. installs the Debian packages that are missing (as root);
#  2. builds ns-3.48 from its release source, once per machine, and installs it outside the
#     clone (default /opt/tcp-encap/ns-3.48-release), so that every clone and CI reuse it;
#  3. configures CMake in build/ against that ns-3 once and builds incrementally.
#
# Usage: bash scripts/setup.sh [--ns3-source TARBALL|DIR] [--ns3-profile release|debug]
#                              [--ns3-prefix DIR]
# The same settings as environment variables: NS3_SOURCE, NS3_PROFILE, NS3_PREFIX.
#
# Where ns-3's source comes from, first found wins:
#   --ns3-source / NS3_SOURCE   a release tarball (ns-3.48.tar.xz, ns-allinone-3.48.tar.bz2) or
#                               an unpacked source tree (a git checkout of tag ns-3.48)
#   ../shared/ns-3/ns-3.48.tar.xz   beside the clone (the team's machines and CI have it)
#   a download: git clone of the tag ns-3.48 from gitlab.com/nsnam/ns-3-dev, accepted only if
#               the tag is commit d2add90b452d600cfb4859baed8e9ea633519447 (the release)
# A tarball whose SHA-256 is the known one of the team's copy is reported as verified; any
# other source must say VERSION 3.48.
#
# Profiles: release (default; -O3, no NS_LOG and no asserts inside ns-3, no -march=native so
# results are the same on every x86-64 machine) or debug (ns-3 with NS_LOG and asserts, for
# NS_LOG=... work; installed to ns-3.48-debug, the module built in build-debug/).
# The first ns-3 build takes about 6 minutes on 2 cores (10 on one); progress is printed and
# the full log is kept in <prefix>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

source scripts/ns3-source.sh # ns3_version, ns3_unpack_source
# The modules the project uses (their dependencies come along); fd-net-device and tap-bridge
# are for emulation against real IPsec stacks.
ns3_modules="point-to-point;applications;internet;traffic-control;virtual-net-device"
ns3_modules+=";fd-net-device;tap-bridge;flow-monitor"

source_arg=${NS3_SOURCE:-}
profile=${NS3_PROFILE:-release}
prefix=${NS3_PREFIX:-}
while (($#)); do
  case "$1" in
    --ns3-source) source_arg=${2:?--ns3-source needs a path}; shift 2 ;;
    --ns3-source=*) source_arg=${1#*=}; shift ;;
    --ns3-profile) profile=${2:?--ns3-profile needs release or debug}; shift 2 ;;
    --ns3-profile=*) profile=${1#*=}; shift ;;
    --ns3-prefix) prefix=${2:?--ns3-prefix needs a directory}; shift 2 ;;
    --ns3-prefix=*) prefix=${1#*=}; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
done
case "$profile" in
  release) build_dir=build; ns3_flags=(-DCMAKE_BUILD_TYPE=release -DNS3_ASSERT=OFF -DNS3_LOG=OFF) ;;
  debug) build_dir=build-debug; ns3_flags=(-DCMAKE_BUILD_TYPE=debug -DNS3_ASSERT=ON -DNS3_LOG=ON) ;;
  *) echo "setup: --ns3-profile must be release or debug, not '$profile'" >&2; exit 2 ;;
esac
prefix=${prefix:-/opt/tcp-encap/ns-$ns3_version-$profile}

packages=(
  # toolchain (ns-3.48: CMake >= 3.25 and C++23; Debian 12's cmake 3.25.1 and g++ 12 do)
  g++ cmake ninja-build make pkg-config xz-utils bzip2 ca-certificates git
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
  # the module's manual, doc/tcp-encap.rst (scripts/build-doc.sh, the ctest tcp-encap-doc)
  python3-sphinx
  # interop with strongSwan (test/interop/, doc/interop.md): charon with kernel-libipsec
  # (extra plugins), swanctl, the standard crypto plugins; namespaces, ping, the test's scripts,
  # charon's certificate
  strongswan-charon strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins
  iproute2 iputils-ping python3 openssl
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

# --- ns-3.48, built and installed once per machine and profile -----------------------------
stamp="$prefix/.tcp-encap-ns3"
want_stamp="ns-$ns3_version $profile modules=$ns3_modules"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ]; then
  echo "setup: ns-$ns3_version ($profile) already installed in $prefix"
else
  work="$prefix.src"
  ns3_unpack_source "$source_arg" "$work"
  log="$prefix.log"
  echo "setup: building ns-$ns3_version ($profile: $ns3_modules) into $prefix;" \
       "about 6 minutes on 2 cores, log in $log"
  start=$SECONDS
  {
    cmake -S "$work" -B "$work/cmake-build" -G Ninja "${ns3_flags[@]}" \
      -DNS3_NATIVE_OPTIMIZATIONS=OFF -DNS3_WARNINGS_AS_ERRORS=OFF -DNS3_EXAMPLES=OFF \
      -DNS3_TESTS=OFF -DNS3_PYTHON_BINDINGS=OFF -DNS3_ENABLED_MODULES="$ns3_modules" \
      -DCMAKE_INSTALL_PREFIX="$prefix"
  } >"$log" 2>&1 || { tail -n 30 "$log" >&2; echo "setup: ns-3 configure failed" >&2; exit 1; }
  # Ninja's [n/N] lines, one in 25, as progress (pipefail: the build's status decides).
  if ! cmake --build "$work/cmake-build" -j "$(nproc)" 2>&1 | tee -a "$log" |
      awk '/^\[[0-9]+\/[0-9]+\]/ { split(substr($1, 2), a, "/"); n = a[1] + 0; t = a[2] + 0;
             if (n % 25 == 0 || n == t) { printf "setup: ns-3 %d/%d (%d%%)\n", n, t, 100 * n / t; fflush() } }'
  then
    tail -n 30 "$log" >&2; echo "setup: ns-3 build failed (log: $log)" >&2; exit 1
  fi
  rm -rf "$prefix"
  cmake --install "$work/cmake-build" >>"$log" 2>&1 || { tail -n 30 "$log" >&2; exit 1; }
  echo "$want_stamp" >"$stamp"
  rm -rf "$work"
  echo "setup: ns-$ns3_version installed in $prefix ($((SECONDS - start)) s)"
fi

# --- the module, standalone against that ns-3 -----------------------------------------------
if [ -f "$build_dir/CMakeCache.txt" ] &&
   ! grep -qxF "TCP_ENCAP_NS3_PREFIX:PATH=$prefix" "$build_dir/CMakeCache.txt"; then
  echo "setup: $build_dir/ was configured against another ns-3: configuring again"
  rm -rf "$build_dir/CMakeCache.txt" "$build_dir/CMakeFiles"
fi
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_PREFIX_PATH="$prefix" -DTCP_ENCAP_NS3_PREFIX:PATH="$prefix" >/dev/null
fi
cmake --build "$build_dir" -j "$(nproc)"
