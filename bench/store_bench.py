"""Store benchmark: bulk-load generated events into SQLite and PostgreSQL, then time search and timelines.

    python bench/store_bench.py                     # 100,000 events, both stores
    python bench/store_bench.py --events 20000 --backends sqlite
    python bench/store_bench.py --pg-url postgresql://user@host/db   # an existing (empty) database

Generated documents (5 events each, Vietnamese sentences with names, roles and
places) are written with their facts, resolved entities (persons, events),
sources, country index rows and search entries, in one transaction, through
vndiplo.store.bulk (COPY on PostgreSQL). Then `--queries` random searches and
country-timeline pages are timed. A sample is also run through the real
incremental path (save_document + replace_facts + resolve_document) to report
resolution throughput. Prints a table; asserts nothing.
"""
from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from vndiplo.records import Event, Location, Participant  # noqa: E402
from vndiplo.store import open_store  # noqa: E402
from vndiplo.store.bulk import insert_rows, next_id, now, reset_sequences  # noqa: E402
from vndiplo.store.keys import role_key  # noqa: E402
from vndiplo.store.entities import (  # noqa: E402
    EntityCountryRow, EntityRow, EntitySourceRow, PersonRoleRow, SearchEntryRow,
)
from vndiplo.resolve.facets import event_facets  # noqa: E402
from vndiplo.store.event_facets import EventFacetRow  # noqa: E402
from vndiplo.store.fts import document_facets, fact_search_text  # noqa: E402
from vndiplo.store.models import DocumentRow, FactRow  # noqa: E402
from vndiplo.store.query import timeline  # noqa: E402
from vndiplo.store.search import search  # noqa: E402
from vndiplo.text import search_key  # noqa: E402

COUNTRIES = {"LA": "Lào", "KH": "Campuchia", "TH": "Thái Lan", "CN": "Trung Quốc", "JP": "Nhật Bản",
             "KR": "Hàn Quốc", "US": "Hoa Kỳ", "FR": "Pháp", "DE": "Đức", "RU": "Nga", "IN": "Ấn Độ",
             "AU": "Australia", "SG": "Singapore", "MY": "Malaysia", "ID": "Indonesia", "PH": "Philippines",
             "MM": "Myanmar", "BN": "Brunei", "GB": "Anh", "IT": "Italy", "CU": "Cuba", "BR": "Brazil",
             "NZ": "New Zealand", "CA": "Canada", "EG": "Ai Cập", "ZA": "Nam Phi", "TR": "Thổ Nhĩ Kỳ",
             "SA": "Saudi Arabia", "AE": "UAE", "MX": "Mexico"}
PLACES = ["Hà Nội", "Đà Nẵng", "Thành phố Hồ Chí Minh", "Huế", "Cần Thơ", "Hải Phòng", "Quảng Ninh",
          "New York", "Geneva", "Kuala Lumpur", "Jakarta", "Bangkok", "Viêng Chăn", "Phnom Penh", "Bắc Kinh"]
KINDS = {"talks": "hội đàm", "meeting": "gặp", "courtesy_call": "hội kiến", "reception": "tiếp",
         "phone_call": "điện đàm", "visit": "thăm", "signing": "ký"}
ROLES = ["Bộ trưởng Ngoại giao", "Thủ tướng", "Phó Thủ tướng", "Chủ tịch nước", "Thứ trưởng Ngoại giao",
         "Đại sứ", "Chủ tịch Quốc hội", "Tổng Bí thư"]
VN_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
VN_MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hoài", "Đức", "Quốc", "Hồng", "Xuân"]
VN_GIVEN = ["Sơn", "Trung", "Hằng", "Dũng", "Lâm", "Chính", "Mẫn", "Hùng", "Thắng", "Vân", "Đạt", "Phúc"]
SYL = ["ka", "ri", "so", "pha", "tho", "ng", "sa", "vong", "mi", "lo", "kes", "to", "ran", "chai", "wat"]
FILLER = ("Hai bên nhất trí tăng cường hợp tác kinh tế, thương mại, đầu tư, quốc phòng - an ninh, "
          "giáo dục và giao lưu nhân dân, phấn đấu nâng kim ngạch thương mại song phương.")


