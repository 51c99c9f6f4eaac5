#!/usr/bin/env python3
"""List where newsgraph's time expressions differ from TimeML gold, one line each:

    tools/timex_diff.py BIN GOLD_DIR [KIND...]      KIND: VAL SPAN MISS SPUR (default all)

    VAL   span overlaps a gold timex, value differs   (these cost value F1)
    SPAN  value right, span not exact                 (these cost strict F1)
    MISS  gold timex with no overlapping prediction
    SPUR  prediction overlapping no gold timex

Columns (tab-separated): kind, file, dct, gold type, gold value, predicted value,
'gold text'|'predicted text', context with the gold (or predicted) span in [brackets].
Matching is score.py's (../shared/eval/score.py, imported from there): exact span first,
else the first overlapping one.  Example:

    tools/timex_diff.py build/newsgraph ../shared/data/timeml/aquaint VAL | cut -f5,6 | sort | uniq -c

The last column is a key, KIND:FILE@START-END (byte offsets in the TEXT element: the gold
span for VAL, SPAN and MISS, the predicted span for SPUR), that a verdicts file uses.

    tools/timex_diff.py BIN GOLD_DIR --agreements N [--seed S]
        prints N agreements (span overlapping, value equal) drawn with random.Random(S)
        (default seed 2026), keyed AGREE:FILE@START-END (gold span)
    tools/timex_diff.py BIN GOLD_DIR --verdicts FILE
        reads one verdict a line, "KEY CLASS sub-category: note", CLASS one of
            a  gold wrong, newsgraph right     b  newsgraph wrong, gold right
            c  both wrong                      d  debatable (a convention allows either)
        for every VAL, SPUR and MISS, and "AGREE:FILE@S-E ok|wrong note" for the sampled
        agreements (wrong: the gold value is wrong and newsgraph shares it); prints the
        tally and two value-F1 estimates: a system right by the guidelines on every item,
        scored against the gold as it is, and newsgraph scored against corrected gold
        (the agreement sample scaled to all agreements; d counted both ways for the range).
        Mismatches with no verdict and verdicts that match nothing are listed.
"""
import importlib.util
import os
import random
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("score", os.path.join(HERE, "..", "..", "shared", "eval", "score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def mismatches(binary, gold_dir):
    """Yield (kind, name, dct, key, cols, ctx) for every gold/prediction comparison:
    kind VAL SPAN MISS SPUR, or OK (value equal, span exact or overlapping)."""
    tmp = tempfile.mkdtemp(prefix="timex-diff-")
    for name in sorted(f for f in os.listdir(gold_dir) if f.endswith(".tml")):
        text, dct, gold = score.read_timeml(os.path.join(gold_dir, name))
        gold = [g for g in gold if g[2] in ("DATE", "TIME", "DURATION", "SET")]
        txt = os.path.join(tmp, name[:-4] + ".txt")
        with open(txt, "w", encoding="utf-8") as f:
            f.write(text)
        pred = score.run_json(binary, [txt], date=(dct or "")[:10] or None).get("timexes", [])
        b = text.encode()
        spans = [(p["start"], p["end"], p.get("type"), p.get("value")) for p in pred]
        doc = name[:-4]

        def ctx(s, e):
            lo = max(b.rfind(b"\n", 0, s) + 1, s - 80)
            nl = b.find(b"\n", e)
            hi = min(nl if nl >= 0 else len(b), e + 60)
            return (b[lo:s] + b"[" + b[s:e] + b"]" + b[e:hi]).decode(errors="replace")

        used = set()
        for gs, ge, gt, gv in gold:
            exact = [i for i, s in enumerate(spans) if s[0] == gs and s[1] == ge and i not in used]
            over = [i for i, s in enumerate(spans) if s[0] < ge and gs < s[1] and i not in used]
            hit = (exact or over or [None])[0]
            g = b[gs:ge].decode()
            key = f"{doc}@{gs}-{ge}"
            if hit is None:
                yield "MISS", name, dct, key, (gt, gv, "-", repr(g)), ctx(gs, ge)
                continue
            used.add(hit)
            p = spans[hit]
            pair = f"{g!r}|{b[p[0]:p[1]].decode()!r}"
            kind = "VAL" if p[3] != gv else "SPAN" if not exact else "OK"
            yield kind, name, dct, key, (gt, gv, p[3], pair), ctx(gs, ge)
            if kind == "SPAN":  # value equal too
                yield "OK", name, dct, key, (gt, gv, p[3], pair), ctx(gs, ge)
        for i, p in enumerate(spans):
            if i not in used:
                yield ("SPUR", name, dct, f"{doc}@{p[0]}-{p[1]}", (p[2], "-", p[3], repr(b[p[0]:p[1]].decode())),
                       ctx(p[0], p[1]))


def f1(v, npred, ngold):
    return 2 * v / (npred + ngold) if npred + ngold else 0.0


def tally(rows, path):
    """The verdicts of `path` against the current mismatches `rows`; prints the estimate."""
    ver, agree = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            w = line.split(None, 2)
            if w[0].startswith("AGREE:"):
                agree[w[0][6:]] = (w[1].lower(), w[2] if len(w) > 2 else "")
            else:
                ver[w[0]] = (w[1].lower(), w[2] if len(w) > 2 else "")
    cur = {f"{k}:{key}": k for k, _, _, key, _, _ in rows if k in ("VAL", "SPUR", "MISS")}
    ok = [key for k, _, _, key, _, _ in rows if k == "OK"]
    ngold = len({key for k, _, _, key, _, _ in rows if k != "SPUR"})
    npred = ngold - sum(1 for k, *_ in rows if k == "MISS") + sum(1 for k, *_ in rows if k == "SPUR")
    nok = len(ok)
    missing = sorted(k for k in cur if k not in ver)
    stale = sorted(k for k in ver if k not in cur)
    if missing:
        print(f"{len(missing)} mismatches with no verdict:", *missing[:20], sep="\n  ")
    if stale:
        print(f"{len(stale)} verdicts that match no current mismatch:", *stale[:20], sep="\n  ")
    agree = {k: v for k, v in agree.items() if k in set(ok)}
    n = {(kind, c): 0 for kind in ("VAL", "SPUR", "MISS") for c in "abcd"}
    for key, kind in cur.items():
        if key in ver:
            n[(kind, ver[key][0])] += 1
    names = {"a": "gold wrong, newsgraph right", "b": "newsgraph wrong, gold right", "c": "both wrong",
             "d": "debatable / convention"}
    print(f"gold {ngold}, predicted {npred}, value agreements {nok}, value F1 {f1(nok, npred, ngold):.3f}")
    print(f"{'':30s} {'VAL':>5s} {'SPUR':>5s} {'MISS':>5s} {'all':>5s}")
    for c in "abcd":
        row = [n[(k, c)] for k in ("VAL", "SPUR", "MISS")]
        print(f"  ({c}) {names[c]:26s} {row[0]:5d} {row[1]:5d} {row[2]:5d} {sum(row):5d}")
    na = len(agree)
    wrong = sum(1 for v, _ in agree.values() if v == "wrong")
    if not na:
        print("no judged agreements")
        return
    rate = wrong / na
    # Wilson score interval, 95 % (the normal one collapses to 0 for a few in 100)
    z = 1.96
    mid = (rate + z * z / (2 * na)) / (1 + z * z / na)
    half = z * ((rate * (1 - rate) + z * z / (4 * na)) / na) ** 0.5 / (1 + z * z / na)
    lo_r, hi_r = max(0.0, mid - half), min(1.0, mid + half)
    print(f"agreements judged {na} of {nok}: {wrong} share a gold error ({100 * rate:.0f} %,"
          f" 95 % Wilson range {100 * lo_r:.1f}-{100 * hi_r:.1f} %)")

    def est(dhigh, r):
        aw = r * nok  # agreements whose gold value is wrong (newsgraph shares it)
        N = lambda k, cs: sum(n[(k, c)] for c in cs)  # noqa: E731
        # 1. a system right on every item, against the gold as it is
        right_match = (nok - aw) + N("VAL", "b" + ("d" if dhigh else "")) + N("MISS", "b" + ("d" if dhigh else ""))
        pred = (nok + N("VAL", "abcd") + N("SPUR", "ac" + ("" if dhigh else "d"))
                + N("MISS", "bc" + ("d" if dhigh else "")))
        cap = f1(right_match, pred, ngold)
        # 2. newsgraph against corrected gold (d: as newsgraph has it when dhigh)
        gstar = ngold - N("MISS", "a" + ("d" if dhigh else "")) + N("SPUR", "ac" + ("d" if dhigh else ""))
        vstar = (nok - aw) + N("VAL", "a" + ("d" if dhigh else "")) + N("SPUR", "a" + ("d" if dhigh else ""))
        return cap, f1(vstar, npred, gstar)

    (c0, t0), (c1, t1) = est(False, rate), est(True, rate)
    (cl, tl), (ch, th) = est(False, hi_r), est(True, lo_r)
    print("1. a system right by the guidelines on every item, scored against this gold:\n  "
          f" {c0:.3f} (d against the gold) .. {c1:.3f} (d the gold's way);"
          f" with the agreement-sample range {cl:.3f} .. {ch:.3f}")
    print("2. newsgraph scored against corrected gold:\n  "
          f" {t0:.3f} (d the gold's way) .. {t1:.3f} (d as newsgraph has it);"
          f" with the agreement-sample range {tl:.3f} .. {th:.3f}")


def main():
    args = sys.argv[1:]
    opts = {}
    for o in ("--agreements", "--seed", "--verdicts"):
        if o in args:
            i = args.index(o)
            opts[o] = args[i + 1]
            del args[i:i + 2]
    if len(args) < 2:
        sys.exit(__doc__)
    binary, gold_dir = args[0], args[1]
    kinds = set(args[2:]) or {"VAL", "SPAN", "MISS", "SPUR"}
    rows = list(mismatches(binary, gold_dir))
    if "--verdicts" in opts:
        tally(rows, opts["--verdicts"])
        return
    if "--agreements" in opts:
        ok = [r for r in rows if r[0] == "OK"]
        pick = random.Random(int(opts.get("--seed", 2026))).sample(range(len(ok)), int(opts["--agreements"]))
        for i in sorted(pick):
            kind, name, dct, key, cols, ctx = ok[i]
            print("\t".join(("AGREE", name, dct or "-") + tuple(str(c) for c in cols) + (ctx, "AGREE:" + key)))
        return
    for kind, name, dct, key, cols, ctx in rows:
        if kind in kinds:
            print("\t".join((kind, name, dct or "-") + tuple(str(c) for c in cols) + (ctx, f"{kind}:{key}")))


if __name__ == "__main__":
    main()
