"""`vndiplo extract --jobs N`: the same output, in the same order, as one process."""
from __future__ import annotations

import shutil

from tests.scale.conftest import cli, corpus_files


def test_jobs_keep_output_and_order(tmp_path):
    files = corpus_files()
    for i, f in enumerate(files * 2):  # enough documents for several chunks per worker
        shutil.copy(f, tmp_path / f"{i:03d}_{f.name}")
    (tmp_path / "999_broken.txt").write_bytes(bytes(range(256)) * 4)  # binary: no reader takes it
    one = cli("extract", str(tmp_path), "--format", "records")
    many = cli("extract", str(tmp_path), "--format", "records", "--jobs", "2")
    assert one.returncode == many.returncode == 1  # the broken file fails, the rest is printed
    assert "999_broken.txt" in one.stderr and "999_broken.txt" in many.stderr
    assert many.stdout == one.stdout
    docs = [line.split('"doc": "', 1)[1].split('"', 1)[0] for line in one.stdout.splitlines()]
    assert docs == sorted(docs)  # documents come out in file order
