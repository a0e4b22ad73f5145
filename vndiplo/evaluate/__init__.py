"""Scoring extracted records (SCHEMA.md) against hand-annotated gold: `vndiplo eval`.

A user annotates a few of their own articles (one `<doc>.json` list of records per article, the
file named like the article without its extension) and sees how well vndiplo reads their outlet:
per type precision, recall and F1, the accuracy of the fields of matched records, and every miss
with its evidence. The numbers are those of the benchmark's scorer (`shared/eval/score.py`): the
same matching rules, the same greedy pairing, the same rounding, so the two always agree.

    from vndiplo.evaluate import load_gold, read_predictions, score
    report = score(load_gold(Path("gold")), read_predictions(Path("pred.jsonl")).records)
"""
from __future__ import annotations

import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Optional

from vndiplo.records import FACT_TYPES

__all__ = ["TYPES", "EvalError", "Predictions", "find_shared", "load_gold", "read_predictions", "score",
           "store_predictions"]

TYPES = tuple(FACT_TYPES)  # event, person, figure, anniversary, mechanism, relation

Record = dict[str, Any]


def find_shared(root: Path) -> Path:
    """The shared benchmark of the checkout at `root` (eval/gate.py and the tests): where
    VNDIPLO_SHARED points (even an empty folder: that is how to run without it), else beside the
    checkout or beside the folder of worktrees, else (absent) `root`'s sibling `shared`."""
    if os.environ.get("VNDIPLO_SHARED"):
        return Path(os.environ["VNDIPLO_SHARED"])
    for p in (root.parent / "shared", root.parent.parent / "shared"):
        if (p / "corpus").is_dir():
            return p
    return root.parent / "shared"


class EvalError(ValueError):
    """Gold or predictions that cannot be scored (a message for the user, no traceback)."""


# ---- comparing values ---------------------------------------------------------------------------

def _plain(value: Any) -> str:
    """Text for comparison: NFC, casefolded, punctuation and symbols as spaces, single spaces."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return " ".join(text.split())


def _name_match(a: Any, b: Any) -> bool:
    """Two person names denote the same person: equal, or the shorter one's words all in the longer;
    a one-word name only matches a longer name's first or last word, and only if 4+ letters long."""
    x, y = _plain(a), _plain(b)
    if not (x and y):
        return False
    if x == y:
        return True
    xs, ys = x.split(), y.split()
    shorter, longer = (xs, ys) if len(xs) <= len(ys) else (ys, xs)
    if len(shorter) > 1:
        return all(w in longer for w in shorter)
    word = shorter[0]
    return len(word) >= 4 and (word == longer[0] or word == longer[-1])


def _names_shared(names: list, others: list) -> int:
    """How many of `names` match some name of `others`."""
    return sum(any(_name_match(n, o) for o in others) for n in names)


def _bounds(value: Any) -> Optional[tuple[str, str]]:
    """A date, month, year or range as lexically comparable (low, high) bounds; None when unknown.
    A month or year covers all of its days (the high bound sorts after every longer string)."""
    if not value:
        return None
    low, _, high = str(value).partition("/")
    return low, (high or low) + "\uffff"


def _dates_compatible(a: Any, b: Any) -> bool:
    x, y = _bounds(a), _bounds(b)
    return x is None or y is None or (x[0] <= y[1] and y[0] <= x[1])


def _same_date(a: Any, b: Any) -> bool:
    return (a or None) == (b or None)


def _countries(rec: Record) -> frozenset:
    return frozenset(str(c).upper() for c in rec.get("parties") or [])


def _people(rec: Record, vietnamese: bool) -> list:
    """Names of the event's participants from Vietnam (`vietnamese`) or from elsewhere."""
    names = []
    for p in rec.get("participants") or []:
        if isinstance(p, dict) and (str(p.get("country") or "").upper() == "VN") == vietnamese and p.get("name"):
            names.append(p.get("name"))
    return names


def _word_share(a: Any, b: Any) -> float:
    """Words two names share, over the word count of the longer (0 when either is empty)."""
    x, y = set(_plain(a).split()), set(_plain(b).split())
    if not (x and y):
        return 0.0
    return len(x & y) / max(len(x), len(y))


def _as_int(value: Any) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _year_of(value: Any) -> Optional[str]:
    return str(value)[:4] if value else None


def _place_country(rec: Record) -> Optional[str]:
    where = rec.get("location") or {}
    return str(where.get("country") or "").upper() or None


# ---- how alike a gold record and a prediction are (0: they cannot be the same fact) ------------

