"""Who a named person is: known spellings, the original form a text gives, fragments that are no person.

- `known_person`: the figures of data/persons.tsv, found by their name or any alias (other
  spellings, transliterations, name orders), give one canonical name and a country;
- `original_in_text`: a transliterated name followed by its original spelling in brackets
  ("Cờ-rếc Chít-tích (Craig Chittick)") links the two spellings;
- `junk_reason`: a one-letter name, a lone syllable or given name that no full name of the same
  article explains, or a phrase with a party's or an organisation's word is never a person;
- `repair_fused`: a Vietnamese name fused with the next word ("Nguyễn Tấn DũngChủ") is cut back;
- `in_link_list`: a fact read from a list of other articles' headlines left after the article (a
  "most read" sidebar the cleaner did not recognise) makes no person and no event;
- `spelling_close` and `roles_compatible`: two romanised or transliterated spellings of one
  foreign name (two outlets' "Sẻng Phết Hùng Bun Nhuông" and "Sengphet Houngboungnuang").
"""
from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from vndiplo.data.gazetteer import table
from vndiplo.text import fold_tones, nfc, search_key, squash_spaces

__all__ = ["in_link_list", "known_person", "original_in_text", "junk_reason", "repair_fused", "flat_key", "squashed",
           "spelling_close", "roles_compatible", "SPELLING_THRESHOLD"]

SPELLING_THRESHOLD = 85  # rapidfuzz ratio (0-100) of two spellings with spaces and hyphens removed


def flat_key(name: str) -> str:
    """No marks, lower case, hyphens and dots as spaces: "Roh Moo-hyun" and "Roh Moo Hyun" agree."""
    s = search_key(nfc(name or "").replace("Ð", "Đ").replace("ð", "đ"))
    return " ".join(re.sub(r"[-‐–.'’]", " ", s).split())


def squashed(name: str) -> str:
    """Letters only: syllables written apart or together compare alike ("Sẻng Phết" / "Sengphet")."""
    return re.sub(r"[\W\d_]", "", flat_key(name))


@functools.cache
def _known() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    ambiguous: set[str] = set()
    for r in table("persons"):
        name, country = _drop_title(r["name"]), r["country"]
        for form in [r["name"], *(a for a in (r.get("aliases") or "").split("|") if a.strip())]:
            k = flat_key(_drop_title(form))
            if not k:
                continue
            if k in out and out[k] != (name, country):
                ambiguous.add(k)
            out.setdefault(k, (name, country))
    for k in ambiguous:  # one spelling of two figures names neither
        out.pop(k, None)
    return out


@functools.cache
def _titles() -> tuple[str, ...]:
    words = [r["title_vi"] for r in table("titles")] + [r["word"] for r in table("honorifics")] \
        + [r["phrase"] for r in table("person_names") if r["group"] == "mononym_title"]
    return tuple(sorted({fold_tones(w).lower() for w in words if w}, key=len, reverse=True))


def _drop_title(form: str) -> str:
    low = fold_tones(form).lower()
    for t in _titles():
        if low.startswith(t + " ") and len(form) > len(t) + 1:
            return form[len(t) + 1:]
    return form


def known_person(name: str) -> tuple[str, str] | None:
    """(canonical name, country) of a figure of data/persons.tsv written as `name`, else None."""
    return _known().get(flat_key(name))


_LATIN_NAME = re.compile(r"^[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|[a-z]{1,4}))*$")


def original_in_text(name: str, text: str | None) -> str | None:
    """The original spelling a text gives in brackets right after `name`, if it reads as a romanised
    name of two words or more ("Cờ-rếc Chít-tích (Craig Chittick)" -> "Craig Chittick")."""
    if not text or not name:
        return None
    for m in re.finditer(re.escape(name) + r"\s*\(([^()\n]{3,60})\)", text):
        inner = squash_spaces(m.group(1)).strip()
        if len(inner.split()) >= 2 and _LATIN_NAME.match(inner) and search_key(inner) == inner.lower() \
                and flat_key(inner) != flat_key(name):
            return inner
    return None


