"""Upcoming anniversaries as an iCalendar file (RFC 5545): one all-day VEVENT each."""
from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from typing import Any

__all__ = ["to_ics"]


def _escape(text: str) -> str:
    # RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values.
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets (3.1), never splitting a UTF-8 character."""
    out, cur, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + n > limit:
            out.append(cur)
            cur, size = "", 0
        cur += ch
        size += n
    out.append(cur)
    return "\r\n ".join(out)


def to_ics(anniversaries: list[dict[str, Any]], now: datetime | None = None) -> str:
    """The calendar text (CRLF line ends) for anniversaries as `queries.list_anniversaries` gives them."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//vndiplo//anniversaries//VI",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:vndiplo – kỷ niệm"]
    for a in anniversaries:
        day = date.fromisoformat(a["date"])
        title = f"{a['years']} năm {a['name']}" if a.get("years") else (a.get("name") or "Kỷ niệm")
        uid = hashlib.sha1(f"{a['date']}|{a.get('start')}|{a.get('name')}".encode()).hexdigest()
        desc = [f"Từ {a['start']}" if a.get("start") else "", "Bên: " + ", ".join(a.get("parties") or [])]
        desc += [f"Nguồn: {src['doc']} — {src['evidence']}" for src in a.get("sources", [])[:3]]
        lines += ["BEGIN:VEVENT", f"UID:{uid}@vndiplo", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_escape(title)}", f"DESCRIPTION:{_escape(chr(10).join(d for d in desc if d))}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(x) + "\r\n" for x in lines)
