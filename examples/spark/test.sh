#!/usr/bin/env bash
# The Spark local-mode test (part of the README's test command, after `swift test`): makes a
# virtual environment with pyspark from PyPI (once; ~50 s and ~0.5 GB), builds adscan if needed,
# and runs test_spark.py. Needs Java 17 and python3-venv. Its last line is
# `spark test: N passed, M failed`.
#   examples/spark/test.sh [ADSCAN_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV=${ADSCAN_SPARK_VENV:-$PWD/.venv-spark}
PYSPARK_VERSION=${PYSPARK_VERSION:-4.3.0}
command -v java >/dev/null || { echo "spark test: java not found (apt-get install openjdk-17-jre-headless)"; exit 1; }
if ! "$VENV/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
if [ $# -ge 1 ]; then
  BIN=$1
else
  swift build --product adscan >/dev/null
  BIN=$(swift build --show-bin-path)/adscan
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/adscan-spark.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# spark-submit finds Spark (the pyspark package) with the `python3` on the PATH
export PATH="$VENV/bin:$PATH" PYSPARK_PYTHON="$VENV/bin/python"
# a C locale on purpose: the job must not depend on the JVM's default charset
LC_ALL=C LANG=C "$VENV/bin/python" examples/spark/test_spark.py "$BIN" "$WORK"
