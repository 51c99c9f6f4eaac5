#!/usr/bin/env bash
# Regression guard for entity recognition through the whole CLI: the official scorer on
# GMB dev and test must not fall below the measured level (README has the figures).
set -u
. "$(dirname "$0")/common.inc"
need_shared
for set in dev test; do
  python3 "$SHARED/eval/score.py" ner --bin "$NG" "$SHARED/data/gmb/$set.conll" >"$TMP/$set" 2>&1 || fail "score.py exited $?"
  cat "$TMP/$set"
  f=$(awk '/^score:/{print $2}' "$TMP/$set")
  awk -v f="$f" 'BEGIN{exit !(f >= 0.80)}' || fail "$set F1 $f < 0.80"
done
