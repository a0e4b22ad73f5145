"""Search counts its total and facets over every matching document, not over a best slice, and puts
in order only the page it shows: the pages, read one after another, are exactly every match sorted by
score then doc_id (SQLite and PostgreSQL)."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import insert, select

from vndiplo.serve.search import _ranked, search
from vndiplo.store.fts import index_missing
from vndiplo.store.models import DocumentRow, FactRow

N = 5200  # more than the 5,000 best documents search used to count within


def _bulk(store, n: int) -> None:
    """`n` short documents that all match "hoi dam"; every third names Laos (KH otherwise), every
    fourth has no fact at all, years cycle 2021-2025; the same few texts repeat, so scores tie often."""
    texts = ["Hội đàm tại Hà Nội.", "Hai bên hội đàm về hợp tác kinh tế và hội đàm tiếp.",
             "Thủ tướng hội đàm với Thủ tướng Campuchia tại Phnom Penh ngày hôm qua."]
    with store.session() as s:
        # doc_ids in an order unlike the row ids, so a tie broken by row id would show
        s.execute(insert(DocumentRow), [
            {"doc_id": f"d{(i * 7919) % n:05d}", "source": "bulk", "text": texts[i % 3], "raw_text": texts[i % 3],
             "content_hash": f"h{i}", "published": f"{2021 + i % 5}-01-02"} for i in range(n)])
        ids = s.execute(select(DocumentRow.id).order_by(DocumentRow.id)).scalars().all()
        s.execute(insert(FactRow), [
            {"document_id": d, "type": "event", "evidence": "x", "start": 0, "end": 1,
             "payload": {"kind": "talks" if i % 2 else "visit",
                         "participants": [{"name": "A", "country": "LA" if i % 3 == 0 else "KH"}]}}
            for i, d in enumerate(ids) if i % 4])
    with store.session() as s:
        index_missing(s)


def test_total_facets_and_pages_cover_every_match(store):
    _bulk(store, N)
    with store.session() as s:
        rows = _ranked(s, "hoi dam")
        assert len(rows) == N
        want_order = [r[1] for r in sorted(rows, key=lambda r: (-float(r[4]), r[1]))]
        res = search(s, "hoi dam", limit=20)
        assert res["total"] == N
        with_facts = sum(1 for i in range(N) if i % 4)
        country = {f["value"]: f["count"] for f in res["facets"]["country"]}
        assert country == {"LA": sum(1 for i in range(N) if i % 4 and i % 3 == 0),
                           "KH": sum(1 for i in range(N) if i % 4 and i % 3)}
        kind = {f["value"]: f["count"] for f in res["facets"]["kind"]}
        assert sum(kind.values()) == with_facts
        year = {f["value"]: f["count"] for f in res["facets"]["year"]}
        assert year == dict(Counter(str(2021 + i % 5) for i in range(N)))
        # The pages, one after another, are every match in order; the last page is short.
        got = []
        for offset in range(0, N, 997):
            got += [it["doc"] for it in search(s, "hoi dam", limit=997, offset=offset)["items"]]
        assert got == want_order
        assert search(s, "hoi dam", limit=50, offset=N - 10)["items"][-1]["doc"] == want_order[-1]
        assert search(s, "hoi dam", offset=N)["items"] == []
        # Filters count and page within every match too.
        la = search(s, "hoi dam", country="LA", limit=200, offset=100)
        assert la["total"] == country["LA"]
        naming_la = _docs_naming(s, "LA")
        want_la = [d for d in want_order if d in naming_la]
        assert [it["doc"] for it in la["items"]] == want_la[100:300]
        y = search(s, "hoi dam", year="2023", kind="talks")
        assert y["total"] == sum(1 for i in range(N) if i % 5 == 2 and i % 4 and i % 2)


def _docs_naming(s, country: str) -> set[str]:
    out = set()
    for doc_id, payload in s.execute(select(DocumentRow.doc_id, FactRow.payload)
                                     .join(FactRow, FactRow.document_id == DocumentRow.id)):
        if any(p.get("country") == country for p in payload.get("participants") or []):
            out.add(doc_id)
    return out


def test_ties_are_broken_by_doc_id_on_every_page(store):
    with store.session() as s:
        s.execute(insert(DocumentRow), [
            {"doc_id": f"t{k:02d}", "source": "bulk", "text": "Hội đàm.", "raw_text": "Hội đàm.",
             "content_hash": f"t{k}"} for k in (9, 3, 7, 1, 5, 8, 2, 6, 4, 0)])
    with store.session() as s:
        index_missing(s)
    with store.session() as s:
        pages = [[it["doc"] for it in search(s, "hội đàm", limit=3, offset=o)["items"]] for o in (0, 3, 6, 9)]
        assert pages == [["t00", "t01", "t02"], ["t03", "t04", "t05"], ["t06", "t07", "t08"], ["t09"]]
        assert len({it["score"] for it in search(s, "hội đàm", limit=10)["items"]}) == 1
