"""Resolution entry points: one document (inside its extraction transaction), a deletion, the whole store.

Linking is incremental: a document's facts are linked to the entities
already stored, and every entity they touch (or that lost support) is
recomputed. `resolve_store` rebuilds every entity from scratch in document
order, so running it twice gives the same entities.
"""
from __future__ import annotations

from typing import Callable, Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from vndiplo.records import Fact
from vndiplo.resolve.context import DocContext, document_date
from vndiplo.resolve.events import link_event
from vndiplo.resolve.identity import in_link_list
from vndiplo.resolve.merge import consolidate
from vndiplo.resolve.persons import link_person
from vndiplo.resolve import refresh as _refresh
from vndiplo.resolve.refresh import merge_added, refresh
from vndiplo.resolve.topics import link_figure, link_mechanism, link_relation
from vndiplo.store.entities import EntityRow, EntitySourceRow
from vndiplo.store.fts import index_missing
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.store.write import replace_facts

__all__ = ["resolve_document", "reextract_document", "delete_document", "resolve_store", "resolve_all",
           "entities_of", "repair"]


def entities_of(session: Session, document_id: int) -> set[int]:
    """Ids of the entities a document supports."""
    return set(session.scalars(select(EntitySourceRow.entity_id).where(
        EntitySourceRow.document_id == document_id).distinct()))


def resolve_document(session: Session, row: DocumentRow, also_refresh: Iterable[int] = ()) -> set[int]:
    """Link the stored facts of `row` to entities (replacing this document's earlier links).

    Call inside the transaction that stored the facts. `also_refresh` names
    entities that lost support before the call (e.g. to replace_facts).
    Returns the ids of the entities touched.
    """
    touched = entities_of(session, row.id) | set(also_refresh)
    session.execute(delete(EntitySourceRow).where(EntitySourceRow.document_id == row.id))
    session.flush()
    session.expire_all()
    lost = _refresh.subtract(session, touched, row.doc_id)  # the rest keep their view minus this document
    facts = session.scalars(select(FactRow).where(FactRow.document_id == row.id).order_by(FactRow.id)).all()
    ctx = DocContext(session, row, document_date(row, list(facts)), previous=set(touched))
    # Linking flushes where a query must see this document's pending rows (new entities, and
    # participants before event matching); flushing before every lookup costs more than the SQL.
    with session.no_autoflush:
        # A person or event read from a sidebar of other headlines is not the article's: no entity.
        facts = [f for f in facts if f.type not in ("person", "event") or not in_link_list(row.text, f.start, f.end)]
        for f in facts:
            p = f.payload or {}
            if f.type == "person":
                link_person(ctx, f, p.get("name") or "", p.get("country"), p.get("roles"), ctx.date)
        for f in facts:
            if f.type == "event":
                link_event(ctx, f)
            elif f.type == "figure":
                link_figure(ctx, f)
            elif f.type == "mechanism":
                link_mechanism(ctx, f)
            elif f.type == "relation":
                link_relation(ctx, f)
    session.flush()
    full = lost | {e.id for e in ctx.created}  # lost support, or new: recompute from every source
    refresh(session, full)
    merge_added(session, {e.id: v for e, v in ctx.added.items() if e.id not in full}, row.doc_id)
    # Persons split by one source's country or by another outlet's spelling are joined by the weight of
    # evidence across documents (merge.py).
    consolidate(session, [e.id for e in ctx.persons if e.id is not None])
    return touched | {e.id for e in ctx.added}


def reextract_document(session: Session, row: DocumentRow, facts: Iterable[Fact]) -> set[int]:
    """Swap a document's facts and re-link them, in the caller's transaction."""
    before = entities_of(session, row.id)
    replace_facts(session, row, list(facts))
    return resolve_document(session, row, also_refresh=before)


def delete_document(session: Session, row: DocumentRow) -> int:
    """Delete a document with its facts; entities it alone supported go, the others keep their other sources.

    Returns the number of entities removed.
    """
    touched = entities_of(session, row.id)
    doc_id = row.doc_id
    session.delete(row)
    session.flush()
    session.expire_all()
    return refresh(session, _refresh.subtract(session, touched, doc_id))


def repair(session: Session) -> int:
    """Recompute entities whose support changed behind resolution's back (facts deleted by a re-ingest
    or a bulk load): those whose source count differs from the count stored. Returns how many."""
    counts = (select(EntitySourceRow.entity_id, func.count().label("n"))
              .group_by(EntitySourceRow.entity_id).subquery())
    stale = session.scalars(
        select(EntityRow.id).outerjoin(counts, counts.c.entity_id == EntityRow.id)
        .where(func.coalesce(counts.c.n, 0) != EntityRow.n_sources)).all()
    refresh(session, stale)
    return len(stale)


def resolve_store(store, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Rebuild every entity from the stored facts, in one transaction; returns entity counts by type."""
    with store.session() as s:
        return resolve_all(s, progress)


def resolve_all(s: Session, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """`resolve_store` in the caller's session and transaction (a bulk load resolves in its own)."""
    index_missing(s)
    s.execute(delete(EntityRow))
    s.flush()
    ids = s.scalars(select(DocumentRow.id).order_by(DocumentRow.published.is_(None), DocumentRow.published,
                                                    DocumentRow.id)).all()
    for i, doc_id in enumerate(ids, 1):
        resolve_document(s, s.get(DocumentRow, doc_id))
        if progress:
            progress(i, len(ids))
    return dict(s.execute(select(EntityRow.type, func.count()).group_by(EntityRow.type)).all())
