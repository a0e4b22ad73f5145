"""Query commands: search, events, event, person, country, export, calendar.

Each opens an existing store, calls one read function of vndiplo.serve and prints tables (CSV with
--csv, JSON with --json). Exit codes: 0 success (an empty list included), 1 a name or id not found
or no store, 2 bad usage (an unknown filter value lists the valid ones).
"""
from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

from vndiplo.serve.commands.common import (
    CSV_OPTION, DB_OPTION, EVENT_KINDS, FACT_TYPES, JSON_OPTION, USAGE, choice, count_line, err, fail,
    open_store, out_console, print_json, print_table,
)

COUNTRY_HELP = "ISO code or name: KH, Campuchia, Cambodia (ORG:ASEAN for an organisation)."


def _run(db: Optional[str], fn, *args, **kw) -> Any:
    from vndiplo.serve.queries import NotFound

    store = open_store(db)
    try:
        with store.session() as s:
            return fn(s, *args, **kw)
    except NotFound as e:
        fail(str(e), 1)
    finally:
        store.close()


def _country(value: Optional[str], option: str = "--country") -> Optional[str]:
    """A country filter checked before the store is read: an unknown one is a usage error."""
    if value is None:
        return None
    from vndiplo.serve.facts import resolve_country

    if resolve_country(value) is None:
        fail(f"{option} {value!r} is not a known country or organisation: give an ISO 3166 code (KH, LA, US, "
             "CN-YN…), ORG: and an acronym (ORG:ASEAN), or a name in Vietnamese or English (Campuchia, "
             "Cambodia)", USAGE)
    return value


def _names(ps: list[dict]) -> str:
    return "; ".join(f"{p['name']} ({p['country'] or '?'})" for p in ps if p.get("name"))


def _iso(value: Optional[str], option: str) -> Optional[str]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        fail(f"{option} {value!r}: expected a date YYYY-MM-DD", USAGE)


def _year(value: Optional[str]) -> Optional[str]:
    if value is not None and not (len(value) == 4 and value.isdigit()):
        fail(f"--year {value!r}: expected a year YYYY", USAGE)
    return value


EVENT_COLUMNS = ("id", "date", "kind", "participants", "place", "sources")


def _event_rows(items: list[dict]) -> list[tuple]:
    rows = []
    for e in items:
        loc = e.get("location") or {}
        place = ", ".join(x for x in (loc.get("place"), loc.get("country")) if x)
        rows.append((str(e["id"]), e["date"] or "—", e["kind"] or "", _names(e["participants"]), place,
                     ", ".join(src["doc"] for src in e["sources"])))
    return rows


def _need_pyarrow() -> None:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        fail("Parquet needs pyarrow, which the base install leaves out: pip install 'vndiplo[parquet]'", USAGE)


class EventLevel(str, Enum):
    head = "head"
    minister = "minister"
    deputy = "deputy"
    party = "party"
    assembly = "assembly"
    province = "province"


class Venue(str, Enum):
    bilateral = "bilateral"
    multilateral = "multilateral"


