"""Domain knowledge loaded from the TSV files in vndiplo/data/.

Each table is a tab-separated file with a header row; lines starting with
`#` above the header describe the table and its source. `table(name)` gives
the rows as dicts; `gazetteer()` builds (once per process) the matchers the
extractors share: places (countries, subdivisions, cities, organisations)
found in one regex pass, longest name first, case-sensitively (proper nouns
are capitalised; "cập nhật" must not read as Japan).

The names go into an Aho-Corasick automaton (pyahocorasick), so a text is
scanned once in C whatever the number of names (thousands); hits that do
not start and end at word boundaries are dropped and the leftmost-longest
remain, as a "longest name first" regex alternation would give. The text is
first put in the names' canonical form: a dash with or without spaces
around it ("Mekong-Lan Thương", "Mekong - Lan Thương") is one "-", a run of
spaces is one " ", and offsets are mapped back to the original text. Names of
three words or more also match in any capitalisation (they are unambiguous
and their capitals vary: "Liên hợp quốc", "Liên Hợp Quốc").

Ambiguity is handled with data from cues.tsv rather than code: weak aliases
("Anh", "Nhật", "Trung") count only after a cue word or next to another
country name ("Việt - Trung"); a short place name right after a personal
name part ("Nguyễn Văn Anh", "Phạm Thị Nga") is a person's name; phrases
such as "Pháp luật" or "Thái Bình Dương" are matched and dropped.
"""
from __future__ import annotations

import bisect
import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Iterable

import ahocorasick

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
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})  # one apostrophe: Côte d’Ivoire
_ANY_APOSTROPHE = re.compile("[’‘ʼ`]")  # (translating a whole text costs more than looking for them first)
# Where a text may differ from the canonical form of names: a dash, a space other than " ", two spaces.
_ODD_SPOT = re.compile(r"[-–—]|[^\S\n ]|  ")
_GAPS = frozenset(ch for ch in map(chr, range(0x3001)) if re.fullmatch(_GAP, ch))
# How a space and a dash inside a name are matched in a text.
_TOKEN_PATTERN = {" ": rf"{_GAP}+", "-": rf"{_GAP}*[{_DASHES}]{_GAP}*"}
# Kinds first registered win a name shared by several (a capital named like its country is the country;
# a city named like its province is the city).
_PRIORITY = ("blocked", "country", "city", "subdivision", "org")

Entry = tuple[str, str, "str | None"]  # (kind, code, country)


def name_key(name: str) -> str:
    """The form a name is indexed under: tone-folded, one space, one plain dash without spaces, one apostrophe."""
    return _SPACE_RE.sub(" ", _DASH_RE.sub("-", fold_tones(nfc(name.strip())))).translate(_APOSTROPHES)


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


def _automaton(names: Iterable[str]) -> ahocorasick.Automaton | None:
    auto = ahocorasick.Automaton()
    for key in names:
        auto.add_word(key, len(key))
    if len(auto) == 0:
        return None
    auto.make_automaton()
    return auto


def _name_follows(text: str, end: int) -> bool:
    """True when the next word after `end` (same line) is capitalised."""
    i, n = end, len(text)
    while i < n and text[i] in _GAPS:
        i += 1
    return i > end and i < n and text[i].isupper()


class _Canonical:
    """A folded text in the canonical form of names, with the map back to original offsets."""

    __slots__ = ("text", "_norm", "_orig")

    def __init__(self, folded: str) -> None:
        pieces, self._norm, self._orig = [], [0], [0]
        pos = size = 0
        n = len(folded)
        for m in _ODD_SPOT.finditer(folded):
            i = m.start()
            if i < pos:
                continue  # inside the spot just replaced
            a, b = i, i
            while a > pos and folded[a - 1] in _GAPS:
                a -= 1
            while b < n and folded[b] in _GAPS:
                b += 1
            dash = b < n and folded[b] in _DASHES
            if dash:
                b += 1
                while b < n and folded[b] in _GAPS:
                    b += 1
            sub = "-" if dash else " "
            if b == a or folded[a:b] == sub:
                continue
            pieces.append(folded[pos:a])
            size += a - pos + 1
            pieces.append(sub)
            pos = b
            self._norm.append(size)
            self._orig.append(pos)
        pieces.append(folded[pos:])
        text = "".join(pieces)
        self.text = text.translate(_APOSTROPHES) if _ANY_APOSTROPHE.search(text) else text

    def original(self, i: int) -> int:
        """Offset in the original text of the character at canonical offset `i` (outside odd spots)."""
        k = bisect.bisect_right(self._norm, i) - 1
        return self._orig[k] + i - self._norm[k]


def _fused(text: str, i: int) -> bool:
    """A word boundary lost with its space: a small letter then a capital, one of them Vietnamese
    ("Lãnh sựTrung Quốc"); "McClay" stays one word."""
    a, b = text[i - 1], text[i]
    return a.islower() and b.isupper() and not (a.isascii() and b.isascii())


