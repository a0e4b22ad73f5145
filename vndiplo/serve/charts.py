"""Charts drawn server-side as inline SVG (no JavaScript, nothing fetched at run time).

Every function returns SVG markup with text escaped; points and lines carry
classes (`point`, `target`, `node`, `edge`) and <title> tooltips so pages and
tests can find them.
"""
from __future__ import annotations

import math
from datetime import date
from html import escape
from urllib.parse import quote
from typing import Any

from vndiplo.serve.facts import date_bounds

__all__ = ["trade_chart", "timeline", "network_svg", "money"]


def money(v: float | None, unit: str = "USD") -> str:
    """1.6e9 -> '1,6 tỷ USD' (Vietnamese decimal comma), 5.5e8 -> '550 triệu USD'."""
    if v is None:
        return "—"
    for size, word in ((1e9, "tỷ"), (1e6, "triệu")):
        if abs(v) >= size:
            x = f"{v / size:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{x} {word} {unit}"
    return f"{v:,.0f} {unit}".replace(",", ".")


def _day(d: str | None) -> float | None:
    b = date_bounds(d)
    if not b:
        return None
    a, z = date.fromisoformat(b[0]), date.fromisoformat(b[1])
    return (a.toordinal() + z.toordinal()) / 2


def _period_label(p: str) -> str:
    """'2025-01/2025-06' -> '1–6/2025', '2024' -> '2024', '2025-03' -> '3/2025'."""
    a, _, b = p.partition("/")
    if b and a[:4] == b[:4] and len(a) == len(b) == 7:
        return f"{int(a[5:])}–{int(b[5:])}/{a[:4]}"
    if len(a) == 7 and not b:
        return f"{int(a[5:])}/{a[:4]}"
    return p


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1.0
    e = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if m * e >= v:
            return m * e
    return 10 * e


def trade_chart(actuals: list[dict[str, Any]], targets: list[dict[str, Any]], width: int = 480,
                height: int = 260) -> str:
    """Actual figures as points over time (one series per metric) and targets as dashed lines."""
    pts = [(a, _day(a["period"])) for a in actuals if a.get("value") is not None]
    pts = [(a, x) for a, x in pts if x is not None]
    tgs = [t for t in targets if t.get("value") is not None]
    if not pts and not tgs:
        return ""
    left, right, top, bottom = 58, 12, 16, 36
    xs = [x for _, x in pts] or [date.today().toordinal()]
    x0, x1 = min(xs) - 45, max(xs) + 45
    ymax = _nice_max(max([a["value"] for a, _ in pts] + [t["value"] for t in tgs]) * 1.08)

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * (width - left - right)

    def sy(y: float) -> float:
        return height - bottom - y / ymax * (height - top - bottom)

    out = [f'<svg class="chart trade-chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="Trade figures and targets" xmlns="http://www.w3.org/2000/svg">']
    step = _nice_max(ymax / 5)
    ymax = step * math.ceil(ymax / step - 1e-9)
    for i in range(int(round(ymax / step)) + 1):
        y = step * i
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{sy(y):.1f}" y2="{sy(y):.1f}"/>')
        out.append(f'<text class="axis" x="{left - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">'
                   f'{escape(money(y, "").strip())}</text>')
    for t in tgs:
        y = sy(t["value"])
        tip = f'Mục tiêu {money(t["value"], t["unit"])}' + (f' ({t["period"]})' if t.get("period") else "")
        out.append(f'<g class="target" data-value="{t["value"]}"><title>{escape(tip)}</title>'
                   f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text x="{width - right - 4}" y="{y - 5:.1f}" text-anchor="end">{escape(tip)}</text></g>')
    series: dict[str, list] = {}
    for a, x in sorted(pts, key=lambda p: p[1]):
        series.setdefault(a["metric"] or "other", []).append((a, x))
    for metric, ps in series.items():
        if len(ps) > 1:
            d = " ".join(f"{sx(x):.1f},{sy(a['value']):.1f}" for a, x in ps)
            out.append(f'<polyline class="series" points="{d}"/>')
        for a, x in ps:
            tip = f'{a.get("metric_label") or metric} {a["period"]}: {money(a["value"], a["unit"])}'
            if a.get("change_pct") is not None:
                tip += f' ({a["change_pct"]:+g}%)'
            out.append(f'<circle class="point" cx="{sx(x):.1f}" cy="{sy(a["value"]):.1f}" r="5" '
                       f'data-value="{a["value"]}" data-period="{escape(a["period"])}"><title>{escape(tip)}</title></circle>')
    last = -1e9
    for a, x in sorted(pts, key=lambda p: p[1]):
        if sx(x) - last < 70:  # keep axis labels from overlapping
            continue
        last = sx(x)
        out.append(f'<text class="axis" x="{sx(x):.1f}" y="{height - bottom + 18}" text-anchor="middle">'
                   f'{escape(_period_label(a["period"]))}</text>')
    out.append("</svg>")
    return "".join(out)


def timeline(events: list[dict[str, Any]], width: int = 480, height: int = 80) -> str:
    """Events as dots on a time axis, each linking to its page."""
    pts = [(e, _day(e.get("date") or e.get("sort_date"))) for e in events]
    pts = [(e, x) for e, x in pts if x is not None]
    if not pts:
        return ""
    left, right = 20, 20
    xs = [x for _, x in pts]
    x0, x1 = min(xs) - 20, max(xs) + 20
    mid = height / 2

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * (width - left - right)

    out = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" role="img" aria-label="Timeline" '
           f'xmlns="http://www.w3.org/2000/svg"><line class="axis-line" x1="{left}" x2="{width - right}" '
           f'y1="{mid}" y2="{mid}"/>']
    last = {0: -1e9, 1: -1e9}  # where the last label above (0) and below (1) the axis ended
    for i, (e, x) in enumerate(sorted(pts, key=lambda p: p[1])):
        names = ", ".join(p["name"] for p in e["participants"] if p.get("name"))
        tip = f'{e.get("date") or ""} {e.get("kind_label") or e.get("kind") or ""}: {names}'
        out.append(f'<a href="/events/{e["id"]}"><circle class="point event-dot" cx="{sx(x):.1f}" cy="{mid}" r="6">'
                   f'<title>{escape(tip)}</title></circle></a>')
        side = i % 2
        if sx(x) - last[side] < 80:
            continue
        last[side] = sx(x)
        out.append(f'<text class="axis" x="{sx(x):.1f}" y="{mid - 14 if side == 0 else mid + 24}" '
                   f'text-anchor="middle">{escape((e.get("date") or "")[:10])}</text>')
    out.append("</svg>")
    return "".join(out)


