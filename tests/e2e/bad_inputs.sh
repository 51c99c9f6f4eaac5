#!/usr/bin/env bash
# Bad inputs: every case of tests/bad-inputs/ (NAME + NAME.expect) is run as
#   newsgraph -q -f json [ARGS | NAME] GOOD
# from a copy of the directory, and must give exactly the expected stderr lines and exit
# code, never crash or hang, and still have GOOD's document (and the listed ones) in the
# JSON.  .expect lines: "exit: N", "stderr: LINE" (in order), "args: ..." (replaces NAME),
# "doc: PATH" (a document that must be in the JSON), "absent: TEXT" (must not appear in
# stdout), "# comment".  Then generated cases: a 100 MB single line, standard input,
# unreadable files, and an interrupted run that must leave the previous output intact.
set -u
. "$(dirname "$0")/common.inc"
command -v python3 >/dev/null || { echo "SKIP: python3 is needed"; exit 77; }
cp -r "$ROOT/tests/bad-inputs" "$TMP/cases" || fail "cannot copy the cases"
S='Mayor Elena Varga met engineer Samuel Okafor in Lisbon on Monday.'
printf 'date 2025-04-08\n\n%s\n' "$S" >"$TMP/good.txt"
# the good file in each forced format (--input-format applies to every input)
printf '<html><body><p>%s</p></body></html>\n' "$S" >"$TMP/good.html"
printf '<rss version="2.0"><channel><item><title>Bridge</title><description>%s</description></item></channel></rss>\n' \
  "$S" >"$TMP/good.rss"
printf '{"text": "%s", "date": "2025-04-08"}\n' "$S" >"$TMP/good.jsonl"

# sanitizer builds: Graphviz's renderer and fontconfig keep caches for the life of the
# process (same suppressions as tests/unit/test_export_render.c); timing checks are skipped
printf 'leak:libfontconfig.so\nleak:libgvc.so\nleak:libgvplugin_\nleak:libpango\nleak:libcairo\n' >"$TMP/lsan.supp"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$TMP/lsan.supp"
SANITIZED=0
ldd "$NG" 2>/dev/null | grep -q 'libasan\|libubsan' && SANITIZED=1
export SANITIZED

python3 - "$NG" "$TMP" <<'PYEOF'
import json, os, signal, subprocess, sys, time, hashlib

NG, TMP = sys.argv[1], sys.argv[2]
CASES = os.path.join(TMP, 'cases')
GOOD = os.path.join(TMP, 'good.txt')
failures = []

