#!/usr/bin/env bash
# The seed acceptance test (../shared/eval/score.py seeds): every check must pass.
set -u
. "$(dirname "$0")/common.inc"
need_shared
cd "$ROOT"
python3 "$SHARED/eval/score.py" seeds --bin "$NG" --seeds "$ROOT/seeds" >"$TMP/score" 2>&1 || fail "score.py exited $?"
cat "$TMP/score"
if grep -q '^FAIL' "$TMP/score"; then fail "seed checks failed"; fi
grep -q '^score: 1.000' "$TMP/score" || fail "seed score is not 1.000"