def _foreign_name(rng: random.Random) -> str:
    return " ".join("".join(rng.choice(SYL) for _ in range(rng.randint(2, 3))).capitalize() for _ in range(2))


def generate(n_events: int, per_doc: int = 5, seed: int = 7):
    """Documents with their events: [(doc dict, [Event])]; persons are drawn from fixed pools."""
    rng = random.Random(seed)
    vn = [f"{rng.choice(VN_FAMILY)} {rng.choice(VN_MIDDLE)} {rng.choice(VN_GIVEN)}" for _ in range(400)]
    vn = sorted(set(vn))
    foreign = {c: [_foreign_name(rng) for _ in range(60)] for c in COUNTRIES}
    docs = []
    for d in range(0, n_events, per_doc):
        lines, events, pos = [], [], 0
        title = f"Hoạt động đối ngoại ngày {d}"
        body_start = len(title) + 2
        pos = body_start
        year = rng.randint(2015, 2025)
        for _ in range(min(per_doc, n_events - d)):
            c = rng.choice(list(COUNTRIES))
            kind = rng.choice(list(KINDS))
            y, m, day = year, rng.randint(1, 12), rng.randint(1, 28)
            a, b = rng.choice(vn), rng.choice(foreign[c])
            ra, rb = rng.choice(ROLES), rng.choice(ROLES)
            place = rng.choice(PLACES)
            sent = (f"Ngày {day}/{m}/{y}, tại {place}, {ra} {a} đã {KINDS[kind]} {rb} {COUNTRIES[c]} {b}.")
            events.append(Event(kind=kind, date=f"{y}-{m:02d}-{day:02d}",
                                participants=[Participant(a, "VN", ra), Participant(b, c, rb)],
                                location=Location(place, None), evidence=sent, span=(pos, pos + len(sent))))
            lines.append(sent + " " + FILLER)
            pos += len(lines[-1]) + 1
        text = title + "\n\n" + "\n".join(lines)
        docs.append(({"doc_id": f"bench_{d // per_doc:06d}", "title": title, "text": text,
                      "published": f"{year}-12-31", "payloads": [e.payload() for e in events]}, events))
    return docs


