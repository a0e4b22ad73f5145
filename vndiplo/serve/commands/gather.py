"""CLI commands of the acquisition stage: `fetch`, `crawl`, `sources add|list|remove`, `watch`.

Examples:
    vndiplo fetch https://baoquocte.vn/bai-viet-12345.html
    vndiplo crawl https://baoquocte.vn/rss/thoi-su.rss --since 2025-07-01
    vndiplo sources add https://baoquocte.vn/ && vndiplo watch --every 30m
"""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from typing import Optional

import typer

from vndiplo.serve.commands.common import DB_OPTION, err, fail, open_store

SHOWN = ("found", "fetched", "stored", "skipped", "failed")
_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")


def _settings(delay: float, timeout: float, retries: int, backoff: float, max_size: float, contact: str | None,
              proxy: str | None):
    from vndiplo.gather.settings import FetchSettings

    return FetchSettings(delay=delay, timeout=timeout, max_time=max(timeout * 6, timeout + 1), retries=retries,
                         backoff=backoff, max_bytes=int(max_size * 1024 * 1024), contact=contact, proxy=proxy)


# Options every fetching command shares (polite defaults; tests and benchmarks turn the pauses down).
DELAY = typer.Option(2.0, "--delay", metavar="SECONDS", min=0.0, envvar="VNDIPLO_FETCH_DELAY",
                     help="Seconds between two requests to one host (robots.txt Crawl-delay may ask for more).")
TIMEOUT = typer.Option(20.0, "--timeout", metavar="SECONDS", min=0.01, envvar="VNDIPLO_FETCH_TIMEOUT",
                       help="Seconds to connect or to wait for more bytes.")
RETRIES = typer.Option(3, "--retries", metavar="N", min=0, envvar="VNDIPLO_FETCH_RETRIES",
                       help="Tries again after a 429, a 5xx or a timeout (honouring Retry-After).")
BACKOFF = typer.Option(2.0, "--backoff", metavar="SECONDS", min=0.0, envvar="VNDIPLO_FETCH_BACKOFF",
                       help="First wait before a retry, in seconds; doubles each time.")
MAX_SIZE = typer.Option(5.0, "--max-size", metavar="MB", min=0.001, envvar="VNDIPLO_FETCH_MAX_MB",
                        help="Refuse pages larger than this many MB (after decompression).")
CONTACT = typer.Option(None, "--contact", metavar="URL", envvar="VNDIPLO_CONTACT",
                       help="A URL or e-mail for site owners, sent in the User-Agent.")
PROXY = typer.Option(None, "--proxy", metavar="URL", envvar="VNDIPLO_PROXY", help="Send every request through this HTTP proxy.")
REFETCH = typer.Option(False, "--refetch", help="Fetch pages already fetched again (conditional GET).")


class _Display:
    """Rich progress with the run's counts; every failure printed as one line naming the URL."""

    def __init__(self, verbose: bool) -> None:
        self.verbose = verbose
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                                 console=err.real(), transient=True)
        self.task = self.progress.add_task("starting", total=None)
        self.counts: Counter[str] = Counter()

    def __enter__(self) -> "_Display":
        self.progress.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)

    def __call__(self, e) -> None:
        self.counts[e.kind] += e.count
        console = self.progress.console
        if e.kind == "failed":
            console.print(f"[red]error:[/red] {escape(e.url)}: {escape(e.detail)}", highlight=False, soft_wrap=True)
        elif self.verbose and e.kind in ("stored", "skipped") and e.url:
            console.print(f"{e.kind}: {escape(e.url)} ({escape(e.detail)})", highlight=False, soft_wrap=True)
        self.progress.update(self.task, description=self.summary())

    def summary(self) -> str:
        return ", ".join(f"{self.counts[k]} {k}" for k in SHOWN)


def _run(db, settings, *, urls=None, sources=None, refetch=False, since=None, max_pages=None, follow=False,
         extract=False, verbose=False, reclean=None) -> int:
    """One run; returns the exit code (1 when any page or source failed)."""
    from vndiplo.gather.crawl import Crawler

    store = open_store(db, create=True)  # fetching makes the store; listing and removing sources need one
    try:
        with _Display(verbose) as display, Crawler(store, settings, refetch=refetch, since=since,
                                                   max_pages=max_pages, follow=follow, on_event=display) as crawler:
            if reclean is not None:
                crawler.reclean(reclean or None)
            if urls:
                crawler.fetch(urls)
            if sources:
                crawler.crawl(sources)
        err.print(display.summary(), highlight=False)
    finally:
        store.close()
    code = 1 if display.counts["failed"] else 0
    if extract and display.counts["stored"]:
        from vndiplo.serve.commands.store import extract_store

        code = max(code, extract_store(db))
    return code


