#!/usr/bin/env bash
# The test command: every Rust test of the workspace (unit, golden, property, doc tests).
# Tests that need ../shared read it from there and print a reason when they skip.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace --all-targets
cargo test --workspace --doc
