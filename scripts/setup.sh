#!/usr/bin/env bash
# One command for a new user: install what is missing, build, and run newsgraph on
# seeds/ into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
./build/newsgraph -o output seeds/*.txt
echo "newsgraph: wrote output/: graph.json graph.dot graph.graphml graph.gexf timeline.txt timeline.csv timeline.json graph.svg graph.png page.html"
