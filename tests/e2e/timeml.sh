#!/usr/bin/env bash
# -f timeml: a well-formed TimeML document with the DCT and inline TIMEX3 tags whose
# text, with the tags removed, is the document's text.
set -u
. "$(dirname "$0")/common.inc"
cd "$ROOT"
printf 'date 2024-03-07\nThe ministers met on Monday and will meet again next month, officials said in 2023.\n' >"$TMP/a.txt"
"$NG" -f timeml "$TMP/a.txt" >"$TMP/a.tml" 2>"$TMP/err" || fail "exit $?: $(cat "$TMP/err")"
xmllint --noout "$TMP/a.tml" || fail "not well-formed XML"
grep -q 'functionInDocument="CREATION_TIME">2024-03-07</TIMEX3>' "$TMP/a.tml" || fail "no DCT"
grep -q '<TIMEX3 tid="t[0-9]*" type="DATE" value="2024-03-04">Monday</TIMEX3>' "$TMP/a.tml" || fail "Monday (past) not 2024-03-04"
grep -q 'value="2024-04">next month</TIMEX3>' "$TMP/a.tml" || fail "next month not 2024-04"
grep -q 'value="2023">2023</TIMEX3>' "$TMP/a.tml" || fail "2023"
echo "ok timeml"
