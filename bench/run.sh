#!/usr/bin/env bash
# End-to-end throughput and memory of newsgraph on generated news corpora.
#
#   bench/run.sh [SIZES_MB...]        default: 10 100 1000
#   JOBS="1 2" MODES="o json" bench/run.sh 10     (the defaults)
#   REPEAT=3 bench/run.sh 10 100                  (each run 3 times: the median, and the range)
#
# For each size: builds a corpus (bench/work/corpus-<size>, generated from ../shared/data
# by bench/make_corpus.py, reused when present), then runs newsgraph over the corpus
# directory with each -j of JOBS, in each mode of MODES: `o` writes every format with
# `-o DIR` (a temporary directory), `json` the JSON contract alone (`-f json > /dev/null`);
# and `wc -w` on the same files.  Prints MB/s, words/s, peak RSS (from /usr/bin/time -v)
# and the ratio to wc.  With REPEAT=N each newsgraph run is made N times in a row and the
# median time is shown, with the fastest and slowest in `range_s` and the highest peak
# RSS: on a shared VM one run can be 20% off.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED="$ROOT/../shared"
NG="${NG:-$ROOT/build/newsgraph}"
WORK="${BENCH_WORK:-$ROOT/bench/work}"
[ -d "$SHARED/data" ] || { echo "bench: ../shared/data is absent" >&2; exit 1; }
[ -x "$NG" ] || { echo "bench: build first (scripts/setup.sh)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package time)" >&2; exit 1; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 100 1000)
mkdir -p "$WORK"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "newsgraph: $NG ($("$NG" --version))"
JOBS=${JOBS:-1 2}
MODES=${MODES:-o json}
REPEAT=${REPEAT:-1}
[ "$REPEAT" -ge 1 ] || { echo "bench: REPEAT must be 1 or more" >&2; exit 1; }
printf '%-8s %-5s %-5s %10s %10s %12s %10s %10s %13s\n' size mode jobs seconds MB/s words/s peakRSS_MB vs_wc range_s
for s in "${sizes[@]}"; do
  dir="$WORK/corpus-$s"
  [ -f "$dir/.done" ] || { rm -rf "$dir"; python3 "$ROOT/bench/make_corpus.py" "$SHARED" "$dir" "$s" >/dev/null; touch "$dir/.done"; }
  bytes=$(find "$dir" -name '*.txt' -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
  # wc -w on the same files
  t0=$(date +%s.%N)
  words=$(find "$dir" -name '*.txt' -print0 | sort -z | xargs -0 cat | wc -w)
  t1=$(date +%s.%N)
  wc_s=$(echo "$t1 - $t0" | bc -l)
  for mode in $MODES; do
    for j in $JOBS; do
      times=() rss=0
      for ((r = 0; r < REPEAT; r++)); do
        out=$(mktemp -d)
        if [ "$mode" = o ]; then
          /usr/bin/time -v "$NG" -q -j "$j" -o "$out" "$dir" 2>"$out/time.txt" >/dev/null
        else
          /usr/bin/time -v "$NG" -q -j "$j" -f "$mode" "$dir" 2>"$out/time.txt" >/dev/null
        fi
        times+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$out/time.txt")")
        kb=$(awk -F': ' '/Maximum resident set size/{print int($2/1024)}' "$out/time.txt")
        [ "$kb" -gt "$rss" ] && rss=$kb
        rm -rf "$out"
      done
      sorted=($(printf '%s\n' "${times[@]}" | sort -g))
      secs=${sorted[$((REPEAT / 2))]}
      printf '%-8s %-5s %-5s %10.2f %10.2f %12.0f %10s %9.1fx %13s\n' "${s}MB" "$mode" "$j" "$secs" \
        "$(echo "$bytes / 1000000 / $secs" | bc -l)" "$(echo "$words / $secs" | bc -l)" "$rss" \
        "$(echo "$secs / $wc_s" | bc -l)" "${sorted[0]}-${sorted[$((REPEAT - 1))]}"
    done
  done
  printf '%-8s %-11s %10.2f   (wc -w: %d words, %d bytes)\n' "${s}MB" wc "$wc_s" "$words" "$bytes"
done
