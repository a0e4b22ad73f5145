"""The conventions of a good command line, checked on the real `vndiplo` process over a store made
from the repository's example corpus: version and help, standard input, stores never created by
reading, errors without tracebacks, exit codes, output scripts can use."""
from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer

from tests.conftest import EXAMPLES, ROOT
from vndiplo.serve.cli import app

VNDIPLO = str(Path(sys.executable).with_name("vndiplo"))
KINDS = "talks, meeting, courtesy_call, reception, phone_call, visit, interview, conference, message, signing"


def vndiplo(*args, stdin=None, env=None, cwd=None):
    return subprocess.run([VNDIPLO, *map(str, args)], input=stdin, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, cwd=cwd or ROOT)


def clean_error(r, code: int) -> None:
    """Exit `code`, one `error:` line on stderr, no traceback, no SQLAlchemy link."""
    assert r.returncode == code, (r.returncode, r.stdout, r.stderr)
    assert r.stderr.startswith("error:"), r.stderr
    assert "Traceback" not in r.stderr and "Background on this error" not in r.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "examples.db"
    assert vndiplo("ingest", EXAMPLES, "--db", path).returncode == 0
    r = vndiplo("extract", "--db", path)
    assert r.returncode == 0, r.stderr
    return path


def test_version_and_short_help():
    from vndiplo import __version__

    r = vndiplo("--version")
    assert r.returncode == 0 and r.stdout == f"vndiplo {__version__}\n"
    r = vndiplo("-h")
    assert r.returncode == 0 and "Commands:" in r.stdout and "eval" in r.stdout
    r = vndiplo("events", "-h")
    assert r.returncode == 0 and KINDS in " ".join(r.stdout.split())


def _commands() -> dict[str, click.Command]:
    group = typer.main.get_command(app)
    return dict(group.commands)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_help_reads_well(name):
    cmd = _commands()[name]
    for p in cmd.params:
        if isinstance(p, click.Option) and "--help" not in p.opts:
            assert (p.help or "").strip(), f"{name} {p.opts[0]} has no description"
    r = vndiplo(name, "-h")
    assert r.returncode == 0, r.stderr
    text = r.stdout
    assert "<" not in text.replace("<=", ""), text  # no <bool>, <str>, <list[Path]> type labels
    assert not re.search(r"\w\s+[.,](\s|$)", text), text  # no stray space before a full stop or comma
    if "VNDIPLO_DB" in text:  # the store option every command shares
        assert "[default: vndiplo.db]" in " ".join(text.split())


def test_usage_errors_exit_2():
    assert vndiplo("no-such-command").returncode == 2
    assert vndiplo("events", "--no-such-option").returncode == 2


def test_a_pasted_paragraph_on_stdin_is_an_article():
    text = ("Ngày 8/7/2025, tại Viêng Chăn, Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với "
            "Phó Thủ tướng, Bộ trưởng Ngoại giao Lào Thongsavanh Phomvihane.")
    r = vndiplo("extract", "-", "--format", "records", stdin=text)
    assert r.returncode == 0, r.stderr
    recs = [json.loads(x) for x in r.stdout.splitlines()]
    (event,) = [x for x in recs if x["type"] == "event"]
    assert event["doc"] == "stdin" and event["kind"] == "talks" and event["date"] == "2025-07-08"
    assert {p["country"] for p in event["participants"]} == {"VN", "LA"}


@pytest.mark.parametrize("args", [["summary"], ["docs"], ["show", "x"], ["country", "KH"], ["events"],
                                  ["event", "1"], ["search", "campuchia"], ["person", "Lê Hoài Trung"],
                                  ["calendar"], ["export"], ["resolve"], ["delete", "x"], ["extract"],
                                  ["serve", "--port", "0"]])
def test_reading_a_store_that_does_not_exist_says_so_and_creates_nothing(args, tmp_path):
    missing = tmp_path / "missing.db"
    r = vndiplo(*args, "--db", missing)
    clean_error(r, 1)
    assert "no store at" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_database_is_one_line():
    r = vndiplo("summary", "--db", "postgresql://nobody@127.0.0.1:1/none")
    clean_error(r, 1)


@pytest.mark.parametrize("args,valid", [
    (["events", "--kind", "bogus"], KINDS),
    (["search", "x", "--kind", "bogus"], "phone_call"),
    (["export", "--type", "figures"], "event, person, figure, anniversary, mechanism, relation"),
    (["events", "--country", "ZZ"], "ISO 3166"),
    (["calendar", "--country", "ZZ"], "ISO 3166"),
    (["search", "x", "--country", "ZZ"], "ISO 3166"),
    (["country", "ZZ"], "ISO 3166"),
])
def test_an_unknown_filter_value_lists_the_valid_ones(args, valid, db):
    r = vndiplo(*args, "--db", db)
    clean_error(r, 2)
    assert valid in " ".join(r.stderr.split())