def bulk_load(store, docs) -> dict[str, int]:
    """Write documents, facts, search entries (documents' with their facets), persons, events, sources,
    person roles and country rows in one transaction, as the ORM path and the resolver would."""
    counts: dict[str, int] = {}
    with store.engine.begin() as conn:
        ids = {t: next_id(conn, t.__table__) for t in (DocumentRow, FactRow, SearchEntryRow, EntityRow,
                                                       EntitySourceRow, EntityCountryRow, PersonRoleRow,
                                                       EventFacetRow)}
        ts = now()
        doc_rows, fact_rows, search_rows, ent_rows, src_rows, cty_rows = [], [], [], [], [], []
        role_rows: list[dict] = []
        facet_rows: list[dict] = []
        role_keys: dict[str, str] = {}
        persons: dict[tuple[str, str], int] = {}

        def person(name: str, country: str) -> int:
            k = (name, country)
            if k not in persons:
                persons[k] = ids[EntityRow]
                ids[EntityRow] += 1
                ent_rows.append({"id": persons[k], "type": "person", "key": " ".join(search_key(name).split()),
                                 "label": name, "country": country, "date_start": None, "date_end": None,
                                 "data": {"exact": [name.lower()]}, "n_sources": 0, "updated_at": ts})
            return persons[k]

        for meta, events in docs:
            did = ids[DocumentRow]
            ids[DocumentRow] += 1
            doc_rows.append({"id": did, "doc_id": meta["doc_id"], "source": "bench", "title": meta["title"],
                             "published": meta["published"], "text": meta["text"], "raw_text": "",
                             "content_hash": hashlib.sha256(meta["text"].encode()).hexdigest(),
                             "ingested_at": ts, "extracted_at": ts, "extractor_version": "bench"})
            search_rows.append({"id": ids[SearchEntryRow], "document_id": did, "fact_id": None,
                                "kind": "document", "key": search_key(meta["text"]),
                                "facets": document_facets(("event", p) for p in meta["payloads"])})
            ids[SearchEntryRow] += 1
            for ev, payload in zip(events, meta["payloads"]):
                fid = ids[FactRow]
                ids[FactRow] += 1
                fact_rows.append({"id": fid, "document_id": did, "type": "event", "payload": payload,
                                  "evidence": ev.evidence, "start": ev.span[0], "end": ev.span[1]})
                search_rows.append({"id": ids[SearchEntryRow], "document_id": did, "fact_id": fid, "kind": "fact",
                                    "key": search_key(fact_search_text(ev.evidence, payload)), "facets": None})
                ids[SearchEntryRow] += 1
                eid = ids[EntityRow]
                ids[EntityRow] += 1
                parts = [{"person_id": person(p.name, p.country), "name": p.name, "country": p.country,
                          "roles": [p.role]} for p in ev.participants]
                ent_rows.append({"id": eid, "type": "event", "key": ev.kind, "label": " – ".join(p.name for p in
                                                                                               ev.participants),
                                 "country": None, "date_start": ev.date, "date_end": ev.date,
                                 "data": {"kind": ev.kind, "participants": parts, "countries": ["VN",
                                          ev.participants[1].country]}, "n_sources": 1, "updated_at": ts})
                src_rows.append({"id": ids[EntitySourceRow], "entity_id": eid, "fact_id": fid, "document_id": did,
                                 "role": "subject", "ordinal": 0, "date": ev.date, "data": payload})
                ids[EntitySourceRow] += 1
                for i, p in enumerate(parts):
                    src_rows.append({"id": ids[EntitySourceRow], "entity_id": p["person_id"], "fact_id": fid,
                                     "document_id": did, "role": "participant", "ordinal": i, "date": ev.date,
                                     "data": {"name": p["name"], "country": p["country"], "roles": p["roles"]}})
                    for r in p["roles"]:  # as vndiplo.resolve.persons.link_person records them
                        if r not in role_keys:
                            role_keys[r] = role_key(r)
                        role_rows.append({"id": ids[PersonRoleRow], "person_id": p["person_id"],
                                          "source_id": ids[EntitySourceRow], "country": p["country"], "role": r,
                                          "role_key": role_keys[r], "date": ev.date})
                        ids[PersonRoleRow] += 1
                    ids[EntitySourceRow] += 1
                for facet, value in event_facets(ent_rows[-1]["data"]):  # as the resolver writes them
                    facet_rows.append({"id": ids[EventFacetRow], "entity_id": eid, "facet": facet, "value": value})
                    ids[EventFacetRow] += 1
                for c in sorted({"VN", ev.participants[1].country}):
                    cty_rows.append({"id": ids[EntityCountryRow], "entity_id": eid, "entity_type": "event",
                                     "country": c, "date_start": ev.date})
                    ids[EntityCountryRow] += 1
        for model, rows in ((DocumentRow, doc_rows), (FactRow, fact_rows), (SearchEntryRow, search_rows),
                            (EntityRow, ent_rows), (EntitySourceRow, src_rows), (EntityCountryRow, cty_rows),
                            (PersonRoleRow, role_rows), (EventFacetRow, facet_rows)):
            counts[model.__tablename__] = insert_rows(conn, model.__table__, rows)
        reset_sequences(conn, [m.__table__ for m in ids])
    with store.engine.begin() as conn:
        from sqlalchemy import text
        conn.execute(text("ANALYZE"))
    return counts