_PALETTE = ["#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98", "#117a65", "#a04000", "#566573"]


def network_svg(net: dict[str, Any], width: int = 820, height: int = 600) -> str:
    """Persons on a circle, grouped by country; an edge for each pair that met (thicker: more often)."""
    nodes = sorted(net["nodes"], key=lambda n: (n.get("country") or "~", n["name"]))
    if not nodes:
        return ""
    cx, cy, r = width / 2, height / 2 + 10, min(width / 2 - 190, height / 2 - 50)
    pos, colours = {}, {}
    for i, n in enumerate(nodes):
        a = 2 * math.pi * i / len(nodes) - math.pi / 2
        pos[n["id"]] = (cx + r * math.cos(a), cy + r * math.sin(a), a)
        colours.setdefault(n.get("country") or "?", _PALETTE[len(colours) % len(_PALETTE)])
    out = [f'<svg class="chart network" viewBox="0 0 {width} {height}" role="img" aria-label="Who met whom" '
           f'xmlns="http://www.w3.org/2000/svg">']
    for i, (code, colour) in enumerate(colours.items()):
        out.append(f'<g class="legend"><circle cx="{12 + 52 * i}" cy="12" r="6" fill="{colour}"/>'
                   f'<text x="{22 + 52 * i}" y="16">{escape(code)}</text></g>')
    for e in net["edges"]:
        (x1, y1, _), (x2, y2, _) = pos[e["source"]], pos[e["target"]]
        out.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                   f'stroke-width="{1 + 1.5 * (e["weight"] - 1):.1f}"><title>{e["weight"]}</title></line>')
    for n in nodes:
        x, y, a = pos[n["id"]]
        anchor = "start" if math.cos(a) >= -1e-9 else "end"
        dx = 10 if anchor == "start" else -10
        name = escape(n["name"])
        out.append(f'<a href="/persons/{quote(n["name"], safe="")}"><g class="node" '
                   f'data-country="{escape(n.get("country") or "")}">'
                   f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{5 + min(n["events"], 6)}" fill="{colours[n.get("country") or "?"]}">'
                   f'<title>{name} ({escape(n.get("country") or "?")}): {n["events"]}</title></circle>'
                   f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{name}</text></g></a>')
    out.append("</svg>")
    return "".join(out)
