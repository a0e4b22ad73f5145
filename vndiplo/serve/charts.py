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

from vndiplo.resolve.persons import HOME
from vndiplo.serve.facts import date_bounds

__all__ = ["trade_chart", "timeline", "network_svg", "money"]


def money(v: float | None, unit: str = "USD", lang: str = "vi") -> str:
    """1.6e9 -> '1,6 tỷ USD' (Vietnamese decimal comma), 5.5e8 -> '550 triệu USD'; in English
    '1.6 bn USD', '550 m USD'."""
    if v is None:
        return "—"
    en = lang == "en"
    for size, word in ((1e9, "bn" if en else "tỷ"), (1e6, "m" if en else "triệu")):
        if abs(v) >= size:
            x = f"{v / size:.2f}".rstrip("0").rstrip(".")
            return f"{x if en else x.replace('.', ',')} {word} {unit}"
    return f"{v:,.0f} {unit}" if en else f"{v:,.0f} {unit}".replace(",", ".")


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


_METRIC_COLOURS = {"trade_turnover": "#1f4e8c", "export": "#1e8449", "import": "#b9770e", "investment": "#7d3c98",
                   "aid": "#117a65", "other": "#566573"}
_KIND_WORDS = {  # how a figure's period is named in the legend and tooltips
    "year": ("cả năm", "full year"), "part": ("một phần năm, lũy kế", "part of a year, year to date"),
    "span": ("nhiều năm", "several years"), "": ("kỳ không rõ", "period unknown"),
}


def _word(kind: str, lang: str) -> str:
    vi, en = _KIND_WORDS.get(kind, _KIND_WORDS[""])
    return en if lang == "en" else vi


def _metric_name(f: dict[str, Any], lang: str) -> str:
    from vndiplo.serve.facts import label

    return label("metric", f.get("metric") or "other", lang) or (f.get("metric_label") or "")


def _mark(kind: str, x: float, y: float, colour: str, attrs: str, tip: str) -> str:
    """A figure's mark: a filled circle for a full year, a hollow square for part of a year (a year to
    date), a hollow circle for a span of years."""
    title = f"<title>{escape(tip)}</title>"
    if kind == "part":
        return (f'<rect class="point part" x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="#fff" '
                f'stroke="{colour}" stroke-width="2" {attrs}>{title}</rect>')
    fill = colour if kind == "year" else "#fff"
    return (f'<circle class="point {kind or "unknown"}" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2" {attrs}>{title}</circle>')


