#!/usr/bin/env bash
# The web map in headless Chromium: builds the page and the binary, serves a fixture store on a
# free port of 127.0.0.1, and runs web/tests/browser.mjs (playwright-core driving Debian's
# /usr/bin/chromium). Screenshots go to $MARSAD_SHOTS (default: a new temporary folder).
# Needs node/npm and chromium (`apt-get install -y chromium`); .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
# where cargo puts the binaries (CARGO_TARGET_DIR when set)
bin="${CARGO_TARGET_DIR:-target}/release"
command -v /usr/bin/chromium >/dev/null || { echo "browser-test: /usr/bin/chromium is missing (apt-get install -y chromium)" >&2; exit 1; }

work="$(mktemp -d -t marsad-browser-XXXXXX)"
shots="${MARSAD_SHOTS:-$work/shots}"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -f "$work"/*.db "$work"/*.db-wal "$work"/*.db-shm
}
trap cleanup EXIT

(cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
cargo build --release --quiet -p marsad-cli
cargo build --release --quiet -p marsad-server --example fixture_store

# serve DB: starts `marsad serve` on a free port and sets $url
serve() {
    if [ -n "$server_pid" ]; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
    "$bin"/marsad serve --db "$1" --addr 127.0.0.1:0 2> "$work/serve.log" &
    server_pid=$!
    url=""
    for _ in $(seq 100); do
        url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.log" 2>/dev/null || true)"
        [ -n "$url" ] && break
        sleep 0.1
    done
    [ -n "$url" ] || { cat "$work/serve.log" >&2; exit 1; }
}

"$bin"/examples/fixture_store "$work/fixtures.db"
serve "$work/fixtures.db"
(cd web && node tests/browser.mjs check "$url" "$shots")

# first render with 10,000 events (figures only: timings are not asserted)
"$bin"/examples/fixture_store "$work/perf.db" --synthetic 10000 2>/dev/null
serve "$work/perf.db"
(cd web && node tests/browser.mjs perf "$url" "$shots" 3)
echo "browser-test: screenshots in $shots"
