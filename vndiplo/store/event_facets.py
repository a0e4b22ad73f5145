"""Facets of resolved events (level of the participants, bilateral or multilateral venue), one row per
value, so lists filter and page on an index (see vndiplo.resolve.facets and migration 0005_views)."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from vndiplo.store.base import Base

__all__ = ["EventFacetRow"]


class EventFacetRow(Base):
    """One facet value of an event entity: ("level", "minister"), ("venue", "multilateral")."""

    __tablename__ = "event_facets"
    __table_args__ = (
        Index("ix_event_facets_entity", "entity_id", "facet", "value"),  # "has this event this value?"
        Index("ix_event_facets_facet_value", "facet", "value", "entity_id"),  # "which events have it?"
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    facet: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(32))
