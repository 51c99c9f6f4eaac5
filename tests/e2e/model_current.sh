#!/usr/bin/env bash
# The committed tagger model is what training on the GMB data gives with the current
# code, lexicons and word clusters, byte for byte (clustering and training are
# deterministic): a change to the tokenizer, the features, data/*.txt or the clustering
# without retraining fails here.  The clusters are built from unlabeled text first, as
# scripts/train.sh does (they are not committed: the model carries them, hashed).  Then a
# damaged or missing cluster file is refused by the trainer, naming the file and line.
set -u
. "$(dirname "$0")/common.inc"
need_shared
BIN="$(dirname "$NG")"
TRAIN="$BIN/newsgraph-train"
[ -x "$TRAIN" ] || fail "no trainer at $TRAIN"
[ -x "$BIN/newsgraph-clusters" ] || fail "no clustering tool at $BIN/newsgraph-clusters"
WN=/usr/share/wordnet
[ -f "$WN/data.noun" ] || fail "$WN/data.noun missing: install wordnet-base (scripts/deps.sh)"
cd "$ROOT"
"$BIN/newsgraph-clusters" --out "$TMP/clusters.txt" "$SHARED/data/gmb/train.conll" \
  "$SHARED"/data/timeml/timebank/*.tml "$SHARED"/data/timeml/aquaint/*.tml \
  "$WN/data.noun" "$WN/data.verb" "$WN/data.adj" "$WN/data.adv" >"$TMP/clog" 2>&1 ||
  { cat "$TMP/clog"; fail "newsgraph-clusters exited $?"; }
"$TRAIN" --train "$SHARED/data/gmb/train.conll" --dev "$SHARED/data/gmb/dev.conll" \
  --clusters "$TMP/clusters.txt" --out "$TMP/ner.model" >"$TMP/log" 2>&1 ||
  { tail -5 "$TMP/log"; fail "training exited $?"; }
cmp -s "$TMP/ner.model" "$ROOT/models/ner.model" || fail "models/ner.model is stale: retrain it (bash scripts/train.sh)"
echo "ok: models/ner.model is current"

# A malformed line is a clear error, before any training.
head -3 "$TMP/clusters.txt" >"$TMP/bad.txt"
printf '01x\tword\t3\n' >>"$TMP/bad.txt"
if "$TRAIN" --train "$SHARED/data/gmb/dev.conll" --dev "$SHARED/data/gmb/dev.conll" \
     --clusters "$TMP/bad.txt" --out "$TMP/m" >"$TMP/log2" 2>&1; then
  fail "the trainer accepted a malformed cluster file"
fi
grep -q "bad.txt:4: not a word-cluster line" "$TMP/log2" || { cat "$TMP/log2"; fail "no line-numbered message"; }
if "$TRAIN" --train "$SHARED/data/gmb/dev.conll" --dev "$SHARED/data/gmb/dev.conll" \
     --clusters "$TMP/none.txt" --out "$TMP/m" >"$TMP/log3" 2>&1; then
  fail "the trainer accepted a missing cluster file"
fi
grep -q "none.txt: cannot read word clusters" "$TMP/log3" || { cat "$TMP/log3"; fail "no message for a missing file"; }
[ ! -e "$TMP/m" ] || fail "a model was written despite the bad cluster file"
echo "ok: bad cluster files are refused"
