"""The read side at scale: views paged in SQL over resolved entities agree with the Python grouping of raw
facts, pages tile the whole list, answers are kept until the store changes, and `serve --workers` runs
several processes. On SQLite and PostgreSQL."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.serve.conftest import fill
from vndiplo.serve import queries, resolved, unresolved
from vndiplo.serve.api import create_app
from vndiplo.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _topics(d: dict) -> dict:
    """The parts of a dossier read from relations, figures and mechanisms (not from event grouping)."""
    return {"framework": [(f["level"], sorted(s["doc"] for s in f["sources"])) for f in d["framework"]],
            "actuals": [(x["id"], x["value"]) for x in d["trade"]["actuals"]],
            "targets": [(x["id"], x["value"]) for x in d["trade"]["targets"]],
            "mechanisms": [(m["name"], [x["session"] for x in m["sessions"]]) for m in d["mechanisms"]],
            "commitments": [(c["what"], c["status"]) for c in d["commitments"]]}


def test_indexed_dossier_topics_equal_the_grouping_of_raw_facts(store):
    fill(store, resolve=False)
    with store.session() as s:
        assert not resolved.has_entities(s)
        before = {c: queries.country_dossier(s, c) for c in ("KH", "TH", "LA")}
    from vndiplo.resolve import resolve_store

    resolve_store(store)
    with store.session() as s:
        assert resolved.has_entities(s)
        for code, old in before.items():
            new = queries.country_dossier(s, code)
            assert _topics(new) == _topics(old), code
            assert new["event_count"] == len(new["events"]) > 0
            # The latest meeting is one of the country's events, with its sources.
            assert new["latest_meeting"]["id"] in [e["id"] for e in new["events"]]
            assert new["latest_meeting"]["sources"]
        kh = queries.country_dossier(s, "KH")
        assert kh["trade"]["targets"], "the seeds name a Cambodia trade target"


def test_event_pages_tile_the_list_newest_first_undated_last(seeded):
    with seeded.engine.begin() as conn:  # one event of unknown date
        eid = conn.execute(text("SELECT min(id) FROM entities WHERE type = 'event'")).scalar()
        conn.execute(text("UPDATE entities SET date_start = NULL, date_end = NULL WHERE id = :i"), {"i": eid})
        conn.execute(text("UPDATE entity_countries SET date_start = NULL WHERE entity_id = :i"), {"i": eid})
    with seeded.session() as s:
        for country in (None, "VN", "KH"):
            whole = queries.list_events(s, country=country, limit=200)
            assert whole["total"] == len(whole["items"]) > 2
            ids = [e["id"] for e in whole["items"]]
            assert len(set(ids)) == len(ids)
            dates = [e["sort_date"] for e in whole["items"]]
            dated = [d for d in dates if d]
            assert dated == sorted(dated, reverse=True)
            assert all(d is None for d in dates[len(dated):]), "undated events come last"
            if country in (None, "VN"):
                assert ids[-1] == eid
            tiled = [e["id"] for off in range(0, whole["total"], 2)
                     for e in queries.list_events(s, country=country, limit=2, offset=off)["items"]]
            assert tiled == ids
        # Filters narrow the same list.
        kh = queries.list_events(s, country="KH", limit=200)["items"]
        kind = kh[0]["kind"]
        same = queries.list_events(s, country="KH", kind=kind, limit=200)["items"]
        assert same and [e["id"] for e in same] == [e["id"] for e in kh if e["kind"] == kind]
        assert len({e["kind"] for e in kh}) == 1 or len(same) < len(kh)
        late = queries.list_events(s, country="KH", since="2025-10-01", limit=200)["items"]
        assert late and all(e["sort_date"] >= "2025-09" for e in late)
        assert len(late) < len(kh)


def test_person_meetings_capped_with_the_total_and_all_by_the_events_filter(seeded):
    with seeded.session() as s:
        whole = resolved.person_view(s, "Prak Sokhonn")
        assert whole["meeting_count"] == len(whole["meetings"]) >= 2
        one = resolved.person_view(s, "Prak Sokhonn", meetings=1)
        assert [m["id"] for m in one["meetings"]] == [whole["meetings"][0]["id"]]
        assert one["meeting_count"] == whole["meeting_count"]
        listed = queries.list_events(s, person="Prak Sokhonn", limit=200)
        assert listed["total"] == whole["meeting_count"]
        # A hostile name (thousands of words) is an empty answer, not a database error.
        assert resolved.person_ids(s, "viet " * 5000) == []


def test_unresolved_and_resolved_persons_agree_on_roles(store):
    fill(store, resolve=False)
    with store.session() as s:
        old = unresolved.person_view(s, "Prak Sokhonn")
    from vndiplo.resolve import resolve_store

    resolve_store(store)
    with store.session() as s:
        new = queries.get_person(s, "prak sokhonn")
    assert new["name"] == old["name"] and new["country"] == old["country"]
    assert {r["role"] for r in new["roles"]} >= {r["role"] for r in old["roles"]} - {""}
    assert sorted(m["date"] for m in new["meetings"]) == sorted(m["date"] for m in old["meetings"])


def test_answers_are_kept_until_the_store_changes(seeded):
    with TestClient(create_app(store=seeded, token="t0k"), raise_server_exceptions=False) as c:
        first = c.get("/api/events", params={"country": "KH"})
        assert first.headers["x-cache"] == "miss"
        again = c.get("/api/events", params={"country": "KH"})
        assert again.headers["x-cache"] == "hit" and again.json() == first.json()
        assert again.headers["etag"] == first.headers["etag"]
        page = ("date 2025-11-20 Bộ trưởng Ngoại giao hội đàm với Bộ trưởng Ngoại giao Campuchia\n\n"
                "Chiều 19/11, tại Hà Nội, Bộ trưởng Ngoại giao Lê Hoài Trung hội đàm với Phó Thủ tướng, "
                "Bộ trưởng Ngoại giao Campuchia Prak Sokhonn.\n")
        w = c.post("/api/documents", params={"doc_id": "kh_talks_nov"}, content=page.encode(),
                   headers={"Authorization": "Bearer t0k"})
        assert w.status_code == 201, w.text
        after = c.get("/api/events", params={"country": "KH"})
        assert after.headers["x-cache"] == "miss"
        assert after.json()["total"] == first.json()["total"] + 1
        assert after.json()["items"][0]["sort_date"] == "2025-11-19"
    with TestClient(create_app(store=seeded, cache_mb=0)) as c:  # no cache: every answer computed
        assert "x-cache" not in c.get("/api/events").headers


def test_serve_with_several_worker_processes(seeded_file, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (tmp_path / "serve.log").open("wb")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "vndiplo", "serve", "--db", str(seeded_file), "--port", str(port),
                             "--workers", "2"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline, r = time.time() + 60, None
        while time.time() < deadline:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/countries/KH", timeout=10)
                break
            except httpx.HTTPError:
                assert proc.poll() is None, (tmp_path / "serve.log").read_text()
                time.sleep(0.3)
        assert r is not None and r.status_code == 200 and r.json()["code"] == "KH"
        with httpx.Client(timeout=10) as c:  # connections land on either process; all answer alike
            answers = {c.get(f"http://127.0.0.1:{port}/api/events", params={"limit": 5}).text for _ in range(10)}
        assert len(answers) == 1
        assert httpx.post(f"http://127.0.0.1:{port}/api/documents", params={"doc_id": "x"},
                          content=b"x").status_code == 403  # read-only in every process
        assert "2 processes" in (tmp_path / "serve.log").read_text()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert open_store(f"sqlite:///{seeded_file}") is not None


def test_country_list_from_the_index_names_the_same_countries_as_the_facts(store):
    fill(store, resolve=False)
    with store.session() as s:
        old = {c["code"]: c for c in queries.list_countries(s)}
    from vndiplo.resolve import resolve_store

    resolve_store(store)
    with store.session() as s:
        new = {c["code"]: c for c in queries.list_countries(s)}
    assert set(new) == set(old)
    for code, c in new.items():
        assert c["facts"] == sum(c["by_type"].values()) > 0
        # Every event fact naming the country supports one of its events (and a merged event counts all its
        # reports, also those that leave the country out).
        assert c["by_type"].get("event", 0) >= old[code]["by_type"].get("event", 0), code
        assert c["by_type"].get("relation", 0) == old[code]["by_type"].get("relation", 0), code


def test_a_nul_in_a_parameter_is_dropped_like_from_every_stored_text(seeded):
    with TestClient(create_app(store=seeded)) as c:
        plain = c.get("/api/events", params={"country": "KH"})
        with_nul = c.get("/api/events", params={"country": "K\x00H"})
        assert with_nul.status_code == 200 and with_nul.json() == plain.json() and plain.json()["total"] > 0
        assert c.get("/api/events/1%00").status_code == 404  # a path with one names nothing
