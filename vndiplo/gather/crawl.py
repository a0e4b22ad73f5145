"""A run of the acquisition stage: find links in sources, fetch the new ones, ingest them.

Each page is fetched, read and cleaned like a file, and stored by the same Ingestor (one
transaction per document, content dedup, near-duplicates); then its raw bytes, headers and
validators are recorded. A page that fails is noted with its reason and the run goes on.
"""
from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, deque
from dataclasses import dataclass
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from vndiplo.gather.discover import Link, discover, links_in_page
from vndiplo.gather.http import Disallowed, Fetcher, FetchError, Response
from vndiplo.gather.record import (document_for, mark_source, page_row, record_failure, record_response,
                                   seen_urls, source_validators)
from vndiplo.gather.settings import FetchSettings
from vndiplo.gather.urls import looks_like_article, normalise, same_site
from vndiplo.read.document import Document, ReadError
from vndiplo.read.loader import read_page
from vndiplo.read.metadata import outlet_from_url
from vndiplo.store.acquired import MAX_URL_LENGTH
from vndiplo.store.db import Store
from vndiplo.store.ingest import Ingestor

__all__ = ["Crawler", "Event", "doc_id_for", "PAGE_TYPES", "FEED_DATE_CONFIDENCE"]

PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")  # "": a server that names no type
FEED_DATE_CONFIDENCE = 0.8  # the feed's date stands in for a page that gives none


@dataclass
class Event:
    kind: str  # found | fetched | skipped | failed | stored
    url: str
    detail: str = ""
    count: int = 1


def doc_id_for(url: str) -> str:
    """A readable, stable document id for a page: its site, its slug and a short hash of the URL."""
    p = urlsplit(url)
    host = p.hostname or "page"
    host = host[4:] if host.startswith("www.") else host
    slug = p.path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0][:80] or "index"
    return f"{host}_{slug}_{hashlib.sha1(url.encode()).hexdigest()[:8]}"


