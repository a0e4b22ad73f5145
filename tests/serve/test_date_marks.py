"""A guessed year is shown as guessed, and the latest meeting places an undated event by its article's
date and says so (our own articles, both stores)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.store_helpers import ingest_article
from vndiplo.records import Event, Participant
from vndiplo.resolve import resolve_store
from vndiplo.serve.datemarks import GUESSED_NOTE, latest_of
from vndiplo.store.models import FactRow

SENT = "Ngày 1/9, Bộ trưởng Ngoại giao Lê Minh Khang hội đàm với Bộ trưởng Ngoại giao Lào Bounkham Vongsa."
SENT2 = "Bộ trưởng Lê Minh Khang đã gặp Bộ trưởng Bounkham Vongsa bên lề hội nghị."
NOTE = "Năm được đoán từ các mốc thời gian khác trong bài (bài không có ngày đăng)"


def _talks(date):
    return Event(kind="talks", date=date, participants=[Participant("Lê Minh Khang", "VN", "Bộ trưởng Ngoại giao"),
                                                         Participant("Bounkham Vongsa", "LA", "Bộ trưởng Ngoại giao")],
                 evidence=SENT)


@pytest.fixture
def client_for(store):
    from fastapi.testclient import TestClient

    from vndiplo.serve.api import create_app

    def make():
        return TestClient(create_app(store=store, cache_mb=0))
    return make


def _mark(store, doc_id: str, **marker):
    """What the extractor stores with an event date: how it was known (records.Event.date_basis)."""
    from vndiplo.store.models import DocumentRow

    with store.session() as s:
        doc = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
        for f in s.scalars(select(FactRow).where(FactRow.document_id == doc.id, FactRow.type == "event")):
            f.payload = {**f.payload, **marker}
    resolve_store(store)


def test_a_guessed_year_is_shown_as_guessed_with_its_reason(store, tmp_path, client_for):
    ingest_article(store, tmp_path, "g1", "2024-09-03", f"Hội đàm Việt Nam - Lào\n{SENT}", [_talks("2024-09-01")])
    _mark(store, "g1", date_basis="inferred_year")
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert (e["date"], e["date_inferred"], e["date_basis"], e["date_note"]) == (
            "2024-09-01", True, "inferred_year", NOTE)
        shown = f'<span class="guessed" title="{NOTE}">2024-09-01?</span>'
        assert shown in c.get(f"/events/{e['id']}").text
        assert shown in c.get("/countries/LA").text and shown in c.get("/").text
        assert shown in c.get("/persons/Lê Minh Khang").text


def test_a_date_with_a_known_year_is_no_guess(store, tmp_path, client_for):
    ingest_article(store, tmp_path, "s1", "2024-09-03", f"Hội đàm Việt Nam - Lào\n{SENT}", [_talks("2024-09-01")])
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert (e["date_inferred"], e["date_basis"], e["date_note"]) == (False, None, None)
        assert "2024-09-01?" not in c.get(f"/events/{e['id']}").text
    _mark(store, "s1", date_basis="date_line")
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert (e["date_inferred"], e["date_basis"]) == (False, "date_line")
        assert "2024-09-01?" not in c.get(f"/events/{e['id']}").text
    _mark(store, "s1", date_inferred=True)  # a guess that names no basis still shows as one
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert (e["date_inferred"], e["date_note"]) == (True, GUESSED_NOTE)


def test_the_latest_meeting_takes_an_undated_event_at_its_articles_date(store, tmp_path, client_for):
    ingest_article(store, tmp_path, "old", "2025-03-02", f"Hội đàm Việt Nam - Lào\n{SENT}", [_talks("2025-03-01")])
    undated = Event(kind="meeting", date=None, evidence=SENT2,
                    participants=[Participant("Lê Minh Khang", "VN", "Bộ trưởng"),
                                  Participant("Bounkham Vongsa", "LA", "Bộ trưởng")])
    ingest_article(store, tmp_path, "new", "2025-05-10", f"Gặp gỡ Việt Nam - Lào\n{SENT2}", [undated])
    with client_for() as c:
        d = c.get("/api/countries/LA").json()
        m = d["latest_meeting"]
        assert (m["kind"], m["date"], m["doc_date"], m["date_from_document"]) == ("meeting", None, "2025-05-10", True)
        assert "2025-05-10 (ngày đăng bài)" in c.get("/countries/LA").text


def test_latest_of_compares_dated_events_with_articles_dates():
    dated = {"id": 1, "date": "2025-03-01", "sort_date": "2025-03-01"}
    assert latest_of(dated, [{"id": 2, "date": None, "doc_date": "2025-01-01"}]) is dated
    assert latest_of(dated, [{"id": 3, "date": None, "doc_date": "2025-04-01"}])["id"] == 3
    assert latest_of(None, [{"id": 4, "date": None, "doc_date": None}]) is None


def test_the_marks_follow_the_english_switch(store, tmp_path, client_for):
    """views' English pages (the lang cookie) show kb's marks in English: the guess's reason, the events
    list's dates and an undated event's article date."""
    ingest_article(store, tmp_path, "g1", "2024-09-03", f"Hội đàm Việt Nam - Lào\n{SENT}", [_talks("2024-09-01")])
    _mark(store, "g1", date_basis="inferred_year")
    note_en = "The year is guessed from other dates the text cites (the article has no date line)"
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert e["date_note_en"] == note_en
        assert f'<span class="guessed" title="{NOTE}">2024-09-01?</span>' in c.get("/events").text
        c.cookies.set("lang", "en")
        shown = f'<span class="guessed" title="{note_en}">2024-09-01?</span>'
        assert shown in c.get(f"/events/{e['id']}").text and shown in c.get("/events").text
        assert shown in c.get("/countries/LA").text