def _since(value: str | None) -> str | None:
    if value is None:
        return None
    from vndiplo.read.metadata import normalise_date

    day = normalise_date(value)
    if day is None:
        fail(f"--since {value!r}: not a date (use YYYY-MM-DD)", 2)
    return day


def _every(value: str | None) -> float | None:
    if value is None:
        return None
    m = _EVERY.match(value.strip().lower())
    if not m or float(m.group(1)) <= 0:
        fail(f"--every {value!r}: not a period (use 90s, 30m, 6h or 1d)", 2)
    return float(m.group(1)) * {"": 60, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""

    @app.command("fetch")
    def fetch_cmd(urls: list[str] = typer.Argument(..., help="Page URLs to download and ingest."),
                  db: Optional[str] = DB_OPTION, refetch: bool = REFETCH,
                  verbose: bool = typer.Option(False, "--verbose", "-v", help="Print one line per page."),
                  delay: float = DELAY, timeout: float = TIMEOUT, retries: int = RETRIES, backoff: float = BACKOFF,
                  max_size: float = MAX_SIZE, contact: Optional[str] = CONTACT, proxy: Optional[str] = PROXY) -> None:
        """Download pages and ingest them like files; their raw bytes and headers are kept in the store.

        Exits with 1 when any page failed (each named on stderr with the reason).

        Example: vndiplo fetch https://baoquocte.vn/bai-viet-12345.html --db vndiplo.db
        """
        settings = _settings(delay, timeout, retries, backoff, max_size, contact, proxy)
        raise typer.Exit(_run(db, settings, urls=urls, refetch=refetch, verbose=verbose))

    @app.command("crawl")
    def crawl_cmd(sources: list[str] = typer.Argument(..., help="RSS/Atom feeds, sitemaps or home pages."),
                  db: Optional[str] = DB_OPTION,
                  since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="Skip articles published before DATE."),
                  max_pages: Optional[int] = typer.Option(None, "--max-pages", metavar="N", min=0,
                                                          help="Fetch at most N pages in this run."),
                  no_extract: bool = typer.Option(False, "--no-extract", help="Only ingest; extract later."),
                  follow: bool = typer.Option(False, "--follow",
                                              help="Also follow the article links of each page fetched "
                                                   "(bounded by --max-pages, 200 by default then)."),
                  refetch: bool = REFETCH,
                  verbose: bool = typer.Option(False, "--verbose", "-v", help="Print one line per page."),
                  delay: float = DELAY, timeout: float = TIMEOUT, retries: int = RETRIES, backoff: float = BACKOFF,
                  max_size: float = MAX_SIZE, contact: Optional[str] = CONTACT, proxy: Optional[str] = PROXY) -> None:
        """Find the article links of feeds, sitemaps or home pages; fetch, ingest, extract and resolve the new ones.

        Example: vndiplo crawl https://baoquocte.vn/rss/thoi-su.rss --since 2025-07-01 --db vndiplo.db
        """
        settings = _settings(delay, timeout, retries, backoff, max_size, contact, proxy)
        if follow and max_pages is None:
            max_pages = 200
        raise typer.Exit(_run(db, settings, sources=sources, refetch=refetch, since=_since(since),
                              max_pages=max_pages, follow=follow, extract=not no_extract, verbose=verbose))

    @app.command("reclean")
    def reclean_cmd(urls: Optional[list[str]] = typer.Argument(None, help="Fetched page URLs; none: every one."),
                    db: Optional[str] = DB_OPTION,
                    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print one line per page.")) -> None:
        """Read and clean fetched pages again from the bytes kept in the store, without fetching them.

        A page whose cleaned text changed replaces its stored document (extract it again afterwards).

        Example: vndiplo reclean --db vndiplo.db && vndiplo extract --db vndiplo.db
        """
        from vndiplo.gather.settings import FetchSettings

        raise typer.Exit(_run(db, FetchSettings(), reclean=list(urls or []), verbose=verbose))

    sources_app = typer.Typer(help="The feeds, sitemaps and home pages `vndiplo watch` crawls.",
                              no_args_is_help=True)
    app.add_typer(sources_app, name="sources")

    @sources_app.command("add")
    def sources_add(urls: list[str] = typer.Argument(..., help="Feed, sitemap or home page URLs."),
                    db: Optional[str] = DB_OPTION) -> None:
        """Add sources to crawl.

        Example: vndiplo sources add https://baoquocte.vn/rss/thoi-su.rss
        """
        from vndiplo.gather.record import add_source
        from vndiplo.gather.urls import normalise

        store = open_store(db, create=True)
        bad = 0
        try:
            for raw in urls:
                try:
                    url = normalise(raw)
                except ValueError as e:
                    err.print(f"[red]error:[/red] {escape(raw)}: {escape(str(e))}", highlight=False)
                    bad += 1
                    continue
                with store.session() as s:
                    added = add_source(s, url)
                err.print(f"{'added' if added else 'already listed'}: {url}", highlight=False)
        finally:
            store.close()
        raise typer.Exit(2 if bad else 0)

    @sources_app.command("list")
    def sources_list(db: Optional[str] = DB_OPTION,
                     as_json: bool = typer.Option(False, "--json", help="Print JSON for scripts.")) -> None:
        """List the sources with when they were last crawled and what came of it.

        Example: vndiplo sources list --json
        """
        from vndiplo.gather.record import list_sources

        store = open_store(db)
        try:
            with store.session() as s:
                rows = [{"url": r.url, "added_at": r.added_at.isoformat() if r.added_at else None,
                         "last_crawled_at": r.last_crawled_at.isoformat() if r.last_crawled_at else None,
                         "last_outcome": r.last_outcome} for r in list_sources(s)]
        finally:
            store.close()
        if as_json:
            typer.echo(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        for r in rows:
            typer.echo(f"{r['url']}\t{r['last_crawled_at'] or 'never crawled'}\t{r['last_outcome'] or ''}")

    @sources_app.command("remove")
    def sources_remove(urls: list[str] = typer.Argument(..., help="Source URLs to stop crawling."),
                       db: Optional[str] = DB_OPTION) -> None:
        """Stop crawling sources (pages already stored stay).

        Example: vndiplo sources remove https://baoquocte.vn/rss/thoi-su.rss
        """
        from vndiplo.gather.record import remove_source
        from vndiplo.gather.urls import normalise

        store = open_store(db)
        missing = 0
        try:
            for raw in urls:
                try:
                    url = normalise(raw)
                except ValueError:
                    url = raw
                with store.session() as s:
                    gone = remove_source(s, url)
                if not gone:
                    err.print(f"[red]error:[/red] {escape(raw)}: not a listed source", highlight=False)
                    missing += 1
                else:
                    err.print(f"removed: {url}", highlight=False)
        finally:
            store.close()
        raise typer.Exit(1 if missing else 0)

    @app.command("watch")
    def watch_cmd(db: Optional[str] = DB_OPTION,
                  every: Optional[str] = typer.Option(None, "--every", metavar="PERIOD",
                                                      help="Crawl again after this long (90s, 30m, 6h, 1d) until "
                                                           "stopped; without it, one run (for cron or a timer)."),
                  max_pages: Optional[int] = typer.Option(None, "--max-pages", metavar="N", min=0,
                                                          help="Fetch at most N pages per run."),
                  no_extract: bool = typer.Option(False, "--no-extract", help="Only ingest; extract later."),
                  verbose: bool = typer.Option(False, "--verbose", "-v", help="Print one line per page."),
                  delay: float = DELAY, timeout: float = TIMEOUT, retries: int = RETRIES, backoff: float = BACKOFF,
                  max_size: float = MAX_SIZE, contact: Optional[str] = CONTACT, proxy: Optional[str] = PROXY) -> None:
        """Crawl every listed source (see `vndiplo sources`): once, or every period with --every.

        Example: vndiplo watch --db vndiplo.db     # from cron or a systemd timer
        """
        from vndiplo.gather.record import list_sources

        period = _every(every)
        settings = _settings(delay, timeout, retries, backoff, max_size, contact, proxy)
        while True:
            store = open_store(db, create=True)
            try:
                with store.session() as s:
                    urls = [r.url for r in list_sources(s)]
            finally:
                store.close()
            if not urls:
                fail("no sources to watch: add some with `vndiplo sources add URL`", 2)
            code = _run(db, settings, sources=urls, max_pages=max_pages, extract=not no_extract, verbose=verbose)
            if period is None:
                raise typer.Exit(code)
            err.print(f"next run in {every}", highlight=False)
            time.sleep(period)


def escape(text: str) -> str:
    """Rich markup escaped (Rich is imported only when something is printed)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)
