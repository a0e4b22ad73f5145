"""A guessed year is shown as guessed, and the latest meeting places an undated event by its article's
date and says so (our own articles, both stores)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.store_helpers import ingest_article
from vndiplo.records import Event, Participant
from vndiplo.resolve import resolve_store
from vndiplo.serve.datemarks import GUESSED_BASIS, latest_of
from vndiplo.store.models import FactRow

SENT = "Ngày 1/9, Bộ trưởng Ngoại giao Lê Minh Khang hội đàm với Bộ trưởng Ngoại giao Lào Bounkham Vongsa."
SENT2 = "Bộ trưởng Lê Minh Khang đã gặp Bộ trưởng Bounkham Vongsa bên lề hội nghị."
BASIS = "năm của ngày đăng bài (2024-09-03)"


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


def _mark_inferred(store, doc_id: str, basis: str | None):
    """What the extractor stores for a date whose year it took from elsewhere (the payload marker)."""
    from vndiplo.store.models import DocumentRow

    with store.session() as s:
        doc = s.scalar(select(DocumentRow).where(DocumentRow.doc_id == doc_id))
        for f in s.scalars(select(FactRow).where(FactRow.document_id == doc.id, FactRow.type == "event")):
            f.payload = {**f.payload, "date_inferred": True, **({"date_basis": basis} if basis else {})}
    resolve_store(store)


def test_a_guessed_year_is_shown_as_guessed_with_its_reason(store, tmp_path, client_for):
    ingest_article(store, tmp_path, "g1", "2024-09-03", f"Hội đàm Việt Nam - Lào\n{SENT}", [_talks("2024-09-01")])
    _mark_inferred(store, "g1", BASIS)
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert (e["date"], e["date_inferred"], e["date_basis"]) == ("2024-09-01", True, BASIS)
        shown = f'<span class="guessed" title="{BASIS}">2024-09-01?</span>'
        assert shown in c.get(f"/events/{e['id']}").text
        assert shown in c.get("/countries/LA").text and shown in c.get("/").text
        assert shown in c.get("/persons/Lê Minh Khang").text


def test_a_stated_date_is_no_guess_and_a_guess_without_reason_gets_one(store, tmp_path, client_for):
    ingest_article(store, tmp_path, "s1", "2024-09-03", f"Hội đàm Việt Nam - Lào\n{SENT}", [_talks("2024-09-01")])
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert (e["date_inferred"], e["date_basis"]) == (False, None)
        assert "2024-09-01?" not in c.get(f"/events/{e['id']}").text
    _mark_inferred(store, "s1", None)
    with client_for() as c:
        (e,) = c.get("/api/events").json()["items"]
        assert (e["date_inferred"], e["date_basis"]) == (True, GUESSED_BASIS)


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
