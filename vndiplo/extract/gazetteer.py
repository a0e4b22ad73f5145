"""Domain knowledge loaded from the TSV files in vndiplo/data/.

Each table is a tab-separated file with a header row; lines starting with
`#` above the header describe the table and its source. `table(name)` gives
the rows as dicts; `gazetteer()` builds (once per process) the matchers the
extractors share: places (countries, subdivisions, cities, organisations)
found in one regex pass, longest name first, case-sensitively (proper nouns
are capitalised; "cập nhật" must not read as Japan).

The names are compiled into a character trie rendered as one regex, so a
text is scanned once whatever the number of names (thousands), and the
regex engine's backtracking still gives "longest name that ends at a word
boundary". A dash with or without spaces around it ("Mekong-Lan Thương",
"Mekong - Lan Thương") and any run of spaces count as the same name.

Ambiguity is handled with data from cues.tsv rather than code: weak aliases
("Anh", "Nhật", "Trung") count only after a cue word or next to another
country name ("Việt - Trung"); a short place name right after a personal
name part ("Nguyễn Văn Anh", "Phạm Thị Nga") is a person's name; phrases
such as "Pháp luật" or "Thái Bình Dương" are matched and dropped.
"""
from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

from vndiplo.text import fold_diacritics, fold_tones, nfc

__all__ = ["Mention", "Gazetteer", "gazetteer", "table", "split_list"]

DATA_PACKAGE = "vndiplo.data"


def split_list(cell: str | None, sep: str = "|") -> list[str]:
    return [nfc(x.strip()) for x in (cell or "").split(sep) if x.strip()]


