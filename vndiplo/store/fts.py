"""Full-text index maintenance: folded text of every document and fact in `search_entries`.

The index holds `vndiplo.text.search_key(text)` (no marks, đ -> d, lower
case), so "da nang" finds "Đà Nẵng" on SQLite (FTS5, no reliance on its
remove_diacritics, which keeps đ) and on PostgreSQL (tsvector 'simple') alike.

Entries are added automatically when a DocumentRow or FactRow is flushed
through the ORM (a `before_flush` hook, so `save_document` and
`replace_facts` need no change) and cascade away with their document or
fact. Rows written around the ORM (bulk loads) are caught up by
`index_missing`.

A document's entry also holds `facets`: the facet values its facts give
(`document_facets`), so a search counts facets from the rows it already
ranked instead of loading every matched fact's payload. NULL means "not
computed yet" (readers then fall back to the facts); `replace_facts` and
`index_missing` keep it filled.
"""
from __future__ import annotations

import re
from typing import Any, Iterable

from sqlalchemy import bindparam, event, insert, inspect, select, update
from sqlalchemy.orm import Session

from vndiplo.store.entities import SearchEntryRow
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.text import search_key

__all__ = ["document_facets", "facet_values", "fact_search_text", "facets_of_documents", "index_missing",
           "fill_facets", "parse_facets", "query_tokens", "set_document_facets"]

_TOKEN = re.compile(r"[^\W_]+")


def query_tokens(query: str) -> list[str]:
    """The folded words of a user query (what both backends match on)."""
    return _TOKEN.findall(search_key(query or ""))


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def fact_search_text(evidence: str, payload: dict | None) -> str:
    """Evidence first (snippets are cut from it), then the names and labels of the payload."""
    extra = " ".join(s for s in _strings(payload or {}) if s and s not in evidence)
    return f"{evidence}\n{extra}" if extra else evidence


def facet_values(facts: Iterable[tuple[str, dict | None]]) -> tuple[set[str], set[str]]:
    """(countries, kinds) of a document's facts, given as (type, payload) pairs.

    Countries: participants' countries, parties and the payload's "country",
    Vietnam left out (every story has it). Kinds: an event's kind when it has
    one, else the fact type.
    """
    countries: set[str] = set()
    kinds: set[str] = set()
    for ftype, p in facts:
        p = p or {}
        countries.update(x["country"] for x in p.get("participants") or [] if x.get("country"))
        countries.update(c for c in p.get("parties") or [] if c)
        if p.get("country"):
            countries.add(p["country"])
        kinds.add(p["kind"] if ftype == "event" and p.get("kind") else ftype)
    countries.discard("VN")
    return countries, kinds


def _esc(value: str) -> str:  # values have no spaces in practice; keep the encoding lossless anyway
    return value.replace("%", "%25").replace(" ", "%20") if ("%" in value or " " in value) else value


def _unesc(value: str) -> str:
    return value.replace("%20", " ").replace("%25", "%") if "%" in value else value


def document_facets(facts: Iterable[tuple[str, dict | None]]) -> str:
    """The stored facet string of a document's facts: "country:KH country:TH kind:talks" (sorted);
    "" when the facts give no values."""
    countries, kinds = facet_values(facts)
    return " ".join([f"country:{_esc(c)}" for c in sorted(countries)] + [f"kind:{_esc(k)}" for k in sorted(kinds)])


def parse_facets(value: str) -> tuple[set[str], set[str]]:
    """(countries, kinds) from a stored facet string (split on the first colon: "country:ORG:ASEAN")."""
    countries: set[str] = set()
    kinds: set[str] = set()
    for tok in value.split():
        name, _, v = tok.partition(":")
        if name == "country":
            countries.add(_unesc(v))
        elif name == "kind":
            kinds.add(_unesc(v))
    return countries, kinds


def facets_of_documents(session: Session, doc_ids: Iterable[int], batch: int = 2000) -> dict[int, str]:
    """Document row id -> facet string computed from its stored facts (documents without facts: "")."""
    ids = list(doc_ids)
    out: dict[int, str] = {}
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        facts: dict[int, list[tuple[str, dict | None]]] = {d: [] for d in chunk}
        for d_id, ftype, payload in session.execute(select(FactRow.document_id, FactRow.type, FactRow.payload)
                                                    .where(FactRow.document_id.in_(chunk))):
            facts[d_id].append((ftype, payload))
        out.update((d, document_facets(f)) for d, f in facts.items())
    return out


def set_document_facets(session: Session, document_id: int, facts: Iterable[tuple[str, dict | None]]) -> None:
    """Store the facet string of a document's (just written) facts on its search entry, if it has one."""
    session.execute(update(SearchEntryRow)
                    .where(SearchEntryRow.document_id == document_id, SearchEntryRow.kind == "document")
                    .values(facets=document_facets(facts)).execution_options(synchronize_session="fetch"))


def _document_entry(row: DocumentRow) -> SearchEntryRow:
    return SearchEntryRow(document=row, kind="document", key=search_key(row.text or ""))


