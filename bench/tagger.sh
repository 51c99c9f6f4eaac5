#!/usr/bin/env bash
# bench/tagger.sh - throughput of the entity tagger alone, on one core, and peak memory.
#
#   bash bench/tagger.sh [BUILD_DIR] [MEGABYTES]      (defaults: build, 50)
#
# Builds >= MEGABYTES of news text from the GMB sentences of ../shared (detokenized, one
# paragraph per sentence group, repeated in a different order each round) into BUILD_DIR/bench-tagger/,
# compiles bench/tagger_bench.c against BUILD_DIR/libnewsgraph.a, and runs it pinned to one
# core under /usr/bin/time -v.  Nothing generated is written into the source tree.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
MB="${2:-50}"
GMB="${NG_GMB_DIR:-$ROOT/../shared/data/gmb}"
[ -d "$GMB" ] || { echo "tagger.sh: $GMB not found (needs ../shared)" >&2; exit 77; }
[ -f "$BUILD/libnewsgraph.a" ] || { echo "tagger.sh: build the project first: cmake --build $BUILD" >&2; exit 1; }
OUT="$BUILD/bench-tagger"
mkdir -p "$OUT"
TEXT="$OUT/news-${MB}MB.txt"

if [ ! -s "$TEXT" ]; then
    python3 - "$GMB" "$TEXT" "$MB" <<'EOF'
import os, random, sys
gmb, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
LEFT = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m", "'"}
RIGHT = {"(", "[", "{", "$"}
sents = []
for name in ("train.conll", "dev.conll", "test.conll"):
    cur = []
    with open(os.path.join(gmb, name), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                cur = []
                continue
            cur.append(line.split("\t")[0])
    if cur:
        sents.append(cur)
def detok(toks):
    out, glue, q = [], False, False
    for t in toks:
        attach = t in LEFT or (t == '"' and q)
        if out and not attach and not glue:
            out.append(" ")
        glue = t in RIGHT or (t == '"' and not q)
        if t == '"':
            q = not q
        out.append(t)
    return "".join(out)
lines = [detok(s) for s in sents]
rng = random.Random(1)
size, target = 0, mb * 1000 * 1000
with open(out, "w", encoding="utf-8") as f:
    while size < target:
        order = list(range(len(lines)))
        rng.shuffle(order)
        # paragraphs of 3 sentences, blank line between paragraphs
        for i in range(0, len(order), 3):
            para = " ".join(lines[j] for j in order[i:i + 3]) + "\n\n"
            f.write(para)
            size += len(para.encode("utf-8"))
            if size >= target:
                break
EOF
fi

BIN="$OUT/tagger_bench"
LIBS="$(pkg-config --libs libutf8proc jansson)"
cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -I"$ROOT/include" -I"$ROOT/src" "$ROOT/bench/tagger_bench.c" \
   "$BUILD/libnewsgraph.a" $LIBS -lm -o "$BIN"

MODEL="${NG_MODEL:-$ROOT/models/ner.model}"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; text: $(du -h "$TEXT" | cut -f1)"
echo "command: taskset -c 0 /usr/bin/time -v $BIN $MODEL $ROOT/data $TEXT"
taskset -c 0 /usr/bin/time -v "$BIN" "$MODEL" "$ROOT/data" "$TEXT" 2> "$OUT/time.txt"
grep -E "Maximum resident|Elapsed" "$OUT/time.txt" | sed 's/^\s*//'