def percentiles(xs: list[float]) -> tuple[float, float]:
    xs = sorted(xs)
    return statistics.median(xs), xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def time_queries(store, n: int, seed: int = 11) -> dict[str, tuple[float, float]]:
    rng = random.Random(seed)
    terms = ["da nang", "Bộ trưởng Ngoại giao", "hội đàm", "thanh pho ho chi minh", "Geneva", "Nguyễn Văn",
             "quoc phong an ninh", "Thái Lan", "dang", "Phúc", "kesthoka", "\"tai ha noi\"", "2,2 tỷ", "Việt - Lào"]
    out: dict[str, list[float]] = {"search (20 hits + total)": [], "timeline page (20 + total)": [],
                                   "timeline page, VN (all events)": []}
    with store.session() as s:
        search(s, "warm up")
        for i in range(n):
            t0 = time.perf_counter()
            search(s, rng.choice(terms), limit=20, offset=rng.choice([0, 0, 20, 100]))
            out["search (20 hits + total)"].append(time.perf_counter() - t0)
            c = rng.choice([c for c in COUNTRIES])
            t0 = time.perf_counter()
            timeline(s, c, limit=20, offset=rng.choice([0, 20, 200, 1000]))
            out["timeline page (20 + total)"].append(time.perf_counter() - t0)
            if i % 4 == 0:
                t0 = time.perf_counter()
                timeline(s, "VN", limit=20, offset=rng.choice([0, 5000, 50000]), newest_first=rng.random() < .5)
                out["timeline page, VN (all events)"].append(time.perf_counter() - t0)
    return {k: percentiles(v) for k, v in out.items() if v}


def resolve_sample(url: str, n_events: int) -> float:
    """Events per second through the real incremental path (ORM, matching, refresh)."""
    from vndiplo.read.document import Document
    from vndiplo.resolve import resolve_document
    from vndiplo.store.write import replace_facts, save_document

    store = open_store(url)
    docs = generate(n_events, seed=3)
    t0 = time.perf_counter()
    for meta, events in docs:
        with store.session() as s:
            row, _ = save_document(s, Document(doc_id=meta["doc_id"], source="bench", text=meta["text"],
                                               title=meta["title"], published=meta["published"]))
            replace_facts(s, row, events)
            resolve_document(s, row)
    dt = time.perf_counter() - t0
    store.close()
    return n_events / dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--resolve-sample", type=int, default=1000, help="events run through resolution (0: skip)")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg-url", default=None, help="an empty PostgreSQL database (default: a throwaway server)")
    args = ap.parse_args()
    console = Console()
    err = Console(stderr=True)
    t0 = time.perf_counter()
    docs = generate(args.events)
    err.print(f"generated {args.events} events in {len(docs)} documents in {time.perf_counter() - t0:.1f} s")
    table = Table(title=f"vndiplo store benchmark: {args.events:,} events, {args.queries} queries")
    for col in ("store", "measure", "value"):
        table.add_column(col, justify="right" if col == "value" else "left")
    server = None
    tmp = Path(tempfile.mkdtemp(prefix="vndiplo-bench-"))
    try:
        for backend in args.backends.split(","):
            if backend == "sqlite":
                url, url2 = f"sqlite:///{tmp / 'bench.db'}", f"sqlite:///{tmp / 'resolve.db'}"
            else:
                if args.pg_url:
                    url, url2 = args.pg_url, None
                else:
                    from tests.pgserver import PgServer
                    server = server or PgServer().start()
                    url, url2 = server.create_database("bench"), server.create_database("resolve")
            store = open_store(url)
            t0 = time.perf_counter()
            counts = bulk_load(store, docs)
            load = time.perf_counter() - t0
            rows = sum(counts.values())
            err.print(f"{backend}: loaded {rows:,} rows in {load:.1f} s")
            table.add_row(backend, f"load {args.events:,} events ({rows:,} rows)", f"{load:.1f} s")
            table.add_row(backend, "load rate", f"{args.events / load:,.0f} events/s")
            for name, (p50, p95) in time_queries(store, args.queries).items():
                table.add_row(backend, f"{name} p50 / p95", f"{p50 * 1000:.1f} / {p95 * 1000:.1f} ms")
            store.close()
            if args.resolve_sample and url2:
                rate = resolve_sample(url2, args.resolve_sample)
                table.add_row(backend, f"resolve {args.resolve_sample:,} events incrementally", f"{rate:,.0f} events/s")
    finally:
        if server:
            server.stop()
    console.print(table)


if __name__ == "__main__":
    main()
