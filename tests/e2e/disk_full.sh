#!/usr/bin/env bash
# A full disk during -o: every format that cannot be written is named with the reason
# ("PATH: write error: No space left on device"), the exit code is 3, and the outputs of
# the previous run stay whole (each file is written to a temporary and renamed).  Needs a
# small tmpfs, so it runs only where mount is allowed (root outside a locked-down
# container); elsewhere it skips with a message.
set -u
. "$(dirname "$0")/common.inc"
MNT="$TMP/small"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=1600k tmpfs "$MNT" 2>/dev/null; then
  echo "SKIP: cannot mount a tmpfs here (needs root and mount rights)"
  exit 77
fi
trap 'umount "$MNT" 2>/dev/null; rm -rf "$TMP"' EXIT
cd "$ROOT"
"$NG" -q -o "$MNT/out" seeds/*.txt >/dev/null 2>"$TMP/err1" || { cat "$TMP/err1"; fail "the first run (the seeds) failed"; }
before=$(cd "$MNT/out" && sha256sum * | sort)
# a larger input: many articles naming many people, whose outputs do not fit
python3 - "$TMP/big" <<'PY'
import os, sys
d = sys.argv[1]
os.makedirs(d)
first = ["Ana", "Boris", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jun"]
last = ["Morales", "Petrov", "Wang", "Okafor", "Haddad", "Novak", "Sato", "Kovacs", "Lindqvist", "Reyes"]
for k in range(300):
    with open(os.path.join(d, "a%03d.txt" % k), "w") as f:
        f.write("date 2024-%02d-%02d\n\n" % (k % 12 + 1, k % 28 + 1))
        for i in range(20):
            a = "%s %s" % (first[(k + i) % 10], last[(k * 7 + i) % 10])
            b = "%s %s" % (first[(k + 3 * i) % 10], last[(k + 5 * i) % 10])
            f.write("%s met %s in Lisbon on Monday to discuss the summit of %d.\n" % (a, b, 2000 + k % 20))
PY
"$NG" -q -o "$MNT/out" "$TMP/big" >/dev/null 2>"$TMP/err2"
code=$?
[ "$code" -eq 3 ] || { cat "$TMP/err2"; fail "disk full: exit $code, want 3"; }
grep -q "^newsgraph: $MNT/out/graph.json: write error: No space left on device$" "$TMP/err2" ||
  { cat "$TMP/err2"; fail "disk full: no message naming graph.json and the reason"; }
if grep -v "^newsgraph: $MNT/out/[a-z.]*: write error: No space left on device$" "$TMP/err2" | grep -v "^newsgraph: note:" | grep -q .; then
  cat "$TMP/err2"; fail "disk full: unexpected lines on stderr"
fi
# each file is whole: a format named in an error keeps the previous run's bytes; the others
# were written completely and renamed; no temporary is left
ls "$MNT/out" | sort >"$TMP/names"
[ "$(wc -l <"$TMP/names")" -eq 10 ] || { cat "$TMP/names"; fail "disk full: temporaries left or files missing"; }
failed=0
for f in $(cat "$TMP/names"); do
  old=$(printf '%s\n' "$before" | awk -v f="$f" '$2 == f {print $1}')
  new=$(sha256sum "$MNT/out/$f" | cut -d' ' -f1)
  if grep -q "/out/$f: write error" "$TMP/err2"; then
    failed=$((failed + 1))
    [ "$old" = "$new" ] || fail "disk full: $f failed to write but changed"
  fi
done
[ "$failed" -gt 0 ] || fail "disk full: no format failed (the tmpfs is too large for this test)"
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$MNT/out/graph.json" || fail "disk full: graph.json is not whole"
echo "ok disk-full: exit 3, one message per failed format ($failed), every file whole"
