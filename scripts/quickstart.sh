#!/usr/bin/env bash
# Build Marsad (release) and run it on the example article that lives in this repository.
# Everything it needs is embedded in the binary: no server, no download.
set -euo pipefail
cd "$(dirname "$0")/.."
# The web map of `marsad serve` (web/) is built first, so that the binary embeds it; without
# npm the binary still builds and serves a page that says how to build the map.
if command -v npm >/dev/null; then
    (cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent) >&2
else
    echo "quickstart: npm not found; building without the web map (see README, \"Web map\")" >&2
fi
cargo build --release --quiet -p marsad-cli
exec target/release/marsad extract examples/article.txt --published 2023-03-14T11:20:00+03:00 "$@"
