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
"""
import importlib.util
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("score", os.path.join(HERE, "..", "..", "shared", "eval", "score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, gold_dir = sys.argv[1], sys.argv[2]
    kinds = set(sys.argv[3:]) or {"VAL", "SPAN", "MISS", "SPUR"}
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

        def ctx(s, e):
            lo = max(b.rfind(b"\n", 0, s) + 1, s - 80)
            nl = b.find(b"\n", e)
            hi = min(nl if nl >= 0 else len(b), e + 60)
            return (b[lo:s] + b"[" + b[s:e] + b"]" + b[e:hi]).decode(errors="replace")

        def out(kind, *cols):
            if kind in kinds:
                print("\t".join((kind, name, dct or "-") + tuple(str(c) for c in cols)))

        used = set()
        for gs, ge, gt, gv in gold:
            exact = [i for i, s in enumerate(spans) if s[0] == gs and s[1] == ge and i not in used]
            over = [i for i, s in enumerate(spans) if s[0] < ge and gs < s[1] and i not in used]
            hit = (exact or over or [None])[0]
            g = b[gs:ge].decode()
            if hit is None:
                out("MISS", gt, gv, "-", repr(g), ctx(gs, ge))
                continue
            used.add(hit)
            p = spans[hit]
            pair = f"{g!r}|{b[p[0]:p[1]].decode()!r}"
            if p[3] != gv:
                out("VAL", gt, gv, p[3], pair, ctx(gs, ge))
            elif not exact:
                out("SPAN", gt, gv, p[3], pair, ctx(gs, ge))
        for i, p in enumerate(spans):
            if i not in used:
                out("SPUR", p[2], "-", p[3], repr(b[p[0]:p[1]].decode()), ctx(p[0], p[1]))


if __name__ == "__main__":
    main()