@functools.cache
def _not_person() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(r"(?<![\w.])" + re.escape(fold_tones(r["phrase"]).lower()) + r"(?![\w])")
                 for r in table("person_names") if r["group"] == "not_person")


@functools.cache
def _mononym_titles() -> frozenset[str]:
    return frozenset(fold_tones(r["phrase"]).lower() for r in table("person_names") if r["group"] == "mononym_title")


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_]{1,2}\.?", word)) and (word.endswith(".") or len(word) == 1)


def junk_reason(name: str, roles: list[str] | None = None) -> str | None:
    """Why `name` is no person to give a page to, or None. Call it for a name that joined no person:
    a single word passes only as a known figure or under a monarch's title (initials and a name, "D.
    Davaasuren", are a name)."""
    n = nfc(name or "").replace("Ð", "Đ").replace("ð", "đ").strip()
    letters = re.sub(r"[\W\d_]", "", n)
    if len(letters) < 2:
        return "one letter"
    low = fold_tones(n).lower()
    for pat in _not_person():
        if pat.search(low):
            return "a party's or an organisation's name"
    words = n.split()
    if all(_is_initial(w) for w in words):
        return "initials only"
    if len(words) == 1 and known_person(n) is None:
        titles = {fold_tones(r).lower().strip() for r in roles or []}
        if not any(t.startswith(m) or t.endswith(m) for t in titles for m in _mononym_titles()):
            return "a lone name"
    return None


def repair_fused(name: str) -> str:
    """Cut a Vietnamese name where a capitalised word runs into its last syllable ("Nguyễn Tấn DũngChủ"
    -> "Nguyễn Tấn Dũng"). Romanised names keep inner capitals (McClay, DeSantis)."""
    words = name.split()
    if not words or search_key(name) == name.lower():
        return name
    last = words[-1]
    cut = next((i for i in range(1, len(last)) if last[i - 1].islower() and last[i].isupper()), None)
    if cut is not None and len(words) >= 2:
        return " ".join(words[:-1] + [last[:cut]])
    return name


def spelling_close(a: str, b: str) -> bool:
    """Two spellings of one foreign name: the same letters give or take a few, the same first letter,
    written apart or together, with or without marks."""
    sa, sb = squashed(a), squashed(b)
    if not sa or not sb or sa[0] != sb[0] or min(len(sa), len(sb)) < 8:
        return False
    if min(len(sa), len(sb)) / max(len(sa), len(sb)) < 0.75:
        return False
    return fuzz.ratio(sa, sb) >= SPELLING_THRESHOLD


def roles_compatible(a: set[str], b: set[str]) -> bool:
    """Role keys (names.role_key) of two spellings: compatible if either has none, or one office
    appears in both (one names it more fully than the other)."""
    if not a or not b:
        return True
    return any(x == y or x in y or y in x or fuzz.token_set_ratio(x, y) >= 90 for x in a for y in b)


_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$")
LINK_LIST_MIN_LINES = 3  # headlines in a row after the article's last sentence
LINK_LIST_MAX_CHARS = 150  # a headline is one short line


def in_link_list(text: str | None, start: int | None, end: int | None) -> bool:
    """Whether text[start:end] lies in a run of at least three short lines that end no sentence, after
    the last line of the article that does (the headlines of a sidebar, not the article's own words)."""
    if not text or start is None or end is None or end <= start:
        return False
    lines, pos = [], 0
    for ln in text.split("\n"):
        lines.append((pos, pos + len(ln), ln.strip()))
        pos += len(ln) + 1
    ended = [i for i, (_, _, ln) in enumerate(lines) if ln and _SENTENCE_END.search(ln)]
    if not ended:
        return False  # no sentence at all: captions or a list page, not an article with a sidebar
    tail = [x for x in lines[ended[-1] + 1:] if x[2]]
    if len(tail) < LINK_LIST_MIN_LINES or any(len(ln) > LINK_LIST_MAX_CHARS for _, _, ln in tail):
        return False
    return any(a <= start and end <= b + 1 for a, b, _ in tail)
