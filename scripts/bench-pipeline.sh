#!/usr/bin/env bash
# Whole-pipeline throughput (release build, whole process) on ../shared/corpus/news-dev.jsonl
# repeated R times, with one worker thread, with and without the NER tagger; each run three
# times, the median reported.
#   scripts/bench-pipeline.sh [R=8] [JOBS=1]
set -euo pipefail
cd "$(dirname "$0")/.."
R=${1:-8}
JOBS=${2:-1}
CORPUS=../shared/corpus/news-dev.jsonl
[ -f "$CORPUS" ] || { echo "skip: $CORPUS is absent"; exit 0; }
cargo build --release --quiet -p marsad-cli
INPUT=$(mktemp --suffix=.jsonl)
trap 'rm -f "$INPUT"' EXIT
for _ in $(seq "$R"); do cat "$CORPUS"; done > "$INPUT"
N=$(wc -l < "$INPUT")
for flags in "" "--no-ner"; do
  times=()
  for _ in 1 2 3; do
    start=$(date +%s.%N)
    target/release/marsad extract "$INPUT" --format jsonl --jobs "$JOBS" $flags > /dev/null
    end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 2p)
  printf 'extract %-9s jobs=%s: %d articles in %.2f s (median of 3) = %.0f articles/s\n' \
    "${flags:-(all)}" "$JOBS" "$N" "$median" "$(echo "$N / $median" | bc -l)"
done