def trade_chart(actuals: list[dict[str, Any]], targets: list[dict[str, Any]], width: int = 520,
                height: int = 300, lang: str = "vi") -> str:
    """Figures over time: one series per metric and kind of period. Full-year figures are joined by a line;
    figures of part of a year (a year to date) are hollow squares never joined to them; targets are
    diamonds at their target year (a dashed line across when they name no year). A legend names each."""
    en = lang == "en"
    seen: set = set()  # a target restated in several articles is drawn once
    targets = [t for t in targets if (k := (t.get("metric"), t.get("value"), t.get("unit"), t.get("period")))
               not in seen and not seen.add(k)]
    pts = [(a, _day(a["period"])) for a in actuals if a.get("value") is not None]
    pts = [(a, x) for a, x in pts if x is not None]
    dated_t = [(t, _day((date_bounds(t.get("period")) or (None, None))[1])) for t in targets
               if t.get("value") is not None and t.get("period")]
    dated_t = [(t, x) for t, x in dated_t if x is not None]
    loose_t = [t for t in targets if t.get("value") is not None and not t.get("period")]
    if not pts and not dated_t and not loose_t:
        return ""
    left, right, top, bottom = 58, 12, 16, 36
    legend_rows: list[tuple[str, str, str]] = []  # (mark kind, colour, text)
    xs = [x for _, x in pts] + [x for _, x in dated_t] or [date.today().toordinal()]
    x0, x1 = min(xs) - 120, max(xs) + 120
    ymax = _nice_max(max([a["value"] for a, _ in pts] + [t["value"] for t, _ in dated_t] +
                         [t["value"] for t in loose_t]) * 1.08)
    step = _nice_max(ymax / 5)
    ymax = step * math.ceil(ymax / step - 1e-9)

    # The legend: one row per series present, laid out in lines that fit the width.
    series: dict[tuple[str, str], list] = {}
    for a, x in sorted(pts, key=lambda p: p[1]):
        series.setdefault((a.get("metric") or "other", a.get("period_kind") or _kind_of(a.get("period"))), []).append((a, x))
    for (metric, kind), ps in series.items():
        legend_rows.append((kind, _METRIC_COLOURS.get(metric, "#566573"),
                            f"{_metric_name(ps[0][0], lang)} ({_word(kind, lang)})"))
    if dated_t or loose_t:
        legend_rows.append(("target", "#b3261e", "Targets, at their target year" if en else "Mục tiêu, tại năm đích"))
    legend, lx, ly = [], left, 14
    for kind, colour, text_ in legend_rows:
        w = 22 + 6.2 * len(text_)
        if lx + w > width - right and lx > left:
            lx, ly = left, ly + 16
        sym = (f'<rect x="{lx:.1f}" y="{ly - 9}" width="9" height="9" fill="#fff" stroke="{colour}" stroke-width="2"/>'
               if kind == "part" else
               f'<path d="M{lx + 5:.1f},{ly - 10} l5,5 l-5,5 l-5,-5 z" fill="{colour}"/>' if kind == "target" else
               f'<circle cx="{lx + 5:.1f}" cy="{ly - 4}" r="4.5" fill="{colour if kind == "year" else "#fff"}" '
               f'stroke="{colour}" stroke-width="2"/>')
        legend.append(f'<g class="legend-item" data-kind="{kind}">{sym}<text x="{lx + 14:.1f}" y="{ly}">'
                      f'{escape(text_)}</text></g>')
        lx += w
    top = ly + 12

    def sx(x: float) -> float:
        return left + (x - x0) / (x1 - x0) * (width - left - right)

    def sy(y: float) -> float:
        return height - bottom - y / ymax * (height - top - bottom)

    label_ = "Figures and targets by period" if en else "Số liệu và mục tiêu theo kỳ"
    out = [f'<svg class="chart trade-chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{label_}" xmlns="http://www.w3.org/2000/svg">', *legend]
    for i in range(int(round(ymax / step)) + 1):
        y = step * i
        out.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{sy(y):.1f}" y2="{sy(y):.1f}"/>')
        out.append(f'<text class="axis" x="{left - 6}" y="{sy(y) + 4:.1f}" text-anchor="end">'
                   f'{escape(money(y, "", lang).strip())}</text>')
    word_t = "Target" if en else "Mục tiêu"
    for t in loose_t:
        y = sy(t["value"])
        tip = f'{word_t} {money(t["value"], t["unit"], lang)} ({"no year given" if en else "không nêu năm"})'
        out.append(f'<g class="target undated" data-value="{t["value"]}"><title>{escape(tip)}</title>'
                   f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text x="{width - right - 4}" y="{y - 5:.1f}" text-anchor="end">{escape(tip)}</text></g>')
    for (metric, kind), ps in series.items():
        colour = _METRIC_COLOURS.get(metric, "#566573")
        if kind == "year" and len(ps) > 1:  # only whole years are joined: a year to date is not a point on that line
            d = " ".join(f"{sx(x):.1f},{sy(a['value']):.1f}" for a, x in ps)
            out.append(f'<polyline class="series" data-kind="year" stroke="{colour}" points="{d}"/>')
        for a, x in ps:
            tip = f'{_metric_name(a, lang)} {a["period"]} ({_word(kind, lang)}): {money(a["value"], a["unit"], lang)}'
            if a.get("change_pct") is not None:
                tip += f' ({a["change_pct"]:+g}%)'
            attrs = f'data-value="{a["value"]}" data-period="{escape(a["period"])}" data-kind="{kind}"'
            out.append(_mark(kind, sx(x), sy(a["value"]), colour, attrs, tip))
    for t, x in dated_t:
        cx, cy = sx(x), sy(t["value"])
        year = (date_bounds(t["period"]) or ("", ""))[1][:4]
        tip = f'{word_t} {money(t["value"], t["unit"], lang)} ({"by" if en else "đến"} {year})'
        out.append(f'<g class="target dated" data-value="{t["value"]}" data-year="{year}"><title>{escape(tip)}</title>'
                   f'<path d="M{cx:.1f},{cy - 8:.1f} l8,8 l-8,8 l-8,-8 z"/>'
                   f'<text x="{cx - 10:.1f}" y="{cy - 10:.1f}" text-anchor="end">{escape(tip)}</text></g>')
    last = -1e9
    ticks = sorted([(a["period"], x) for a, x in pts] + [((date_bounds(t["period"]) or ("", ""))[1][:4], x)
                                                         for t, x in dated_t], key=lambda p: p[1])
    for period, x in ticks:
        if sx(x) - last < 70:  # keep axis labels from overlapping
            continue
        last = sx(x)
        out.append(f'<text class="axis" x="{sx(x):.1f}" y="{height - bottom + 18}" text-anchor="middle">'
                   f'{escape(_period_label(period))}</text>')
    out.append("</svg>")
    return "".join(out)


def _kind_of(period: str | None) -> str:
    b = date_bounds(period)
    if not b:
        return ""
    if b[0][:4] != b[1][:4]:
        return "span"
    return "year" if (b[0][5:], b[1][5:]) == ("01-01", "12-31") else "part"


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


# Twelve colours told apart by hue and lightness (and by most colour-blind readers, in pairs); Viet Nam
# always red. Countries beyond twelve share a grey, and the legend says so.
_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
            "#393b79", "#637939", "#ad494a", "#7b4173"]
_HOME_COLOUR = "#d62728"
_OTHER_COLOUR = "#9aa7b4"


