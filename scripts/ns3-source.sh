# shellcheck shell=bash
# Sourced by scripts/setup.sh and scripts/check-in-tree.sh: where ns-3.48's source comes from.
#   ns3_unpack_source SOURCE DEST   unpack into DEST (made anew) the ns-3.48 tree found at:
#     SOURCE, a release tarball (ns-3.48.tar.xz, ns-allinone-3.48.tar.bz2) or a source tree;
#     else ../shared/ns-3/ns-3.48.tar.xz beside the clone (the team's machines and CI);
#     else a git clone of tag ns-3.48 from gitlab.com/nsnam/ns-3-dev, accepted only if the tag
#     is the release commit.
# A tarball with the SHA-256 of the team's copy is reported as verified; any source must say
# VERSION 3.48.
ns3_version=3.48
ns3_commit=d2add90b452d600cfb4859baed8e9ea633519447
ns3_tar_sha256=eaafa38bbda72a0edccf94bb85f053beb0dcbe529ed46c0e1f9d7b5b542b603a
ns3_git=https://gitlab.com/nsnam/ns-3-dev.git

ns3_unpack_source() {
  local source_arg=$1 work=$2 repo sum version_file v
  repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  rm -rf "$work" && mkdir -p "$work"
  if [ -z "$source_arg" ] && [ -f "$repo/../shared/ns-3/ns-$ns3_version.tar.xz" ]; then
    source_arg="$repo/../shared/ns-3/ns-$ns3_version.tar.xz"
  fi
  if [ -n "$source_arg" ] && [ -d "$source_arg" ]; then
    echo "ns-3 source tree $source_arg"
    cp -a "$source_arg/." "$work/"
  elif [ -n "$source_arg" ] && [ -f "$source_arg" ]; then
    sum=$(sha256sum "$source_arg" | cut -d' ' -f1)
    if [ "$sum" = "$ns3_tar_sha256" ]; then
      echo "ns-3 tarball $source_arg (SHA-256 verified)"
    else
      echo "ns-3 tarball $source_arg (SHA-256 $sum, not the known copy: VERSION checked)"
    fi
    tar -xaf "$source_arg" -C "$work"
    # ns-3.48.tar.xz holds ns-3.48/; the allinone tarball ns-allinone-3.48/ns-3.48/.
    version_file=$(find "$work" -maxdepth 3 -path "*/ns-$ns3_version/VERSION" | head -n 1)
    if [ -z "$version_file" ]; then
      echo "no ns-$ns3_version/ tree in $source_arg" >&2
      return 1
    fi
    mv "$(dirname "$version_file")" "$work.tree" && rm -rf "$work" && mv "$work.tree" "$work"
  elif [ -n "$source_arg" ]; then
    echo "NS3_SOURCE/--ns3-source '$source_arg' is neither a file nor a directory" >&2
    return 1
  else
    echo "downloading ns-$ns3_version from $ns3_git"
    git clone -q --depth 1 --branch "ns-$ns3_version" "$ns3_git" "$work"
    if [ "$(git -C "$work" rev-parse HEAD)" != "$ns3_commit" ]; then
      echo "tag ns-$ns3_version is not the release commit $ns3_commit: refused" >&2
      return 1
    fi
    echo "commit $ns3_commit verified"
  fi
  v=$(tr -d '[:space:]' <"$work/VERSION" 2>/dev/null || true)
  if [ "$v" != "$ns3_version" ] && [ "$v" != "3-dev" ]; then
    echo "$work/VERSION says '$v', expected $ns3_version" >&2
    return 1
  fi
}