def run(args, cwd, stdin=None, timeout=120):
    t0 = time.time()
    try:
        p = subprocess.run([NG] + args, cwd=cwd, input=stdin, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, b'', b'', time.time() - t0
    return p.returncode, p.stdout, p.stderr, time.time() - t0

FORCED = {'text': (GOOD, GOOD), 'html': (os.path.join(TMP, 'good.html'),) * 2,
          'feed': (os.path.join(TMP, 'good.rss'), os.path.join(TMP, 'good.rss#1')),
          'jsonl': (os.path.join(TMP, 'good.jsonl'), os.path.join(TMP, 'good.jsonl#1'))}

def check(name, args, want_exit, want_err, want_docs=(), absent=(), cwd=CASES, stdin=None, timeout=120, good=True):
    """Run one case and compare; records a failure message or prints ok."""
    good_file, good_doc = GOOD, GOOD
    if '--input-format' in args and args.index('--input-format') + 1 < len(args):
        good_file, good_doc = FORCED.get(args[args.index('--input-format') + 1], (GOOD, GOOD))
    full = args + ([good_file] if good else [])
    code, out, err, secs = run(['-q', '-f', 'json'] + full, cwd, stdin, timeout)
    problems = []
    if code is None:
        problems.append('hung (killed after %ds)' % timeout)
    else:
        if code < 0 or code > 4:
            problems.append('crashed (exit %d)' % code)
        elif code != want_exit:
            problems.append('exit %d, want %d' % (code, want_exit))
        got_err = err.decode('utf-8', 'replace').splitlines()
        if got_err != want_err:
            problems.append('stderr %r, want %r' % (got_err, want_err))
        if want_exit == 2:
            if out:
                problems.append('stdout not empty on a usage error')
        elif code is not None and 0 <= code <= 4:
            try:
                doc = json.loads(out)
                paths = [d['path'] for d in doc['documents']]
            except Exception as e:  # noqa: BLE001
                paths = None
                problems.append('stdout is not the JSON document: %s' % e)
            if paths is not None:
                for p in ([good_doc] if good else []) + list(want_docs):
                    if p not in paths:
                        problems.append('document %s missing from the JSON (have %s)' % (p, paths[:6]))
        for a in absent:
            if a.encode() in out:
                problems.append('stdout contains %r' % a)
    if problems:
        failures.append('%s: %s' % (name, '; '.join(problems)))
        print('FAIL %s: %s' % (name, '; '.join(problems)))
    else:
        print('ok %s (%.1fs)' % (name, secs))

# ---- the committed cases ----
n = 0
for f in sorted(os.listdir(CASES)):
    if not f.endswith('.expect'):
        continue
    name = f[:-len('.expect')]
    args, code, err, docs, absent = [name], None, [], [], []
    for line in open(os.path.join(CASES, f), encoding='utf-8'):
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        key, _, val = line.partition(': ')
        if key == 'args':
            args = val.split()
        elif key == 'exit':
            code = int(val)
        elif key == 'stderr':
            err.append(val)
        elif key == 'doc':
            docs.append(val)
        elif key == 'absent':
            absent.append(val)
        else:
            failures.append('%s: unknown key %r' % (f, key))
    if code is None:
        failures.append('%s: no exit line' % f)
        continue
    n += 1
    check(name, args, code, err, docs, absent, good=(code != 2))
if n < 40:
    failures.append('only %d cases in tests/bad-inputs (want at least 40)' % n)

# ---- standard input ----
check('stdin-empty', ['-'], 1, ['newsgraph: (standard input): empty input'], stdin=b'')
check('stdin-binary', ['-'], 1, ['newsgraph: (standard input): binary data, not text (gzip data)'],
      stdin=b'\x1f\x8b\x08\x00' + b'\x00' * 20)
check('stdin-html', ['-'], 0, [], ['-'],
      stdin=b'<html><body><nav>Home</nav><p>Mayor Elena Varga spoke in Lisbon.</p></body></html>')

# ---- unreadable files (permissions are not enforced for root) ----
if os.geteuid() == 0:
    print('skip unreadable-file: running as root, a chmod 000 file stays readable')
else:
    u = os.path.join(CASES, 'unreadable.txt')
    with open(u, 'w') as fp:
        fp.write('secret\n')
    os.chmod(u, 0)
    check('unreadable-file', ['unreadable.txt'], 1, ['newsgraph: unreadable.txt: Permission denied'])
    d = os.path.join(CASES, 'locked')
    os.makedirs(os.path.join(d, 'inner'))
    with open(os.path.join(d, 'ok.txt'), 'w') as fp:
        fp.write('Mayor Elena Varga spoke in Lisbon.\n')
    os.chmod(os.path.join(d, 'inner'), 0)
    check('unreadable-subdirectory', ['locked'], 1, ['newsgraph: locked/inner: Permission denied'],
          ['locked/ok.txt'])
    os.chmod(os.path.join(d, 'inner'), 0o755)
    os.chmod(u, 0o644)

# ---- a 100 MB single line: bounded time, memory, and linear growth ----
def words(nbytes):
    base = b'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor '
    return (base * (nbytes // len(base) + 1))[:nbytes]

big = os.path.join(TMP, 'long-line.txt')
with open(big, 'wb') as fp:
    chunk = b'x' * (1 << 20)
    for _ in range(100):
        fp.write(chunk)
check('long-line-100MB-one-token', [big], 0, [], [big], timeout=300)
# the same shape of input in two sizes: time must grow about linearly, not quadratically
times = []
for size in (64 << 10, 512 << 10):
    p = os.path.join(TMP, 'words-%d.txt' % size)
    with open(p, 'wb') as fp:
        fp.write(words(size))
    code, out, err, secs = run(['-q', '-f', 'json', p], TMP, timeout=60)
    times.append(secs if code == 0 else None)
if os.environ.get('SANITIZED') == '1':
    print('skip long-line-words timing and the 100 MB words line: sanitizer build (%s)' % times)
elif None in times:
    failures.append('long-line-words: a one-sentence line of 512 KiB did not finish in 60 s (times %s)' % times)
    print('FAIL long-line-words: times %s' % times)
elif times[1] > 24 * max(times[0], 0.05):
    failures.append('long-line-words: 8x the input took %.1fx the time (%.2fs -> %.2fs): quadratic in line length'
                    % (times[1] / max(times[0], 0.05), times[0], times[1]))
    print('FAIL long-line-words: %.2fs -> %.2fs' % tuple(times))
else:
    print('ok long-line-words-linear (%.2fs -> %.2fs)' % tuple(times))
    w100 = os.path.join(TMP, 'words-100MB.txt')
    with open(w100, 'wb') as fp:
        for _ in range(100):
            fp.write(words(1 << 20))
    check('long-line-100MB-words', [w100], 0, [], [w100], timeout=400)
    os.unlink(w100)

# ---- an interrupted run leaves the previous output intact ----
out = os.path.join(TMP, 'out')
code, _, err, _ = run(['-q', '-o', out, GOOD], TMP)
if code != 0:
    failures.append('interrupted-run: the first run failed: %r' % err)
else:
    def digest():
        return {f: hashlib.sha256(open(os.path.join(out, f), 'rb').read()).hexdigest() for f in sorted(os.listdir(out))}
    before = digest()
    # 100 MB of words: some 15 s of work here, so the kill at 1.5 s lands mid-run (a
    # one-token line is read and dismissed too fast to be interrupted)
    slow = os.path.join(TMP, 'interrupted-words.txt')
    with open(slow, 'wb') as fp:
        for _ in range(100):
            fp.write(words(1 << 20))
    p = subprocess.Popen([NG, '-q', '-o', out, slow], cwd=TMP, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    alive = p.poll() is None
    p.send_signal(signal.SIGKILL)
    p.wait()
    os.unlink(slow)
    after = digest()
    if not alive:
        failures.append('interrupted-run: the run finished before it could be interrupted')
        print('FAIL interrupted-run (not interrupted)')
    elif before != after:
        failures.append('interrupted-run: outputs changed: %s -> %s' % (sorted(before), sorted(after)))
        print('FAIL interrupted-run')
    else:
        print('ok interrupted-run (%d outputs unchanged)' % len(after))
os.unlink(big)

if failures:
    print('\n%d failure(s):' % len(failures), file=sys.stderr)
    for f in failures:
        print('  ' + f, file=sys.stderr)
    sys.exit(1)
print('all %d committed cases and the generated cases ok' % n)
PYEOF
[ $? -eq 0 ] || exit 1

# hostile XML never reaches the network or the files it names (when strace can trace)
if command -v strace >/dev/null && strace -f -qq -e trace=none true 2>/dev/null; then
  cd "$TMP/cases" || fail "no cases"
  for c in xxe-local-file.rss xxe-etc-passwd.rss xxe-network.atom parameter-entity.rss external-dtd.rss; do
    strace -f -qq -e trace=open,openat,connect,socket -o "$TMP/trace" "$NG" -q -f json "$c" >/dev/null 2>&1
    if grep -E 'secret\.(txt|dtd)|/etc/passwd|connect\(|socket\(' "$TMP/trace" >/dev/null; then
      grep -E 'secret|passwd|connect|socket' "$TMP/trace" | head -5 >&2
      fail "$c: the parser touched a file or the network named by the document"
    fi
  done
  echo "ok hostile XML: no file named by an entity or DTD opened, no socket"
else
  echo "skip the strace check of hostile XML: strace is missing or cannot trace here"
fi
