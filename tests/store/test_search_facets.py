"""Documents' search entries carry their facet values (countries, kinds), kept right on every write path,
and search counts facets from them exactly as it did from the facts' payloads (SQLite and PostgreSQL)."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import insert, select, update

from tests.store_helpers import ingest_article, ingest_seeds_with_gold
from vndiplo.extract.pipeline import extract
from vndiplo.records import Event, Location, Participant
from vndiplo.resolve import reextract_document
from vndiplo.serve.search import _ranked_documents, search
from vndiplo.store.entities import SearchEntryRow
from vndiplo.store.fts import document_facets, index_missing, parse_facets
from vndiplo.store.models import DocumentRow, FactRow


def oracle(s, doc_ids) -> dict[int, tuple[set[str], set[str]]]:
    """(countries, kinds) per document read from its facts' payloads: what search computed before facets
    were stored."""
    out = {d: (set(), set()) for d in doc_ids}
    for did, ftype, p in s.execute(select(FactRow.document_id, FactRow.type, FactRow.payload)
                                   .where(FactRow.document_id.in_(list(doc_ids)))):
        countries, kinds = out[did]
        p = p or {}
        countries.update(x["country"] for x in p.get("participants") or [] if x.get("country"))
        countries.update(p.get("parties") or [])
        if p.get("country"):
            countries.add(p["country"])
        kinds.add(p["kind"] if ftype == "event" and p.get("kind") else ftype)
    for countries, _ in out.values():
        countries.discard("VN")
    return out


def stored(s) -> dict[int, str | None]:
    return dict(s.execute(select(SearchEntryRow.document_id, SearchEntryRow.facets)
                          .where(SearchEntryRow.kind == "document")).all())


def assert_facets_right(s) -> dict[int, str | None]:
    got = stored(s)
    want = oracle(s, list(got))
    for did, facets in got.items():
        assert facets is not None, did
        assert parse_facets(facets) == want[did], did
    return got


def test_encoding_round_trips_and_splits_on_the_first_colon():
    facts = [("event", {"kind": "talks", "participants": [{"country": "VN"}, {"country": "KH"}]}),
             ("figure", {"parties": ["ORG:ASEAN", "VN"]}), ("event", {"kind": None}),
             ("statement", {"country": "TH"})]
    f = document_facets(facts)
    assert f == "country:KH country:ORG:ASEAN country:TH kind:event kind:figure kind:statement kind:talks"
    assert parse_facets(f) == ({"KH", "ORG:ASEAN", "TH"}, {"talks", "figure", "event", "statement"})
    assert document_facets([]) == "" and parse_facets("") == (set(), set())
    odd = document_facets([("event", {"kind": "a b%20", "country": "X Y"})])
    assert parse_facets(odd) == ({"X Y"}, {"a b%20"})


def test_facets_are_stored_by_ingest_and_changed_by_reextraction(store, tmp_path):
    from tests.store_articles import TALKS_TEXT, talks_facts

    ingest_seeds_with_gold(store)
    row_id = ingest_article(store, tmp_path, "talks_oct", "2025-10-28", TALKS_TEXT, talks_facts())
    with store.session() as s:
        got = assert_facets_right(s)
        assert any(got.values())
        assert "country:TH" in got[row_id].split() and "kind:talks" in got[row_id].split()
    # Re-extraction with the real extractor, then with facts that name other countries and kinds.
    with store.session() as s:
        row = s.get(DocumentRow, row_id)
        reextract_document(s, row, extract(row.text, row.published, row.title))
    with store.session() as s:
        assert_facets_right(s)
    with store.session() as s:
        row = s.get(DocumentRow, row_id)
        ev = Event(kind="phone_call", date="2025-10-27",
                   participants=[Participant("Lê Hoài Trung", "VN", "Bộ trưởng Ngoại giao"),
                                 Participant("Yoko Kamikawa", "JP", "Bộ trưởng Ngoại giao")],
                   location=Location("Hà Nội", "VN"), evidence=row.text[:40], span=(0, 40))
        reextract_document(s, row, [ev])
    with store.session() as s:
        assert stored(s)[row_id] == "country:JP kind:phone_call"
        assert_facets_right(s)
    with store.session() as s:
        reextract_document(s, s.get(DocumentRow, row_id), [])
    with store.session() as s:
        assert stored(s)[row_id] == ""


def test_bulk_rows_get_their_facets_on_catch_up(store):
    text = "Tin đối ngoại\n\nĐoàn công tác Campuchia thăm Quảng Ngãi và Bình Định."
    payload = {"kind": "visit", "date": "2025-01-02", "location": None, "occasion": None,
               "participants": [{"name": "Hun Manet", "country": "KH", "role": "Thủ tướng"}]}
    with store.session() as s:
        for i in (1, 2):  # written around the ORM: no search entry at all
            s.execute(insert(DocumentRow).values(doc_id=f"bulk{i}", source="bulk", text=text, raw_text=text,
                                                 content_hash=f"h-bulk{i}"))
        ids = dict(s.execute(select(DocumentRow.doc_id, DocumentRow.id)).all())
        s.execute(insert(FactRow).values(document_id=ids["bulk1"], type="event", payload=payload,
                                         evidence=text[15:], start=15, end=len(text)))
    with store.session() as s:
        assert index_missing(s) == 3
    with store.session() as s:
        got = assert_facets_right(s)
        assert got[ids["bulk1"]] == "country:KH kind:visit" and got[ids["bulk2"]] == ""
    # Facets not computed yet (NULL), and facts arriving in bulk for a document already indexed.
    with store.session() as s:
        s.execute(update(SearchEntryRow).where(SearchEntryRow.document_id == ids["bulk1"],
                                               SearchEntryRow.kind == "document").values(facets=None))
        s.execute(insert(FactRow).values(document_id=ids["bulk2"], type="figure", evidence="x", start=0, end=1,
                                         payload={"metric": "trade_turnover", "parties": ["VN", "TH"]}))
    with store.session() as s:
        assert stored(s)[ids["bulk1"]] is None
        index_missing(s)
    with store.session() as s:
        got = assert_facets_right(s)
        assert got[ids["bulk1"]] == "country:KH kind:visit" and got[ids["bulk2"]] == "country:TH kind:figure"


def _oracle_search_facets(s, query):
    ranked = _ranked_documents(s, query)
    want = oracle(s, list(ranked))
    years = dict(s.execute(select(DocumentRow.id, DocumentRow.published).where(DocumentRow.id.in_(list(ranked)))).all())
    country, kind, year = Counter(), Counter(), Counter()
    for did, (cs, ks) in want.items():
        country.update(cs)
        kind.update(ks)
        if years[did]:
            year[years[did][:4]] += 1
    return {"country": dict(country), "kind": dict(kind), "year": dict(year)}, want


def _as_dicts(facets):
    return {k: {f["value"]: f["count"] for f in v} for k, v in facets.items()}


QUERIES = ["Bộ trưởng Ngoại giao", "hoi dam", '"ngoai giao"', "Campuchia", "kim ngach thuong mai", "Trung Quốc"]


def test_search_facets_equal_the_payload_computation(store):
    ingest_seeds_with_gold(store)
    with store.session() as s:
        for q in QUERIES:
            res = search(s, q, limit=5)
            want, per_doc = _oracle_search_facets(s, q)
            assert res["total"] == len(per_doc) > 0, q
            assert _as_dicts(res["facets"]) == want, q
            counts = [f["count"] for f in res["facets"]["country"]]
            assert counts == sorted(counts, reverse=True)
            for c in list(want["country"])[:3]:
                assert search(s, q, country=c)["total"] == want["country"][c], (q, c)
            for k in want["kind"]:
                assert search(s, q, kind=k)["total"] == want["kind"][k], (q, k)
        before = {q: search(s, q, limit=50) for q in QUERIES}
    # Entries whose facets were never computed: search falls back to the facts, same answers.
    with store.session() as s:
        s.execute(update(SearchEntryRow).where(SearchEntryRow.kind == "document").values(facets=None))
    with store.session() as s:
        for q in QUERIES:
            assert search(s, q, limit=50) == before[q], q
