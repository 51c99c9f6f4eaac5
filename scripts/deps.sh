#!/usr/bin/env bash
# Install the Debian 12 packages newsgraph needs, only those that are missing.
set -euo pipefail
PKGS=(build-essential cmake pkg-config
      libgraphviz-dev graphviz libxml2-dev libxml2-utils libcmocka-dev libjansson-dev libutf8proc-dev
      iso-codes wordnet-base python3 python3-networkx python3-igraph
      clang libclang-rt-14-dev parallel time bc chromium fonts-dejavu-core)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "newsgraph setup: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
