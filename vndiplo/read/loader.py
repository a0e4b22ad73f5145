"""Walk paths and read each file into Documents (first version: plain text only)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable, Iterator

from vndiplo.read.document import Document, ReadError
from vndiplo.text import nfc

__all__ = ["iter_documents", "read_file"]

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*(.*)$")


def read_file(path: Path) -> list[Document]:
    """The documents in one file; raises ReadError naming the file."""
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ReadError(str(path), str(e)) from e
    raw = nfc(raw)
    first, _, rest = raw.partition("\n")
    m = _DATE_LINE.match(first)
    published = title = None
    if m:
        published, title = m.group(1), m.group(2).strip() or None
        text = (title + "\n\n" + rest) if title else rest
    else:
        text = raw
    return [Document(doc_id=path.stem, source=str(path), text=text.strip(), title=title,
                     published=published, published_source="date_line" if published else None,
                     raw_text=raw)]


def iter_documents(paths: Iterable[str | Path]) -> Iterator[Document | ReadError]:
    """Documents of every file under `paths`, or a ReadError in place of a file that fails."""
    for p in paths:
        p = Path(p)
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            try:
                yield from read_file(f)
            except ReadError as e:
                yield e
