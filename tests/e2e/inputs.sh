#!/usr/bin/env bash
# Real inputs end to end: a saved HTML page, an RSS feed, an Atom feed and JSON Lines
# written for this test (made-up news, made-up names, with page furniture such as Home,
# Sign In, Cookies, Subscribe) give the right documents, dates, entities and time values
# and no furniture entities; directories, @lists and standard input expand as documented;
# --input-format forces a reader; output does not depend on -j.
set -u
. "$(dirname "$0")/common.inc"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed"; exit 77; }
IN="$ROOT/tests/e2e/inputs"
cd "$TMP" || fail "no temporary directory"
cp "$IN/harbor.html" "$IN/wire.rss" "$IN/wire.atom" "$IN/records.jsonl" . || fail "cannot copy the inputs"

"$NG" -q -f json harbor.html wire.rss wire.atom records.jsonl >all.json 2>err.txt || fail "exit $? ($(cat err.txt))"
[ -s err.txt ] && fail "unexpected stderr: $(cat err.txt)"
"$NG" -q -j 1 -f json harbor.html wire.rss wire.atom records.jsonl >all-j1.json || fail "-j 1 failed"
cmp -s all.json all-j1.json || fail "output differs between -j 1 and the default"

python3 - all.json <<'PYEOF' || exit 1
import json, sys
d = json.load(open(sys.argv[1]))
bad = []
def want(cond, msg):
    if not cond:
        bad.append(msg)

docs = {x['path']: x for x in d['documents']}
ids = {x['id']: x['path'] for x in d['documents']}
expect_docs = {
    'harbor.html': ('2025-04-08', 'meta', 'html', 'Northport council backs harbour bridge'),
    'wire.rss#1': ('2025-04-08', 'feed', 'rss', 'Harbour bridge wins approval in Lisbon'),
    'wire.rss#2': ('2025-04-10', 'feed', 'rss', 'Port workers strike in Rotterdam'),
    'wire.rss#3': ('2025-04-11', 'feed', 'rss', 'Ferry operator fined'),
    'wire.atom#1': ('2025-04-12', 'feed', 'atom', 'Budget talks resume in Vienna'),
    'wire.atom#2': ('2025-04-11', 'feed', 'atom', 'Storm closes airports'),
    'records.jsonl#1': ('2025-04-11', 'record', 'jsonl', 'Library opens'),
    'records.jsonl#3': ('2025-04-09', 'record', 'jsonl', None),
    'records.jsonl#4': (None, None, 'jsonl', None),
}
want(list(docs) == list(expect_docs), 'documents %s, want %s' % (list(docs), list(expect_docs)))
for p, (date, src, fmt, title) in expect_docs.items():
    x = docs.get(p)
    if not x:
        continue
    got = (x['date'], x['date_source'], x['format'], x['title'])
    want(got == (date, src, fmt, title), '%s: (date, date_source, format, title) %s, want %s' % (p, got, (date, src, fmt, title)))

# entities: by name -> (type, set of documents)
ents = {}
for e in d['entities']:
    ents[e['name']] = (e['type'], {ids[m['doc']] for m in e['mentions']}, e.get('aliases', []))
def ent(name, typ, in_doc):
    e = ents.get(name)
    want(e is not None, 'entity %s missing (have %s)' % (name, sorted(ents)))
    if e:
        want(e[0] == typ, '%s typed %s, want %s' % (name, e[0], typ))
        want(in_doc in e[1], '%s not mentioned in %s (only %s)' % (name, in_doc, sorted(e[1])))
ent('Elena Varga', 'PERSON', 'harbor.html')
ent('Elena Varga', 'PERSON', 'wire.rss#1')
ent('Samuel Okafor', 'PERSON', 'harbor.html')
ent('Lisbon', 'PLACE', 'harbor.html')
ent('Johan Brandt', 'PERSON', 'wire.rss#2')
ent('Rotterdam', 'PLACE', 'wire.rss#2')
ent('Karin Solheim', 'PERSON', 'wire.rss#3')
ent('Oslo', 'PLACE', 'wire.rss#3')
ent('Viktor Aldane', 'PERSON', 'wire.atom#1')
ent('Vienna', 'PLACE', 'wire.atom#1')
ent('Lea Hofstetter', 'PERSON', 'wire.atom#1')
ent('Maja Lindqvist', 'PERSON', 'wire.atom#2')
ent('Stockholm', 'PLACE', 'wire.atom#2')
# Viktor Aldane also appears in the page's "Most Read" sidebar: never from the page
want('harbor.html' not in ents.get('Viktor Aldane', ('', set()))[1], 'sidebar name Viktor Aldane read from harbor.html')