def _event_bonus(g: Record, p: Record) -> float:
    """Small bonuses that order otherwise equal candidates: the same date, the same place's country."""
    g_where, p_where = g.get("location") or {}, p.get("location") or {}
    same_place = bool(g_where.get("country")) and g_where.get("country") == p_where.get("country")
    return 0.1 * _same_date(g.get("date"), p.get("date")) + 0.1 * same_place


def _event(g: Record, p: Record) -> float:
    if not _dates_compatible(g.get("date"), p.get("date")):
        return 0.0
    g_abroad, p_abroad = _people(g, False), _people(p, False)
    shared = _names_shared(g_abroad, p_abroad)
    same_kind = g.get("kind") == p.get("kind")
    if shared:
        return 2.0 + shared + (0.5 if same_kind else 0) + _event_bonus(g, p)
    if g_abroad or p_abroad or not same_kind:
        return 0.0
    shared_home = _names_shared(_people(g, True), _people(p, True))
    return 1.0 + shared_home + _event_bonus(g, p) if shared_home else 0.0


def _person(g: Record, p: Record) -> float:
    return 1.0 if _name_match(g.get("name"), p.get("name")) else 0.0


def _figure(g: Record, p: Record) -> float:
    try:
        want, got = float(g.get("value")), float(p.get("value"))
    except (TypeError, ValueError):
        return 0.0
    if bool(g.get("is_target")) != bool(p.get("is_target")):
        return 0.0
    if (abs(want - got) > 0.01 * abs(want)) if want else got != 0:
        return 0.0
    return 1.0 + (0.5 if _countries(g) == _countries(p) else 0) + (0.25 if g.get("period") == p.get("period") else 0)


def _anniversary(g: Record, p: Record) -> float:
    years = _as_int(g.get("years"))
    if years is None or years != _as_int(p.get("years")):
        return 0.0
    if g.get("start") and p.get("start"):
        same = _year_of(g["start"]) == _year_of(p["start"])
    else:
        g_year, p_year = _year_of(g.get("date")), _year_of(p.get("date"))
        same = bool(g_year) and g_year == p_year
        if not (g_year or p_year or g.get("start") or p.get("start")):  # no side dates it: the names decide
            same = _word_share(g.get("name"), p.get("name")) >= 0.5
    return 1.0 + _word_share(g.get("name"), p.get("name")) if same else 0.0


def _mechanism(g: Record, p: Record) -> float:
    if _countries(g) != _countries(p):
        return 0.0
    share = _word_share(g.get("name"), p.get("name"))
    session = _as_int(g.get("session"))
    if session is not None and session == _as_int(p.get("session")):
        return 2.0 + share
    if g.get("period") and g.get("period") == p.get("period"):
        return 2.0 + share
    return 1.0 + share if share >= 0.6 else 0.0


def _relation(g: Record, p: Record) -> float:
    return 1.0 if _countries(g) == _countries(p) and g.get("level") == p.get("level") else 0.0


LIKENESS: dict[str, Callable[[Record, Record], float]] = {
    "event": _event, "person": _person, "figure": _figure,
    "anniversary": _anniversary, "mechanism": _mechanism, "relation": _relation,
}


# ---- fields checked on matched pairs: a score in [0, 1], or None when gold says nothing --------

def _participants_f1(g: Record, p: Record) -> Optional[float]:
    want = _people(g, False) + _people(g, True)
    got = _people(p, False) + _people(p, True)
    if not (want or got):
        return None
    hits = _names_shared(want, got)
    if not hits:
        return 0.0
    precision, recall = hits / len(got), hits / len(want)
    return 2 * precision * recall / (precision + recall)


def _role_found(g: Record, p: Record) -> Optional[bool]:
    if not g.get("roles"):
        return None
    got = [r for r in (_plain(x) for x in p.get("roles") or []) if r]
    return any(any(_plain(w) in r or r in _plain(w) for r in got) for w in g["roles"])


def _change_equal(g: Record, p: Record) -> bool:
    a, b = g.get("change_pct"), p.get("change_pct")
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 0.051
    except (TypeError, ValueError):
        return False


