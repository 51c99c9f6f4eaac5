#!/usr/bin/env bash
# bench/cores.sh - how much faster two busy threads are than one on this machine, with no
# memory traffic and no locks: the ceiling for any `-j 2` speed-up here.  Runs a spin loop
# on 1 and on 2 threads, ROUNDS times each (default 5), and prints the ratios.
#
#   bash bench/cores.sh [ROUNDS]
set -euo pipefail
ROUNDS="${1:-5}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cat >"$TMP/spin.c" <<'C'
#include <pthread.h>
#include <stdlib.h>
static void *spin(void *arg)
{
    (void)arg;
    volatile unsigned long x = 0;
    for (unsigned long i = 0; i < 1000000000UL; i++)
        x += i;
    return NULL;
}
int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 1;
    pthread_t t[64];
    for (int i = 0; i < n && i < 64; i++)
        pthread_create(&t[i], NULL, spin, NULL);
    for (int i = 0; i < n && i < 64; i++)
        pthread_join(t[i], NULL);
    return 0;
}
C
cc -O1 -pthread -o "$TMP/spin" "$TMP/spin.c"
secs() { local t0 t1; t0=$(date +%s.%N); "$TMP/spin" "$1"; t1=$(date +%s.%N); echo "$t1 - $t0" | bc -l; }
echo "round  1-thread_s  2-threads_s  speedup (same work on each thread: 2.00 is two full cores)"
for r in $(seq "$ROUNDS"); do
  a=$(secs 1); b=$(secs 2)
  printf '%-6s %10.2f %12.2f %8.2fx\n' "$r" "$a" "$b" "$(echo "2 * $a / $b" | bc -l)"
done
