#!/usr/bin/env bash
# Retrain the entity tagger (docs/tagger.md): word clusters from unlabeled text (GMB train
# words, the TimeML texts, WordNet glosses) into build/clusters.txt, then the averaged
# perceptron on GMB train, tuned on dev, into models/ner.model.  Deterministic: the same
# data gives the same bytes (tests/e2e/model_current.sh checks the committed model).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared
WN=/usr/share/wordnet
[ -x build/newsgraph-train ] || { echo "train: build first (bash scripts/setup.sh)" >&2; exit 1; }
build/newsgraph-clusters --out build/clusters.txt "$SHARED/data/gmb/train.conll" \
  "$SHARED"/data/timeml/timebank/*.tml "$SHARED"/data/timeml/aquaint/*.tml \
  "$WN/data.noun" "$WN/data.verb" "$WN/data.adj" "$WN/data.adv"
build/newsgraph-train --train "$SHARED/data/gmb/train.conll" --dev "$SHARED/data/gmb/dev.conll" \
  --test "$SHARED/data/gmb/test.conll" --clusters build/clusters.txt --out models/ner.model
