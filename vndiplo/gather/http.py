"""A polite HTTP fetcher: robots.txt, a pause per host, retries, timeouts and a size limit.

Requests go one at a time. Before each, the fetcher waits until the host's pause has
passed since its last answer (the larger of our delay and the site's Crawl-delay), and
checks the URL (and every redirect target) against the host's robots.txt. A 429 or a
5xx is tried again after a growing wait, or after the server's Retry-After. Bodies are
read in chunks and decompressed here with a bound, so a gzip bomb stops at the limit.
"""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urljoin

import httpx
from protego import Protego

from vndiplo.gather.settings import AGENT_TOKEN, FetchSettings
from vndiplo.gather.urls import host_of, normalise, site_root

__all__ = ["Fetcher", "Response", "FetchError", "Disallowed"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL that gave nothing usable; `transient` failures are worth another try on a later run."""

    def __init__(self, url: str, reason: str, status: int | None = None, transient: bool = False) -> None:
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status, self.transient = url, reason, status, transient


class Disallowed(FetchError):
    """robots.txt forbids the URL: skipped, not failed."""


@dataclass
class Response:
    url: str  # as asked for
    final_url: str  # after redirects
    status: int  # 200, or 304 when the stored copy is still current
    headers: dict[str, str]
    body: bytes = b""
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


class _TooLarge(Exception):
    pass


class Fetcher:
    """One HTTP client for a run; `log` (if given) receives every request URL, for progress and tests."""

    def __init__(self, settings: FetchSettings | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or FetchSettings()
        self._sleep = sleep
        self._next_at: dict[str, float] = {}  # host -> monotonic time its next request may start
        self._robots: dict[str, Protego | None] = {}  # host -> rules (None: everything allowed)
        self._robots_text: dict[str, str] = {}
        self._robots_down: dict[str, FetchError] = {}  # hosts whose robots.txt did not answer this run
        s = self.settings
        self.client = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.5",
                     "Accept-Language": "vi,en;q=0.5"},
            timeout=httpx.Timeout(s.timeout), follow_redirects=False, proxy=s.proxy, trust_env=s.proxy is None)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------------------------

    def _pause(self, host: str) -> float:
        rules = self._robots.get(host)
        asked = rules.crawl_delay(AGENT_TOKEN) if rules is not None else None
        return max(self.settings.delay, min(float(asked or 0), self.settings.max_crawl_delay))

    def _wait_turn(self, host: str) -> None:
        wait = self._next_at.get(host, 0.0) - time.monotonic()
        if wait > 0:
            self._sleep(wait)

    def _done(self, host: str) -> None:
        self._next_at[host] = time.monotonic() + self._pause(host)

    def _hold(self, host: str, seconds: float) -> None:
        """No request to `host` for `seconds` from now (or longer, if its pause says so)."""
        self._next_at[host] = max(self._next_at.get(host, 0.0), time.monotonic() + seconds)

    def robots(self, url: str) -> Protego | None:
        """The rules of the URL's host, fetched once per run (None: no robots.txt, all allowed)."""
        host = host_of(url)
        if host not in self._robots:
            robots_url = site_root(url) + "/robots.txt"
            try:
                r = self._get(robots_url, {}, check_robots=False)
            except FetchError as e:
                if e.status is not None and 400 <= e.status < 500 and e.status != 429:
                    self._robots[host] = None  # no robots.txt: nothing is forbidden
                else:  # the site is down or refuses: crawl none of it now (RFC 9309, 2.3.1.4)
                    self._robots_down[host] = FetchError(
                        url, f"robots.txt unreachable ({e.reason}); not crawling {host} now", e.status, transient=True)
                    self._robots[host] = Protego.parse("User-agent: *\nDisallow: /\n")
                    self._robots_text[host] = ""
            else:
                text = r.body[:500_000].decode("utf-8", errors="replace")
                self._robots_text[host] = text
                self._robots[host] = Protego.parse(text)
                self._done(host)  # its Crawl-delay already counts from the robots.txt request
        if host in self._robots_down:
            down = self._robots_down[host]
            raise FetchError(url, down.reason, down.status, transient=True)
        return self._robots[host]

    def robots_text(self, url: str) -> str:
        """The host's robots.txt as served ("" if none)."""
        if self.settings.respect_robots:
            try:
                self.robots(url)
            except FetchError:
                return ""
        return self._robots_text.get(host_of(url), "")

    def _check_robots(self, url: str) -> None:
        if not self.settings.respect_robots:
            return
        rules = self.robots(url)
        if rules is not None and not rules.can_fetch(url, AGENT_TOKEN):
            raise Disallowed(url, "disallowed by robots.txt")

    # -- fetching -----------------------------------------------------------------------------

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Response:
        """Fetch one URL (following redirects, each checked against robots.txt); raises FetchError.

        With `etag` / `last_modified` the request is conditional: an unchanged page answers 304."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, check_robots=True)

    def _get(self, url: str, headers: dict[str, str], check_robots: bool) -> Response:
        redirects: list[str] = []
        current = url
        while True:
            if check_robots:
                self._check_robots(current)
            status, resp_headers, body = self._request_with_retries(current, headers)
            if status in (301, 302, 303, 307, 308):
                target = resp_headers.get("location")
                if not target:
                    raise FetchError(url, f"HTTP {status} redirect without a Location", status)
                if len(redirects) >= self.settings.max_redirects:
                    raise FetchError(url, f"more than {self.settings.max_redirects} redirects", status)
                try:
                    current = normalise(urljoin(current, target))
                except ValueError as e:
                    raise FetchError(url, f"redirect to {target!r}: {e}", status) from e
                if current in redirects or current == url:
                    raise FetchError(url, "redirect loop", status)
                redirects.append(current)
                continue
            if status == 304:
                return Response(url, current, 304, resp_headers, b"", redirects)
            if status >= 400:
                raise FetchError(url, f"HTTP {status}", status, transient=status in RETRY_STATUSES)
            return Response(url, current, status, resp_headers, body, redirects)

    def _request_with_retries(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        s = self.settings
        host = host_of(url)
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                status, resp_headers, body = self._request(url, headers)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as e:
                self._done(host)
                reason = _transport_reason(e, s)
                if attempt >= s.retries:
                    raise FetchError(url, reason + (f" (after {attempt + 1} tries)" if attempt else ""),
                                     transient=True) from e
                self._hold(host, s.backoff * 2 ** attempt)
                attempt += 1
                continue
            except httpx.HTTPError as e:
                self._done(host)
                raise FetchError(url, f"request failed: {type(e).__name__}: {e}") from e
            except _TooLarge as e:
                self._done(host)
                raise FetchError(url, str(e)) from e
            self._done(host)
            if status not in RETRY_STATUSES or attempt >= s.retries:
                if status in RETRY_STATUSES and attempt:
                    raise FetchError(url, f"HTTP {status} (after {attempt + 1} tries)", status, transient=True)
                return status, resp_headers, body
            wait = s.backoff * 2 ** attempt
            asked = _retry_after(resp_headers.get("retry-after"))
            if asked is not None:
                if asked > s.max_retry_wait:
                    raise FetchError(url, f"HTTP {status}, asked to retry after {asked:.0f} s "
                                          f"(more than the {s.max_retry_wait:.0f} s limit)", status, transient=True)
                wait = max(wait, asked)
            self._hold(host, wait)
            attempt += 1

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        s = self.settings
        deadline = time.monotonic() + s.max_time
        with self.client.stream("GET", url, headers=headers) as r:
            resp_headers = {k.lower(): v for k, v in r.headers.items()}
            if r.status_code >= 300:
                return r.status_code, resp_headers, b""
            declared = resp_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > s.max_bytes:
                raise _TooLarge(f"too large ({int(declared) / 2**20:.1f} MB > limit {s.max_bytes / 2**20:.1f} MB)")
            decoder = _decoder(resp_headers.get("content-encoding", ""))
            out = bytearray()
            for chunk in r.iter_raw(CHUNK):
                out += decoder(chunk, s.max_bytes + 1 - len(out)) if decoder else chunk
                if len(out) > s.max_bytes:
                    what = "decompressed " if decoder else ""
                    raise _TooLarge(f"too large ({what}body over the {s.max_bytes / 2**20:.1f} MB limit)")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(f"no complete answer within {s.max_time:g} s")
            return r.status_code, resp_headers, bytes(out)


def _decoder(encoding: str):
    """A bounded decompressor for a Content-Encoding (None: identity)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise httpx.DecodingError(f"unsupported content encoding {encoding!r}")
    dec = zlib.decompressobj(47 if encoding != "deflate" else zlib.MAX_WBITS)  # 47: gzip or zlib header

    def decode(chunk: bytes, room: int) -> bytes:
        try:
            data = dec.decompress(chunk, max(room, 1))
        except zlib.error as e:
            raise httpx.DecodingError(f"bad {encoding} body: {e}") from e
        return data + (b"\0" if dec.unconsumed_tail else b"")  # input left over: over the limit anyway

    return decode


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number, or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _transport_reason(e: Exception, s: FetchSettings) -> str:
    if isinstance(e, httpx.TimeoutException):
        return f"timed out ({s.timeout:g} s)" if "within" not in str(e) else str(e)
    if isinstance(e, httpx.ConnectError):
        return f"cannot connect: {e}"
    return f"connection failed: {type(e).__name__}: {e}"
