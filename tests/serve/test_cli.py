"""The query commands over a store file: in-process through Click's runner, and once as a real subprocess."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from typer.testing import CliRunner

from tests.conftest import GOLD, ROOT
from vndiplo.serve.cli import app
from vndiplo.records import FACT_TYPES


class Result:
    def __init__(self, returncode: int, stdout: bytes, stderr: bytes) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run(*args: str, db=None) -> Result:
    """`vndiplo ARGS --db DB` in this process (the same Typer app the console script runs)."""
    r = CliRunner().invoke(app, [*args] + (["--db", str(db)] if db else []), env={"COLUMNS": "200"})
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Result(r.exit_code, r.stdout_bytes, r.stderr_bytes or b"")


def test_country_as_a_subprocess(seeded_file):
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200")
    p = subprocess.run([sys.executable, "-m", "vndiplo", "country", "KH", "--db", str(seeded_file)],
                       cwd=ROOT, env=env, capture_output=True, timeout=120)
    assert p.returncode == 0, p.stderr.decode()
    assert "Latest meeting: 2025-10-27" in p.stdout.decode()


def run_json(*args: str, db) -> object:
    p = run(*args, "--json", db=db)
    assert p.returncode == 0, p.stderr.decode()
    return json.loads(p.stdout)


def test_country_answers_the_question_in_one_command(seeded_file):
    p = run("country", "KH", db=seeded_file)
    assert p.returncode == 0, p.stderr.decode()
    out = p.stdout.decode()
    line = next(x for x in out.splitlines() if x.startswith("Latest meeting"))
    assert "2025-10-27" in line and "Lê Hoài Trung (VN)" in line and "Prak Sokhonn (KH)" in line
    assert "target named: 20 tỷ USD trade_turnover" in out
    d = run_json("country", "Campuchia", db=seeded_file)
    assert d["latest_meeting"]["date"] == "2025-10-27"
    assert d["latest_meeting"]["targets"][0]["value"] == 20e9


def test_country_command_on_each_backend(seeded):
    d = run_json("country", "KH", db=seeded.url)
    assert (d["latest_meeting"]["date"], d["latest_meeting"]["targets"][0]["value"]) == ("2025-10-27", 20e9)
    assert [e["date"] for e in d["events"]][-1] == "2024-07-11/2024-07-13"


def test_country_unknown_fails_with_message(seeded_file):
    p = run("country", "Atlantis", db=seeded_file)
    assert p.returncode == 2  # an unknown filter value is a usage error naming the valid ones
    assert "'Atlantis' is not a known country" in p.stderr.decode()
    assert p.stdout == b""


def test_events_filters(seeded_file):
    res = run_json("events", "--country", "Campuchia", "--since", "2025-08-01", db=seeded_file)
    assert [e["date"] for e in res["items"]] == ["2025-10-27", "2025-10-25/2025-10-26", "2025-08-14",
                                                 "2025-08-14/2025-08-15"]
    res = run_json("events", "--person", "Tô Lâm", "--kind", "visit", db=seeded_file)
    assert {p["name"] for e in res["items"] for p in e["participants"]} == {
        "Tô Lâm", "Thongloun Sisoulith", "Norodom Sihamoni"}
    bad = run("events", "--since", "yesterday", db=seeded_file)
    assert bad.returncode == 2 and "--since 'yesterday'" in bad.stderr.decode()
    table = run("events", "--kind", "talks", db=seeded_file).stdout.decode()
    assert "Bounleua Phandanouvong" in table and "2025-06-02" in table


def test_person_roles_over_time(seeded_file):
    p = run_json("person", "bui thanh son", db=seeded_file)
    assert p["name"] == "Bùi Thanh Sơn"
    assert len(p["meetings"]) == 8
    assert "Bộ trưởng Ngoại giao" in {r["role"] for r in p["roles"]}
    text = run("person", "Tô Lâm", db=seeded_file).stdout.decode()
    assert "Chủ tịch nước" in text and "Tổng Bí thư" in text


def test_search_ranked_with_snippets(seeded_file):
    res = run_json("search", "hoi dam", db=seeded_file)
    assert {h["doc"] for h in res["items"][:2]} == {"003_e72812686307d908", "own_kh_talks"}
    assert any(p["hit"] and p["text"] == "hội đàm" for sn in res["items"][0]["snippets"] for p in sn["parts"])
    none = run("search", "khongcotu", db=seeded_file)
    assert none.returncode == 0 and none.stdout.decode().startswith("0 documents")  # empty is success


def test_export_records_round_trip(seeded_file):  # seeded_file skips without the shared corpus
    p = run("export", "--format", "records", db=seeded_file)
    assert p.returncode == 0, p.stderr.decode()
    recs = [json.loads(x) for x in p.stdout.decode().splitlines()]
    assert len(recs) == 104 + 4
    gold = json.loads((GOLD / "003_e72812686307d908.json").read_text("utf-8"))
    mine = [r for r in recs if r["doc"] == "003_e72812686307d908"]
    assert {r["type"] for r in recs} == set(FACT_TYPES)
    assert sorted(mine, key=json.dumps) == sorted(gold, key=json.dumps)


def test_export_csv_jsonl_parquet_agree(seeded_file, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    rows_csv = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", db=seeded_file).stdout.decode())))
    rows_jsonl = [json.loads(x) for x in run("export", "--format", "jsonl", db=seeded_file).stdout.decode().splitlines()]
    out = tmp_path / "facts.parquet"
    p = run("export", "--format", "parquet", "-o", str(out), db=seeded_file)
    assert p.returncode == 0, p.stderr.decode()
    table = pq.read_table(out).to_pylist()
    assert len(rows_csv) == len(rows_jsonl) == len(table) == 104 + 4
    assert [r["id"] for r in table] == [r["id"] for r in rows_jsonl] == [int(r["id"]) for r in rows_csv]
    first = rows_jsonl[0]
    assert json.loads(table[0]["payload"]) == json.loads(first["payload"]) == json.loads(rows_csv[0]["payload"])
    assert run("export", "--format", "parquet", db=seeded_file).returncode == 2
    events = [json.loads(x) for x in run("export", "--type", "event", db=seeded_file).stdout.decode().splitlines()]
    assert len(events) == 16 + 1 and {e["type"] for e in events} == {"event"}


def test_calendar_ics_is_valid_rfc5545(seeded_file):
    icalendar = pytest.importorskip("icalendar")
    p = run("calendar", "--ics", "--from", "2026-01-01", db=seeded_file)
    assert p.returncode == 0, p.stderr.decode()
    raw = p.stdout
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in x for x in lines)
    assert all(len(x) <= 75 for x in lines)
    cal = icalendar.Calendar.from_ical(raw)
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    # From 2026-01-01 the next year holds e.g. Laos' 51st national day and Cambodia's 73rd.
    assert events["51 năm Quốc khánh Lào"]["DTSTART"].dt.isoformat() == "2026-12-21"
    assert events["73 năm Quốc khánh Campuchia"]["DTSTART"].dt.isoformat() == "2026-11-09"
    assert all(e.get("UID") and e.get("DTSTAMP") for e in events.values())
    assert len({str(e["UID"]) for e in events.values()}) == len(events)
    table = run("calendar", "--from", "2026-01-01", "--country", "LA", db=seeded_file).stdout.decode()
    assert "Quốc khánh Lào" in table and "Campuchia" not in table


def test_bad_db_is_a_clear_error(tmp_path):
    p = run("country", "KH", db="postgresql://nobody@127.0.0.1:1/none")
    assert p.returncode == 1  # a failure (README, exit codes), not a usage error
    assert "cannot open the store" in p.stderr.decode()
