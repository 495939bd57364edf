#!/usr/bin/env python3
"""adscan under Apache Spark: each partition of a JSONL input is piped through the adscan binary.

    spark-submit --master local[2] --files /usr/local/bin/adscan \
        examples/spark/adscan_job.py INPUT OUTPUT [--partitions N] [--id-field url] ...

INPUT is anything Spark's textFile reads (a local path, hdfs://, s3a://, a directory, a glob,
.gz files); OUTPUT is a directory that must not exist yet. The job writes one JSONL line per
input line to OUTPUT (part-00000, part-00001, ... in input order: concatenated, they are
byte-for-byte what `adscan scan --record-io ...` writes for the same input in one process), then
prints a small report from them (findings per category and per law article, flagged records per
source domain).

Why the JVM pipe (`sc._jsc.textFile(...).pipe(...)`) and not PySpark's `RDD.pipe`: the JVM pipe
fails the task when adscan exits non-zero, after adscan's output has been read, so a failing
adscan fails the job instead of leaving a partition's output cut short; PySpark's `RDD.pipe`
truncates silently unless `checkCode=True`, and its `env=` replaces the whole environment. The
JVM pipe also lets the job set the pipe's encoding (UTF-8) instead of the JVM default charset,
which under a C locale on Java 17 is ASCII and would garble Chinese text.
"""
import argparse
import os
import sys

# adscan's arguments for the record-in/record-out contract (see README, "Running on Spark")
CONTRACT = ["scan", "--input", "jsonl", "--format", "jsonl", "--all-records", "--fail-on", "never", "--record-io"]


def adscan_command(binary, text_field="text", id_field="id", threads=1, extra=()):
    """The command each task runs: the contract's flags, the field names, one scanning thread per
    task (Spark already runs one task per executor core), then any extra flags."""
    return [binary] + CONTRACT + ["--text-field", text_field, "--id-field", id_field,
                                  "--threads", str(threads), "-q"] + list(extra)


def binary_path(sc, name, given=None):
    """Where tasks find the binary shipped with --files: an absolute path from SparkFiles in
    local mode (the tasks run in the driver's directory, not in SparkFiles' one), else the
    executor's working directory, where YARN and Kubernetes put --files."""
    if given:
        return given
    from pyspark import SparkFiles
    if sc.master.startswith("local"):
        return SparkFiles.get(name)
    return "./" + name


def run_pipe(sc, input_path, output_path, command, partitions=None):
    """textFile → pipe through adscan → saveAsTextFile, all in the JVM."""
    jvm = sc._jvm
    jsc = sc._jsc
    lines = jsc.textFile(input_path, partitions) if partitions else jsc.textFile(input_path)
    cmd = jvm.java.util.ArrayList()
    for a in command:
        cmd.add(a)
    env = jvm.java.util.HashMap()       # added to the executor's environment, which is inherited
    out = lines.pipe(cmd, env, False, 1 << 16, "UTF-8")
    out.saveAsTextFile(output_path)
    return lines.getNumPartitions()


def report(spark, output_path, top=20):
    """Findings per category and per law article, flagged records per source domain."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import ArrayType, StringType, StructField, StructType

    finding = StructType([StructField(n, StringType()) for n in ("rule", "category", "severity", "law")])
    schema = StructType([
        StructField("type", StringType()), StructField("id", StringType()),
        StructField("verdict", StringType()), StructField("message", StringType()),
        StructField("excerpt", StringType()), StructField("findings", ArrayType(finding)),
    ])
    df = spark.read.schema(schema).json(output_path).cache()
    records = df.filter(F.col("type") == "record")
    errors = df.filter(F.col("type") == "error")
    flagged = records.filter(F.col("verdict") != "clean")
    findings = records.select(F.explode("findings").alias("f")).select("f.*")
    n_lines, n_err, n_flagged, n_find = df.count(), errors.count(), flagged.count(), findings.count()
    print(f"adscan on Spark: {n_lines} input records, {n_lines - n_err} scanned, {n_err} not scanned (error lines), "
          f"{n_flagged} flagged, {n_find} findings")

    print("findings per category")
    findings.groupBy("category").count().orderBy(F.desc("count"), "category").show(top, truncate=False)
    # the article: the citation up to 第…条 (《中华人民共和国广告法》第十六条第一款第（二）项 → …第十六条)
    article = F.regexp_extract("law", r"^(.*?第[〇零一二三四五六七八九十百千0-9]+条)", 1)
    print("findings per law article")
    (findings.withColumn("article", F.when(article == "", F.col("law")).otherwise(article))
     .groupBy("article").count().orderBy(F.desc("count"), "article").show(top, truncate=False))
    # the id is often the page's URL: its host; ids that are not URLs count as "(not a URL)"
    host = F.lower(F.regexp_extract("id", r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)", 1))
    print("flagged records per source domain")
    (flagged.withColumn("domain", F.when(host == "", F.lit("(not a URL)")).otherwise(host))
     .groupBy("domain").count().orderBy(F.desc("count"), "domain").show(top, truncate=False))
    if n_err:
        print("records not scanned (first 10)")
        errors.select("id", "excerpt", "message").show(10, truncate=80)
    return {"records": n_lines, "errors": n_err, "flagged": n_flagged, "findings": n_find}


def main(argv=None):
    ap = argparse.ArgumentParser(description="Pipe JSONL records through adscan on Spark and report the findings.")
    ap.add_argument("input", help="JSONL input: any path Spark's textFile reads (file, directory, glob, hdfs://, s3a://)")
    ap.add_argument("output", help="output directory for the findings as JSONL (must not exist)")
    ap.add_argument("--partitions", type=int, help="minimum number of input partitions (textFile's minPartitions)")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--id-field", default="id")
    ap.add_argument("--binary-name", default="adscan", help="file name of the binary shipped with --files")
    ap.add_argument("--binary", help="path of adscan on the executors, instead of the --files copy")
    ap.add_argument("--threads", type=int, default=1, help="adscan threads per task (default 1: a task per core)")
    ap.add_argument("--adscan-arg", action="append", default=[], help="another flag for adscan (repeatable)")
    ap.add_argument("--no-report", action="store_true", help="only write the findings")
    ap.add_argument("--strict", action="store_true", help="exit 3 when some input lines were not records")
    a = ap.parse_args(argv)

    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("adscan").getOrCreate()
    sc = spark.sparkContext
    command = adscan_command(binary_path(sc, a.binary_name, a.binary), a.text_field, a.id_field, a.threads, a.adscan_arg)
    try:
        parts = run_pipe(sc, a.input, a.output, command, a.partitions)
    except Exception as e:   # py4j's Py4JJavaError: the task's exception is in its text
        text = str(e)
        cause = next((l.strip() for l in text.splitlines() if "Subprocess exited with status" in l), None)
        print(f"adscan job FAILED: {cause or text.splitlines()[0] if text else repr(e)}", file=sys.stderr)
        print("(adscan's own message is in the failed task's stderr log; no complete output was written)", file=sys.stderr)
        spark.stop()
        return 1
    print(f"adscan job: {parts} partitions piped through {' '.join(command)}", file=sys.stderr)
    stats = None if a.no_report else report(spark, a.output)
    spark.stop()
    if a.strict and stats and stats["errors"]:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
