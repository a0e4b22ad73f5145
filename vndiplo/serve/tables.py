"""Flat rows of the lists (events, figures, documents, anniversaries) for CSV downloads.

A download holds exactly the rows of the page it was asked from (same filters,
order, limit and offset), one line per item, lists joined with "; ".
"""
from __future__ import annotations

import csv
import io
from typing import Any, Callable

from vndiplo.resolve.facets import role_english
from vndiplo.serve.facts import country_name, label

__all__ = ["event_row", "figure_row", "document_row", "anniversary_row", "to_csv"]


def _people(ps: list[dict]) -> str:
    out = []
    for p in ps:
        if not p.get("name"):
            continue
        extra = ", ".join(x for x in (p.get("country"), p.get("role")) if x)
        out.append(f"{p['name']} ({extra})" if extra else p["name"])
    return "; ".join(out)


def event_row(e: dict[str, Any]) -> dict[str, Any]:
    loc = e.get("location") or {}
    return {
        "id": e["id"], "date": e.get("date") or "", "kind": e.get("kind") or "",
        "kind_en": label("kind", e.get("kind"), "en"), "levels": "; ".join(e.get("levels") or []),
        "venue": e.get("venue") or "", "participants": _people(e.get("participants") or []),
        "participants_en": "; ".join(
            f"{p['name']} ({', '.join(x for x in (country_name(p.get('country'), 'en'), role_english(p.get('role') or '')) if x)})"
            for p in e.get("participants") or [] if p.get("name")),
        "place": loc.get("place") or "", "place_country": loc.get("country") or "",
        "occasion": e.get("occasion") or "", "countries": "; ".join(e.get("countries") or []),
        "sources": "; ".join(src["doc"] for src in e.get("sources") or []),
        "urls": "; ".join(src.get("url") or "" for src in e.get("sources") or [] if src.get("url")),
    }


def figure_row(f: dict[str, Any]) -> dict[str, Any]:
    src = f.get("source") or {}
    return {"id": f["id"], "metric": f.get("metric") or "", "parties": "; ".join(f.get("parties") or []),
            "is_target": f.get("is_target"), "value": f.get("value"), "unit": f.get("unit") or "",
            "period": f.get("period") or "", "period_kind": f.get("period_kind") or "",
            "change_pct": f.get("change_pct"), "named": f.get("named") or "", "doc": src.get("doc") or "",
            "evidence": src.get("evidence") or ""}


def document_row(d: dict[str, Any]) -> dict[str, Any]:
    return {"doc": d["doc"], "published": d.get("published") or "", "outlet": d.get("outlet") or "",
            "title": d.get("title") or "", "url": d.get("url") or "", "facts": d.get("facts"),
            "near_duplicate_of": d.get("near_duplicate_of") or "", "similarity": d.get("similarity"),
            "near_duplicates": "; ".join(d.get("near_duplicates") or [])}


def anniversary_row(a: dict[str, Any]) -> dict[str, Any]:
    return {"date": a.get("date") or "", "years": a.get("years"), "name": a.get("name") or "",
            "start": a.get("start") or "", "parties": "; ".join(a.get("parties") or []),
            "milestone": a.get("milestone"), "sources": "; ".join(s["doc"] for s in a.get("sources") or [])}


def to_csv(items: list[dict[str, Any]], row: Callable[[dict], dict[str, Any]]) -> str:
    """CSV text (header + one line per item) of `items` flattened by `row`."""
    rows = [row(x) for x in items]
    buf = io.StringIO()
    # An empty page still has its header: an empty table, not an empty file.
    fields = list(rows[0]) if rows else _FIELDS.get(row.__name__, [])
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return buf.getvalue()


_FIELDS = {
    "event_row": ["id", "date", "kind", "kind_en", "levels", "venue", "participants", "participants_en", "place",
                  "place_country", "occasion", "countries", "sources", "urls"],
    "figure_row": ["id", "metric", "parties", "is_target", "value", "unit", "period", "period_kind", "change_pct",
                   "named", "doc", "evidence"],
    "document_row": ["doc", "published", "outlet", "title", "url", "facts", "near_duplicate_of", "similarity",
                     "near_duplicates"],
    "anniversary_row": ["date", "years", "name", "start", "parties", "milestone", "sources"],
}
