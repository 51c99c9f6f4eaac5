#!/usr/bin/env bash
# The committed tagger model is what training on the GMB data gives with the current
# code and lexicons, byte for byte (training is deterministic): a change to the tokenizer,
# the features or data/*.txt without retraining fails here.  Retrain with the command in
# docs/tagger.md.
set -u
. "$(dirname "$0")/common.inc"
need_shared
TRAIN="$(dirname "$NG")/newsgraph-train"
[ -x "$TRAIN" ] || fail "no trainer at $TRAIN"
cd "$ROOT"
"$TRAIN" --train "$SHARED/data/gmb/train.conll" --dev "$SHARED/data/gmb/dev.conll" \
  --out "$TMP/ner.model" >"$TMP/log" 2>&1 || { tail -5 "$TMP/log"; fail "training exited $?"; }
cmp -s "$TMP/ner.model" "$ROOT/models/ner.model" || fail "models/ner.model is stale: retrain it (docs/tagger.md)"
echo "ok: models/ner.model is current"