FIELDS: dict[str, dict[str, Callable[[Record, Record], Any]]] = {
    "event": {
        "date": lambda g, p: _same_date(g.get("date"), p.get("date")),
        "kind": lambda g, p: g.get("kind") == p.get("kind"),
        "participants_f1": _participants_f1,
        "location_country": lambda g, p: (None if _place_country(g) is None
                                          else _place_country(g) == _place_country(p)),
    },
    "person": {
        "country": lambda g, p: str(g.get("country") or "").upper() == str(p.get("country") or "").upper(),
        "role": _role_found,
    },
    "figure": {
        "parties": lambda g, p: _countries(g) == _countries(p),
        "period": lambda g, p: (g.get("period") or None) == (p.get("period") or None),
        "change_pct": _change_equal,
        "metric": lambda g, p: g.get("metric") == p.get("metric"),
    },
    "anniversary": {
        "start": lambda g, p: g.get("start") == p.get("start") if g.get("start") else None,
        "date": lambda g, p: g.get("date") == p.get("date") if g.get("date") else None,
    },
    "mechanism": {
        "session": lambda g, p: (None if g.get("session") is None
                                 else _as_int(g.get("session")) == _as_int(p.get("session"))),
        "period": lambda g, p: g.get("period") == p.get("period") if g.get("period") else None,
    },
    "relation": {},
}
# the field each check compares, to show both values in a miss
_FIELD_KEYS = {"participants_f1": "participants", "location_country": "location", "role": "roles",
               "change_pct": "change_pct"}


