"""`spark-extract`: the CLI's read -> extract path inside Spark tasks, written as Parquet.

Input: JSON Lines (one document object a line) or Parquet with the same columns,
at any path or URI Spark reads. Each partition runs `rows.process_row` (the
read stage's `document_from_row`, then `vndiplo.extract`) over its rows, with
the gazetteers loaded once per partition. Output, under OUTPUT:

    documents/year=YYYY/*.parquet   one row per document read (cleaned text, offsets)
    records/year=YYYY/*.parquet     one row per fact: its SCHEMA.md record as JSON, its span
    errors/year=YYYY/*.parquet      one row per document that could not be read or extracted

`year` comes from the publication date; documents without one go to year=unknown.
"""
from __future__ import annotations

import io
import os
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from vndiplo.scale.rows import DOCUMENT_FIELDS, ERROR_FIELDS, RECORD_FIELDS, process_row

__all__ = ["SparkResult", "make_session", "spark_extract", "extract_partition", "OUTPUT_TABLES"]

OUTPUT_TABLES = ("documents", "records", "errors")


@dataclass
class SparkResult:
    documents: int
    records: int
    errors: int
    output: str


def make_session(master: str = "local[*]", app_name: str = "vndiplo", **conf: str):
    """A SparkSession whose Python workers run this interpreter (and so see its packages)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    b = (SparkSession.builder.master(master).appName(app_name)
         .config("spark.ui.enabled", "false")
         .config("spark.sql.session.timeZone", "UTC")
         .config("spark.python.worker.reuse", "true"))
    for k, v in conf.items():
        b = b.config(k, v)
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _package_zip(target_dir: Path) -> Path:
    """vndiplo (code and data tables) as a zip for the executors' sys.path."""
    import vndiplo

    root = Path(vndiplo.__file__).resolve().parent
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(root.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".pyc", ".db"):
                z.write(f, str(Path("vndiplo") / f.relative_to(root)))
    target_dir.mkdir(parents=True, exist_ok=True)
    out = target_dir / "vndiplo-pkg.zip"
    out.write_bytes(buf.getvalue())
    return out


def _ship_package(spark) -> None:
    """Make this very vndiplo importable on every executor (a cluster may not have it)."""
    import tempfile

    sc = spark.sparkContext
    if getattr(sc, "_vndiplo_shipped", False):
        return
    sc.addPyFile(str(_package_zip(Path(tempfile.mkdtemp(prefix="vndiplo-spark-")))))
    sc._vndiplo_shipped = True


def extract_partition(items: Iterable[tuple[str, Any]]) -> Iterator[tuple[str, tuple]]:
    """Run read -> extract over one partition's (source, row-or-line) pairs.

    Yields ("d", document row), ("r", record row) and ("e", error row) tuples,
    in the field orders of `vndiplo.scale.rows`.
    """
    from vndiplo.data.gazetteer import gazetteer

    gazetteer()  # build the matchers once for the partition (cached for the worker's life)
    for source, row in items:
        out = process_row(row, source)
        if out.error is not None:
            yield "e", tuple(out.error[k] for k in ERROR_FIELDS)
            continue
        d = dict(out.document)
        d["removed"] = [(r["start"], r["end"], r["reason"], r["text"]) for r in d["removed"]]
        d["sentences"] = [(s["start"], s["end"]) for s in d["sentences"]]
        yield "d", tuple(d[k] for k in DOCUMENT_FIELDS)
        for r in out.records:
            yield "r", tuple(r[k] for k in RECORD_FIELDS)


def _schemas():
    from pyspark.sql.types import (ArrayType, DoubleType, IntegerType, StringType, StructField,
                                   StructType)

    s, i = StringType(), IntegerType()
    documents = StructType([
        StructField("doc_id", s, False), StructField("source", s), StructField("url", s),
        StructField("outlet", s), StructField("title", s), StructField("published", s),
        StructField("published_source", s), StructField("published_confidence", DoubleType()),
        StructField("author", s), StructField("language", s), StructField("text", s),
        StructField("raw_text", s), StructField("content_hash", s), StructField("warnings", ArrayType(s)),
        StructField("removed", ArrayType(StructType([StructField("start", i), StructField("end", i),
                                                     StructField("reason", s), StructField("text", s)]))),
        StructField("sentences", ArrayType(StructType([StructField("start", i), StructField("end", i)]))),
        StructField("n_facts", i), StructField("year", s, False),
    ])
    records = StructType([
        StructField("doc_id", s, False), StructField("seq", i), StructField("type", s),
        StructField("record", s), StructField("start", i), StructField("end", i),
        StructField("year", s, False),
    ])
    errors = StructType([
        StructField("doc_id", s), StructField("source", s), StructField("stage", s),
        StructField("error", s), StructField("year", s, False),
    ])
    assert [f.name for f in documents.fields] == list(DOCUMENT_FIELDS)
    assert [f.name for f in records.fields] == list(RECORD_FIELDS)
    assert [f.name for f in errors.fields] == list(ERROR_FIELDS)
    return {"documents": documents, "records": records, "errors": errors}


def _is_parquet(path: str) -> bool:
    if path.rstrip("/").endswith(".parquet"):
        return True
    p = Path(path)
    return p.is_dir() and any(p.rglob("*.parquet"))


def read_input(spark, path: str, fmt: str = "auto"):
    """An RDD of (source, row) pairs: dicts from Parquet, raw lines from JSON Lines."""
    if fmt == "parquet" or (fmt == "auto" and _is_parquet(path)):
        df = spark.read.parquet(path)
        key = "id" if "id" in df.columns else "doc_id"
        return df.rdd.map(lambda r, p=path, k=key: (f"{p}#{r[k]}", r.asDict(recursive=True)))
    lines = spark.sparkContext.textFile(path)
    return (lines.zipWithIndex()
            .filter(lambda t: t[0].strip() != "")
            .map(lambda t, p=path: (f"{p}:{t[1] + 1}", t[0])))


def spark_extract(spark, input_path: str, output: str, fmt: str = "auto",
                  partitions: int | None = None) -> SparkResult:
    """Read `input_path`, extract in Spark tasks, write documents/records/errors Parquet to `output`.

    A document that fails becomes an error row; the job itself fails only when
    the input cannot be read at all. Existing output tables are replaced.
    """
    from pyspark import StorageLevel

    _ship_package(spark)
    rdd = read_input(spark, input_path, fmt)
    want = partitions or spark.sparkContext.defaultParallelism
    if rdd.getNumPartitions() < want:
        rdd = rdd.repartition(want)
    tagged = rdd.mapPartitions(extract_partition).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        counts = tagged.map(lambda t: (t[0], 1)).reduceByKey(lambda a, b: a + b).collectAsMap()
        schemas = _schemas()
        for tag, name in (("d", "documents"), ("r", "records"), ("e", "errors")):
            part = tagged.filter(lambda t, tag=tag: t[0] == tag).map(lambda t: t[1])
            df = spark.createDataFrame(part, schemas[name], verifySchema=False)  # rows are built to the schema
            # row groups of 16 MB: readers (vndiplo load) then hold one small group at a time
            (df.write.mode("overwrite").option("parquet.block.size", 16 * 2**20)
             .partitionBy("year").parquet(_join(output, name)))
    finally:
        tagged.unpersist()
    return SparkResult(counts.get("d", 0), counts.get("r", 0), counts.get("e", 0), output)


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name
