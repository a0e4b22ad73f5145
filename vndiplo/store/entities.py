"""Resolved entities: what several facts, across articles, say about one thing.

One generic shape serves every kind of entity (person, event, commitment,
mechanism, relation): an `EntityRow` holds the resolved view (label, dates,
aggregated data with every variant the sources gave), and each
`EntitySourceRow` links it to one fact of one document. Sources cascade from
facts and documents, so deleting a document removes exactly its support; an
entity left with no source is removed by `vndiplo.resolve.prune`.

Two narrow index tables serve the queries that must be fast:
`EntityCountryRow` (country timelines) and `PersonRoleRow` (who held which
office when). `SearchEntryRow` is the full-text index (see store/fts.py).
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vndiplo.store.base import Base

__all__ = ["EntityRow", "EntitySourceRow", "EntityCountryRow", "PersonRoleRow", "SearchEntryRow",
           "ENTITY_TYPES"]

ENTITY_TYPES = ("person", "event", "commitment", "mechanism", "relation")


def _now() -> datetime:
    return datetime.now(timezone.utc)


class EntityRow(Base):
    """One resolved thing. `key` is the matching key of its type (see vndiplo.resolve)."""

    __tablename__ = "entities"
    __table_args__ = (
        Index("ix_entities_type_key", "type", "key"),
        Index("ix_entities_type_date", "type", "date_start"),
        Index("ix_entities_type_sources", "type", "n_sources", "date_start"),  # migration 0005_views
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(512))
    label: Mapped[str] = mapped_column(Text, default="")
    country: Mapped[str | None] = mapped_column(String(64))  # a person's country, or a pair "TH-VN"
    date_start: Mapped[str | None] = mapped_column(String(10))  # YYYY-MM-DD, first day covered
    date_end: Mapped[str | None] = mapped_column(String(10))  # last day covered
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    n_sources: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)

    sources: Mapped[list[EntitySourceRow]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", passive_deletes=True)


class EntitySourceRow(Base):
    """One fact supporting an entity, with what that fact says about it (`data`)."""

    __tablename__ = "entity_sources"
    __table_args__ = (
        UniqueConstraint("entity_id", "fact_id", "role", "ordinal", name="uq_entity_sources_link"),
        # Covers "which entities does this fact support, in which role" without reading the table.
        Index("ix_entity_sources_fact_role", "fact_id", "role", "entity_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    fact_id: Mapped[int] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), default="subject")  # subject | participant | actual
    ordinal: Mapped[int] = mapped_column(Integer, default=0)  # participant index within the fact
    date: Mapped[str | None] = mapped_column(String(10))  # when this source says it (YYYY-MM-DD)
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    entity: Mapped[EntityRow] = relationship(back_populates="sources")


class EntityCountryRow(Base):
    """A country an entity involves (participant, host, party), dated for timelines."""

    __tablename__ = "entity_countries"
    __table_args__ = (Index("ix_entity_countries_country_date", "country", "entity_type", "date_start", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    entity_type: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(16))
    date_start: Mapped[str | None] = mapped_column(String(10))


class PersonRoleRow(Base):
    """One role a source gives a person at a date: the rows office histories are read from."""

    __tablename__ = "person_roles"
    __table_args__ = (Index("ix_person_roles_country_role_date", "country", "role_key", "date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("entity_sources.id", ondelete="CASCADE"), index=True)
    country: Mapped[str | None] = mapped_column(String(16))
    role: Mapped[str] = mapped_column(Text)
    role_key: Mapped[str] = mapped_column(String(255))
    date: Mapped[str | None] = mapped_column(String(10))

    person: Mapped[EntityRow] = relationship()
    source: Mapped[EntitySourceRow] = relationship()


class SearchEntryRow(Base):
    """Folded text (vndiplo.text.search_key) of a document or a fact, for full-text search.

    `key` has the same length as the text it folds, so a match offset in `key`
    is an offset in the original text (snippets show the original).
    """

    __tablename__ = "search_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    fact_id: Mapped[int | None] = mapped_column(ForeignKey("facts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # document | fact
    key: Mapped[str] = mapped_column(Text)
    # For a document's entry: the facet values of its facts ("country:KH kind:talks ..."); NULL until computed.
    facets: Mapped[str | None] = mapped_column(Text)

    document = relationship("DocumentRow")
    fact = relationship("FactRow")
