#!/usr/bin/env bash
# Build Marsad (release) and run it on the example article that lives in this repository.
# Everything it needs is embedded in the binary: no server, no download.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet -p marsad-cli
exec target/release/marsad extract examples/article.txt --published 2023-03-14T11:20:00+03:00 "$@"
