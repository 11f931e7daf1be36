#!/usr/bin/env bash
# The store's benchmark (issue: store, search, ingest): news-dev replicated to N documents (ids and
# one word varied so that none is a duplicate), ingested by the release binary (whole process),
# then search and event-filter latency, and bytes per article on disk.
#   scripts/bench-store.sh [N=100000] [JOBS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
JOBS=${2:-2}
CORPUS=../shared/corpus/news-dev.jsonl
[ -f "$CORPUS" ] || { echo "skip: $CORPUS is absent"; exit 0; }
WORK=${MARSAD_BENCH_DIR:-/tmp/marsad-bench}
mkdir -p "$WORK"
python3 - "$CORPUS" "$N" "$WORK/news.jsonl" <<'PY'
import json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = [json.loads(l) for l in open(src, encoding="utf-8")]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        d = dict(docs[i % len(docs)])
        k = i // len(docs)
        d["id"] = f'{d["id"]}-{k}'
        d["url"] = f'{d.get("url", "")}#{k}'
        # one word more in the first paragraph, so that the body (and its hash) differs from
        # every other copy (a last line of its own would be dropped as boilerplate)
        first, _, rest = d["text"].partition("\n")
        d["text"] = f"{first} (نسخة {k})" + ("\n" + rest if rest else "")
        f.write(json.dumps(d, ensure_ascii=False) + "\n")
PY
cargo build --release --quiet -p marsad-cli
cargo build --release --quiet -p marsad-store --example query_bench
BIN=${CARGO_TARGET_DIR:-target}/release
rm -f "$WORK/bench.db" "$WORK/bench.db-wal" "$WORK/bench.db-shm"
start=$(date +%s.%N)
# the process's CPU time too: on a machine shared with other work the wall clock says little
TIMES="$WORK/ingest.times"
python3 - "$TIMES" "$BIN/marsad" ingest "$WORK/news.jsonl" --db "$WORK/bench.db" --jobs "$JOBS" --batch 512 <<'PY'
import os, subprocess, sys
code = subprocess.call(sys.argv[2:])
t = os.times()
open(sys.argv[1], "w").write(f"{t.children_user + t.children_system}\n")
sys.exit(code)
PY
end=$(date +%s.%N)
python3 - "$start" "$end" "$N" "$WORK/bench.db" "$(cat "$TIMES")" "$(nproc)" <<'PY'
import os, sys
start, end, n, db = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
cpu, cores = float(sys.argv[5]), int(sys.argv[6])
size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
print(f"ingest: {n} documents in {end - start:.1f} s = {n / (end - start):.0f} documents/s (whole process)")
print(f"ingest CPU: {cpu:.1f} s = {1000 * cpu / n:.2f} ms per document (at most {n * cores / cpu:.0f} documents/s on {cores} idle cores)")
print(f"store: {size / 1e6:.1f} MB = {size / n:.0f} bytes per article")
PY
"$BIN/examples/query_bench" "$WORK/bench.db"
