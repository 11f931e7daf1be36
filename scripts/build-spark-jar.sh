#!/usr/bin/env bash
# Builds python/marsad/spark/jars/marsad-hadoop.jar, the local file system the Spark job uses in
# local mode (python/marsad/spark/java: Hadoop's, with permissions set by a system call instead of
# a `chmod` process per file). Compiled with javac against the Hadoop API of the pyspark installed
# in the given Python's environment; maturin then puts the jar into the wheel. Without javac or
# pyspark it says so and builds nothing: the package works without the jar (Hadoop's own local
# file system is used).
#
#   bash scripts/build-spark-jar.sh [PYTHON]
set -euo pipefail
cd "$(dirname "$0")/.."

PY="${1:-python3}"
OUT=python/marsad/spark/jars
SRC=python/marsad/spark/java

if ! command -v javac > /dev/null; then
    echo "build-spark-jar: no javac on the PATH; the wheel is built without marsad-hadoop.jar" >&2
    exit 0
fi
jars=$("$PY" -c 'import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), "jars"))' 2> /dev/null || true)
api=$(ls "$jars"/hadoop-client-api-*.jar 2> /dev/null | head -1 || true)
if [ -z "$api" ]; then
    echo "build-spark-jar: no pyspark with Hadoop's API for $PY; the wheel is built without marsad-hadoop.jar" >&2
    exit 0
fi
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
# Java 8 class files: Spark 3.4 and 3.5 still run on Java 8
javac --release 8 -Xlint:all -Werror -cp "$api" -d "$classes" $(find "$SRC" -name '*.java' | sort)
mkdir -p "$OUT"
rm -f "$OUT/marsad-hadoop.jar"
# fixed entry times and order: the same sources give the same jar
jar="$PWD/$OUT/marsad-hadoop.jar"
find "$classes" -exec touch -d '1980-01-02 00:00:00' {} +
(cd "$classes" && jar --create --no-manifest --file "$jar" $(find . -name '*.class' | sort))
echo "build-spark-jar: $OUT/marsad-hadoop.jar against $(basename "$api")"
