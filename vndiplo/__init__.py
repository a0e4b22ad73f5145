"""vndiplo: Vietnamese foreign-affairs news read into a sourced knowledge base.

    >>> import vndiplo
    >>> facts = vndiplo.extract("Chiều 8/7, ...", published="2025-07-08")
"""
from __future__ import annotations

import re
from datetime import date

# The subpackage is bound first, so that the function below keeps the name `vndiplo.extract`; its
# pipeline (rules, gazetteer, data tables) is imported on the first call, not by `import vndiplo`
# (the CLI's `--help` pays nothing for it).
import vndiplo.extract as _extract_package  # noqa: F401
from vndiplo.records import (
    Anniversary, Event, Fact, Figure, Location, Mechanism, Participant, Person, Relation,
)

__version__ = "0.1.0"

__all__ = [
    "Anniversary", "Event", "Fact", "Figure", "Location", "Mechanism", "Participant",
    "Person", "Relation", "__version__", "extract",
]

_PUBLISHED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def published_date(published: object) -> str | None:
    """`published` as YYYY, YYYY-MM or YYYY-MM-DD (a date, or an ISO date-time, is cut to its day);
    raises ValueError for anything else, such as 8/7/2025 or 2025-13-01."""
    if published is None or published == "":
        return None
    if isinstance(published, date):  # datetime too
        return published.isoformat()[:10]
    if not isinstance(published, str):
        raise ValueError(f"published must be a string YYYY[-MM[-DD]] or a date, not {type(published).__name__}")
    text = published.strip()
    if len(text) > 10 and text[10] in "T ":  # 2025-07-08T10:00:00+07:00
        text = text[:10]
    m = _PUBLISHED.fullmatch(text)
    try:
        if m is None:
            raise ValueError
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        date(year, month, day)
    except ValueError:
        raise ValueError(f"published {published!r} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD "
                         "(for example 2025-07-08)") from None
    return text


def extract(text: str, published: str | date | None = None, title: str | None = None) -> list[Fact]:
    """The facts of one cleaned article (see vndiplo.extract.pipeline.extract).

    Args:
        text: the article's cleaned text (title line first, then the body).
        published: its publication date, YYYY, YYYY-MM or YYYY-MM-DD (or a `datetime.date`), if known;
            partial dates in the text ("chiều 8/7") are resolved against it. Anything else: ValueError.
        title: the headline, if it is not already the first line of `text`.
    """
    if text is not None and not isinstance(text, str):
        raise TypeError(f"text must be a string, not {type(text).__name__}")
    from vndiplo.extract.pipeline import extract as run

    return run(text, published_date(published), title)
