#!/usr/bin/env bash
# Regression guard for time expressions through the CLI: score.py timex on TimeBank and
# AQUAINT must stay at the measured level (README has the figures).
set -u
. "$(dirname "$0")/common.inc"
need_shared
check() { # set min_strict min_value
  python3 "$SHARED/eval/score.py" timex --bin "$NG" "$SHARED/data/timeml/$1" >"$TMP/$1" 2>&1 || fail "score.py exited $?"
  cat "$TMP/$1"
  strict=$(awk '/^strict/{print $NF}' "$TMP/$1")
  value=$(awk '/^value/{print $NF}' "$TMP/$1")
  awk -v s="$strict" -v v="$value" -v ms="$2" -v mv="$3" 'BEGIN{exit !(s >= ms && v >= mv)}' ||
    fail "$1: strict F1 $strict (min $2), value F1 $value (min $3)"
}
check timebank 0.916 0.839
check aquaint 0.850 0.822
