"""From a source (an RSS/Atom feed, a sitemap, a site's home page) to the article links it lists.

Parsing is trafilatura's (feeds.extract_links, feeds.determine_feed, sitemaps.SitemapObject);
feedparser only reads each entry's own date, which trafilatura does not keep. Every download
goes through our polite Fetcher, never through the libraries' own downloaders.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Iterator

from courlan import extract_links as page_links, get_hostinfo
from trafilatura.feeds import FeedParameters, determine_feed, extract_links as feed_links, is_potential_feed
from trafilatura.sitemaps import GUESSES, SITEMAP_FORMAT, SitemapObject, extract_robots_sitemaps
from trafilatura.utils import handle_compressed_file

from vndiplo.gather.http import Fetcher, FetchError, Response
from vndiplo.gather.urls import looks_like_article, normalise, same_site
from vndiplo.read.metadata import normalise_date

__all__ = ["Link", "Discovery", "discover", "links_in_page", "MAX_SITEMAPS", "MAX_FEEDS"]

MAX_SITEMAPS = 30  # sitemaps read per source (an index can list thousands, most of them old)
MAX_FEEDS = 5  # feeds read from one home page


@dataclass
class Link:
    url: str  # normalised
    found_in: str
    published: str | None = None  # the feed's date for the entry (YYYY-MM-DD), a fallback for the page


@dataclass
class Discovery:
    source: str
    kind: str = "unknown"  # feed | sitemap | home page | unchanged (answered 304)
    links: list[Link] = field(default_factory=list)
    skipped: int = 0  # links that do not look like articles of the site
    errors: list[FetchError] = field(default_factory=list)
    validators: tuple[str | None, str | None] = (None, None)  # the source's ETag and Last-Modified


def _text(resp: Response, max_bytes: int) -> str:
    """The body as text; a gzipped file (sitemap.xml.gz) is unpacked within the size limit."""
    body = resp.body
    if body[:2] == b"\x1f\x8b":
        body = handle_compressed_file(body, max_bytes)
        if body[:2] == b"\x1f\x8b":
            raise FetchError(resp.url, "gzip file over the size limit or corrupt")
    return body.decode("utf-8", errors="replace").lstrip("\ufeff")


def _kind(resp: Response, text: str) -> str:
    head = text.lstrip()[:5000]
    if SITEMAP_FORMAT.match(head) and ("<urlset" in head or "<sitemapindex" in head):
        return "sitemap"
    if is_potential_feed(head) or resp.content_type in ("application/rss+xml", "application/atom+xml"):
        return "feed"
    return "home page"


def feed_dates(text: str) -> dict[str, str]:
    """Entry link (normalised) -> the entry's publication date in the feed's own time zone."""
    import feedparser

    out: dict[str, str] = {}
    for entry in feedparser.parse(text).entries:
        link = entry.get("link")
        raw = entry.get("published") or entry.get("updated") or entry.get("dc_date")
        if not link or not raw:
            continue
        day = normalise_date(raw) if raw[:4].isdigit() else None
        if day is None:
            try:
                day = parsedate_to_datetime(raw).date().isoformat()
            except (TypeError, ValueError):
                continue
        try:
            out[normalise(link)] = day
        except ValueError:
            continue
    return out


def _params(url: str) -> FeedParameters:
    domain, base = get_hostinfo(url)
    return FeedParameters(base, domain or "", url)


class _Collector:
    """Links of one source, kept once each and only when they look like articles of the site."""

    def __init__(self, d: Discovery) -> None:
        self.d = d
        self.seen: set[str] = set()
        self.sites = [d.source]  # and where the source redirected to

    def add(self, raw: str, found_in: str, published: str | None = None) -> None:
        try:
            url = normalise(raw)
        except ValueError:
            self.d.skipped += 1
            return
        if url in self.seen:
            return
        self.seen.add(url)
        if not any(same_site(url, site) for site in self.sites) or not looks_like_article(url):
            self.d.skipped += 1
            return
        self.d.links.append(Link(url, found_in, published))


def discover(source: str, fetcher: Fetcher, validators: tuple[str | None, str | None] = (None, None)) -> Discovery:
    """The article links a source lists, with the feed's date when it gives one. With the
    `validators` of the last run the request is conditional: an unchanged source lists nothing."""
    d = Discovery(source)
    keep = _Collector(d)
    try:
        resp = fetcher.get(source, etag=validators[0], last_modified=validators[1])
    except FetchError as e:
        d.errors.append(e)
        return d
    d.validators = (resp.headers.get("etag"), resp.headers.get("last-modified"))
    if resp.status == 304:
        d.kind, d.validators = "unchanged", validators
        return d
    keep.sites.append(resp.final_url)
    max_bytes = fetcher.settings.max_bytes
    try:
        text = _text(resp, max_bytes)
    except FetchError as e:
        d.errors.append(e)
        return d
    d.kind = _kind(resp, text)
    if d.kind == "feed":
        _read_feed(text, resp.final_url, keep)
    elif d.kind == "sitemap":
        _read_sitemaps([resp.final_url], fetcher, keep, first=(resp.final_url, text))
    else:
        _read_home(text, resp.final_url, fetcher, keep)
    return d


def _read_feed(text: str, url: str, keep: _Collector) -> None:
    dates = feed_dates(text)
    for link in feed_links(text, _params(url)):
        try:
            keep.add(link, url, dates.get(normalise(link)))
        except ValueError:
            keep.d.skipped += 1


def _fetch_text(url: str, fetcher: Fetcher, keep: _Collector) -> str | None:
    try:
        resp = fetcher.get(url)
        return _text(resp, fetcher.settings.max_bytes)
    except FetchError as e:
        keep.d.errors.append(e)
        return None


def _read_sitemaps(queue: list[str], fetcher: Fetcher, keep: _Collector, first: tuple[str, str] | None = None,
                   quiet_missing: bool = False) -> int:
    """Walk a sitemap (index) breadth first, at most MAX_SITEMAPS files; returns the files read."""
    domain, base = get_hostinfo(queue[0])
    sm = SitemapObject(base, domain or "", [])
    seen: set[str] = set()
    read = 0
    pending = list(queue)
    while pending and read < MAX_SITEMAPS:
        url = pending.pop(0)
        if url in seen:
            continue
        seen.add(url)
        if first is not None and url == first[0]:
            text = first[1]
        else:
            errors_before = len(keep.d.errors)
            text = _fetch_text(url, fetcher, keep)
            if text is None:
                if quiet_missing:  # a guessed location that is not there is no failure
                    del keep.d.errors[errors_before:]
                continue
        read += 1
        sm.current_url, sm.content, sm.urls, sm.sitemap_urls = url, text, [], []
        sm.process()
        for link in sm.urls:
            keep.add(link, url)
        pending.extend(u for u in sm.sitemap_urls if u not in seen)
    return read


def _read_home(html: str, url: str, fetcher: Fetcher, keep: _Collector) -> None:
    """A home page: its feeds; else its sitemaps (robots.txt, then the usual places); else its own links."""
    params = _params(url)
    for feed in determine_feed(html, params)[:MAX_FEEDS]:
        text = _fetch_text(feed, fetcher, keep)
        if text is not None:
            _read_feed(text, feed, keep)
    if keep.d.links:
        return
    robots = extract_robots_sitemaps(fetcher.robots_text(url), params.base)
    guessed = not robots
    queue = robots or [f"{params.base}/{g}" for g in GUESSES if g.endswith((".xml", ".xml.gz"))][:2]
    _read_sitemaps(queue, fetcher, keep, quiet_missing=guessed)
    if keep.d.links:
        return
    for link in links_in_page(html, url):
        keep.add(link, url)


def links_in_page(html: str, url: str) -> Iterator[str]:
    """Links of the same site found in a page (for --follow and home pages without feeds)."""
    yield from sorted(page_links(html, url=url, external_bool=False, with_nav=False))
