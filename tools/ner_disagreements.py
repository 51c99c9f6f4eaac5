#!/usr/bin/env python3
"""List and sample the NER disagreements between newsgraph and CoNLL gold labels.

    python3 tools/ner_disagreements.py BIN GOLD.conll [--seed 2026] [--n 100]
                                        [--score-py ../shared/eval/score.py]
                                        [--all] [--agreements N] [--verdicts FILE]

BIN is the newsgraph binary (run as `BIN -q -f json TEXT`), GOLD.conll a CoNLL file
(token ... tag, blank line between sentences), e.g.

    python3 tools/ner_disagreements.py build/newsgraph ../shared/data/gmb/test.conll

The text and the gold spans come from score.py's own read_conll (imported, not copied),
and the predicted mentions are built as score.py's score_ner builds them: every mention
of a PERSON/ORG/PLACE entity, with the entity's type. The script prints the P/R/F1 that
score.py would print, then groups the disagreements: every false positive (predicted
(start, end, type) not in gold) and false negative (gold span not predicted) is a node,
overlapping FP/FN spans are joined, and one connected group is one disagreement (a
boundary or type error is one disagreement, not two). It then draws --n groups with
random.Random(seed).sample and prints each one with its sentence, gold and predicted
spans (--all prints every group instead). --agreements N prints N agreed spans drawn
with the same seed instead, to estimate how many gold errors the tagger shares.

--verdicts FILE reads one line per judged group, "ID CLASS [note...]" where ID is the
number printed for the group and CLASS one of
    a  gold wrong, tagger right      b  tagger wrong, gold right
    c  both wrong                    d  debatable (conventions allow either)
and prints the counts and the F1 one would get if the gold errors were corrected in
proportion: a class-(a) group is turned into an agreement (its FPs become TPs, its FNs
disappear); a class-(c) or (b) group is left as it is; the (d) groups are counted once
as errors (low estimate) and once as agreements (high estimate). The per-group FP/FN
counts of the judged sample are scaled to all groups (factor total groups / sample).
The same file may hold judged agreements, "@START-END ok|wrong [true=N] [note]" (from
--agreements), and "true=N" on a class-(c) line gives the number of right spans in that
group (default: its FP count); with them the script also prints the F1 that a tagger
which is always right (by the conventions) would get against the gold as it is (the
cap the labels put on F1), and the F1 of this tagger against a fully corrected gold.

Python 3 standard library only.
"""
import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def load_score_py(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def predict(score, binary, text, name):
    txt = os.path.join(tempfile.mkdtemp(prefix="ner-dis-"), name + ".txt")
    with open(txt, "w", encoding="utf-8") as f:
        f.write(text)
    out = subprocess.run([binary, "-q", "-f", "json", txt], stdout=subprocess.PIPE, check=True)
    pred = set()
    for e in json.loads(out.stdout).get("entities", []):
        t = score.norm_type(e.get("type"))
        if t in ("PERSON", "ORG", "PLACE"):
            for m in e.get("mentions", []):
                pred.add((m["start"], m["end"], t))
    return pred


def groups_of(fp, fn):
    """Connected components of overlapping FP/FN spans, in text order."""
    nodes = sorted([(s, "FP") for s in fp] + [(s, "FN") for s in fn])
    parent = list(range(len(nodes)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Spans sorted by start: a node overlaps an earlier one iff it starts before the
    # furthest end seen so far within the current run.
    run_end, run_root = -1, None
    for i, ((s, e, _), _) in enumerate(nodes):
        if run_root is not None and s < run_end:
            parent[find(i)] = find(run_root)
            run_end = max(run_end, e)
        else:
            run_root, run_end = i, e
    comp = {}
    for i, n in enumerate(nodes):
        comp.setdefault(find(i), []).append(n)
    return sorted(comp.values(), key=lambda g: g[0][0][0])


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("conll")
    ap.add_argument("--score-py", default=os.path.join(HERE, "..", "..", "shared", "eval", "score.py"))
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--all", action="store_true", help="print every group, not a sample")
    ap.add_argument("--agreements", type=int, metavar="N",
                    help="print N agreements (gold = predicted span and type) drawn with the seed instead")
    ap.add_argument("--verdicts", help="file of 'ID CLASS [note]' lines; prints counts and the estimate")
    a = ap.parse_args()

    score = load_score_py(a.score_py)
    text, gold = score.read_conll(a.conll)
    pred = predict(score, a.binary, text, os.path.basename(a.conll))
    tp, fp, fn = gold & pred, pred - gold, gold - pred
    P, R, F = f1(len(tp), len(fp), len(fn))
    print(f"gold {len(gold)} predicted {len(pred)} TP {len(tp)} FP {len(fp)} FN {len(fn)}")
    print(f"P {P:.3f} R {R:.3f} F1 {F:.3f}")

    groups = groups_of(fp, fn)
    kinds = {}
    for g in groups:
        k = (sum(1 for _, w in g if w == "FP"), sum(1 for _, w in g if w == "FN"))
        kinds[k] = kinds.get(k, 0) + 1
    print(f"disagreement groups {len(groups)} (by #FP, #FN: "
          + ", ".join(f"{k[0]}/{k[1]}: {v}" for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])) + ")")

    raw = text.encode("utf-8")
    line_starts = [0] + [i + 1 for i, b in enumerate(raw) if b == 0x0A]

    def sentence(pos):
        import bisect
        i = bisect.bisect_right(line_starts, pos) - 1
        s = line_starts[i]
        e = line_starts[i + 1] - 1 if i + 1 < len(line_starts) else len(raw)
        return s, e

    def show(s, e, t):
        return f"{raw[s:e].decode('utf-8', 'replace')!r}/{t}"

    if a.agreements:
        for x in sorted(random.Random(a.seed).sample(sorted(tp), a.agreements)):
            ss, se = sentence(x[0])
            print(f"\n@{x[0]}-{x[1]}  TP {show(*x)}")
            print(f"  S: {raw[ss:se].decode('utf-8', 'replace')}")
        return

    ids = list(range(len(groups)))
    sample = ids if a.all else sorted(random.Random(a.seed).sample(ids, min(a.n, len(ids))))
    if not a.verdicts:
        for gid in sample:
            g = groups[gid]
            s0 = min(x[0][0] for x in g)
            e0 = max(x[0][1] for x in g)
            ss, se = sentence(s0)
            sent = raw[ss:se].decode("utf-8", "replace")
            gold_in = sorted(x for x in gold if ss <= x[0] < se)
            pred_in = sorted(x for x in pred if ss <= x[0] < se)
            print()
            print(f"#{gid} @{s0}-{e0}  " + "  ".join(f"{w} {show(*x)}" for x, w in g))
            print(f"  S: {sent}")
            print("  G: " + ", ".join(show(*x) for x in gold_in))
            print("  P: " + ", ".join(show(*x) for x in pred_in))
        return

    verdicts, true_n, agree = {}, {}, {}
    with open(a.verdicts, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            w = line.split()
            t = [int(x[5:]) for x in w[2:] if x.startswith("true=")]
            if w[0].startswith("@"):  # an agreement: @START-END ok|wrong [true=N]
                agree[w[0]] = (w[1].lower(), t[0] if t else 1)
            else:
                verdicts[int(w[0])] = w[1].lower()
                if t:
                    true_n[int(w[0])] = t[0]
    judged = [g for g in sample if g in verdicts]
    if len(judged) != len(sample):
        missing = [g for g in sample if g not in verdicts]
        sys.exit(f"ner_disagreements.py: no verdict for groups {missing[:10]}...")
    per = {c: [0, 0, 0, 0] for c in "abcd"}  # groups, FP, FN, true spans (c groups)
    for gid in judged:
        c = verdicts[gid]
        g = groups[gid]
        nfp = sum(1 for _, w in g if w == "FP")
        nfn = sum(1 for _, w in g if w == "FN")
        per[c][0] += 1
        per[c][1] += nfp
        per[c][2] += nfn
        per[c][3] += true_n.get(gid, nfp)
    scale = len(groups) / len(judged)
    print(f"\njudged {len(judged)} of {len(groups)} groups (scale {scale:.2f})")
    names = {"a": "gold wrong, tagger right", "b": "tagger wrong, gold right",
             "c": "both wrong", "d": "debatable"}
    for c in "abcd":
        n, nfp, nfn, nt = per[c]
        print(f"  ({c}) {names[c]:26s} {n:3d} groups, {nfp} FP, {nfn} FN in the sample"
              + (f", {nt} true spans" if c == "c" else ""))
    print("\n1. Only the class-(a) gold errors corrected (the tagger's FPs there become TPs, its FNs go):")
    for label, fixed in (("low  (d counted as errors)", "a"), ("high (d counted as agreements)", "ad")):
        dfp = sum(per[c][1] for c in fixed) * scale
        dfn = sum(per[c][2] for c in fixed) * scale
        ntp, nfp, nfn = len(tp) + dfp, len(fp) - dfp, len(fn) - dfn
        p, r, f = f1(ntp, nfp, nfn)
        print(f"  {label}: TP {len(tp)}+{dfp:.0f} FP {len(fp)}-{dfp:.0f} FN {len(fn)}-{dfn:.0f}"
              f" -> P {p:.3f} R {r:.3f} F1 {f:.3f}")
    print("   For comparison, the tagger's own errors fixed, scored against GMB as it is:")
    for label, fixed in (("(b) fixed", "b"), ("(b) and (d) fixed the gold's way", "bd")):
        dfp = sum(per[c][1] for c in fixed) * scale
        dfn = sum(per[c][2] for c in fixed) * scale
        p, r, f = f1(len(tp) + dfn, len(fp) - dfp, len(fn) - dfn)
        print(f"  {label}: TP {len(tp)}+{dfn:.0f} FP {len(fp)}-{dfp:.0f} FN {len(fn)}-{dfn:.0f}"
              f" -> P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if not agree:
        return
    # Gold errors the tagger shares (agreements judged wrong), scaled to all agreements.
    na = len(agree)
    wrong = sum(1 for v, _ in agree.values() if v == "wrong")
    wrong_true = sum(t for v, t in agree.values() if v == "wrong")
    sc_t = len(tp) / na
    hw, ht = wrong * sc_t, wrong_true * sc_t
    print(f"\njudged {na} agreements: {wrong} share a gold error ({wrong_true} true spans in their place);"
          f" scaled to {len(tp)} agreements: {hw:.0f} wrong gold spans, {ht:.0f} true spans")
    G, npred = len(gold), len(pred)
    print("2. Gold corrected everywhere (truth = the conventions):")
    for label, dg in (("d as the gold has it", False), ("d as the tagger has it", True)):
        gw = (per["a"][2] + per["c"][2] + (per["d"][2] if dg else 0)) * scale + hw
        tm = (per["a"][1] + per["c"][3] + (per["d"][1] if dg else 0)) * scale + ht
        tp_star = G - gw          # gold spans that are right
        T = tp_star + tm          # true spans
        f_cap = 2 * tp_star / (G + T)
        tp_t = len(tp) - hw + (per["a"][1] + (per["d"][1] if dg else 0)) * scale
        f_tag = 2 * tp_t / (npred + T)
        print(f"  {label}: wrong gold spans {gw:.0f}, true spans missing from gold {tm:.0f}, true spans {T:.0f}")
        print(f"    a tagger that is always right, scored against GMB: F1 = 2*{tp_star:.0f}/({G}+{T:.0f}) = {f_cap:.3f}")
        print(f"    this tagger scored against the corrected gold:     F1 = 2*{tp_t:.0f}/({npred}+{T:.0f}) = {f_tag:.3f}")

if __name__ == "__main__":
    main()
