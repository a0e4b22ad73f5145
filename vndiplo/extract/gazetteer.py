"""Domain knowledge loaded from the TSV files in vndiplo/data/.

Each table is a tab-separated file with a header row; lines starting with
`#` above the header describe the table and its source. `table(name)` gives
the rows as dicts; `gazetteer()` builds (once per process) the matchers the
extractors share: places (countries, subdivisions, cities, organisations)
found in one regex pass, longest name first, case-sensitively (proper nouns
are capitalised; "cập nhật" must not read as Japan).
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


def _alternation(names: Iterable[str]) -> str:
    uniq = sorted({fold_tones(n) for n in names if n}, key=lambda s: (-len(s), s))
    return "|".join(re.escape(n) for n in uniq)


class Gazetteer:
    """Countries, subdivisions, cities and organisations with their names."""

    def __init__(self) -> None:
        self.countries = {r["code"]: r for r in table("countries")}
        self.subdivisions = {r["code"]: r for r in table("subdivisions")}
        self.organisations = {r["code"]: r for r in table("organisations")}
        self.cities = list(table("cities"))
        # surface form -> (kind, code, country)
        self._strong: dict[str, tuple[str, str, str | None]] = {}
        self._weak: dict[str, tuple[str, str, str | None]] = {}
        for r in self.cities:
            for n in [r["name_vi"], *split_list(r.get("aliases"))]:
                self._strong[fold_tones(n)] = ("city", r["name_vi"], r["country"])
        for code, r in self.organisations.items():
            for n in [r["name_vi"], *split_list(r.get("aliases"))]:
                self._strong[fold_tones(n)] = ("org", code, None)
        for code, r in self.subdivisions.items():
            for n in [r["name_vi"], *split_list(r.get("aliases"))]:
                self._strong[fold_tones(n)] = ("subdivision", code, r["country"])
        for code, r in self.countries.items():
            for n in [r["name_vi"], *split_list(r.get("aliases"))]:
                self._strong[fold_tones(n)] = ("country", code, code)
            for n in split_list(r.get("weak_aliases")):
                self._weak[fold_tones(n)] = ("country", code, code)
        self._strong_re = re.compile(rf"(?<!{_WORD})(?:{_alternation(self._strong)})(?!{_WORD})")
        weak = _alternation(self._weak)
        self._weak_re = re.compile(rf"(?<!{_WORD})(?:{weak})(?!{_WORD})") if weak else None
        cues = [fold_tones(r["phrase"]) for r in table("cues") if r["group"] == "country_cue"]
        self._cue_re = re.compile(
            r"(?:" + "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True)) + r")\s*$"
        ) if cues else None
        self._by_name = {fold_diacritics(k).lower(): v for k, v in self._strong.items()}
        for code, r in self.countries.items():
            self._by_name.setdefault(code.lower(), ("country", code, code))
            if r.get("name_en"):
                self._by_name.setdefault(r["name_en"].lower(), ("country", code, code))

    def find_places(self, text: str) -> list[Mention]:
        """Every place or organisation name in `text`, left to right, not overlapping."""
        folded = fold_tones(text)
        out = [self._mention(m, self._strong, text) for m in self._strong_re.finditer(folded)]
        if self._weak_re is not None:
            taken = [(m.start, m.end) for m in out]
            for m in self._weak_re.finditer(folded):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                if self._cue_re is not None and self._cue_re.search(folded[max(0, m.start() - 40):m.start()]):
                    out.append(self._mention(m, self._weak, text))
        out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _mention(m: re.Match, names: dict, text: str) -> Mention:
        kind, code, country = names[m.group(0)]
        return Mention(m.start(), m.end(), text[m.start():m.end()], kind, code, country)

    def lookup(self, name: str) -> tuple[str, str, str | None] | None:
        """(kind, code, country) for a name, code or English name, ignoring case and marks."""
        return self._by_name.get(fold_diacritics(nfc(name.strip())).lower())

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
