"""Resolution over the real seed pages with their gold records as facts (plus our own articles), on both stores."""
from __future__ import annotations

from sqlalchemy import select

import pytest

from tests.store_helpers import seeded_store
from vndiplo.store import query
from vndiplo.store.entities import EntityRow


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    """One store per backend for this module: the seeds' gold facts plus our two articles (read-only tests)."""
    s = seeded_store(request, tmp_path_factory)
    yield s
    s.close()


def _person(s, name: str) -> dict:
    page = query.find_persons(s, name)
    assert page["total"] == 1, page
    return query.person_detail(s, page["items"][0]["id"])


def test_one_person_across_three_articles_with_both_roles(store):
    with store.session() as s:
        p = _person(s, "Prak Sokhonn")
        docs = {src["doc_id"] for src in p["sources"]}
        assert {"000_932f4bf3cbdf01e5", "001_c4a3399497a2fc57", "002_d08307e42bcacef1"} <= docs
        keys = {r["role_key"] for r in p["roles"]}
        assert "pho thu tuong" in keys
        assert "bo truong ngoai giao va hop tac quoc te" in keys  # "Bộ trưởng Bộ ..." folded into the same office
        assert p["country"] == "KH"
        assert len(p["events"]) == 3  # July, August and October meetings


def test_foreign_minister_changes_in_role_history(store):
    with store.session() as s:
        vn = query.office_holders(s, "VN", "Bộ trưởng Ngoại giao")
        assert [h["name"] for h in vn] == ["Bùi Thanh Sơn", "Lê Hoài Trung"]
        assert vn[0]["last"] < vn[1]["first"]
        th = query.office_holders(s, "TH", "Bộ trưởng Ngoại giao")
        assert [h["name"] for h in th] == ["Maris Sangiampongsa", "Sihasak Phuangketkeow"]
        son = _person(s, "bui thanh son")
        fm = next(r for r in son["roles"] if r["role_key"] == "bo truong ngoai giao")
        assert fm["first"].startswith("2024-07") and fm["last"] == "2025-08-14"


def test_target_is_one_commitment_followed_over_months_with_latest_actual(store):
    with store.session() as s:
        th = [c for c in query.commitments(s, "TH")["items"] if c["kind"] == "target"]
        assert len(th) == 1, th
        c = th[0]
        assert c["value"] == 25_000_000_000 and c["parties"] == ["TH", "VN"]
        months = [m["date"][:7] for m in c["mentions"]]
        assert months == ["2025-07", "2025-08", "2025-10"]
        assert c["first_seen"].startswith("2025-07")
        assert c["latest_actual"]["value"] == 12_100_000_000
        assert c["latest_actual"]["period"] == "2025-01/2025-07"
        assert c["latest_actual"]["doc_id"] == "target_aug"
        # the programme 2026-2030 is followed too, across the three seed articles that name it
        prog = [c for c in query.commitments(s, "TH")["items"] if c["kind"] == "programme"]
        assert len(prog) == 1 and prog[0]["period"] == "2026/2030" and len(prog[0]["mentions"]) == 3
        first, second = query.commitments(s, "TH", limit=1), query.commitments(s, "TH", limit=1, offset=1)
        assert first["total"] == second["total"] == 2
        assert {first["items"][0]["id"], second["items"][0]["id"]} == {c["id"], prog[0]["id"]}
        pair = query.country_pair(s, "TH", "VN")
        assert {x["id"] for x in pair["commitments"]} == {c["id"], prog[0]["id"]}


def test_event_reported_by_two_articles_is_one_event_with_both_versions(store):
    with store.session() as s:
        sihasak = _person(s, "Sihasak")
        assert len(sihasak["events"]) == 1
        ev = query.event_detail(s, sihasak["events"][0]["id"])
        assert {x["doc_id"] for x in ev["sources"]} == {"002_d08307e42bcacef1", "talks_oct"}
        kinds = {k["value"]: k["sources"] for k in ev["kinds"]}
        assert kinds == {"meeting": ["002_d08307e42bcacef1"], "talks": ["talks_oct"]}
        assert [(v["value"], v["sources"]) for v in ev["locations"]] == [
            ({"place": "Kuala Lumpur", "country": "MY"}, ["talks_oct"])]
        assert ev["date_start"] == "2025-10-27"
        assert {p["name"] for p in ev["participants"]} == {"Lê Hoài Trung", "Sihasak Phuangketkeow"}
        # "ông Sihasak Phuangketkeow" is the same person
        assert {a["value"] for a in sihasak["aliases"]} >= {"Sihasak Phuangketkeow", "ông Sihasak Phuangketkeow"}
        # the other meetings of that day stay separate events
        tl = query.timeline(s, "VN", date_from="2025-10-27", date_to="2025-10-27")
        assert tl["total"] == 4


def test_relations_mechanisms_and_figures_per_country_pair(store):
    with store.session() as s:
        pair = query.country_pair(s, "VN", "KH")
        assert [r["level"] for r in pair["relations"]] == ["traditional_friendship"]
        assert len({x["doc_id"] for x in pair["relations"][0]["sources"]}) == 4
        joint = [m for m in pair["mechanisms"] if m["sessions"] and m["sessions"][0]["session"] == 21]
        assert len(joint) == 1  # two spellings of the Joint Committee, one mechanism, session 21 in two articles
        assert len(joint[0]["sessions"][0]["sources"]) == 2
        assert {f["value"] for f in pair["figures"]} >= {5_500_000_000, 7_000_000_000, 20_000_000_000}
        assert pair["events"] >= 4


def test_timeline_is_ordered_and_paginated(store):
    with store.session() as s:
        first = query.timeline(s, "KH", limit=2)
        rest = query.timeline(s, "KH", limit=10, offset=2)
        dates = [e["date_start"] for e in first["items"] + rest["items"]]
        assert first["total"] == len(dates) >= 5
        assert dates == sorted(dates)
        assert all("KH" in e["countries"] for e in first["items"] + rest["items"])
        newest = query.timeline(s, "KH", limit=1, newest_first=True)["items"][0]
        assert newest["date_start"] == dates[-1]


def test_resolving_again_changes_nothing(store):
    from vndiplo.resolve import resolve_store

    def snapshot():
        with store.session() as s:
            return sorted((e.type, e.label, e.country, e.date_start, e.n_sources)
                          for e in s.scalars(select(EntityRow)))

    before = snapshot()
    resolve_store(store)
    assert snapshot() == before
    resolve_store(store)
    assert snapshot() == before
