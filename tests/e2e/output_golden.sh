#!/usr/bin/env bash
# The committed output/ is what the current build makes of seeds/, byte for byte.
set -u
. "$(dirname "$0")/common.inc"
cd "$ROOT"
"$NG" -o "$TMP/out" seeds/*.txt || fail "newsgraph exited $?"
for f in "$ROOT"/output/*; do
  name=$(basename "$f")
  case "$name" in *.svg|*.png|*.html) continue;; esac
  [ -f "$TMP/out/$name" ] || fail "$name is not produced any more"
  cmp -s "$f" "$TMP/out/$name" || { diff -u "$f" "$TMP/out/$name" | head -40; fail "output/$name differs from what the build makes (run scripts/setup.sh and commit output/)"; }
  echo "ok $name"
done
for f in "$TMP"/out/*; do
  [ -f "$ROOT/output/$(basename "$f")" ] || fail "output/$(basename "$f") is not committed"
done