def pair_up(gold: list[Record], pred: list[Record], likeness) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing: the most alike pairs first (ties in gold, then prediction order)."""
    candidates = sorted(((likeness(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
                        key=lambda c: (-c[0], c[1], c[2]))
    taken_g: set[int] = set()
    taken_p: set[int] = set()
    pairs = []
    for s, i, j in candidates:
        if s > 0 and i not in taken_g and j not in taken_p:
            taken_g.add(i)
            taken_p.add(j)
            pairs.append((i, j))
    return pairs


# ---- reading gold and predictions ---------------------------------------------------------------

def load_gold(folder: Path) -> dict[str, list[Record]]:
    """A folder of `<doc>.json` files, each a JSON list of records, by document id (file order)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise EvalError(f"{folder}: no such folder (--gold takes a folder of <doc>.json files)")
    gold = {}
    for f in sorted(folder.glob("*.json")):
        try:
            recs = json.loads(f.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise EvalError(f"{f}: not JSON ({e})") from None
        if not isinstance(recs, list) or not all(isinstance(r, dict) for r in recs):
            raise EvalError(f"{f}: gold must be a JSON list of records")
        gold[f.stem] = recs
    if not gold:
        raise EvalError(f"{folder}: no gold files (<doc>.json)")
    return gold


@dataclass
class Predictions:
    records: dict[str, list[Record]] = field(default_factory=dict)  # by document id, in input order
    unreadable: int = 0  # lines that are not JSON, or not a record of a known type with a doc


def read_predictions(lines: Iterable[str]) -> Predictions:
    """Records from JSON Lines (what `vndiplo extract … --format records` prints)."""
    out = Predictions()
    for line in lines:
        line = line.strip()
        if not line:
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            out.unreadable += 1
            continue
        if isinstance(rec, dict) and rec.get("type") in TYPES and rec.get("doc"):
            out.records.setdefault(str(rec["doc"]), []).append(rec)
        else:
            out.unreadable += 1
    return out


def store_predictions(db: Optional[str], docs: Iterable[str]) -> Predictions:
    """The stored facts of the given documents, as records (what `vndiplo export` writes)."""
    from vndiplo.serve.export import records
    from vndiplo.store import open_store

    wanted = set(docs)
    out = Predictions()
    store = open_store(db)
    try:
        with store.session() as s:
            for rec in records(s):
                if rec["doc"] in wanted:
                    out.records.setdefault(rec["doc"], []).append(rec)
    finally:
        store.close()
    return out


# ---- the report ---------------------------------------------------------------------------------

def _brief(rec: Record) -> str:
    """A record in a few words, for the list of misses."""
    t = rec.get("type")
    if t == "event":
        who = ", ".join(f"{p.get('name')} ({p.get('country') or '?'})" for p in rec.get("participants") or []
                        if isinstance(p, dict))
        return f"{rec.get('date') or 'no date'} {rec.get('kind') or '?'}: {who}"
    if t == "person":
        return f"{rec.get('name')} ({rec.get('country') or '?'})"
    if t == "figure":
        return (f"{rec.get('metric')} {rec.get('value')} {rec.get('unit') or ''} {rec.get('period') or ''}"
                f"{' target' if rec.get('is_target') else ''}").strip()
    if t == "anniversary":
        return f"{rec.get('years')} years of {rec.get('name')} (from {rec.get('start') or '?'})"
    if t == "mechanism":
        return (f"{rec.get('name')} [{', '.join(sorted(_countries(rec)))}]"
                + (f" session {rec.get('session')}" if rec.get("session") is not None else ""))
    if t == "relation":
        return f"{', '.join(sorted(_countries(rec)))}: {rec.get('level')}"
    return json.dumps(rec, ensure_ascii=False)


def score(gold: dict[str, list[Record]], pred: dict[str, list[Record]]) -> dict[str, Any]:
    """The report: for each type gold/pred/matched counts, precision, recall, F1 and field accuracies
    (rounded to 3 places), `macro_f1` (the mean F1 of the six types), `docs_without_output`, and
    `misses`: gold records not found, predictions not in gold, and wrong fields of matched records.
    Only documents with gold are scored."""
    counts = {t: {"gold": 0, "pred": 0, "matched": 0} for t in TYPES}
    checks: dict[str, dict[str, list[float]]] = {t: {} for t in TYPES}
    misses: list[dict] = []
    for doc, want_all in gold.items():
        got_all = pred.get(doc, [])
        for t in TYPES:
            want = [r for r in want_all if r.get("type") == t]
            got = [r for r in got_all if r.get("type") == t]
            pairs = pair_up(want, got, LIKENESS[t])
            counts[t]["gold"] += len(want)
            counts[t]["pred"] += len(got)
            counts[t]["matched"] += len(pairs)
            for name, check in FIELDS[t].items():
                for i, j in pairs:
                    v = check(want[i], got[j])
                    if v is None:
                        continue
                    checks[t].setdefault(name, []).append(float(v))
                    if float(v) < 1.0:
                        key = _FIELD_KEYS.get(name, name)
                        misses.append({"doc": doc, "type": t, "miss": "wrong_field", "field": name,
                                       "gold": want[i].get(key), "pred": got[j].get(key),
                                       "record": _brief(want[i]), "evidence": got[j].get("evidence")})
            found_g = {i for i, _ in pairs}
            found_p = {j for _, j in pairs}
            misses += [{"doc": doc, "type": t, "miss": "not_found", "record": _brief(r),
                        "evidence": r.get("evidence")} for i, r in enumerate(want) if i not in found_g]
            misses += [{"doc": doc, "type": t, "miss": "not_in_gold", "record": _brief(r),
                        "evidence": r.get("evidence")} for j, r in enumerate(got) if j not in found_p]
    report: dict[str, Any] = {}
    for t in TYPES:
        n_gold, n_pred, hits = counts[t]["gold"], counts[t]["pred"], counts[t]["matched"]
        precision = hits / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
        recall = hits / n_gold if n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[t] = {"gold": n_gold, "pred": n_pred, "matched": hits, "precision": round(precision, 3),
                     "recall": round(recall, 3), "f1": round(f1, 3),
                     "fields": {k: round(sum(v) / len(v), 3) for k, v in checks[t].items()}}
    report["macro_f1"] = round(sum(report[t]["f1"] for t in TYPES) / len(TYPES), 3)
    report["docs_without_output"] = sorted(d for d in gold if d not in pred)
    report["misses"] = misses
    return report


def format_report(report: dict[str, Any], misses: bool = True, out: Optional[IO[str]] = None) -> str:
    """The report as text: one line per type, the misses with their evidence, then `macro_f1=`."""
    lines = [f"{'type':<12}{'gold':>6}{'pred':>6}{'match':>6}{'P':>7}{'R':>7}{'F1':>7}  fields"]
    for t in TYPES:
        r = report[t]
        fields = " ".join(f"{k}={v}" for k, v in r["fields"].items())
        lines.append(f"{t:<12}{r['gold']:>6}{r['pred']:>6}{r['matched']:>6}"
                     f"{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}  {fields}")
    if report.get("unreadable_lines"):
        lines.append(f"unreadable or invalid lines: {report['unreadable_lines']}")
    if report["docs_without_output"]:
        lines.append(f"documents with no records: {len(report['docs_without_output'])} "
                     f"({', '.join(report['docs_without_output'][:10])}"
                     f"{', …' if len(report['docs_without_output']) > 10 else ''})")
    if misses and report["misses"]:
        lines.append("")
        lines.append(f"misses ({len(report['misses'])}):")
        for m in report["misses"]:
            what = {"not_found": "not found  ", "not_in_gold": "not in gold",
                    "wrong_field": "wrong field"}[m["miss"]]
            detail = (f"{m['field']}: gold {json.dumps(m['gold'], ensure_ascii=False)}, "
                      f"read {json.dumps(m['pred'], ensure_ascii=False)} — {m['record']}"
                      if m["miss"] == "wrong_field" else m["record"])
            lines.append(f"  {m['doc']} {m['type']:<11} {what}  {detail}")
            if m.get("evidence"):
                lines.append(f"      “{' '.join(str(m['evidence']).split())}”")
    lines.append(f"macro_f1={report['macro_f1']:.3f}")
    return "\n".join(lines) + "\n"
