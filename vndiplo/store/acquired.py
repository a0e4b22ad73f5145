"""Tables of the acquisition stage: the sources crawled on a schedule, and every URL fetched.

A fetched page keeps its raw bytes and response headers, so it can be cleaned again
later without fetching it again, and its validators (ETag, Last-Modified) for a
conditional GET when it is asked for again.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vndiplo.store.base import Base

__all__ = ["SourceRow", "FetchedPageRow", "MAX_URL_LENGTH"]

MAX_URL_LENGTH = 2048  # longer URLs are refused: a unique index over them must stay small on PostgreSQL


def _now() -> datetime:
    return datetime.now(timezone.utc)


class SourceRow(Base):
    """A feed, sitemap or home page that `vndiplo watch` crawls."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(MAX_URL_LENGTH), unique=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    last_crawled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_outcome: Mapped[str | None] = mapped_column(Text)
    # The source's own validators, kept only after a run with no failure (so a page that failed for a
    # passing reason is tried again even when the feed did not change).
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)


class FetchedPageRow(Base):
    """The last fetch of one (normalised) URL: what came back, or why nothing usable did."""

    __tablename__ = "fetched_pages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(MAX_URL_LENGTH), unique=True)
    final_url: Mapped[str | None] = mapped_column(Text)  # after redirects
    canonical_url: Mapped[str | None] = mapped_column(Text)  # what the page says it is
    found_in: Mapped[str | None] = mapped_column(Text)  # the feed, sitemap or page that linked it
    feed_published: Mapped[str | None] = mapped_column(String(10))  # the feed's date for it, a fallback
    status: Mapped[int | None] = mapped_column(Integer)  # HTTP status; None when no answer came
    content_type: Mapped[str | None] = mapped_column(String(255))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    headers: Mapped[dict | None] = mapped_column(JSON)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)  # as served, content-encoding undone
    error: Mapped[str | None] = mapped_column(Text)
    transient: Mapped[bool] = mapped_column(Boolean, default=False)  # a failure worth trying again next run
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
