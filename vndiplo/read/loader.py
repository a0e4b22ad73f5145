"""Walk paths and read each file (plain text, HTML, JSON Lines) into cleaned Documents.

Every failure is a ReadError naming the input (file, or file:line for JSON
Lines) and the reason; a failing file never stops the walk.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from vndiplo.read.clean import clean_page, reads_like_paragraph
from vndiplo.read.document import Document, ReadError, RemovedSpan
from vndiplo.read.encoding import DecodeError, decode_bytes
from vndiplo.read.html import extract_html, looks_like_html
from vndiplo.read.metadata import detect_language, normalise_date, outlet_from_url
from vndiplo.text import nfc

__all__ = ["iter_documents", "read_file", "read_page", "read_bytes", "walk", "DEFAULT_MAX_BYTES", "TEXT_SUFFIXES",
           "HTML_SUFFIXES",
           "JSONL_SUFFIXES"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
MIN_BODY_LETTERS = 20  # a body shorter than this is debris, not an article
TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
READABLE = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

_ID_CHARS = re.compile(r"[^\w.\-]+")
# "# source: URL", "# published: DATE" (or url, date, author, outlet) lines at the top of a text
# file, the way the shared corpora keep a page's metadata; "unknown" (or none) means not known.
_HEADER_LINE = re.compile(r"^\ufeff?[ \t]*#[ \t]*(source|url|published|date|author|outlet)[ \t]*:[ \t]*(.*?)[ \t]*$",
                          re.IGNORECASE)
_UNKNOWN = frozenset({"", "unknown", "none", "null", "n/a", "-", "?"})
_LETTER_RUNS = re.compile(r"[^\W\d_]+")


def walk(paths: Iterable[str | Path]) -> Iterator[Path | ReadError]:
    """Files under `paths` in sorted order; directories are walked recursively, following
    symlinks but never entering the same directory twice (so loops end). Inside directories
    only readable kinds (.txt, .html, .jsonl...) are taken; a file named explicitly always is."""
    seen_dirs: set[tuple[int, int]] = set()
    for p in paths:
        p = Path(p)
        if not p.exists():
            yield ReadError(str(p), "no such file or directory" if not p.is_symlink() else "broken symlink")
            continue
        if not p.is_dir():
            yield p
            continue
        stack = [p]
        while stack:
            d = stack.pop()
            try:
                st = d.stat()
            except OSError as e:
                yield ReadError(str(d), f"cannot open directory: {e.strerror or e}")
                continue
            if (st.st_dev, st.st_ino) in seen_dirs:
                continue
            seen_dirs.add((st.st_dev, st.st_ino))
            try:
                entries = sorted(os.scandir(d), key=lambda e: e.name)
            except OSError as e:
                yield ReadError(str(d), f"cannot list directory: {e.strerror or e}")
                continue
            subdirs = []
            for e in entries:
                if e.name.startswith("."):
                    continue
                path = Path(e.path)
                try:
                    if e.is_dir():
                        subdirs.append(path)
                    elif e.is_file() and path.suffix.lower() in READABLE:
                        yield path
                    elif e.is_symlink() and not path.exists():
                        yield ReadError(str(path), "broken symlink")
                except OSError as err:
                    yield ReadError(str(path), f"cannot read: {err.strerror or err}")
            stack.extend(reversed(subdirs))


def _doc_id(s: str) -> str:
    return _ID_CHARS.sub("_", nfc(s).strip())[:200] or "doc"


def header_fields(raw: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    """The `# key: value` metadata lines that open a text (values "unknown" left out), and their spans."""
    fields: dict[str, str] = {}
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in raw.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if not body.strip():
            pos += len(line)
            continue
        m = _HEADER_LINE.match(body)
        if not m:
            break
        key, value = m.group(1).lower(), nfc(m.group(2)).strip()
        key = {"source": "url", "date": "published"}.get(key, key)
        if value.lower() not in _UNKNOWN:
            fields.setdefault(key, value)
        spans.append((pos, pos + len(body)))
        pos += len(line)
    return fields, spans


def web_url(url: object) -> str | None:
    """`url` if it is an http(s) URL with a host, else None (a javascript: or data: URL is no page's)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    if not re.match(r"^https?://[^\s/?#]+", u, re.IGNORECASE) or any(c in u for c in "\x00\r\n\t <>\"'`"):
        return None
    return u


def _has_letters(paragraphs: list[str], n: int) -> bool:
    """Whether the paragraphs hold at least `n` letters (counted a run at a time, stopping at n)."""
    seen = 0
    for p in paragraphs:
        for run in _LETTER_RUNS.finditer(p):
            seen += run.end() - run.start()
            if seen >= n:
                return True
    return False


def _blank(raw: str, spans: list[tuple[int, int]]) -> str:
    """`raw` with each (start, end) span turned into spaces: its length, and every offset, kept."""
    for a, b in spans:
        raw = raw[:a] + " " * (b - a) + raw[b:]
    return raw


def _finish(doc: Document) -> Document:
    code, score = detect_language(doc.text)
    doc.language = code
    if code != "vi":
        doc.warnings.append(f"not Vietnamese (language: {code or 'unknown'}); kept but flagged")
    return doc


def _from_text(raw: str, doc_id: str, source: str, *, title: str | None = None, url: str | None = None,
               published: str | None = None, published_source: str | None = None,
               published_confidence: float | None = None, author: str | None = None,
               outlet: str | None = None, warnings: list[str] | None = None) -> Document:
    warnings = list(warnings or [])
    original, header_removed = raw, []
    if title is None:
        fields, spans = header_fields(raw)
        if spans:
            # Blanked, not cut: offsets into the page stay offsets into the stored raw text.
            header_removed = [RemovedSpan(a, b, "metadata", raw[a:b]) for a, b in spans]
            raw = _blank(raw, spans)
            url = url or fields.get("url")
            if fields.get("published") and not published:
                published = normalise_date(fields["published"])
                if published:
                    published_source, published_confidence = "metadata", 1.0
                else:
                    warnings.append(f"unreadable published date {fields['published']!r} in the header")
            author = author or fields.get("author")
            outlet = outlet or fields.get("outlet")
    if url is not None and web_url(url) is None:
        warnings.append(f"URL {url[:80]!r} dropped: not an http(s) address")
        url = None
    c = clean_page(raw, title=title, title_in_text=title is None)
    if (title is None and not c.paragraphs and c.title and reads_like_paragraph(c.title)
            and all(r.reason == "metadata" for r in c.removed)):
        # one paragraph and no headline (a pasted article, a JSON Lines text): it is the body. A
        # metadata prefix (" date 2017-11 ") is blanked, offsets kept, and its date carried over.
        first = c
        c = clean_page(_blank(raw, [(r.start, r.end) for r in c.removed]), title=None, title_in_text=False)
        c.removed = first.removed + c.removed
        c.published, c.published_source, c.published_confidence = (
            first.published, first.published_source, first.published_confidence)
    if not _has_letters(c.paragraphs, MIN_BODY_LETTERS):
        if c.title and not c.removed:
            raise ReadError(source, "no article body: only a title line")
        raise ReadError(source, "no article text left after removing page clutter")
    doc = Document(doc_id=doc_id, source=source, text=c.text, title=c.title, url=url,
                   outlet=outlet or outlet_from_url(url) or c.outlet, author=author or c.author,
                   raw_text=original, removed=sorted(header_removed + c.removed, key=lambda r: r.start),
                   warnings=warnings + c.warnings)
    if published:
        doc.published, doc.published_source, doc.published_confidence = published, published_source, \
            published_confidence
    elif c.published:
        doc.published, doc.published_source, doc.published_confidence = c.published, c.published_source, \
            c.published_confidence
    return _finish(doc)


def _from_html(html: str, doc_id: str, source: str, *, url: str | None = None, title: str | None = None,
               published: str | None = None, warnings: list[str] | None = None) -> Document:
    try:
        page = extract_html(html, source)
    except ValueError as e:
        raise ReadError(source, str(e)) from e
    pub, psrc, pconf = (published, "metadata", 1.0) if published else (
        page.published, page.published_source, page.published_confidence)
    return _from_text(page.text, doc_id, source, title=title or page.title or "", url=url or page.url,
                      published=pub, published_source=psrc, published_confidence=pconf,
                      author=page.author, outlet=None if (url or page.url) else _site(page.sitename),
                      warnings=list(warnings or []) + page.warnings)


def _site(name: str | None) -> str | None:
    return name.lower() if name and "." in name and " " not in name else None


def _decode(path: Path, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(str(path), f"cannot read: {e.strerror or e}") from e
    if size > max_bytes:
        raise ReadError(str(path), f"file too large ({size / 2**20:.1f} MB > limit {max_bytes / 2**20:.1f} MB)")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(str(path), f"cannot read: {e.strerror or e}") from e
    d = _decoded(data, str(path))
    return d.text, d.warnings


def _decoded(data: bytes, source: str):
    """decode_bytes(data), its failure a ReadError naming `source`."""
    try:
        return decode_bytes(data)
    except DecodeError as e:
        raise ReadError(source, str(e)) from e


def _from_bytes(data: bytes, doc_id: str, source: str, html: bool | None) -> Document:
    """Decoded bytes read as HTML (when `html`, or when they look like it) or as text, and cleaned."""
    d = _decoded(data, source)
    if html or looks_like_html(d.text):
        return _from_html(d.text, doc_id, source, warnings=list(d.warnings))
    return _from_text(d.text, doc_id, source, warnings=list(d.warnings))


def read_bytes(data: bytes, doc_id: str, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One page given as bytes (an upload): decoded, read as HTML when it looks like HTML, else as text,
    and cleaned, exactly as a .txt file of the same bytes; raises ReadError naming `source`. No file is
    written, so `doc_id` may be any string."""
    if len(data) > max_bytes:
        raise ReadError(source, f"page too large ({len(data) / 2**20:.1f} MB > limit {max_bytes / 2**20:.1f} MB)")
    return _from_bytes(data, doc_id, source, html=None)


def read_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    """The documents in one file (one, or one per JSON Lines record); raises ReadError naming
    the file when the whole file fails. Per-record JSON Lines failures come from `iter_file`."""
    out = []
    for item in iter_file(Path(path), max_bytes):
        if isinstance(item, ReadError):
            if not out and item.source == str(path):
                raise item
            continue
        out.append(item)
    return out


def iter_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """Documents of one file, or ReadErrors (one for the file, or one per bad JSON Lines record).

    `max_bytes` limits a file, except a JSON Lines file: that is streamed, and the limit is per record."""
    try:
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES and not _wide_unicode(path):
            yield from _stream_jsonl(path, max_bytes)
            return
        raw, warns = _decode(path, max_bytes)
        if suffix in JSONL_SUFFIXES:
            yield from _iter_jsonl(path, raw.split("\n"), list(warns))
            return
        if suffix in HTML_SUFFIXES or looks_like_html(raw):
            yield _from_html(raw, _doc_id(path.stem), str(path), warnings=list(warns))
            return
        yield _from_text(raw, _doc_id(path.stem), str(path), warnings=list(warns))
    except ReadError as e:
        yield e


def _wide_unicode(path: Path) -> bool:
    """The file starts with a UTF-16 or UTF-32 byte-order mark (its lines are not split at byte 0x0A)."""
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as e:
        raise ReadError(str(path), f"cannot read: {e.strerror or e}") from e
    return head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))


def _stream_jsonl(path: Path, max_bytes: int) -> Iterator[Document | ReadError]:
    """JSON Lines read one record at a time (memory: one record), split on "\\n" only: U+2028, U+2029
    and U+0085 are characters of a record's strings, not line ends. A record over `max_bytes` is
    skipped with an error naming its line."""
    try:
        f = path.open("rb")
    except OSError as e:
        raise ReadError(str(path), f"cannot read: {e.strerror or e}") from e

    def lines() -> Iterator[tuple[int, str | ReadError, list[str]]]:
        with f:
            lineno = 0
            while True:
                line = f.readline(max_bytes + 1)
                if not line:
                    return
                lineno += 1
                source = f"{path}:{lineno}"
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    while (rest := f.readline(1 << 20)) and not rest.endswith(b"\n"):
                        pass  # the rest of the oversized record, read and dropped in 1 MB pieces
                    yield lineno, ReadError(source, f"record too large (over the limit of "
                                                    f"{max_bytes / 2**20:.1f} MB per record)"), []
                    continue
                if lineno == 1:
                    line = line.removeprefix(b"\xef\xbb\xbf")
                if not line.strip():
                    continue
                try:
                    yield lineno, line.decode("utf-8"), []
                except UnicodeDecodeError:
                    try:
                        d = decode_bytes(line)
                    except DecodeError as e:
                        yield lineno, ReadError(source, str(e)), []
                        continue
                    yield lineno, d.text, list(d.warnings)

    yield from _records(path, lines())


def _iter_jsonl(path: Path, lines: list[str], warns: list[str]) -> Iterator[Document | ReadError]:
    yield from _records(path, ((n, line, warns) for n, line in enumerate(lines, 1)))


def _records(path: Path, lines) -> Iterator[Document | ReadError]:
    records = 0
    for lineno, line, warns in lines:
        if isinstance(line, ReadError):
            records += 1
            yield line
            continue
        if not line.strip():
            continue
        records += 1
        source = f"{path}:{lineno}"
        try:
            rec = json.loads(line)
        except ValueError as e:
            yield ReadError(source, f"invalid JSON: {e.msg} at column {e.colno}")
            continue
        if not isinstance(rec, dict):
            yield ReadError(source, "a JSON Lines record must be an object")
            continue
        try:
            yield _from_record(rec, path, lineno, source, warns)
        except ReadError as e:
            yield e
    if records == 0:
        yield ReadError(str(path), "no records in the JSON Lines file")


def _from_record(rec: dict, path: Path, lineno: int, source: str, warns: list[str]) -> Document:
    doc_id = _doc_id(str(rec["id"])) if rec.get("id") not in (None, "") else f"{_doc_id(path.stem)}-{lineno}"
    title = rec.get("title")
    title = nfc(str(title)).strip() if title else None
    url = rec.get("url") or None
    if url is not None and not isinstance(url, str):
        raise ReadError(source, f'field "url" must be a string, not {type(url).__name__}')
    published = None
    if rec.get("published"):
        published = normalise_date(rec["published"])
        if published is None:
            warns = warns + [f"unreadable published date {rec['published']!r}"]
    text, html = rec.get("text"), rec.get("html")
    if isinstance(html, str) and html.strip() and not (isinstance(text, str) and text.strip()):
        return _from_html(html, doc_id, source, url=url, title=title, published=published, warnings=warns)
    if not isinstance(text, str) or not text.strip():
        raise ReadError(source, 'record has neither "text" nor "html"')
    if "\x00" in text:
        raise ReadError(source, "record text contains NUL characters")
    if title and not nfc(text).lstrip().startswith(title):
        raw = title + "\n\n" + text
    else:
        raw = text
    return _from_text(raw, doc_id, source, url=url,
                      published=published, published_source="metadata" if published else None,
                      published_confidence=1.0 if published else None, outlet=None, warnings=warns)


def read_page(data: bytes, doc_id: str, source: str, *, html: bool | None = None) -> Document:
    """One downloaded page's bytes to a Document, through the same decoding and cleaning as a file.

    `html` says what the server called it (None: guess from the content). Raises ReadError."""
    return _from_bytes(data, _doc_id(doc_id), source, html)


def read_pasted(raw: str, doc_id: str = "stdin", source: str = "-") -> Document:
    """One page given as text (standard input, a paste): HTML, or a text whose first line is its
    headline; a single paragraph (one line, however short) is the article's body, with no headline.
    Raises ReadError when no article text is left."""
    if looks_like_html(raw):
        return _from_html(raw, doc_id, source)
    if len([ln for ln in raw.splitlines() if ln.strip()]) == 1:
        return _from_text(raw.strip(), doc_id, source, title="")
    return _from_text(raw, doc_id, source)


def iter_documents(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadError]:
    """Documents of every file under `paths`, or a ReadError in place of a file (or record) that fails."""
    for f in walk(paths):
        if isinstance(f, ReadError):
            yield f
            continue
        yield from iter_file(f, max_bytes)