class Crawler:
    """One run over one store. `on_event` hears every page found, fetched, skipped, failed and stored."""

    def __init__(self, store: Store, settings: FetchSettings | None = None, *, refetch: bool = False,
                 since: str | None = None, max_pages: int | None = None, follow: bool = False,
                 on_event: Callable[[Event], None] | None = None) -> None:
        self.store = store
        self.settings = settings or FetchSettings()
        self.fetcher = Fetcher(self.settings)
        self.ingestor = Ingestor(store, max_bytes=self.settings.max_bytes)
        self.refetch, self.since, self.max_pages, self.follow = refetch, since, max_pages, follow
        self.on_event = on_event or (lambda e: None)
        self.counts: Counter[str] = Counter()
        self.fetched = 0
        with store.session() as s:
            self.seen = seen_urls(s)
        self.done: set[str] = set()  # URLs handled in this run (even with --refetch, once per run)
        self.fetching = True  # False while recleaning: kept pages keep the time they were fetched

    def close(self) -> None:
        self.fetcher.close()

    def __enter__(self) -> "Crawler":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _emit(self, kind: str, url: str, detail: str = "", count: int = 1) -> None:
        self.counts[kind] += count
        self.on_event(Event(kind, url, detail, count))

    # -- entry points ---------------------------------------------------------------------------

    def fetch(self, urls: Iterable[str]) -> None:
        """Fetch and ingest pages named by the user (already seen ones again only with refetch)."""
        links = []
        for raw in urls:
            try:
                links.append(Link(normalise(raw), found_in=None))
            except ValueError as e:
                self._emit("failed", raw, str(e))
        if links:
            self._emit("found", "", count=len(links))
        self._run(links)

    def crawl(self, sources: Iterable[str]) -> dict[str, str]:
        """Crawl each source; returns source -> a one-line outcome (kept for `vndiplo sources list`)."""
        outcomes = {}
        for source in sources:
            before = Counter(self.counts)
            try:
                url = normalise(source)
            except ValueError as e:
                self._emit("failed", source, str(e))
                outcomes[source] = f"failed: {e}"
                continue
            with self.store.session() as s:
                validators = source_validators(s, url) if not self.refetch else (None, None)
            try:
                d = discover(url, self.fetcher, validators=validators)
            except Exception as e:  # a parser's bug on one odd file must not end the run
                self._emit("failed", url, f"cannot read the source: {type(e).__name__}: {e}")
                outcomes[source] = f"failed: {type(e).__name__}"
                continue
            for e in d.errors:
                self._emit("failed", e.url, e.reason)
            if d.links:
                self._emit("found", url, d.kind, count=len(d.links))
            if d.skipped:
                self._emit("skipped", url, "not an article of the site", count=d.skipped)
            self._run(self._since(d.links))
            diff = {k: self.counts[k] - before[k] for k in ("found", "fetched", "stored", "failed")}
            outcomes[source] = f"{d.kind}: " + ", ".join(f"{v} {k}" for k, v in diff.items())
            with self.store.session() as s:
                mark_source(s, url, outcomes[source], d.validators if not diff["failed"] else (None, None))
        return outcomes

    def reclean(self, urls: Iterable[str] | None = None) -> None:
        """Read and clean stored pages again from their kept bytes (after the cleaner improved),
        without fetching anything: a changed result replaces the stored document."""
        from sqlalchemy import select

        from vndiplo.store.acquired import FetchedPageRow

        with self.store.session() as s:
            q = select(FetchedPageRow.url).where(FetchedPageRow.body.is_not(None)).order_by(FetchedPageRow.url)
            if urls is not None:
                wanted = []
                for raw in urls:
                    try:
                        wanted.append(normalise(raw))
                    except ValueError as e:
                        self._emit("failed", raw, str(e))
                q = q.where(FetchedPageRow.url.in_(wanted))
            todo = list(s.scalars(q))
            for url in sorted(set(wanted) - set(todo)) if urls is not None else ():
                self._emit("failed", url, "no page kept for this URL (fetch it first)")
        self._emit("found", "", "stored pages", count=len(todo))
        self.fetching = False
        for url in todo:
            with self.store.session() as s:
                row = page_row(s, url)
                resp = Response(row.url, row.final_url or row.url, row.status or 200,
                                dict(row.headers or {}), row.body or b"")
                link = Link(row.url, row.found_in, row.feed_published)
            if not resp.body or resp.content_type not in PAGE_TYPES:
                self._emit("skipped", url, "no page kept")
                continue
            try:
                self._ingest(resp, link)
            except Exception as e:  # as in _run: one page never stops the batch
                self._emit("failed", url, f"internal error: {type(e).__name__}: {e}")

    # -- the work -------------------------------------------------------------------------------

    def _since(self, links: list[Link]) -> list[Link]:
        if not self.since:
            return links
        kept = [ln for ln in links if not ln.published or ln.published >= self.since]
        if len(kept) < len(links):
            self._emit("skipped", "", f"published before {self.since}", count=len(links) - len(kept))
        return kept

    def _run(self, links: list[Link]) -> None:
        queue = deque(links)
        while queue:
            link = queue.popleft()
            if link.url in self.done:
                continue
            self.done.add(link.url)
            if link.url in self.seen and not self.refetch:
                self._emit("skipped", link.url, "already fetched")
                continue
            if self.max_pages is not None and self.fetched >= self.max_pages:
                self._emit("skipped", link.url, f"--max-pages {self.max_pages} reached", count=len(queue) + 1)
                self.done.update(ln.url for ln in queue)
                return
            if len(link.url) > MAX_URL_LENGTH:
                self._emit("failed", link.url[:200] + "…", f"URL longer than {MAX_URL_LENGTH} characters")
                continue
            try:
                html = self._page(link)
            except Exception as e:  # one page that breaks a library (or the store) never stops the batch
                self._emit("failed", link.url, f"internal error: {type(e).__name__}: {e}")
                continue
            if self.follow and html is not None:
                for url in self._follow(html, link):
                    queue.append(Link(url, found_in=link.url))

    def _follow(self, resp: Response, link: Link) -> list[str]:
        new = []
        text = resp.body.decode("utf-8", errors="replace")
        for raw in links_in_page(text, resp.final_url):
            try:
                url = normalise(raw)
            except ValueError:
                continue
            if url in self.done or url in self.seen or not same_site(url, resp.final_url) \
                    or not looks_like_article(url):
                continue
            new.append(url)
        if new:
            self._emit("found", link.url, "links on the page", count=len(new))
        return new

    def _validators(self, url: str) -> tuple[str | None, str | None]:
        if not self.refetch:
            return None, None
        with self.store.session() as s:
            row = page_row(s, url)
            return (row.etag, row.last_modified) if row is not None and row.body else (None, None)

    def _page(self, link: Link) -> Response | None:
        """Fetch, read, store and record one page; the response when it was an HTML page."""
        etag, modified = self._validators(link.url)
        try:
            resp = self.fetcher.get(link.url, etag=etag, last_modified=modified)
        except Disallowed as e:
            with self.store.session() as s:
                record_failure(s, e, found_in=link.found_in, feed_published=link.published)
            self._emit("skipped", link.url, e.reason)
            return None
        except FetchError as e:
            self._fail(e, link)
            return None
        self.fetched += 1
        self._emit("fetched", link.url)
        if resp.status == 304:
            self._record(resp, link, None, None)
            self._emit("skipped", link.url, "not modified since the last fetch")
            return None
        if resp.content_type not in PAGE_TYPES:
            self._fail(FetchError(link.url, f"not an HTML page ({resp.content_type})", resp.status), link, resp)
            return None
        return self._ingest(resp, link)

    def _ingest(self, resp: Response, link: Link) -> Response | None:
        """Read, clean and store one page's bytes; record the page with the document it became."""
        try:
            doc = read_page(resp.body, doc_id_for(link.url), link.url, html=resp.content_type != "text/plain")
        except ReadError as e:
            self._fail(FetchError(link.url, e.reason, resp.status), link, resp)
            return None
        canonical = self._honest_metadata(doc, resp, link)
        if self.since and doc.published and doc.published < self.since:
            self._record(resp, link, canonical, None)
            self._emit("skipped", link.url, f"published {doc.published}, before {self.since}")
            return resp
        outcome = self.ingestor.ingest_document(doc)
        if outcome.status == "failed":
            self._fail(FetchError(link.url, outcome.detail, resp.status), link, resp)
            return None
        self._record(resp, link, canonical, doc)
        if outcome.status == "unchanged":
            self._emit("skipped", link.url, outcome.detail or "already stored, unchanged")
        else:
            self._emit("stored", link.url, outcome.status + (f" ({outcome.detail})" if outcome.detail else ""))
        return resp

    def _honest_metadata(self, doc: Document, resp: Response, link: Link) -> str | None:
        """The page's own canonical URL (made absolute) or where it was served from; the outlet of
        that URL; the feed's date when the page gives none. Returns the canonical URL, if any."""
        canonical = None
        if doc.url:
            try:
                canonical = normalise(urljoin(resp.final_url, doc.url))
            except ValueError:
                doc.warnings.append(f"unusable canonical URL {doc.url!r}")
        doc.url = canonical or resp.final_url
        doc.outlet = outlet_from_url(doc.url)
        if not doc.published and link.published:
            doc.published, doc.published_source, doc.published_confidence = link.published, "feed", \
                FEED_DATE_CONFIDENCE
        return canonical

    def _record(self, resp: Response, link: Link, canonical: str | None, doc: Document | None) -> None:
        with self.store.session() as s:
            doc_row = document_for(s, doc.content_hash) if doc is not None else None
            record_response(s, resp, found_in=link.found_in, feed_published=link.published, canonical=canonical,
                            document_id=doc_row, fetched=self.fetching)
        self.seen.update(u for u in (link.url, resp.final_url, canonical) if u)

    def _fail(self, e: FetchError, link: Link, resp: Response | None = None) -> None:
        with self.store.session() as s:
            if resp is not None:  # an answer came but it is no article: keep it, and why
                if resp.content_type not in PAGE_TYPES:  # a PDF, an image: not worth its bytes
                    resp = dataclasses.replace(resp, body=b"")
                record_response(s, resp, found_in=link.found_in, feed_published=link.published, canonical=None,
                                document_id=None, error=e.reason, fetched=self.fetching)
            else:
                record_failure(s, e, found_in=link.found_in, feed_published=link.published)
        self._emit("failed", link.url, e.reason)
