#!/usr/bin/env python3
"""Build a benchmark corpus of plain-text news articles from the sentences of
../shared/data (GMB news sentences and TempEval-3 TimeML texts): articles of shuffled
sentences with a `date YYYY-MM-DD` header line, one file per article, N directories of
at most 1000 files.  Deterministic for a given seed.

    make_corpus.py SHARED_DIR OUT_DIR SIZE_MB [--seed N]
"""
import argparse
import glob
import os
import random
import re


def sentences(shared):
    out = []
    for name in ("train.conll", "dev.conll", "test.conll"):
        toks = []
        with open(os.path.join(shared, "data", "gmb", name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip():
                    if toks:
                        s = " ".join(toks)
                        s = re.sub(r" ([,.;:!?%)])", r"\1", s).replace("( ", "(").replace(" 's", "'s")
                        out.append(s)
                    toks = []
                    continue
                toks.append(line.split("\t")[0].split(" ")[0])
    for path in sorted(glob.glob(os.path.join(shared, "data", "timeml", "*", "*.tml"))):
        with open(path, encoding="utf-8") as f:
            t = f.read()
        m = re.search(r"<TEXT>(.*)</TEXT>", t, re.S)
        if m:
            body = re.sub(r"<[^>]+>", "", m.group(1))
            out.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", body) if len(s.strip()) > 20)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("shared")
    ap.add_argument("out")
    ap.add_argument("size_mb", type=float)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    sents = sentences(a.shared)
    target = int(a.size_mb * 1e6)
    os.makedirs(a.out, exist_ok=True)
    written = n = 0
    while written < target:
        k = rng.randint(20, 60)
        body = [rng.choice(sents) for _ in range(k)]
        paras = []
        while body:
            m = rng.randint(2, 5)
            paras.append(" ".join(body[:m]))
            body = body[m:]
        date = "%04d-%02d-%02d" % (rng.randint(2000, 2025), rng.randint(1, 12), rng.randint(1, 28))
        text = "date %s\n%s\n\n%s\n" % (date, paras[0][:80].rsplit(" ", 1)[0], "\n\n".join(paras))
        d = os.path.join(a.out, "%04d" % (n // 1000))
        if n % 1000 == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "a%07d.txt" % n), "w", encoding="utf-8") as f:
            f.write(text)
        written += len(text.encode("utf-8"))
        n += 1
    print("%d articles, %d bytes in %s" % (n, written, a.out))


if __name__ == "__main__":
    main()
