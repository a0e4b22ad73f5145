"""What the acquisition stage keeps in the store: fetched pages, the URLs already seen, sources."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from vndiplo.gather.http import FetchError, Response
from vndiplo.gather.urls import normalise
from vndiplo.store.acquired import MAX_URL_LENGTH, FetchedPageRow, SourceRow
from vndiplo.store.models import DocumentRow

__all__ = ["seen_urls", "page_row", "record_response", "record_failure", "add_source", "remove_source",
           "list_sources", "mark_source", "source_validators"]

KEPT_HEADERS = ("content-type", "content-language", "etag", "last-modified", "date", "cache-control", "expires",
                "link", "server", "x-robots-tag")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def seen_urls(session: Session) -> set[str]:
    """URLs not to fetch again: every page fetched (unless it failed for a passing reason), under
    the URL asked for, after redirects and as it names itself, and every stored document's URL."""
    seen: set[str] = set()
    for url, final, canonical in session.execute(
            select(FetchedPageRow.url, FetchedPageRow.final_url, FetchedPageRow.canonical_url)
            .where(FetchedPageRow.transient.is_(False))):
        seen.update(u for u in (url, final, canonical) if u)
    for (url,) in session.execute(select(DocumentRow.url).where(DocumentRow.url.is_not(None))):
        try:
            seen.add(normalise(url))
        except ValueError:
            continue
    return seen


def page_row(session: Session, url: str) -> FetchedPageRow | None:
    return session.scalar(select(FetchedPageRow).where(FetchedPageRow.url == url))


def _row(session: Session, url: str) -> FetchedPageRow:
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"URL longer than {MAX_URL_LENGTH} characters")
    row = page_row(session, url)
    if row is None:
        row = FetchedPageRow(url=url, transient=False)
        session.add(row)
    return row


def record_response(session: Session, resp: Response, *, found_in: str | None, feed_published: str | None,
                    canonical: str | None, document_id: int | None, error: str | None = None,
                    fetched: bool = True) -> FetchedPageRow:
    """Keep a page as served (bytes, headers, validators) and the document it became."""
    row = _row(session, resp.url)
    if resp.status == 304:  # the stored copy is still current: only note that it was checked
        row.fetched_at, row.error, row.transient = _now(), None, False
        return row
    row.final_url, row.canonical_url, row.status = resp.final_url, canonical, resp.status
    row.found_in = found_in or row.found_in
    row.feed_published = feed_published or row.feed_published
    row.content_type = resp.headers.get("content-type", "")[:255] or None
    row.etag, row.last_modified = resp.headers.get("etag"), resp.headers.get("last-modified")
    row.headers = {k: v for k, v in resp.headers.items() if k in KEPT_HEADERS}
    row.body, row.document_id, row.error, row.transient = resp.body or None, document_id, error, False
    if fetched:
        row.fetched_at = _now()
    return row


def record_failure(session: Session, e: FetchError, *, found_in: str | None, feed_published: str | None) -> None:
    """Note why a URL gave nothing; a passing failure (timeout, 5xx, 429) is tried again next run."""
    row = _row(session, e.url)
    row.status, row.error, row.transient = e.status, e.reason, e.transient
    row.found_in = found_in or row.found_in
    row.feed_published = feed_published or row.feed_published
    row.fetched_at = _now()


def document_for(session: Session, content_hash: str) -> int | None:
    return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash))


def add_source(session: Session, url: str) -> bool:
    """Add a source; False when it is already listed."""
    if session.scalar(select(SourceRow.id).where(SourceRow.url == url)) is not None:
        return False
    session.add(SourceRow(url=url))
    session.flush()
    return True


def remove_source(session: Session, url: str) -> bool:
    return session.execute(delete(SourceRow).where(SourceRow.url == url)).rowcount > 0


def list_sources(session: Session) -> list[SourceRow]:
    return list(session.scalars(select(SourceRow).order_by(SourceRow.url)))


def source_validators(session: Session, url: str) -> tuple[str | None, str | None]:
    row = session.scalar(select(SourceRow).where(SourceRow.url == url))
    return (row.etag, row.last_modified) if row is not None else (None, None)


def mark_source(session: Session, url: str, outcome: str,
                validators: tuple[str | None, str | None] = (None, None)) -> None:
    row = session.scalar(select(SourceRow).where(SourceRow.url == url))
    if row is not None:
        row.last_crawled_at, row.last_outcome = _now(), outcome
        row.etag, row.last_modified = validators
