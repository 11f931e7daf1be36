#!/usr/bin/env bash
# `marsad serve` on 100,000 events: p50/p95 of /api/events and the other read endpoints over
# loopback (target: p95 <= 50 ms for /api/events), then the page's first render with 10,000
# events in headless Chromium (target: <= 1 s; skipped without /usr/bin/chromium).
# The stores are built once under $MARSAD_BENCH_DIR (default target/bench-server) and reused.
set -euo pipefail
cd "$(dirname "$0")/.."
# where cargo puts the binaries (CARGO_TARGET_DIR when set)
bin="${CARGO_TARGET_DIR:-target}/release"
dir="${MARSAD_BENCH_DIR:-target/bench-server}"
mkdir -p "$dir"
# absolute: the page test below runs from web/
dir="$(cd "$dir" && pwd)"
server_pid=""
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; true' EXIT

# npm ci when node_modules is missing or older than the lock file (a new dependency)
if (cd web && { [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }); then
    (cd web && npm run build --silent) || echo "bench-server: the page was not built" >&2
fi
cargo build --release --quiet -p marsad-cli
cargo build --release --quiet -p marsad-server --example fixture_store --example bench_events

# about 1.6% of synthetic reports merge with a neighbour: 101,700 documents give 100,000 events
[ -f "$dir/100k.db" ] || "$bin"/examples/fixture_store "$dir/100k.db" --synthetic 101700
[ -f "$dir/10k.db" ] || "$bin"/examples/fixture_store "$dir/10k.db" --synthetic 10000

serve() {
    if [ -n "$server_pid" ]; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
    "$bin"/marsad serve --db "$1" --addr 127.0.0.1:0 2> "$dir/serve.log" &
    server_pid=$!
    addr=""
    for _ in $(seq 100); do
        addr="$(grep -o '127.0.0.1:[0-9]*' "$dir/serve.log" 2>/dev/null || true)"
        [ -n "$addr" ] && break
        sleep 0.1
    done
    [ -n "$addr" ] || { cat "$dir/serve.log" >&2; exit 1; }
}

serve "$dir/100k.db"
echo "== /api/events on $(basename "$dir")/100k.db"
"$bin"/examples/bench_events "$addr" "${ROUNDS:-40}"

if [ -x /usr/bin/chromium ] && [ -d web/node_modules/playwright-core ]; then
    serve "$dir/10k.db"
    echo "== first render, 10,000 events"
    (cd web && node tests/browser.mjs perf "http://$addr/" "$dir/shots" "${RUNS:-5}")
    serve "$dir/100k.db"
    echo "== first render, 100,000 events in the store (the page loads the newest 20,000)"
    (cd web && node tests/browser.mjs perf "http://$addr/" "$dir/shots-100k" 3)
fi