def _hits(sources: list[tuple[ahocorasick.Automaton | None, str]]) -> list[tuple[int, int, int]]:
    """(start, end, source) of names found at word boundaries, leftmost-longest, not overlapping.

    `sources` are (automaton, text) pairs over texts of equal length (the canonical text and its lower-case
    copy); at equal spans the earlier source wins.
    """
    spans = []
    ref = next((t for a, t in sources if a is not None), "")  # the first text keeps its case
    for k, (auto, text) in enumerate(sources):
        if auto is None:
            continue
        n = len(text)
        for last, size in auto.iter(text):
            start, end = last - size + 1, last + 1
            if start > 0 and text[start - 1].isalnum() and text[start].isalnum() and not _fused(ref, start):
                continue
            if end < n and text[end].isalnum() and text[last].isalnum() and not _fused(ref, end):
                continue
            spans.append((start, -end, k))
    spans.sort()
    out, reach = [], 0
    for start, neg_end, k in spans:
        if start >= reach:
            out.append((start, -neg_end, k))
            reach = -neg_end
    return out


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
        # Long names (three words or more) are unambiguous: they also match whatever their case
        # ("Hội đồng Bảo an Liên Hợp Quốc", "Cộng hòa dân chủ nhân dân Lào").
        self._long: dict[str, Entry] = {}
        for key, entry in self._strong.items():
            if (key.count(" ") >= 2 or (" " in key and "-" in key)) and len(key.lower()) == len(key):
                self._long.setdefault(key.lower(), entry)
        self._strong_auto = _automaton(self._strong)
        self._long_auto = _automaton(self._long)
        self._weak_auto = _automaton(self._weak)
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
        canon = _Canonical(folded)
        out: list[Mention] = []
        taken: list[tuple[int, int]] = []
        lower = canon.text.lower()
        sources = [(self._strong_auto, canon.text)]
        if len(lower) == len(canon.text):
            sources.append((self._long_auto, lower))
        for s, e, k in _hits(sources):
            entry = self._strong[canon.text[s:e]] if k == 0 else self._long[lower[s:e]]
            start, end = canon.original(s), canon.original(e - 1) + 1
            taken.append((start, end))
            if entry[0] == "blocked" or self._is_name_part(folded, start, end, entry):
                continue
            out.append(Mention(start, end, text[start:end], *entry))
        pending = []
        starts = [s for s, _ in taken]
        for s, e, _ in _hits([(self._weak_auto, canon.text)]):
            entry = self._weak[canon.text[s:e]]
            start, end = canon.original(s), canon.original(e - 1) + 1
            k = bisect.bisect_left(starts, end)
            if k and taken[k - 1][1] > start:
                continue  # inside a strong name (or a not_place phrase)
            if self._is_name_part(folded, start, end, entry):
                continue
            mention = Mention(start, end, text[start:end], *entry)
            cue = self._cue_re.get(entry[0])
            hit = cue.search(folded, max(0, start - 40), start) if cue is not None else None
            # After a title ("Thủ tướng Anh Keir Starmer") a capitalised word is the holder's name; after a
            # plain word ("với Anh Tuấn") or in a list it means the weak word starts a personal name.
            if hit is not None and (hit.group(0)[0].isupper() or not _name_follows(folded, end)):
                out.append(mention)
            elif entry[0] == "country" and not _name_follows(folded, end):
                pending.append(mention)
        if pending:
            out.extend(self._joined(folded, out, pending))
        out.sort(key=lambda m: m.start)
        return out

    def _is_name_part(self, folded: str, start: int, end: int, entry: Entry) -> bool:
        """True when a short place name follows a personal name part ("Phạm Thị Nga")."""
        if entry[0] == "org" or self._name_before_re is None or folded.count(" ", start, end) > 1:
            return False
        return self._name_before_re.search(folded, max(0, start - 20), start) is not None

    def _joined(self, folded: str, found: list[Mention], pending: list[Mention]) -> list[Mention]:
        """Weak country names joined to a country mention by a joiner ("Việt - Trung", "Đức và Áo")."""
        if self._joiner_re is None:
            return []
        items = sorted([(m, True) for m in found if m.kind == "country"] + [(m, False) for m in pending],
                       key=lambda x: x[0].start)
        ok = [a for _, a in items]
        changed = True
        while changed:
            changed = False
            for i, (m, _) in enumerate(items):
                if ok[i]:
                    continue
                left = i > 0 and ok[i - 1] and self._joiner_re.fullmatch(folded, items[i - 1][0].end, m.start)
                right = (i + 1 < len(items) and ok[i + 1]
                         and self._joiner_re.fullmatch(folded, m.end, items[i + 1][0].start))
                if left or right:
                    ok[i] = changed = True
        return [m for (m, was), now in zip(items, ok) if now and not was]

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
