#!/usr/bin/env bash
# The Python package's tests: build the wheel with maturin, install it into a fresh venv with
# pyarrow, pandas, pytest and pyspark from PyPI, and run pytest over python/tests (the Spark tests
# run in local[2] mode; Java 17 must be on the PATH). The reference is the release `marsad`
# binary, built here when absent. pytest's "no tests collected" (exit 5) is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${MARSAD_PY_VENV:-target/py-venv}"
PY="${PYTHON:-python3}"

echo "== python: fresh venv in $VENV"
rm -rf "$VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --upgrade pip
# pyspark 4 warns that it does not yet support pandas 3: keep pandas 2 beside it.
"$VENV/bin/pip" install --quiet "maturin>=1.8,<2" "pyarrow>=11" "pandas>=2,<3" pytest "pyspark>=3.5"

echo "== python: the reference binary and the wheel"
cargo build --release -p marsad-cli
# the local file system the Spark job uses in local mode (javac against the venv's pyspark)
bash scripts/build-spark-jar.sh "$VENV/bin/python"
rm -f target/wheels/marsad-*.whl
"$VENV/bin/maturin" build --release -m crates/py/Cargo.toml --out target/wheels
wheel=$(ls target/wheels/marsad-*.whl)
ls -l "$wheel"
"$VENV/bin/pip" install --quiet "$wheel"

echo "== python: pytest"
export PYSPARK_PYTHON="$PWD/$VENV/bin/python"
export PYSPARK_DRIVER_PYTHON="$PYSPARK_PYTHON"
set +e
(cd python/tests && "../../$VENV/bin/python" -m pytest -q -rs -p no:cacheprovider -W "ignore::FutureWarning" .)
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "python: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
