"""One document given as a row (a JSON Lines object or a Parquet record) to a Document.

A row has an `id` and either `text` (the article, possibly with clutter) or `html`
(the page), plus optional `url`, `title`, `published`, `outlet`, `author`, `language`.
The JSON Lines reader, `vndiplo spark-extract` and the bulk tools all go through
`document_from_row`, so every path reads a row the same way.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from pathlib import Path
from typing import Any, Mapping

from vndiplo.read.document import Document, ReadError
from vndiplo.text import nfc

__all__ = ["document_from_row", "row_from_line", "normalise_published"]

_PUBLISHED = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


def normalise_published(value: Any) -> str | None:
    """YYYY[-MM[-DD]] from a date, datetime or ISO-like string; None if absent or unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str):
        return None
    m = _PUBLISHED.match(value)
    if not m:
        return None
    y, mo, d = m.groups()
    if mo and not 1 <= int(mo) <= 12:
        return y
    if d and not 1 <= int(d) <= 31:
        d = None
    return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")


def _optional_str(row: Mapping[str, Any], key: str, source: str) -> str | None:
    v = row.get(key)
    if v is None:
        return None
    if not isinstance(v, str):
        raise ReadError(source, f"field {key!r} must be a string, not {type(v).__name__}")
    return nfc(v).strip() or None


def _html_document(html: str, doc_id: str, source: str) -> Document:
    """A Document from a page's HTML, through the read stage's HTML reader when it has one."""
    try:
        from vndiplo.read import html as html_reader  # written by the ingest stage
    except ImportError:
        raise ReadError(source, "HTML rows need the HTML reader (vndiplo.read.html), not available") from None
    for name in ("read_html", "document_from_html"):
        fn = getattr(html_reader, name, None)
        if fn is not None:
            return fn(html, doc_id=doc_id, source=source)
    raise ReadError(source, "vndiplo.read.html has no read_html(html, doc_id=, source=)")


def _split_source(source: str) -> tuple[Path, int]:
    path, _, line = source.rpartition(":")
    return (Path(path), int(line)) if path and line.isdigit() else (Path(source), 0)


def _loader_record_reader():
    """The JSON Lines record reader of the read stage (vndiplo.read.loader), when it has one."""
    from vndiplo.read import loader

    return getattr(loader, "_from_record", None)


def document_from_row(row: Mapping[str, Any], source: str | None = None) -> Document:
    """The Document a row describes; raises ReadError naming `source` (default: the row's id).

    When the read stage's JSON Lines reader is present, a row is read exactly as that
    reader reads the same line of a .jsonl file (cleaning, dates, language), so the CLI
    and Spark see the same document. Otherwise: the text in NFC, the title (when given and
    not already the first line) as first line followed by a blank line.
    """
    if not isinstance(row, Mapping):
        raise ReadError(source or "row", f"a document row must be an object, not {type(row).__name__}")
    reader = _loader_record_reader()
    if reader is not None:
        src = source or str(row.get("id", "row"))
        rec = {k: (normalise_published(v) if k == "published" else v) for k, v in row.items()}
        if not isinstance(rec.get("text"), (str, type(None))):
            raise ReadError(src, f"field 'text' must be a string, not {type(rec['text']).__name__}")
        path, line = _split_source(src)
        return reader(rec, path, line, src, [])
    return _document_from_row(row, source)


def _document_from_row(row: Mapping[str, Any], source: str | None) -> Document:
    raw_id = row.get("id", row.get("doc_id"))
    source = source or (str(raw_id) if raw_id is not None else "row")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        raise ReadError(source, "row has no 'id'")
    if not isinstance(raw_id, (str, int)) or isinstance(raw_id, bool):
        raise ReadError(source, f"field 'id' must be a string or an integer, not {type(raw_id).__name__}")
    doc_id = str(raw_id).strip()
    title = _optional_str(row, "title", source)
    url = _optional_str(row, "url", source)
    published = normalise_published(row.get("published"))

    text, html = row.get("text"), row.get("html")
    if text is None and html is not None:
        if not isinstance(html, str):
            raise ReadError(source, f"field 'html' must be a string, not {type(html).__name__}")
        doc = _html_document(html, doc_id, source)
        doc.url = doc.url or url
        doc.title = doc.title or title
        doc.published = doc.published or published
        return doc
    if text is None:
        raise ReadError(source, "row has neither 'text' nor 'html'")
    if not isinstance(text, str):
        raise ReadError(source, f"field 'text' must be a string, not {type(text).__name__}")
    raw = nfc(text)
    body = raw.strip()
    if not body:
        raise ReadError(source, "empty text")
    if title and not body.startswith(title):
        body = title + "\n\n" + body
    return Document(
        doc_id=doc_id, source=source, text=body, title=title, published=published,
        published_source="metadata" if published else None, url=url,
        outlet=_optional_str(row, "outlet", source), author=_optional_str(row, "author", source),
        language=_optional_str(row, "language", source), raw_text=raw,
    )


def row_from_line(line: str, source: str) -> dict[str, Any]:
    """The JSON object on one JSON Lines line; raises ReadError naming `source`."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise ReadError(source, f"invalid JSON: {e}") from None
    if not isinstance(row, dict):
        raise ReadError(source, f"a document row must be an object, not {type(row).__name__}")
    return row
