"""Exports researchers can join: PLOVER and CAMEO codes per event, stable person and country ids."""
from __future__ import annotations

import csv
import io
import json

import pytest

from tests.store_helpers import ingest_article
from vndiplo.records import Event, Location, Participant, Person
from vndiplo.resolve import resolve_store
from vndiplo.serve.export import COLUMNS, write_export
from vndiplo.serve.joinable import event_codes, where_from_home

VN_FM = Participant("Lê Minh Khang", "VN", "Bộ trưởng Ngoại giao")
LA_FM = Participant("Bounkham Vongsa", "LA", "Bộ trưởng Ngoại giao")


@pytest.mark.parametrize("kind, place, codes", [
    ("talks", "VN", ("CONSULT", "host", "043")),
    ("talks", "LA", ("CONSULT", "visit", "042")),
    ("talks", "MY", ("CONSULT", "third-party", "044")),
    ("talks", None, ("CONSULT", None, "040")),
    ("phone_call", None, ("CONSULT", "phone", "041")),
    ("visit", "VN", ("CONSULT", "host", "043")),
    ("visit", "LA", ("CONSULT", "visit", "042")),
    ("reception", "VN", ("CONSULT", "host", "043")),
    ("signing", "VN", ("SUPPORT", None, "057")),
    ("message", None, ("SUPPORT", None, "051")),
    ("interview", None, (None, None, "010")),
])
def test_event_codes_by_kind_and_place(kind, place, codes):
    payload = {"kind": kind, "participants": [{"country": "VN"}, {"country": "LA"}],
               "location": {"country": place} if place else None}
    c = event_codes(payload)
    assert (c["plover_type"], c["plover_mode"], c["cameo"]) == codes


def test_every_schema_kind_has_codes():
    for kind in ("talks", "meeting", "courtesy_call", "reception", "phone_call", "visit", "interview",
                 "conference", "message", "signing"):
        assert event_codes({"kind": kind})["cameo"], kind
    assert where_from_home({"location": {"country": "VN-HN"}}) == "home"


def _export(store, fmt="csv") -> list[dict]:
    out = io.StringIO()
    with store.session() as s:
        write_export(s, fmt, out)
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(out.getvalue())))
    return [json.loads(x) for x in out.getvalue().splitlines()]


def test_exports_carry_codes_and_stable_ids_across_a_rebuild(store, tmp_path):
    sent = "Ngày 2/3, tại Viêng Chăn, Bộ trưởng Lê Minh Khang hội đàm với Bộ trưởng Bounkham Vongsa."
    ingest_article(store, tmp_path, "x1", "2025-03-03", f"Hội đàm Việt Nam - Lào\n{sent}", [
        Event(kind="talks", date="2025-03-02", participants=[VN_FM, LA_FM],
              location=Location("Viêng Chăn", "LA"), evidence=sent),
        Person(name="Bounkham Vongsa", country="LA", roles=["Bộ trưởng Ngoại giao"], evidence=sent)])
    rows = _export(store)
    assert list(rows[0]) == list(COLUMNS)
    ev = next(r for r in rows if r["type"] == "event")
    assert (ev["plover_type"], ev["plover_mode"], ev["cameo"]) == ("CONSULT", "visit", "042")
    assert json.loads(ev["person_ids"]) == ["VN:le-minh-khang", "LA:bounkham-vongsa"]
    assert json.loads(ev["countries"]) == ["LA", "VN"] and ev["event_id"]
    person = next(r for r in rows if r["type"] == "person")
    assert json.loads(person["person_ids"]) == ["LA:bounkham-vongsa"] and person["cameo"] == ""
    resolve_store(store)  # entities rebuilt from scratch: new row ids, the same person ids
    again = _export(store, "jsonl")
    assert [(r["id"], r["person_ids"], r["countries"], r["cameo"]) for r in again] == \
        [(int(r["id"]), r["person_ids"], r["countries"], r["cameo"] or None) for r in rows]


def test_persons_whose_names_differ_by_marks_keep_distinct_ids(store, tmp_path):
    sents = ["Phó Thủ tướng Lê Văn Thành phát biểu.", "Phó Chủ tịch Lê Văn Thanh phát biểu."]
    ingest_article(store, tmp_path, "y1", "2025-03-03", "Tin\n" + "\n".join(sents), [
        Person(name="Lê Văn Thành", country="VN", roles=["Phó Thủ tướng"], evidence=sents[0]),
        Person(name="Lê Văn Thanh", country="VN", roles=["Phó Chủ tịch"], evidence=sents[1])])
    ids = [json.loads(r["person_ids"])[0] for r in _export(store)]
    assert len(set(ids)) == 2 and all(i.startswith("VN:le-van-thanh-") for i in ids)


def test_events_and_persons_exports_join_on_stable_ids(store, tmp_path):
    for name, day, who in [("z1", "2025-03-03", "Bounkham Vongsa"), ("z2", "2025-03-04", "Bounkham Vongsaa")]:
        sent = f"Ngày 2/3, tại Hà Nội, Bộ trưởng Lê Minh Khang hội đàm với Bộ trưởng {who}."
        ingest_article(store, tmp_path, name, day, f"Hội đàm Việt Nam - Lào ({name})\n{sent}", [
            Event(kind="talks", date="2025-03-02", participants=[VN_FM, Participant(who, "LA", "Bộ trưởng Ngoại giao")],
                  location=Location("Hà Nội", "VN"), evidence=sent)])
    (event,) = _export(store, "events")  # two articles, one meeting
    assert (event["date"], event["kind"], event["plover_type"], event["plover_mode"], event["cameo"]) == \
        ("2025-03-02", "talks", "CONSULT", "host", "043")
    assert event["documents"] == ["z1", "z2"] and event["countries"] == ["LA", "VN"]
    persons = {p["person_id"]: p for p in _export(store, "persons")}
    assert set(event["person_ids"]) == set(persons) == {"VN:le-minh-khang", "LA:bounkham-vongsa"}
    assert persons["LA:bounkham-vongsa"]["spellings"] == ["Bounkham Vongsa", "Bounkham Vongsaa"]
