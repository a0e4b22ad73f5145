"""What the read stage hands on: one cleaned article with its metadata."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

__all__ = ["Document", "RemovedSpan", "ReadError", "content_hash"]


@dataclass(frozen=True)
class RemovedSpan:
    """A piece of the page left out of the article, and why (offsets into `raw_text`)."""

    start: int
    end: int
    reason: str  # e.g. related_news, follow_us, caption_repeat, horoscope, photo_credit
    text: str


@dataclass
class Document:
    doc_id: str  # the file name without extension (or the JSON Lines id)
    source: str  # path, or path:line for JSON Lines
    text: str  # the cleaned article: title line, blank line, body paragraphs (NFC)
    title: str | None = None
    published: str | None = None  # YYYY[-MM[-DD]]
    published_source: str | None = None  # metadata | date_line | html | text | url | feed (the feed that listed it)
    published_confidence: float | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    language: str | None = None  # "vi" or another code, or None if unknown
    raw_text: str = ""  # the page's text before cleaning (what removed spans point into)
    removed: list[RemovedSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)


class ReadError(Exception):
    """A page that cannot be read: the message names the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


def content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()