def _fact_entry(row: FactRow) -> SearchEntryRow:
    entry = SearchEntryRow(fact=row, kind="fact", key=search_key(fact_search_text(row.evidence or "", row.payload)))
    if row.document_id is not None:
        entry.document_id = row.document_id
    else:
        entry.document = row.document
    return entry


@event.listens_for(Session, "before_flush")
def _index_new_rows(session: Session, _ctx, _instances) -> None:
    for obj in list(session.new):
        if isinstance(obj, DocumentRow):
            session.add(_document_entry(obj))
        elif isinstance(obj, FactRow):
            session.add(_fact_entry(obj))
    facts_of = session.info.setdefault("vndiplo_facts_added", set())
    for obj in session.new:  # facts added outside replace_facts: the document's stored facets go stale
        if isinstance(obj, FactRow):
            facts_of.add(obj.document_id if obj.document_id is not None else obj.document)
    for obj in list(session.dirty):  # a document stored again with new text (a re-ingest)
        if isinstance(obj, DocumentRow) and obj.id is not None and inspect(obj).attrs.text.history.has_changes():
            with session.no_autoflush:
                for entry in session.scalars(select(SearchEntryRow).where(
                        SearchEntryRow.document_id == obj.id, SearchEntryRow.kind == "document")):
                    entry.key = search_key(obj.text or "")


@event.listens_for(Session, "after_flush")
def _facets_stale(session: Session, _ctx) -> None:
    docs = session.info.pop("vndiplo_facts_added", None)
    ids = {d if isinstance(d, int) else getattr(d, "id", None) for d in docs or ()} - {None}
    if ids:  # NULL: "not computed"; replace_facts writes the new value right after its flush
        t = SearchEntryRow.__table__
        session.connection().execute(update(t).where(t.c.document_id.in_(sorted(ids)), t.c.kind == "document")
                                     .values(facets=None))


def index_missing(session: Session, batch: int = 2000) -> int:
    """Index documents and facts that have no entry yet (after bulk loads); returns the count.

    Anti-joins (NOT EXISTS) find what is missing: PostgreSQL runs a large NOT IN as a per-row
    subplan once its set outgrows work_mem. Entries go in by Core executemany, not one ORM
    object at a time; SQLite's FTS5 triggers fire all the same.
    """
    n = 0
    doc_entry = select(SearchEntryRow.id).where(SearchEntryRow.document_id == DocumentRow.id,
                                                SearchEntryRow.kind == "document").exists()
    doc_ids = session.scalars(select(DocumentRow.id).where(~doc_entry).order_by(DocumentRow.id)).all()
    for i in range(0, len(doc_ids), batch):
        chunk = doc_ids[i:i + batch]
        rows = session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(chunk))).all()
        facets = facets_of_documents(session, chunk, batch)
        session.execute(insert(SearchEntryRow), [
            {"document_id": d_id, "fact_id": None, "kind": "document", "key": search_key(text or ""),
             "facets": facets[d_id]}
            for d_id, text in rows])
        n += len(rows)
    fact_entry = select(SearchEntryRow.id).where(SearchEntryRow.fact_id == FactRow.id).exists()
    fact_ids = session.scalars(select(FactRow.id).where(~fact_entry).order_by(FactRow.id)).all()
    new_docs = set(doc_ids)
    touched: set[int] = set()  # documents given facts behind the ORM's back: their facets are stale
    for i in range(0, len(fact_ids), batch):
        rows = session.execute(select(FactRow.id, FactRow.document_id, FactRow.evidence, FactRow.payload)
                               .where(FactRow.id.in_(fact_ids[i:i + batch]))).all()
        session.execute(insert(SearchEntryRow), [
            {"document_id": d_id, "fact_id": f_id, "kind": "fact",
             "key": search_key(fact_search_text(ev or "", payload))}
            for f_id, d_id, ev, payload in rows])
        touched.update(d_id for _, d_id, _, _ in rows if d_id not in new_docs)
        n += len(rows)
    fill_facets(session, touched, batch)
    return n


def fill_facets(session: Session, also: Iterable[int] = (), batch: int = 2000) -> int:
    """Compute the facets of document entries that have none yet (NULL), and of the documents `also`
    names (row ids); returns how many entries were written. Batched Core statements, no ORM objects."""
    missing = session.execute(select(SearchEntryRow.document_id).where(
        SearchEntryRow.kind == "document", SearchEntryRow.facets.is_(None))).scalars().all()
    ids = sorted(set(missing) | set(also))
    t = SearchEntryRow.__table__
    stmt = (update(t).where(t.c.document_id == bindparam("d_id"), t.c.kind == "document")
            .values(facets=bindparam("f")))
    for i in range(0, len(ids), batch):
        facets = facets_of_documents(session, ids[i:i + batch], batch)
        session.connection().execute(stmt, [{"d_id": d, "f": f} for d, f in facets.items()])
    return len(ids)
