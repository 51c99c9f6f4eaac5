#!/usr/bin/env bash
# No name of a person, organization or place from the seed articles is written in src/ or include/.
set -u
. "$(dirname "$0")/common.inc"
need_shared
names=$(python3 - "$SHARED/gold/seeds.json" <<'PY'
import json, sys
g = json.load(open(sys.argv[1]))
names = set()
for e in g["entities"]:
    names.add(e["name"]); names.update(e.get("aliases", []))
names.update(g.get("optional", []))
for n in sorted(names):
    for part in [n] + n.split():
        # whole names and their distinctive words (4+ letters, capitalized)
        if len(part) >= 4 and part[0].isupper():
            print(part)
PY
)
[ -n "$names" ] || fail "no names read from the gold file"
hits=0
while IFS= read -r n; do
  # skip common English words that happen to be part of a name
  case "$n" in News|Union|Soviet|Cold|Western|German|Alliance|Images|"the Alliance"|administration|Republic|United|States|Czech) continue;; esac
  if grep -rIwn -- "$n" "$ROOT/src" "$ROOT/include" >"$TMP/hit"; then
    echo "seed name '$n' found:"; head -3 "$TMP/hit"; hits=$((hits+1))
  fi
done <<<"$names"
[ "$hits" -eq 0 ] || fail "$hits seed names in src/ or include/"
echo "ok: $(echo "$names" | wc -l) names checked"