class EventSort(str, Enum):
    newest = "newest"
    oldest = "oldest"
    sources = "sources"


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
                   country: Optional[str] = typer.Option(None, metavar="CODE",
                                                         help="Only documents about this country. " + COUNTRY_HELP),
                   kind: Optional[str] = typer.Option(None, metavar="KIND",
                                                      help="Only documents with a fact of this kind: an event kind ("
                                                           + ", ".join(EVENT_KINDS) + ") or a fact type ("
                                                           + ", ".join(t for t in FACT_TYPES if t != "event")
                                                           + ")."),
                   year: Optional[str] = typer.Option(None, metavar="YYYY", help="Only documents published this year."),
                   limit: int = typer.Option(10, min=1, max=200, metavar="N", help="Show at most N documents."),
                   db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """Search the stored articles: ranked, with highlighted snippets and their sources.

        Exit code 0 even when nothing matches (the count says so).

        Example: vndiplo search "kim ngach campuchia"
        """
        choice(kind, (*EVENT_KINDS, *(t for t in FACT_TYPES if t != "event"), "event"), "--kind")
        _year(year)
        from rich.text import Text

        from vndiplo.serve.search import search

        res = _run(db, search, query, _country(country), kind, _year(year), limit)
        if as_json:
            print_json(res)
            return
        out = out_console()
        out.print(f"{count_line(len(res['items']), res['total'], 'documents')} for “{res['query']}”")
        for i, h in enumerate(res["items"], 1):
            out.print(Text(f"\n{i}. {h['title'] or h['doc']}", style="bold"))
            out.print(Text(f"   {h['doc']} · {h['published'] or 'no date'} · score {h['score']}", style="dim"))
            for sn in h["snippets"]:
                line = Text("   ")
                for part in sn["parts"]:
                    line.append(part["text"].replace("\n", " "), style="bold yellow" if part["hit"] else None)
                out.print(line)

    @app.command("events")
    def events_cmd(country: Optional[str] = typer.Option(None, metavar="CODE", help=COUNTRY_HELP),
                   person: Optional[str] = typer.Option(None, metavar="NAME", help="A participant's name."),
                   kind: Optional[str] = typer.Option(None, metavar="KIND",
                                                      help="One kind of event: " + ", ".join(EVENT_KINDS) + "."),
                   since: Optional[str] = typer.Option(None, metavar="YYYY-MM-DD", help="From this date."),
                   until: Optional[str] = typer.Option(None, metavar="YYYY-MM-DD", help="Up to this date."),
                   level: Optional[EventLevel] = typer.Option(None, metavar="LEVEL",
                                                              help="Level of a participant (titles.tsv): "
                                                                   + ", ".join(x.value for x in EventLevel) + "."),
                   venue: Optional[Venue] = typer.Option(None, metavar="VENUE", help="bilateral or multilateral."),
                   sort: EventSort = typer.Option(EventSort.newest, metavar="ORDER",
                                                  help="Order: newest, oldest, sources."),
                   limit: int = typer.Option(50, min=1, max=1000, metavar="N", help="Show at most N events."),
                   offset: int = typer.Option(0, min=0, metavar="N", help="Events to skip (the next page)."),
                   db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION, as_csv: bool = CSV_OPTION) -> None:
        """List events, newest first, each with its participants and sources (`vndiplo event ID` for one).

        Exit code 0 even when none matches.

        Example: vndiplo events --country KH --since 2025-01-01 --level minister --venue bilateral
        """
        choice(kind, EVENT_KINDS, "--kind")  # before the imports: a usage error answers at once
        from vndiplo.serve.queries import list_events

        res = _run(db, list_events, _country(country), person, kind, _iso(since, "--since"), _iso(until, "--until"),
                   limit, offset, level=level and level.value, venue=venue and venue.value, sort=sort.value)
        if as_json:
            print_json(res)
            return
        print_table(EVENT_COLUMNS, _event_rows(res["items"]),
                    count_line(len(res["items"]), res["total"], "events"), as_csv)

    @app.command("event")
    def event_cmd(event_id: int = typer.Argument(..., metavar="ID", help="An event id, as `vndiplo events` shows."),
                  db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """One event with its participants, place, occasion and every source sentence.

        Example: vndiplo event 12
        """
        from rich.text import Text

        from vndiplo.serve.queries import get_event

        e = _run(db, get_event, event_id)
        if as_json:
            print_json(e)
            return
        out = out_console()
        loc = e.get("location") or {}
        out.print(Text(f"{e['date'] or 'date unknown'} {e['kind'] or ''} (event {e['id']})", style="bold"))
        for p in e.get("participants") or []:
            out.print(f"  {p.get('name')} ({p.get('country') or '?'}){': ' + p['role'] if p.get('role') else ''}")
        place = ", ".join(x for x in (loc.get("place"), loc.get("country")) if x)
        if place:
            out.print(f"place: {place}")
        if e.get("occasion"):
            out.print(f"occasion: {e['occasion']}")
        for src in e["sources"]:
            out.print(Text(f"\n{src['doc']}" + (f" · {src['published']}" if src.get("published") else ""),
                           style="dim"))
            if src.get("evidence"):
                out.print(f"  “{src['evidence']}”")

    @app.command("person")
    def person_cmd(name: str = typer.Argument(..., help="A name (or its distinctive words)."),
                   db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """A person's roles over time and meetings.

        Example: vndiplo person "Prak Sokhonn"
        """
        from rich.text import Text

        from vndiplo.serve.queries import get_person

        p = _run(db, get_person, name)
        if as_json:
            print_json(p)
            return
        out = out_console()
        out.print(Text(f"{p['name']} ({p['country_name'] or '?'})", style="bold"))
        print_table(("role", "first seen", "last seen", "sources"),
                    [(r["role"], r["first"] or "?", r["last"] or "?", ", ".join(r["sources"])) for r in p["roles"]],
                    "Roles", console=out)
        m = [{**e, "participants": e["with"]} for e in p["meetings"]]
        print_table(EVENT_COLUMNS, _event_rows(m), f"{len(m)} meetings", console=out)

    @app.command("country")
    def country_cmd(country: str = typer.Argument(..., metavar="COUNTRY", help=COUNTRY_HELP),
                    db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION) -> None:
        """A country's dossier: framework, latest meeting and its targets, trade, mechanisms, commitments.

        Example: vndiplo country KH
        """
        from rich.text import Text

        from vndiplo.serve.charts import money
        from vndiplo.serve.queries import country_dossier

        d = _run(db, country_dossier, _country(country, "country"))
        if as_json:
            print_json(d)
            return
        out = out_console()
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
        print_table(("Vietnam", d["name"], "date", "event"),
                    [(f"{r['home_role']} ({r['home_name']})", f"{r['other_role']} ({r['other_name']})",
                      r["date"] or "?", str(r["event_id"])) for r in d["latest_by_office"]],
                    "Latest meeting by office", console=out)
        print_table(("metric", "period", "value", "change", "target", "source"),
                    [(f["metric"], f["period"] or "—", money(f["value"], f["unit"]),
                      f"{f['change_pct']:+g}%" if f["change_pct"] is not None else "",
                      "target" if f["is_target"] else "", f["source"]["doc"])
                     for f in d["trade"]["actuals"] + d["trade"]["targets"]], "Trade", console=out)
        recent = d["events"][:10]
        print_table(EVENT_COLUMNS, _event_rows(recent),
                    "Recent events (" + count_line(len(recent), d["event_count"], "events") + ")", console=out)
        print_table(("name", "sessions", "period"),
                    [(x["name"] or "", ", ".join(str(y["session"]) for y in x["sessions"]), x["period"] or "")
                     for x in d["mechanisms"]], "Mechanisms", console=out)
        for c in d["commitments"]:
            out.print(f"Commitment: {c['what']} — {c['status']}")
        for a in d["anniversaries"]:
            out.print(f"Anniversary: {a['date']} {a['years']} năm {a['name']}")

    @app.command("export")
    def export_cmd(fmt: ExportFormat = typer.Option(ExportFormat.records, "--format", metavar="FORMAT",
                                                    help="records: SCHEMA.md JSON Lines, as `vndiplo extract` "
                                                         "prints; jsonl, csv, parquet: one flat row per fact "
                                                         "with its id, source and span; events, persons: JSON "
                                                         "Lines, one per resolved event or person, with "
                                                         "PLOVER/CAMEO codes and stable ids."),
                   output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                                         help="File to write (parquet needs one).  "
                                                              "[default: standard output]"),
                   types: Optional[list[str]] = typer.Option(None, "--type", metavar="TYPE",
                                                             help="Only facts of this type (repeatable): "
                                                                  + ", ".join(FACT_TYPES) + "."),
                   db: Optional[str] = DB_OPTION) -> None:
        """Export every stored fact with its document id and evidence.

        Example: vndiplo export --format parquet -o facts.parquet
        """
        for t in types or []:
            choice(t, FACT_TYPES, "--type")
        if fmt is ExportFormat.parquet and output is None:
            fail("--format parquet needs --output FILE", USAGE)
        if fmt is ExportFormat.parquet:
            _need_pyarrow()
        if output is not None:
            if output.is_dir():
                fail(f"--output {output} is a folder: give a file name (e.g. {output / ('facts.' + fmt.value)})",
                     USAGE)
            if not output.parent.is_dir():
                fail(f"--output {output}: no folder {output.parent}", USAGE)
        from vndiplo.serve.export import write_export

        store = open_store(db)
        try:
            with store.session() as s:
                n = write_export(s, fmt.value, output if output is not None else sys.stdout, types)
        finally:
            store.close()
        sys.stdout.flush()
        what = fmt.value if fmt in (ExportFormat.events, ExportFormat.persons) else "facts"
        err.print(f"{n} {what} exported" + (f" to {output}" if output is not None else ""), style="dim",
                  highlight=False)

    @app.command("calendar")
    def calendar_cmd(ics: bool = typer.Option(False, "--ics", help="Print iCalendar (RFC 5545) instead of a table."),
                     country: Optional[str] = typer.Option(None, metavar="CODE",
                                                           help="Only this country's anniversaries. " + COUNTRY_HELP),
                     days: int = typer.Option(366, min=1, max=3660, metavar="N", help="How many days ahead to look."),
                     today: Optional[str] = typer.Option(None, "--from", metavar="YYYY-MM-DD",
                                                         help="The first day.  [default: today]"),
                     db: Optional[str] = DB_OPTION, as_json: bool = JSON_OPTION, as_csv: bool = CSV_OPTION) -> None:
        """Upcoming anniversaries (each recurring from its start date). Exit code 0 even when none is near.

        Example: vndiplo calendar --ics > vndiplo.ics
        """
        from vndiplo.serve.ical import to_ics
        from vndiplo.serve.queries import list_anniversaries

        start = date.fromisoformat(_iso(today, "--from")) if today else date.today()
        items = _run(db, list_anniversaries, _country(country), start, days)
        if ics:
            sys.stdout.buffer.write(to_ics(items).encode("utf-8"))
            sys.stdout.flush()
        elif as_json:
            print_json(items)
        else:
            print_table(("date", "years", "name", "parties", "source"),
                        [(a["date"], str(a["years"] or ""), a["name"] or "", ", ".join(a["parties"]),
                          a["sources"][0]["doc"]) for a in items],
                        f"{len(items)} anniversaries from {start}", as_csv)