# no page furniture anywhere: navigation, cookie banner, newsletter box, footer,
# byline, photo credit, share buttons, related links, site and channel names
furniture = ['Home', 'Sign In', 'Sign Up', 'Cookies', 'Cookie', 'Subscribe', 'Newsletter', 'Privacy', 'Contact',
             'Share', 'Facebook', 'Meridian', 'Accept', 'Most Read', 'Topics', 'Terms', 'Email',
             'Marta Quell', 'Lukas Brenner', 'Tomas Ekberg', 'Morning Briefing', 'Manage Settings']
for name, (typ, ds, aliases) in ents.items():
    for f in furniture:
        for n in [name] + list(aliases):
            want(f not in n, 'furniture entity %r (%s) in %s' % (n, f, sorted(ds)))

# time values resolved against each document's own date
tx = {(ids[t['doc']], t['text']): t['value'] for t in d['timexes']}
for key, value in [(('harbor.html', 'Monday'), '2025-04-07'), (('harbor.html', 'March 2026'), '2026-03'),
                   (('wire.rss#1', 'Monday'), '2025-04-07'), (('wire.rss#2', 'Wednesday'), '2025-04-09'),
                   (('wire.rss#3', 'March'), '2025-03'), (('wire.atom#1', 'Saturday'), '2025-04-12'),
                   (('records.jsonl#1', 'Friday'), '2025-04-11'), (('records.jsonl#4', '2024'), '2024')]:
    want(tx.get(key) == value, 'timex %s = %s, want %s' % (key, tx.get(key), value))

if bad:
    print('\n'.join('FAIL: ' + b for b in bad), file=sys.stderr)
    sys.exit(1)
print('ok html, rss, atom, jsonl: %d documents, %d entities, %d timexes' % (len(docs), len(ents), len(tx)))
PYEOF

# directories (recursive, by extension, sorted), @lists and standard input
mkdir -p tree/b tree/a/.hidden tree/c.txt
cp harbor.html tree/b/page.HTML
cp wire.atom tree/a/feed.atom
cp records.jsonl tree/a/.hidden/skipped.jsonl
printf 'not an input\n' >tree/a/notes.md
cp "$IN/../../../seeds/"*.txt tree/c.txt/ 2>/dev/null || printf 'date 2025-04-08\nMayor Elena Varga spoke.\n' >tree/c.txt/x.txt
printf '# list\nwire.rss\n\ntree/a\n' >list.txt
printf '{"text": "Mayor Elena Varga spoke in Lisbon.", "date": "2025-04-01"}\n' |
  "$NG" -q -f json tree @list.txt - >dirs.json 2>err.txt || fail "directories: exit $? ($(cat err.txt))"
[ -s err.txt ] && fail "directories: unexpected stderr: $(cat err.txt)"
python3 - dirs.json tree <<'PYEOF' || exit 1
import json, os, sys
d = json.load(open(sys.argv[1]))
paths = [x['path'] for x in d['documents']]
c = sorted('tree/c.txt/' + f for f in os.listdir(os.path.join(sys.argv[2], 'c.txt')))
want = ['tree/a/feed.atom#1', 'tree/a/feed.atom#2', 'tree/b/page.HTML'] + c + \
       ['wire.rss#1', 'wire.rss#2', 'wire.rss#3', 'tree/a/feed.atom#1', 'tree/a/feed.atom#2', '-#1']
if paths != want:
    print('FAIL: documents %s\n want %s' % (paths, want), file=sys.stderr)
    sys.exit(1)
print('ok directories, @list, standard input: %d documents in order' % len(paths))
PYEOF

# --input-format forces a reader; an empty directory is reported
"$NG" -q -f json --input-format text harbor.html >forced.json 2>err.txt || fail "forced text: exit $?"
grep -q '"format": "text"' forced.json || fail "--input-format text did not read the page as text"
mkdir empty-dir
"$NG" -q -f json empty-dir wire.rss >e.json 2>err.txt
code=$?
[ $code -eq 1 ] || fail "empty directory: exit $code, want 1"
[ "$(cat err.txt)" = "newsgraph: empty-dir: no input files in the directory (.txt .html .htm .xml .rss .atom .jsonl .json)" ] ||
  fail "empty directory: stderr $(cat err.txt)"
grep -q '"path": "wire.rss#3"' e.json || fail "empty directory: the other input was not read"
echo "ok --input-format, empty directory"