def network_svg(net: dict[str, Any], width: int = 820, height: int = 0, lang: str = "vi") -> str:
    """Who met whom in two columns: Viet Nam's persons on the left, their counterparts on the right grouped
    by country (the side with fewer persons is not crowded by the other); an edge for each pair that met
    (thicker: more often; a pair on one side is a curve). Each country has its own colour, named in a
    legend laid out in rows that fit the width; a node's dot opens its country's page, its name the
    person's page."""
    from vndiplo.serve.facts import country_name

    nodes = list(net["nodes"])
    if not nodes:
        return ""
    by_size: dict[str, int] = {}
    for n in nodes:
        by_size[n.get("country") or "?"] = by_size.get(n.get("country") or "?", 0) + 1
    ranked = sorted(by_size, key=lambda c: (c != HOME, c == "?", -by_size[c], c))
    colours: dict[str, str] = {}
    free = iter(_PALETTE)
    for c in ranked:
        colours[c] = _HOME_COLOUR if c == HOME else (_OTHER_COLOUR if c == "?" else next(free, _OTHER_COLOUR))
    unknown = "unknown" if lang == "en" else "không rõ"
    # The legend first: rows of entries as wide as their names, wrapped to the width.
    legend, lx, ly, row_h = [], 8.0, 16.0, 18
    grey = [c for c in ranked if colours[c] == _OTHER_COLOUR and c != "?"]
    entries = [(c, colours[c], country_name(c, lang) or c) for c in ranked if colours[c] != _OTHER_COLOUR]
    if grey or "?" in by_size:
        n_grey = len(grey)
        text_ = (f"{n_grey} other countries" if lang == "en" else f"{n_grey} nước khác") if n_grey else ""
        text_ = ", ".join(x for x in (text_, unknown if "?" in by_size else "") if x)
        entries.append(("", _OTHER_COLOUR, text_))
    for code, colour, name in entries:
        w = 26 + 7.0 * len(name)
        if lx + w > width - 8 and lx > 8:
            lx, ly = 8.0, ly + row_h
        dot = (f'<circle cx="{lx + 6:.1f}" cy="{ly - 4:.1f}" r="6" fill="{colour}"/>'
               f'<text x="{lx + 16:.1f}" y="{ly:.1f}">{escape(name)}</text>')
        if code:
            legend.append(f'<a class="legend" href="/countries/{quote(code, safe="")}" data-country="{escape(code)}">{dot}</a>')
        else:
            legend.append(f'<g class="legend">{dot}</g>')
        lx += w
    top = ly + 24
    home = sorted((n for n in nodes if n.get("country") == HOME), key=lambda n: (-n["events"], n["name"]))
    away = sorted((n for n in nodes if n.get("country") != HOME),
                  key=lambda n: (ranked.index(n.get("country") or "?"), -n["events"], n["name"]))
    gap = 22
    rows = max(len(home), len(away), 1)
    height = height or int(top + gap * rows + 20)
    xl, xr = width * 0.36, width * 0.64
    pos: dict[str, tuple[float, float, str]] = {}
    for col, x, side in ((home, xl, "end"), (away, xr, "start")):
        y0 = top + (rows - len(col)) * gap / 2
        for i, n in enumerate(col):
            pos[n["id"]] = (x, y0 + i * gap, side)
    aria = "Who met whom" if lang == "en" else "Ai gặp ai"
    out = [f'<svg class="chart network" viewBox="0 0 {width} {height}" role="img" aria-label="{aria}" '
           f'xmlns="http://www.w3.org/2000/svg">', *legend]
    times = "times" if lang == "en" else "lần"
    for e in net["edges"]:
        (x1, y1, s1), (x2, y2, s2) = pos[e["source"]], pos[e["target"]]
        sw = f'{1 + 1.5 * (e["weight"] - 1):.1f}'
        tip = f'<title>{e["weight"]} {times}</title>'
        if s1 == s2:  # both on one side: a curve bulging towards the middle
            bend = min(120.0, 20 + abs(y2 - y1) / 3) * (1 if s1 == "end" else -1)
            out.append(f'<path class="edge" fill="none" d="M{x1:.1f},{y1:.1f} Q{x1 + bend:.1f},{(y1 + y2) / 2:.1f} '
                       f'{x2:.1f},{y2:.1f}" stroke-width="{sw}">{tip}</path>')
        else:
            out.append(f'<line class="edge" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                       f'stroke-width="{sw}">{tip}</line>')
    for n in nodes:
        x, y, side = pos[n["id"]]
        dx = -10 if side == "end" else 10
        name = escape(n["name"])
        code = n.get("country") or ""
        cname = escape(country_name(code, lang) or unknown)
        dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{4 + min(n["events"], 5)}" fill="{colours[code or "?"]}">'
               f'<title>{name} ({cname}): {n["events"]}</title></circle>')
        out.append(f'<g class="node" data-country="{escape(code)}">'
                   + (f'<a class="node-country" href="/countries/{quote(code, safe="")}">{dot}</a>' if code else dot)
                   + f'<a class="node-person" href="/persons/{quote(n["name"], safe="")}">'
                   f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{side}">{name}</text></a></g>')
    out.append("</svg>")
    return "".join(out)
