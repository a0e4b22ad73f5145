"""Query commands: search, events, person, country, export, calendar.

Each opens the store, calls one read function of vndiplo.serve and prints
Rich tables (or JSON with --json). Exit codes: 0 found, 1 nothing found or
not found, 2 bad usage.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from vndiplo.serve.commands.common import DB_OPTION, fail

JSON_OPTION = typer.Option(False, "--json", help="Print JSON (for scripts) instead of tables.")
out = Console(highlight=False, soft_wrap=False)


def _open(db: Optional[str]):
    from vndiplo.store import open_store

    try:
        return open_store(db)
    except Exception as e:  # a bad URL or an unreachable server
        fail(f"cannot open the store {db or 'vndiplo.db'}: {e}", 2)


def _run(db: Optional[str], fn, *args, **kw) -> Any:
    from vndiplo.serve.queries import NotFound

    store = _open(db)
    try:
        with store.session() as s:
            return fn(s, *args, **kw)
    except NotFound as e:
        fail(str(e), 1)
    finally:
        store.close()


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def _names(ps: list[dict]) -> str:
    return "; ".join(f"{p['name']} ({p['country'] or '?'})" for p in ps if p.get("name"))


def _iso(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"{option} {value!r}: expected a date YYYY-MM-DD", 2)


def _events_table(items: list[dict], title: str) -> Table:
    t = Table(title=title, title_justify="left", expand=False)
    for c in ("id", "date", "kind", "participants", "place", "sources"):
        t.add_column(c, overflow="fold")
    for e in items:
        loc = e.get("location") or {}
        place = ", ".join(x for x in (loc.get("place"), loc.get("country")) if x)
        t.add_row(str(e["id"]), e["date"] or "—", e["kind"] or "", _names(e["participants"]), place,
                  ", ".join(src["doc"] for src in e["sources"]))
    return t


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    records = "records"
    events = "events"
    persons = "persons"


def register(app: typer.Typer) -> None:
    """Add the query commands to the app."""

    @app.command("search")
    def search_cmd(query: str = typer.Argument(..., help="Words to find (marks and case ignored)."),
                   country: Optional[str] = typer.Option(None, help="Only documents about this country code."),
                   kind: Optional[str] = typer.Option(None, help="Only documents with this fact kind."),
                   year: Optional[str] = typer.Option(None, help="Only documents published this year."),
                   limit: int = typer.Option(10, min=1, max=200), db: Optional[str] = DB_OPTION,
                   as_json: bool = JSON_OPTION) -> None:
        """Search the stored articles: ranked, with highlighted snippets and sources.

        Example: vndiplo search "kim ngach campuchia"
        """
        from vndiplo.serve.search import search

        res = _run(db, search, query, country, kind, year, limit)
        if as_json:
            _print_json(res)
        else:
            out.print(f"{res['total']} documents for “{res['query']}”")
            for i, h in enumerate(res["items"], 1):
                out.print(Text(f"\n{i}. {h['title'] or h['doc']}", style="bold"))
                out.print(Text(f"   {h['doc']} · {h['published'] or 'no date'} · score {h['score']}", style="dim"))
                for sn in h["snippets"]:
                    line = Text("   ")
                    for part in sn["parts"]:
                        line.append(part["text"].replace("\n", " "), style="bold yellow" if part["hit"] else None)
                    out.print(line)
        raise typer.Exit(0 if res["total"] else 1)

    @app.command("events")
    def events_cmd(country: Optional[str] = typer.Option(None, help="Country code or name (KH, Campuchia)."),
                   person: Optional[str] = typer.Option(None, help="A participant's name."),
                   kind: Optional[str] = typer.Option(None, help="talks, meeting, visit, phone_call…"),
                   since: Optional[str] = typer.Option(None, help="From this date (YYYY-MM-DD)."),
                   until: Optional[str] = typer.Option(None, help="Up to this date (YYYY-MM-DD)."),
                   limit: int = typer.Option(50, min=1, max=1000), db: Optional[str] = DB_OPTION,
                   as_json: bool = JSON_OPTION) -> None:
        """List events, newest first, each with its participants and sources.

        Example: vndiplo events --country KH --since 2025-01-01
        """
        from vndiplo.serve.queries import list_events

        res = _run(db, list_events, country, person, kind, _iso(since, "--since"), _iso(until, "--until"), limit)
        if as_json:
            _print_json(res)
        else:
            out.print(_events_table(res["items"], f"{res['total']} events"))
        raise typer.Exit(0 if res["total"] else 1)

    @app.command("person")
    def person_cmd(name: str = typer.Argument(..., help="A name (or its distinctive words)."),
                   db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """A person's roles over time and meetings.

        Example: vndiplo person "Prak Sokhonn"
        """
        from vndiplo.serve.queries import get_person

        p = _run(db, get_person, name)
        if as_json:
            _print_json(p)
            return
        out.print(Text(f"{p['name']} ({p['country_name'] or '?'})", style="bold"))
        t = Table(title="Roles", title_justify="left")
        for c in ("role", "first seen", "last seen", "sources"):
            t.add_column(c, overflow="fold")
        for r in p["roles"]:
            t.add_row(r["role"], r["first"] or "?", r["last"] or "?", ", ".join(r["sources"]))
        out.print(t)
        m = [{**e, "participants": e["with"]} for e in p["meetings"]]
        out.print(_events_table(m, f"{len(m)} meetings"))

    @app.command("country")
    def country_cmd(country: str = typer.Argument(..., help="ISO code or name: KH, Campuchia, Cambodia."),
                    db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """A country's dossier: framework, latest meeting and its targets, trade, mechanisms, commitments.

        Example: vndiplo country KH
        """
        from vndiplo.serve.charts import money
        from vndiplo.serve.queries import country_dossier

        d = _run(db, country_dossier, country)
        if as_json:
            _print_json(d)
            return
        out.print(Text(f"Việt Nam – {d['name']} ({d['code']})", style="bold"))
        out.print("Framework: " + ("; ".join(f"{f['label']} ({len(f['sources'])} sources)" for f in d["framework"])
                                   or "—"))
        m = d["latest_meeting"]
        if m:
            out.print(Text(f"Latest meeting: {m['date'] or 'date unknown'} {m['kind']} — {_names(m['participants'])}",
                           style="bold green"))
            for t in m["targets"]:
                out.print(f"  target named: {money(t['value'], t['unit'])} {t['metric']}"
                          f"{' by ' + t['period'] if t['period'] else ''} — “{t['source']['evidence']}”")
            out.print(f"  sources: {', '.join(src['doc'] for src in m['sources'])}")
        ot = Table(title="Latest meeting by office", title_justify="left")
        for c in ("Vietnam", d["name"], "date", "event"):
            ot.add_column(c, overflow="fold")
        for r in d["latest_by_office"]:
            ot.add_row(f"{r['home_role']} ({r['home_name']})", f"{r['other_role']} ({r['other_name']})",
                       r["date"] or "?", str(r["event_id"]))
        out.print(ot)
        ft = Table(title="Trade", title_justify="left")
        for c in ("metric", "period", "value", "change", "target", "source"):
            ft.add_column(c, overflow="fold")
        for f in d["trade"]["actuals"] + d["trade"]["targets"]:
            ft.add_row(f["metric"], f["period"] or "—", money(f["value"], f["unit"]),
                       f"{f['change_pct']:+g}%" if f["change_pct"] is not None else "",
                       "target" if f["is_target"] else "", f["source"]["doc"])
        out.print(ft)
        out.print(_events_table(d["events"][:10], f"Recent events ({d['event_count']})"))
        mt = Table(title="Mechanisms", title_justify="left")
        for c in ("name", "sessions", "period"):
            mt.add_column(c, overflow="fold")
        for x in d["mechanisms"]:
            mt.add_row(x["name"] or "", ", ".join(str(y["session"]) for y in x["sessions"]), x["period"] or "")
        out.print(mt)
        for c in d["commitments"]:
            out.print(f"Commitment: {c['what']} — {c['status']}")
        for a in d["anniversaries"]:
            out.print(f"Anniversary: {a['date']} {a['years']} năm {a['name']}")

    @app.command("export")
    def export_cmd(fmt: ExportFormat = typer.Option(ExportFormat.records, "--format",
                                                    help="records (SCHEMA.md JSON Lines), jsonl, csv or parquet (one row per "
                                                         "fact); events or persons (JSON Lines, one per resolved "
                                                         "event or person, with PLOVER/CAMEO codes and stable ids)."),
                   output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write [stdout]."),
                   types: Optional[list[str]] = typer.Option(None, "--type", help="Only facts of this type (repeatable)."),
                   db: Optional[str] = DB_OPTION) -> None:
        """Export every stored fact with its document id and evidence.

        Example: vndiplo export --format parquet -o facts.parquet
        """
        from vndiplo.serve.export import write_export

        if fmt is ExportFormat.parquet and output is None:
            fail("--format parquet needs --output FILE", 2)
        store = _open(db)
        try:
            with store.session() as s:
                n = write_export(s, fmt.value, output if output is not None else sys.stdout, types)
        finally:
            store.close()
        sys.stdout.flush()
        Console(stderr=True).print(f"{n} facts exported", style="dim")

    @app.command("calendar")
    def calendar_cmd(ics: bool = typer.Option(False, "--ics", help="Print iCalendar (RFC 5545) instead of a table."),
                     country: Optional[str] = typer.Option(None, help="Only this country's anniversaries."),
                     days: int = typer.Option(366, min=1, max=3660, help="How far ahead to look."),
                     today: Optional[str] = typer.Option(None, "--from", help="Start day (YYYY-MM-DD) [today]."),
                     db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Upcoming anniversaries (each recurring from its start date).

        Example: vndiplo calendar --ics > vndiplo.ics
        """
        from vndiplo.serve.ical import to_ics
        from vndiplo.serve.queries import list_anniversaries

        start = date.fromisoformat(_iso(today, "--from")) if today else date.today()
        items = _run(db, list_anniversaries, country, start, days)
        if ics:
            sys.stdout.buffer.write(to_ics(items).encode("utf-8"))
            sys.stdout.flush()
        elif as_json:
            _print_json(items)
        else:
            t = Table(title=f"Anniversaries from {start}", title_justify="left")
            for c in ("date", "years", "name", "parties", "source"):
                t.add_column(c, overflow="fold")
            for a in items:
                t.add_row(a["date"], str(a["years"] or ""), a["name"] or "", ", ".join(a["parties"]),
                          a["sources"][0]["doc"])
            out.print(t)
