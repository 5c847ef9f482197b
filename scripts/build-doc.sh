#!/usr/bin/env bash
# Build the module's manual (doc/tcp-encap.rst) with Sphinx, warnings as errors.
#
# Usage: bash scripts/build-doc.sh [OUTDIR]    (default build/doc/html)
# Exit status: 0 built; 77 skipped because sphinx-build is missing (ctest reports the test
# tcp-encap-doc as skipped: Debian's python3-sphinx, which scripts/setup.sh installs);
# anything else: Sphinx failed (a warning counts as failure).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/doc/html}
sphinx=${SPHINX_BUILD:-sphinx-build}
if ! command -v "$sphinx" >/dev/null 2>&1; then
  echo "build-doc: SKIPPED: $sphinx not found (apt-get install python3-sphinx)" >&2
  exit 77
fi
# -W: warnings are errors; --keep-going: report all of them; -E: read every file afresh.
"$sphinx" -W --keep-going -E -q -b html -d "$out/.doctrees" doc "$out"
echo "build-doc: $out/tcp-encap.html"