@functools.cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of data/<name>.tsv as dicts (NFC, stripped)."""
    text = resources.files(DATA_PACKAGE).joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rows = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: nfc((v or "").strip()) for k, v in r.items() if k} for r in rows)


@dataclass(frozen=True)
class Mention:
    """A gazetteer name found in a text."""

    start: int
    end: int
    text: str
    kind: str  # country | subdivision | city | org
    code: str  # ISO 3166-1/-2 code, ORG:..., or the city's name
    country: str | None  # the country it belongs to (None for organisations)


_WORD = r"[^\W_]"
_GAP = r"[^\S\n]"  # horizontal white space: names never run across lines
_DASHES = "-–—"
_DASH_RE = re.compile(rf"{_GAP}*[{_DASHES}]{_GAP}*")
_SPACE_RE = re.compile(rf"{_GAP}+")
# How a space and a dash inside a name are matched in a text.
_TOKEN_PATTERN = {" ": rf"{_GAP}+", "-": rf"{_GAP}*[{_DASHES}]{_GAP}*"}
# Kinds first registered win a name shared by several (a capital named like its country is the country;
# a city named like its province is the city).
_PRIORITY = ("blocked", "country", "city", "subdivision", "org")

Entry = tuple[str, str, "str | None"]  # (kind, code, country)


def name_key(name: str) -> str:
    """The form a name is indexed under: tone-folded, one space, one plain dash without spaces."""
    return _SPACE_RE.sub(" ", _DASH_RE.sub("-", fold_tones(nfc(name.strip()))))


def trie_regex(names: Iterable[str]) -> str:
    """One regex (no anchors) matching any of `names` (keys from name_key), longest first."""
    root: dict = {}
    for name in names:
        if not name:
            continue
        node = root
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _render(root)


def _render(node: dict) -> str:
    alts = []
    for ch in sorted(k for k in node if k):
        head = _TOKEN_PATTERN.get(ch) or re.escape(ch)
        alts.append(head + _render(node[ch]))
    if not alts:
        return ""
    terminal = "" in node
    if len(alts) == 1 and not terminal:
        return alts[0]
    body = "(?:" + "|".join(alts) + ")"
    return body + "?" if terminal else body


def _bounded(names: Iterable[str]) -> re.Pattern | None:
    body = trie_regex(names)
    return re.compile(rf"(?<!{_WORD})(?:{body})(?!{_WORD})") if body else None


def _suffix_re(phrases: Iterable[str], gap: str) -> re.Pattern | None:
    """Matches when a text ends with one of `phrases` (at a word start) plus `gap`."""
    body = trie_regex(name_key(p) for p in phrases)
    return re.compile(rf"(?<!{_WORD})(?:{body}){gap}$") if body else None


class Gazetteer:
    """Countries, subdivisions, cities and organisations with their names."""

    def __init__(self) -> None:
        self.countries = {r["code"]: r for r in table("countries")}
        self.subdivisions = {r["code"]: r for r in table("subdivisions")}
        self.organisations = {r["code"]: r for r in table("organisations")}
        self.cities = list(table("cities"))
        cues: dict[str, list[str]] = {}
        for r in table("cues"):
            cues.setdefault(r["group"], []).append(r["phrase"])
        # name key -> (kind, code, country); `conflicts` keeps (name, kept, dropped) for review and tests.
        self._strong: dict[str, Entry] = {}
        self._weak: dict[str, Entry] = {}
        self.conflicts: list[tuple[str, Entry, Entry]] = []
        weak_names = {name_key(n) for r in self.countries.values() for n in split_list(r.get("weak_aliases"))}
        weak_names |= {name_key(n) for r in self.cities for n in split_list(r.get("weak_aliases"))}
        for kind in _PRIORITY:
            for names, entry in self._entries(kind, cues):
                for n in names:
                    key = name_key(n)
                    if key in weak_names:
                        continue
                    self._add(self._strong, key, entry)
        for r in self.countries.values():
            for n in split_list(r.get("weak_aliases")):
                self._add(self._weak, name_key(n), ("country", r["code"], r["code"]))
        for r in self.cities:
            for n in split_list(r.get("weak_aliases")):
                self._add(self._weak, name_key(n), ("city", r["name_vi"], r["country"]))
        self._strong_re = _bounded(self._strong)
        self._weak_re = _bounded(self._weak)
        self._cue_re = {
            "country": _suffix_re(cues.get("country_cue", []), rf"{_GAP}*"),
            "city": _suffix_re(cues.get("city_cue", []), rf"{_GAP}*"),
        }
        self._name_before_re = _suffix_re(cues.get("name_before", []), rf"{_GAP}+")
        joiners = "|".join(re.escape(fold_tones(j)) for j in cues.get("country_joiner", []))
        self._joiner_re = re.compile(rf"{_GAP}*(?:{joiners}){_GAP}*") if joiners else None
        self._by_name: dict[str, Entry] = {}
        for key, entry in [*self._strong.items(), *self._weak.items()]:
            if entry[0] != "blocked":
                self._by_name.setdefault(self._lookup_key(key), entry)
        for code, r in self.countries.items():
            self._by_name.setdefault(code.lower(), ("country", code, code))
            if r.get("name_en"):
                self._by_name.setdefault(self._lookup_key(r["name_en"]), ("country", code, code))
        for code, r in self.subdivisions.items():
            self._by_name.setdefault(code.lower(), ("subdivision", code, r["country"]))
            if r.get("name_en"):
                self._by_name.setdefault(self._lookup_key(r["name_en"]), ("subdivision", code, r["country"]))
        for code, r in self.organisations.items():
            self._by_name.setdefault(code.lower(), ("org", code, None))
            if r.get("name_en"):
                self._by_name.setdefault(self._lookup_key(r["name_en"]), ("org", code, None))

    def _entries(self, kind: str, cues: dict[str, list[str]]):
        """(names, entry) pairs of one kind, in file order."""
        if kind == "blocked":
            for p in cues.get("not_place", []):
                yield [p], ("blocked", p, None)
        elif kind == "country":
            for code, r in self.countries.items():
                yield [r["name_vi"], *split_list(r.get("aliases"))], ("country", code, code)
        elif kind == "city":
            for r in self.cities:
                yield [r["name_vi"], *split_list(r.get("aliases"))], ("city", r["name_vi"], r["country"])
        elif kind == "subdivision":
            for code, r in self.subdivisions.items():
                yield [r["name_vi"], *split_list(r.get("aliases"))], ("subdivision", code, r["country"])
        else:
            for code, r in self.organisations.items():
                yield [r["name_vi"], *split_list(r.get("aliases"))], ("org", code, None)

    def _add(self, names: dict[str, Entry], key: str, entry: Entry) -> None:
        old = names.get(key)
        if old is None:
            names[key] = entry
        elif old[:2] != entry[:2]:
            self.conflicts.append((key, old, entry))

    @staticmethod
    def _lookup_key(name: str) -> str:
        return fold_diacritics(name_key(name)).lower()

    def find_places(self, text: str) -> list[Mention]:
        """Every place or organisation name in `text`, left to right, not overlapping."""
        folded = fold_tones(text)
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        if self._strong_re is not None:
            for m in self._strong_re.finditer(folded):
                taken.append(m.span())
                entry = self._strong[name_key(m.group(0))]
                if entry[0] == "blocked" or self._is_name_part(folded, m, entry):
                    continue
                out.append(self._mention(m, entry, text))
        if self._weak_re is not None:
            pending = []
            for m in self._weak_re.finditer(folded):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                entry = self._weak[name_key(m.group(0))]
                if self._is_name_part(folded, m, entry):
                    continue
                cue = self._cue_re.get(entry[0])
                if cue is not None and cue.search(folded, max(0, m.start() - 40), m.start()):
                    out.append(self._mention(m, entry, text))
                elif entry[0] == "country":
                    pending.append((m, entry))
            out.extend(self._joined(folded, text, out, pending))
        out.sort(key=lambda m: m.start)
        return out

    def _is_name_part(self, folded: str, m: re.Match, entry: Entry) -> bool:
        """True when a short place name follows a personal name part ("Phạm Thị Nga")."""
        if entry[0] == "org" or self._name_before_re is None or m.group(0).count(" ") > 1:
            return False
        return self._name_before_re.search(folded, max(0, m.start() - 20), m.start()) is not None

    def _joined(self, folded: str, text: str, found: list[Mention], pending: list) -> list[Mention]:
        """Weak country names joined to a country mention by a joiner ("Việt - Trung", "Đức và Áo")."""
        if self._joiner_re is None:
            return []
        countries = [(m.start, m.end) for m in found if m.kind == "country"]
        accepted: list[Mention] = []
        changed = True
        while changed and pending:
            changed = False
            for item in list(pending):
                m, entry = item
                for s, e in countries:
                    gap = (e, m.start()) if e <= m.start() else (m.end(), s)
                    if gap[0] <= gap[1] and self._joiner_re.fullmatch(folded, *gap):
                        mention = self._mention(m, entry, text)
                        accepted.append(mention)
                        countries.append((mention.start, mention.end))
                        pending.remove(item)
                        changed = True
                        break
        return accepted

    @staticmethod
    def _mention(m: re.Match, entry: Entry, text: str) -> Mention:
        kind, code, country = entry
        return Mention(m.start(), m.end(), text[m.start():m.end()], kind, code, country)

    def lookup(self, name: str) -> tuple[str, str, str | None] | None:
        """(kind, code, country) for a name, code or English name, ignoring case and marks."""
        return self._by_name.get(self._lookup_key(name))

    def country_name(self, code: str) -> str:
        r = self.countries.get(code) or self.subdivisions.get(code) or self.organisations.get(code)
        return r["name_vi"] if r else code

    def members(self, org_code: str) -> list[str]:
        r = self.organisations.get(org_code)
        return sorted(split_list(r.get("members"), " ")) if r else []


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once: Spark tasks reuse it per worker)."""
    return Gazetteer()