def test_export_into_a_missing_folder_or_onto_a_folder(db, tmp_path):
    clean_error(vndiplo("export", "--db", db, "-o", tmp_path / "no" / "facts.jsonl"), 2)
    clean_error(vndiplo("export", "--db", db, "-o", tmp_path), 2)
    r = vndiplo("export", "--db", db, "--format", "csv", "-o", tmp_path / "facts.csv")
    assert r.returncode == 0 and (tmp_path / "facts.csv").stat().st_size > 0


def test_a_web_address_given_to_ingest_points_to_fetch(tmp_path):
    r = vndiplo("ingest", "https://baoquocte.vn/some-article.html", "--db", tmp_path / "v.db")
    clean_error(r, 2)
    assert "vndiplo fetch" in r.stderr
    assert not (tmp_path / "v.db").exists()


def test_spark_extract_without_pyspark_says_what_to_install(tmp_path):
    code = ("import sys; sys.modules['pyspark'] = None; sys.argv = ['vndiplo'] + sys.argv[1:]; "
            "from vndiplo.serve.cli import main; main()")
    r = subprocess.run([sys.executable, "-c", code, "spark-extract", str(EXAMPLES / "readouts-2025.jsonl"),
                        str(tmp_path / "out")], capture_output=True, text=True, timeout=120)
    clean_error(r, 2)
    assert "pip install 'vndiplo[spark]'" in r.stderr


def test_parquet_without_pyarrow_says_what_to_install(db, tmp_path):
    code = ("import sys; sys.modules['pyarrow'] = None; sys.argv = ['vndiplo'] + sys.argv[1:]; "
            "from vndiplo.serve.cli import main; main()")
    r = subprocess.run([sys.executable, "-c", code, "export", "--format", "parquet", "-o", str(tmp_path / "f.parquet"),
                        "--db", str(db)], capture_output=True, text=True, timeout=120)
    clean_error(r, 2)
    assert "pip install 'vndiplo[parquet]'" in r.stderr and not (tmp_path / "f.parquet").exists()


def test_a_malformed_published_date_is_a_clear_value_error():
    import vndiplo

    for bad in ("8/7/2025", "2025-13-01", "yesterday", 20250708):
        with pytest.raises(ValueError, match="published"):
            vndiplo.extract("Ngày 8/7, Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Ngoại trưởng Lào.", published=bad)
    assert vndiplo.extract("Ngày 8/7, Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Ngoại trưởng Lào "
                           "Thongsavanh Phomvihane.", published="2025-07-08T09:00:00+07:00")


def test_an_empty_list_is_success(db):
    r = vndiplo("events", "--country", "BR", "--db", db)
    assert r.returncode == 0 and r.stdout.startswith("0 events")
    r = vndiplo("search", "zzzzqqqq", "--db", db)
    assert r.returncode == 0 and r.stdout.startswith("0 documents")
    r = vndiplo("events", "--country", "BR", "--db", db, "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["items"] == []


def test_piped_tables_are_whole_and_a_cut_list_says_n_of_m(db):
    full = json.loads(vndiplo("events", "--db", db, "--json").stdout)
    assert full["total"] > 3
    r = vndiplo("events", "--db", db, "--limit", "2")
    assert r.stdout.startswith(f"2 of {full['total']} events")
    for e in full["items"][:2]:  # every participant and source whole, on one line
        line = next(ln for ln in r.stdout.splitlines() if f" {e['id']} " in ln)
        for src in e["sources"]:
            assert src["doc"] in line
        for p in e["participants"]:
            assert p["name"] in line
    docs = vndiplo("docs", "--db", db).stdout
    for d in json.loads(vndiplo("docs", "--db", db, "--json").stdout):
        assert d["doc_id"] in docs and (d["title"] or "") in docs


def test_csv_tables(db):
    full = json.loads(vndiplo("events", "--db", db, "--json").stdout)
    rows = list(csv.DictReader(io.StringIO(vndiplo("events", "--db", db, "--csv").stdout)))
    assert [int(r["id"]) for r in rows] == [e["id"] for e in full["items"]]
    summary = list(csv.reader(io.StringIO(vndiplo("summary", "--db", db, "--csv").stdout)))
    assert summary[0] == ["what", "count"] and ["documents", "15"] in summary


@pytest.mark.parametrize("args", [["summary"], ["docs"], ["events"], ["calendar", "--from", "2025-01-01"],
                                  ["search", "thái lan"], ["country", "TH"], ["person", "Bùi Thanh Sơn"]])
def test_json_is_indented_the_same_way_everywhere(args, db):
    r = vndiplo(*args, "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data
    assert r.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_event_by_id_shows_its_sources(db):
    first = json.loads(vndiplo("events", "--db", db, "--json").stdout)["items"][0]
    r = vndiplo("event", first["id"], "--db", db)
    assert r.returncode == 0, r.stderr
    for src in first["sources"]:
        assert src["doc"] in r.stdout
    assert json.loads(vndiplo("event", first["id"], "--db", db, "--json").stdout)["id"] == first["id"]
    clean_error(vndiplo("event", "999999", "--db", db), 1)
