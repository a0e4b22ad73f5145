"""Weighing the evidence on a person across documents: joining what linking one mention at a time split.

Linking reads one mention at a time, so an early source can set a person apart: one article gives
the Vietnamese foreign minister a wrong nationality, another outlet spells a Lao minister its own
way. After a document is linked, each person it touched is compared with the persons that may be
the same:

- the same name (same key) under another country: one person when the larger side is named by
  more documents than the smaller (a name seen with one country in many sources is not split by
  one source that says otherwise) and their offices are compatible; the odd country stays in the
  person's `countries` variants as a recorded disagreement. One source against one keeps two
  persons: nothing outweighs either.
- two spellings of one foreign name (identity.spelling_close) in the same country, or one of them
  with no country: one person when their offices are compatible.

The smaller is folded into the larger: its sources and roles move, it is deleted, and the kept
person and the events it took part in are recomputed.
"""
from __future__ import annotations

from typing import Iterable

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from vndiplo.resolve.identity import roles_compatible, spelling_close
from vndiplo.resolve.names import is_unmarked
from vndiplo.resolve.persons import HOME
from vndiplo.store.entities import EntityCountryRow, EntityRow, EntitySourceRow, PersonRoleRow

__all__ = ["consolidate", "merge_into"]


def _roles(s: Session, pid: int) -> set[str]:
    return set(s.scalars(select(PersonRoleRow.role_key).where(PersonRoleRow.person_id == pid)))


def _docs(s: Session, pid: int) -> int:
    return s.scalar(select(func.count(func.distinct(EntitySourceRow.document_id)))
                    .where(EntitySourceRow.entity_id == pid)) or 0


def merge_into(s: Session, keep: EntityRow, gone: EntityRow) -> None:
    """Fold person `gone` into `keep`: sources and roles move, `gone` is deleted, both views recomputed."""
    from vndiplo.resolve.refresh import refresh

    s.flush()
    facts = select(EntitySourceRow.fact_id).where(EntitySourceRow.entity_id == gone.id)
    events = list(s.scalars(select(EntitySourceRow.entity_id).join(EntityRow, EntityRow.id == EntitySourceRow.entity_id)
                            .where(EntitySourceRow.fact_id.in_(facts), EntitySourceRow.role == "subject",
                                   EntityRow.type == "event").distinct()))
    s.execute(update(EntitySourceRow).where(EntitySourceRow.entity_id == gone.id)
              .values(entity_id=keep.id).execution_options(synchronize_session=False))
    s.execute(update(PersonRoleRow).where(PersonRoleRow.person_id == gone.id)
              .values(person_id=keep.id).execution_options(synchronize_session=False))
    s.execute(delete(EntityCountryRow).where(EntityCountryRow.entity_id == gone.id))
    gone_id = gone.id
    s.expunge(gone)
    s.execute(delete(EntityRow).where(EntityRow.id == gone_id))
    s.expire_all()
    refresh(s, [keep.id, *events])


def _candidates(s: Session, p: EntityRow) -> list[tuple[EntityRow, str]]:
    """Persons that may be `p` under another country or spelling: (person, why)."""
    out: list[tuple[EntityRow, str]] = []
    same_key = s.scalars(select(EntityRow).where(EntityRow.type == "person", EntityRow.key == p.key,
                                                 EntityRow.id != p.id)).all()
    out += [(e, "country") for e in same_key if e.country != p.country]
    if p.country == HOME or len(p.key.split()) < 2:
        return out
    if p.country is None and not is_unmarked(p.label):
        return out  # a Vietnamese spelling with no country: no foreign spelling to compare with
    # Spellings start with the same letter: a key range the (type, key) index answers on both engines
    # (a LIKE prefix would not use it in SQLite, where LIKE ignores case).
    first = p.key[:1]
    q = select(EntityRow).where(EntityRow.type == "person", EntityRow.key >= first,
                                EntityRow.key < first + "\U0010ffff", EntityRow.id != p.id, EntityRow.key != p.key)
    q = q.where(or_(EntityRow.country == p.country, EntityRow.country.is_(None))) if p.country else \
        q.where(or_(EntityRow.country.is_(None), EntityRow.country != HOME))
    out += [(e, "spelling") for e in s.scalars(q) if len(e.key.split()) >= 2 and spelling_close(e.key, p.key)]
    return out


def consolidate(s: Session, ids: Iterable[int]) -> int:
    """Join the persons among `ids` with the persons they are by the weight of evidence; returns merges."""
    merges = 0
    s.flush()
    for pid in sorted(set(ids)):
        p = s.get(EntityRow, pid)
        if p is None or p.type != "person":
            continue
        for other, why in _candidates(s, p):
            if not roles_compatible(_roles(s, p.id), _roles(s, other.id)):
                continue
            a, b = _docs(s, p.id), _docs(s, other.id)
            if why == "country" and p.country and other.country and not (max(a, b) >= 2 and a != b):
                continue
            keep, gone = (p, other) if (a, p.n_sources or 0, -p.id) >= (b, other.n_sources or 0, -other.id) \
                else (other, p)
            merge_into(s, keep, gone)
            merges += 1
            p = s.get(EntityRow, keep.id)
            if p is None:
                break
    return merges
