"""Named cooperation mechanisms, agreements, programmes and strategies (SCHEMA `mechanism`).

A mechanism is read from a head noun (data/mechanism_heads.tsv: "Ủy ban hỗn hợp",
"Thỏa thuận", "Chương trình", "Tham vấn Chính trị" ...) and the words after it up to a
sensible end: a clause mark, a lower-case function word or verb that starts a new phrase
(data/mechanism_cues.tsv `name_stop`: "nhằm", "do", "với các", "ký" ...), an ordinal ("lần thứ
6", read as the session) or a date after a standing body (the date of a meeting, not of the
body). A comma continues the name only inside a topic list ("về Hợp tác kinh tế, văn hóa, khoa
học và kỹ thuật") or a list of capitalised words ("Chính trị, An ninh và Quốc phòng"), never
into the next mechanism of a list. The session may also stand before the name ("Kỳ họp lần thứ
21 Ủy ban ..."); the period is a "YYYY-YYYY" range in the name or in brackets after it.

A mention is a mechanism only when it has an identity: a period, a session, a country,
organisation or framework in its name, an acronym, a quoted name, a date (documents), a
topic ("về lao động"), a recurring mark ("thường niên"), a capitalised qualifier after a
capitalised head ("Tham vấn Chính trị"), three specific words after a formal document's head
("Hiệp định phân định ranh giới vùng đặc quyền kinh tế"), or a joint body's head alone
("Ủy ban hỗn hợp", not "Ủy ban Biên giới quốc gia"). Plural or demonstrative mentions ("các
thỏa thuận", "Chiến lược này") are references, not names. Some heads need more (see the data
files): a conference is a mechanism only as a cooperation series ("Hội nghị ... hợp tác ...",
a framework's or a bilateral meeting, "thường niên"), not as a summit of an organisation; a
dialogue needs a topic or a country (not "Đối thoại Shangri-La"); a programme, plan or strategy
must show cooperation, not a domestic plan; a bare "Tuyên bố" needs a capitalised name.

Multilateral cooperation frameworks (data/cooperation_frameworks.tsv: ACMECS, Tiểu vùng Mekong
mở rộng ...) are mechanisms wherever they are named, with their members as parties.

Parties: the countries named in the name (a foreign pair without Viet Nam stays a pair), else
the members of a framework or an organisation named as a side, else a foreign pair before the
name in its clause ("Thái Lan cùng Campuchia vừa ký Tuyên bố chung"), else the clause's parties
(context.parties_at). Mentions of one mechanism in an article are merged: same parties and one
name inside the other, or the same acronym, or the same session of the same kind; a short
mention that takes its parties from context ("Ủy ban liên Chính phủ") joins a fuller named one
shortly before it in the same section.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from vndiplo.extract.context import (
    HOME, bilateral_parties, evidence_span, foreign_pair, home_province, in_caption, places_between,
    section_counterpart,
)
from vndiplo.extract.doc import Doc
from vndiplo.data.gazetteer import gazetteer, split_list, table
from vndiplo.extract.phrases import PhraseFinder, lower_fold
from vndiplo.extract.tokens import key
from vndiplo.records import Fact, Mechanism
from vndiplo.text import fold_diacritics, fold_tones

__all__ = ["extract", "find_mechanisms", "MechanismMention"]

_W = r"[^\W_]"
_NUMBER_WORDS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                 "tám": 8, "chín": 9, "mười": 10}
_ROMAN = re.compile(r"^[IVXLC]+$")
_ORDINAL = r"(\d{1,3}|[IVXLC]{1,7}|nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)"
_SESSION_AFTER = re.compile(
    rf"\s*(?:\(\s*[A-Z][A-Za-z0-9&\- ]{{1,14}}\)\s*)?,?\s*(?:(?:đã\s+|vừa\s+|sẽ\s+)?họp\s+)?(?:lần|khóa|kỳ họp|phiên họp|kỳ|phiên)\s+"
    rf"(?:thứ\s+)?(?:{_ORDINAL}|(?P<first>đầu(?:\s+tiên)?))(?!{_W})",
    re.IGNORECASE)
_YEARS = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-–—/]\s*((?:19|20)\d\d)(?!\d)")
_PERIOD_AFTER = re.compile(r"\s+giai\s+đoạn\s+(?:19|20)\d\d\s*[-–—]\s*(?:19|20)\d\d(?!\d)", re.IGNORECASE)
_LATER_SESSION = re.compile(rf"(?<!{_W})(?:tại|trong|ở)\s+(?:kỳ\s+họp|phiên\s+họp)\s+(?:lần\s+)?thứ\s+{_ORDINAL}(?!{_W})",
                            re.IGNORECASE)
_PERIOD_LATE = re.compile(
    r"\s*,?\s*(?:của\s+(?:hai|ba|các)\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+)?(?:trong|cho)\s+giai\s+đoạn\s+"
    r"((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_YEARS_PAREN_AFTER = re.compile(r"\s*\(\s*((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\s*\)")
_DATE = re.compile(r"\s*ngày\s+\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{4})?", re.IGNORECASE)
_TOKEN = re.compile(
    r"(?P<quote>[“\"][^”\"\n]{1,80}[”\"])"
    r"|(?P<paren>\([^()\n]{1,60}\))"
    rf"|(?P<word>{_W}+(?:[-–/.,+]{_W}+)*)"
    r"|(?P<dash>[-–—])"
    r"|(?P<punct>\S)")
_ACRONYM = re.compile(r"^\(\s*([A-Z][A-Za-z0-9&\-]*[A-Z][A-Za-z0-9&\-]*(?:\s\d{4})?)\s*\)$")
_ENUM_WORD = rf"{_W}+"
# an item of a topic list: up to four words, maybe joined by a dash ("khoa học - kỹ thuật")
_ENUM_ITEM = rf"{_ENUM_WORD}(?:(?:\s+|\s*[-–]\s*){_ENUM_WORD}){{0,3}}"
# topic lists inside a name ("về Hợp tác kinh tế, văn hóa, khoa học và kỹ thuật"), compiled in _Rules
# with the name-ending words: a list ends at a clause mark or where a name would end
_ENUM_WITH_VA = rf"(?:,\s*{_ENUM_ITEM})*,?\s+và\s+{_ENUM_ITEM}"
# the same list without "và" ("về hợp tác kinh tế, văn hóa, khoa học - kỹ thuật do ...")
_ENUM_NO_VA = rf"(?:,\s*{_ENUM_ITEM}){{1,6}}"
# joint bodies are named by their head alone: "Ủy ban hỗn hợp" of a passage about one partner is theirs
_JOINT_BODIES = frozenset({"joint_commission", "joint_cabinet", "border_committee"})
_MARKS = re.compile(r"[\u0300-\u036f]")
_UPPER = "".join(sorted({c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha()}))
_NON_WORD = re.compile(r"[^\w]+")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# "3 văn kiện": a count before the head belongs to the name ("lần thứ 21 Ủy ban" does not)
_COUNT_BEFORE = re.compile(r"(?<!thứ )(?<![\w,.])\d{1,2}\s+$", re.IGNORECASE)


@dataclass
class MechanismMention:
    """One mention of a mechanism in the text, before merging."""

    start: int
    end: int  # of the name
    name: str
    category: str
    parties: list[str]
    session: int | None = None
    period: str | None = None
    acronym: str | None = None
    clause: tuple[int, int] = (0, 0)
    words: frozenset[str] = field(default_factory=frozenset)
    named_parties: bool = True  # parties read from the name itself, not from the context
    section: str | None = None  # the counterpart of the section it is in


def _cues(group: str) -> list[str]:
    out = sorted({fold_tones(r["phrase"]).lower() for r in table("mechanism_cues") if r["group"] == group},
                 key=len, reverse=True)
    if not out:
        raise ValueError(f"mechanism_cues.tsv has no {group} rows")
    return out


def _words_re(phrases: list[str], anchor: str = "") -> re.Pattern:
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"(?<!{_W})(?:{alt})(?!{_W}){anchor}", re.IGNORECASE)


class _Rules:
    """Compiled patterns and tables, built once per process."""

    def __init__(self) -> None:
        heads = table("mechanism_heads")
        self.heads = {fold_tones(r["head"]).lower(): r for r in heads}
        self.head_finder = PhraseFinder(self.heads)
        self.head_re = self.head_finder.regex
        self.stop_re = _words_re(_cues("name_stop"))
        stops = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _cues("name_stop"))
        list_end = rf"(?=\s*(?:[,;.:()!?\n]|$)|\s+(?:{stops}|và|với|tại)(?!{_W}))"
        self.enum_re = re.compile(_ENUM_WITH_VA + list_end, re.IGNORECASE)
        # a title-case list in the name itself may end where a capitalised word goes on with the name
        # ("Đối thoại Chính trị, An ninh và Quốc phòng Việt Nam - Hoa Kỳ lần thứ 11")
        self.enum_cap_re = re.compile(_ENUM_WITH_VA + list_end[:-1] + rf"|\s+(?-i:[{_UPPER}]))", re.IGNORECASE)
        self.enum_bare_re = re.compile(_ENUM_NO_VA + list_end.replace("[,;", "[;"), re.IGNORECASE)
        self.continue_re = _words_re(_cues("name_continue"))
        amends = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _cues("amends"))
        self.amends_re = re.compile(rf"(?<!{_W})(?:{amends})(?:\s*(?:,|và)\s*(?:{amends}))?\s+", re.IGNORECASE)
        self.amend_words = [frozenset(_norm_words(p)) for p in _cues("amends")]
        self.pair_continue_re = _words_re(_cues("pair_continue"))
        self.generic_words = frozenset(_cues("generic_word"))
        self.plural_re = _words_re(_cues("plural"), r"\s*$")
        self.demonstrative_re = _words_re(_cues("demonstrative"))
        self.recurring_re = _words_re(_cues("recurring"))
        self.needs_period = frozenset(_cues("needs_period"))
        self.filler_words = frozenset(w for p in _cues("filler_word") for w in _norm_words(p))
        self.cooperation_re = _words_re(_cues("cooperation"))
        self.marker_re = _words_re(_cues("cooperation_marker"))
        self.dialogue_topic_re = _words_re(_cues("dialogue_topic"))
        self.domestic_re = _words_re(_cues("domestic_word"))
        self.session_before_re = re.compile(
            r"(?<!" + _W + r")(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in _cues("session_prefix"))
            + rf")(?:\s+{_W}+){{0,2}}?\s+(?:(?:lần\s+)?thứ\s+{_ORDINAL}|(?:lần\s+)?(\d{{1,3}}|[IVXLC]{{1,7}})|(?P<first>đầu\s+tiên))"
            r"(?:\s+(?:của|giữa))?\s*$", re.IGNORECASE)
        self.pair_generic_re = _words_re(_cues("pair_generic"))
        self.one_off_re = _words_re(_cues("one_off"))
        self.verb_head_re = _words_re(_cues("verb_head"))
        self.verb_before_re = _words_re(_cues("verb_before"), r"\s+$")
        self.named_prefix_re = _words_re(_cues("named_prefix"), r"\s+$")
        # capitalised words of institutions' names, which do not make a mechanism's name specific
        self.institution_words = frozenset(_cues("institution_word"))
        self.institution_phrase_re = _words_re(_cues("institution_phrase"))
        self.generic_acronyms = frozenset(
            r["phrase"] for r in table("mechanism_cues") if r["group"] == "generic_acronym")
        # organisations that are multilateral agreements: a mention's parties are the passage's countries
        self.agreements = frozenset(
            r["phrase"] for r in table("mechanism_cues") if r["group"] == "multilateral_agreement")
        g = gazetteer()
        self.frameworks: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        for r in table("cooperation_frameworks"):
            code = r["code"]
            members = g.members(code) or sorted(split_list(r.get("members"), " "))
            self.frameworks[code] = members
            for n in split_list(r.get("names")):
                names[n] = code
        self.framework_names = names
        self.framework_finder = PhraseFinder(names, ignore_case=False)
        self.framework_key = {fold_diacritics(re.sub(r"[\s\-–—]+", "", fold_tones(n))).lower(): c
                              for n, c in names.items()}
        self.river_re = re.compile(r"(?<!" + _W + r")(?:sông|lưu vực|dòng)\s*$", re.IGNORECASE)

    def framework_code(self, surface: str) -> str | None:
        return self.framework_key.get(fold_diacritics(re.sub(r"[\s\-–—]+", "", surface)).lower())


@functools.cache
def _rules() -> _Rules:
    return _Rules()


def _ordinal(s: str) -> int | None:
    s = s.strip()
    if s.isdigit():
        return int(s)
    if _ROMAN.match(s):
        vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
        total = 0
        for i, ch in enumerate(s):
            v = vals[ch]
            total += -v if i + 1 < len(s) and vals[s[i + 1]] > v else v
        return total
    return _NUMBER_WORDS.get(s.lower())


def _is_cap(ch: str) -> bool:
    return ch.isupper()


def _sentence_bounds(doc: Doc, offset: int) -> tuple[int, int]:
    s = doc.sentence_at(offset)
    if s is None or not (s.start <= offset < s.end):
        nl = doc.text.find("\n", offset)
        return offset, (nl if nl >= 0 else len(doc.text))
    return s.start, s.end


def _clause(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The ;-delimited part of the sentence around [start, end)."""
    s0, s1 = _sentence_bounds(doc, start)
    text = doc.text
    left = max(s0, text.rfind(";", s0, start) + 1, text.rfind("\n", s0, start) + 1)
    right = min([i for i in (text.find(";", end, s1), text.find("\n", end, s1)) if i >= 0] or [s1])
    while left < right and doc.text[left].isspace():
        left += 1
    return left, max(right, end)


def _scan_name(doc: Doc, head_end: int, limit: int, kind: str, rules: _Rules) -> tuple[int, dict]:
    """End offset of the name that starts with a head ending at `head_end`, and what was seen."""
    text, fold = doc.text, doc.fold
    seen = {"ve": False, "quote": False, "acronym": None, "cap_word": False, "date": False}
    end = head_end
    pos = head_end
    in_giua = seen_giua = False
    n_words = 0
    while pos < limit and n_words < 32:
        m = _TOKEN.search(text, pos, limit)
        if not m:
            break
        kind_tok = m.lastgroup
        tok = m.group(0)
        if kind_tok == "quote":
            seen["quote"] = True
            end = pos = m.end()
            continue
        if kind_tok == "paren":
            acr = _ACRONYM.match(tok)
            if acr and acr.group(1) not in rules.generic_acronyms:
                seen["acronym"] = acr.group(1)
                end = pos = m.end()
                continue
            if acr:  # MOU and the like: part of the name, no identity
                end = pos = m.end()
                continue
            break
        if kind_tok == "dash":
            nxt = _TOKEN.search(text, m.end(), limit)
            if nxt and nxt.lastgroup == "word":
                pos = m.end()
                continue
            break
        if kind_tok == "punct":
            nxt = _TOKEN.search(text, m.end(), limit) if tok == "," else None
            capital_next = nxt is not None and nxt.lastgroup == "word" and _is_cap(nxt.group(0)[0])
            if tok == "," and (seen["ve"] or capital_next):
                e = (rules.enum_re.match(fold, m.start(), limit) if seen["ve"]
                     else rules.enum_cap_re.match(fold, m.start(), limit)) or (
                    rules.enum_bare_re.match(fold, m.start(), limit) if seen["ve"] else None)
                if e and not seen["ve"] and _starts_a_head(fold, e.start(), e.end(), rules):
                    e = None  # "Ủy ban hỗn hợp, Đối thoại An ninh và ...": a list of mechanisms
                if e:
                    end = pos = _trim_stop(text, fold, e.start(), e.end(), rules)
                    n_words += len(e.group(0).split())
                    if end < e.end():
                        break
                    continue
            break
        # a word
        low = fold[m.start():m.end()].lower()
        if low == "và":
            cont = rules.continue_re.match(fold, m.start())
            if cont:  # "Hiệp định khuyến khích và bảo hộ đầu tư"
                n_words += len(cont.group(0).split())
                end = pos = cont.end()
                continue
            nxt = _TOKEN.search(text, m.end(), limit)
            if in_giua:
                in_giua = False
                pos = m.end()
                continue
            if nxt is None or nxt.lastgroup != "word" or rules.head_re.match(fold, nxt.start()):
                break
            if not seen_giua and end in _place_ends(doc) and _is_cap(nxt.group(0)[0]) and not _place_starts_at(doc, nxt.start()):
                break  # "Ủy ban Hỗn hợp Việt Nam - Campuchia và Bộ trưởng ...": the pair ended the name
            if _is_cap(nxt.group(0)[0]) and not rules.stop_re.match(fold, nxt.start()):
                pos = m.end()
                continue
            if seen["ve"]:
                e = rules.enum_re.match(fold, m.start() - 1 if m.start() > 0 else 0, limit)
                if e and e.start() < m.start():
                    end = pos = e.end()
                    continue
            break
        if low == "với" and in_giua:  # "giữa Bí thư Tỉnh ủy Vân Nam với Bí thư ...": the pair goes on
            in_giua = False
            n_words += 1
            end = pos = m.end()
            continue
        if low == "với" and _COUNTED.match(text, m.end(), limit):
            break  # "biên bản hợp tác với 3 tỉnh ...": the counterparts, counted, are no part of the name
        if low == "tại" and not seen["ve"]:
            break
        if low == "ngày":
            if kind == "document":
                d = _DATE.match(fold, m.start())
                if d:
                    seen["date"] = True
                    end = pos = d.end()
                    continue
            break
        cont = rules.continue_re.match(fold, m.start())
        if cont:
            n_words += len(cont.group(0).split())
            end = pos = cont.end()
            continue
        if (not _is_cap(tok[0]) and end in _place_ends(doc) and re.search(r"\s[-–—]\s", text[head_end:end])
                and not rules.pair_continue_re.match(fold, m.start())):
            break  # "Ủy ban ... Việt Nam - Saudi Arabia xây dựng kế hoạch": a pair ends the name before a verb
        if not _is_cap(tok[0]) and rules.stop_re.match(fold, m.start()):
            break  # a capitalised word belongs to a title-case name ("Hiệp định Tiếp cận Đối ứng")
        if low == "giữa":
            generic = rules.pair_generic_re.match(fold, _skip_space(fold, m.end()))
            if generic:
                # "chương trình hợp tác giữa hai bên giai đoạn 2016-2021": the period names it
                per = _PERIOD_AFTER.match(fold, generic.end(), limit)
                if per is None:
                    break
                n_words += 2
                end = pos = per.end()
                continue
            in_giua = seen_giua = True
        if low == "về":
            seen["ve"] = True
        if _is_cap(tok[0]):
            seen["cap_word"] = True
        n_words += 1
        end = pos = m.end()
    return end, seen


_VE = re.compile(r"(?<!\w)về(?!\w)", re.IGNORECASE)
_COUNTED = re.compile(r"\s+(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?!năm\b)\w", re.IGNORECASE)


def _topic_start(fold: str, start: int, end: int) -> int:
    """Where the topic ("về ...") of a name starts, else its end."""
    m = _VE.search(fold, start, end)
    return m.start() if m else end


def _outside_orgs(pattern: re.Pattern, doc: Doc, start: int, end: int) -> bool:
    """Whether `pattern` matches in [start, end) outside the organisations' names there
    ("Diễn đàn Hợp tác Kinh tế châu Á - Thái Bình Dương" does not make its summit a cooperation series)."""
    for m in pattern.finditer(doc.fold, start, end):
        if not any(p.start <= m.start() < p.end for p in places_between(doc, start, end) if p.kind == "org"):
            return True
    return False


_OF = re.compile(r"\s*(?:\(\s*[A-Z][A-Za-z0-9&\- ]{1,14}\)\s*)?,?\s*(?:(?:họp\s+)?(?:lần|khóa|kỳ|phiên)\s+(?:thứ\s+)?\S+\s+)?của\s+",
                 re.IGNORECASE)


def _organisations_meeting(doc: Doc, end: int, rules: _Rules) -> bool:
    """A meeting "(lần thứ N) của" an organisation is that organisation's own, not a bilateral series."""
    m = _OF.match(doc.fold, end)
    return m is not None and m.end() in _org_starts(doc)


def _trim_stop(text: str, fold: str, start: int, end: int, rules: _Rules) -> int:
    """The end of a topic list matched in [start, end) without a name-ending word its last item ran into.

    "..., Khoa học và Kỹ thuật sẽ được tổ chức": the list's last item may take up to four words, and
    the lower-case "sẽ" after "Kỹ thuật" is where the name ends.
    """
    last = max(fold.rfind(",", start, end), fold.rfind(" và ", start, end))
    for w in re.finditer(rf"{_W}+", fold[max(last, start):end]):
        at = max(last, start) + w.start()
        if at > start and not _is_cap(text[at]) and rules.stop_re.match(fold, at):
            while at > start and text[at - 1].isspace():
                at -= 1
            return at
    return end


def _org_starts(doc: Doc) -> dict[int, int]:
    """Start -> end offsets of the organisation names in the text (cached on the Doc)."""
    starts = doc.__dict__.get("_mechanism_org_starts")
    if starts is None:
        starts = {p.start: p.end for p in doc.places if p.kind == "org"}
        doc.__dict__["_mechanism_org_starts"] = starts
    return starts


def _place_starts_at(doc: Doc, offset: int) -> bool:
    starts = doc.__dict__.get("_mechanism_place_starts")
    if starts is None:
        starts = frozenset(p.start for p in doc.places if p.kind in ("country", "org", "subdivision"))
        doc.__dict__["_mechanism_place_starts"] = starts
    return offset in starts


def _place_ends(doc: Doc) -> frozenset[int]:
    """End offsets of the country and organisation names in the text (cached on the Doc)."""
    ends = doc.__dict__.get("_mechanism_place_ends")
    if ends is None:
        ends = frozenset(p.end for p in doc.places if p.kind in ("country", "org", "subdivision"))
        doc.__dict__["_mechanism_place_ends"] = ends
    return ends


def _starts_a_head(fold: str, start: int, end: int, rules: _Rules) -> bool:
    """Whether an item of the list in fold[start:end] (after a comma or "và") opens a new mechanism."""
    for item in re.finditer(r"(?:,|\bvà\b)\s*", fold[start:end], re.IGNORECASE):
        if rules.head_re.match(fold, start + item.end()):
            return True
    return False


def _skip_space(s: str, i: int) -> int:
    while i < len(s) and s[i].isspace():
        i += 1
    return i


def _descriptive(fold: str, head_end: int, end: int, rules: _Rules) -> bool:
    """Three or more words after a formal document's head that are not generic ones; two when the
    name says it is the bilateral one ("Hiệp định thương mại song phương")."""
    words = [w.lower() for w in re.findall(rf"{_W}+", fold[head_end:end]) if not w.isdigit()]
    need = 2 if _BILATERAL.search(fold, head_end, end) else 3
    return sum(1 for w in words if w not in rules.generic_words) >= need


_BILATERAL = re.compile(r"(?<!\w)song\s+phương(?!\w)", re.IGNORECASE)
_PLURAL_TOPIC = re.compile(r"(?<!\w)về\s+(?:các|những|mọi|nhiều)(?!\w)", re.IGNORECASE)
# a name whose last word is a lone lower-case letter was cut off
_TRUNCATED = re.compile(r"\s[a-zđ]$")


def _asks(doc: Doc, offset: int) -> bool:
    """Whether the sentence at `offset` is a question."""
    s0, s1 = _sentence_bounds(doc, offset)
    return doc.text[s0:s1].rstrip().endswith("?")


def _first_word_end(text: str, i: int) -> int:
    m = re.compile(rf"{_W}+").match(text, i)
    return m.end() if m else i


def _cap_qualifier(doc: Doc, head_end: int, end: int) -> bool:
    """A capitalised word in the name after the head, other than institutional words."""
    rules = _rules()
    for m in re.finditer(rf"{_W}+", doc.text[head_end:end]):
        w = m.group(0)
        if w[0].isupper() and fold_tones(w).lower() not in rules.institution_words and not w.isdigit():
            if rules.institution_phrase_re.match(doc.fold, head_end + m.start()):
                continue  # "cấp Chính phủ": an institution's name, though "Chính trị" is a qualifier
            return True
    return False


def find_mechanisms(doc: Doc) -> list[MechanismMention]:
    """Every mechanism mention in the document, in text order, before merging."""
    rules = _rules()
    from vndiplo.extract.relations import level_spans

    text, fold = doc.text, doc.fold
    relation_spans = level_spans(doc)
    frameworks = list(rules.framework_finder.finditer(fold))
    out: list[MechanismMention] = []
    taken_until = 0
    for hm in rules.head_finder.finditer(lower_fold(doc)):
        hs, he = hm.start(), hm.end()
        if hs < taken_until:
            continue
        row = rules.heads[re.sub(r"\s+", " ", hm.group(0).lower())]
        kind = row["kind"]
        if row["case"] in ("cap", "cap2") and not _is_cap(text[hs]):
            continue
        if row["case"] == "cap2":
            nxt = _TOKEN.search(text, he, min(len(text), he + 40))
            if nxt is None or nxt.lastgroup != "word" or not _is_cap(nxt.group(0)[0]):
                continue
        if any(a <= hs < b for a, b in relation_spans) or in_caption(doc, hs):
            continue
        if kind == "conference":
            nxt = rules.head_re.match(fold, _skip_space(fold, he))
            if nxt and rules.heads[re.sub(r"\s+", " ", nxt.group(0).lower())]["kind"] == "body":
                continue
        if rules.plural_re.search(fold, max(0, hs - 12), hs):
            continue
        if (not _is_cap(text[hs]) and rules.verb_head_re.match(fold, hs)
                and rules.verb_before_re.search(fold, max(0, hs - 12), hs)):
            continue  # "hai bên đã thỏa thuận về ...": a verb
        s0, s1 = _sentence_bounds(doc, hs)
        end, seen = _scan_name(doc, he, s1, kind, rules)
        # an agreement the gazetteer knows by name ("Hiệp định toàn diện và tiến bộ xuyên Thái Bình
        # Dương") is a name as a whole, though a lower-case "và" inside would end a name
        end = max(end, _org_starts(doc).get(hs, end))
        start = hs
        # "Kỳ họp 16 Ủy ban ...": a number after a meeting word is the session, not a count
        bm = rules.session_before_re.search(fold, max(0, hs - 60), hs)
        num = None if bm else _COUNT_BEFORE.search(fold, max(s0, hs - 12), hs)
        if num:
            start = num.start()
        # "cơ chế tham vấn chính trị": one channel, named by its kind (but "các cơ chế tham vấn" is
        # generic); the word is part of a lower-case name, a capitalised one is a name by itself
        prefix = rules.named_prefix_re.search(fold, max(s0, hs - 12), hs)
        if prefix and not rules.plural_re.search(fold, max(0, prefix.start() - 12), prefix.start()):
            if not _is_cap(text[hs]):
                start = prefix.start()
        else:
            prefix = None
        name = text[start:end].strip().rstrip(",")
        end = start + len(name)
        # session: "... lần thứ 6" after the name, or "Kỳ họp lần thứ 21 <name>" before it
        session = None
        sm = _SESSION_AFTER.match(text, end)
        if sm:
            session = 1 if sm.group("first") else _ordinal(sm.group(1))
        else:
            if bm:
                session = 1 if bm.group("first") else _ordinal(bm.group(1) or bm.group(2))
        if session is None and kind == "body":
            # "giao Ủy ban ... xây dựng kế hoạch tại kỳ họp lần thứ 2": the body's own meeting, later in its clause
            lm = _LATER_SESSION.search(text, end, min(s1, end + 80))
            if lm and not any(rules.heads[re.sub(r"\s+", " ", h.group(0).lower())]["kind"] != "document"
                              for h in rules.head_re.finditer(lower_fold(doc), end, lm.start())):
                session = _ordinal(lm.group(1))
        period = None
        ym = (_YEARS.search(text, start, end) or _YEARS_PAREN_AFTER.match(text, end)
              # "Kế hoạch hợp tác cho giai đoạn 2026-2030", "... của hai Đảng trong giai đoạn 2021-2026"
              or _PERIOD_LATE.match(text, end))
        if ym:
            period = f"{ym.group(1)}/{ym.group(2)}"
        if rules.demonstrative_re.match(fold, _skip_space(fold, end)) and not (session or period):
            continue
        places = places_between(doc, start, end)
        countries = [m for m in places if m.kind in ("country", "subdivision")]
        framework_codes = [c for c in (rules.framework_code(f.group(0)) for f in frameworks
                                       if start <= f.start() and f.end() <= end) if c]
        members: set[str] = set()
        for c in framework_codes:
            members.update(rules.frameworks.get(c, []))
        orgs: list[str] = []
        topic_at = _topic_start(fold, start, end) if countries else end
        for m in places:
            if m.kind != "org" or m.start >= topic_at:
                continue  # "... giữa Việt Nam và Nhật Bản về việc Việt Nam gia nhập WTO": a topic, not a side
            if m.code in rules.frameworks:  # a framework the gazetteer also lists
                framework_codes.append(m.code)
                members.update(rules.frameworks[m.code])
            elif m.code not in orgs:
                orgs.append(m.code)
        # "Hiệp định ... về các dự án quan trọng": a plural topic describes a kind of agreement
        plural_topic = bool(_PLURAL_TOPIC.search(fold, start, end))
        identity = bool(
            period or session or countries or framework_codes or orgs or seen["acronym"]
            or seen["quote"] or seen["date"] or (seen["ve"] and not plural_topic) or _YEAR.search(text, start, end)
            or rules.recurring_re.search(fold, start, end)
            or (_is_cap(text[hs]) and _cap_qualifier(doc, _first_word_end(text, hs), end))
            or (kind == "document" and not plural_topic and _descriptive(fold, he, end, rules)
                # a programme or plan is specific when its name also shows it is shared
                and (row.get("bilateral") != "1" or rules.marker_re.search(fold, start, end)))
            or row.get("named") == "1" or prefix is not None)
        if not identity or (period is None and fold_tones(row["head"]).lower() in rules.needs_period):
            continue
        if not _is_cap(text[hs]) and _asks(doc, hs):
            continue  # "... liệu có đạt được thỏa thuận quân sự với X?": a question reports no agreement
        if _TRUNCATED.search(text, start, end) and (end >= len(text) or text[end] == "\n"):
            continue  # "Thư thỏa thuận về h": a fragment cut off by the page
        if row["category"] in _JOINT_BODIES and rules.domestic_re.search(fold, he, min(end, he + 30)):
            continue  # "Ủy ban Biên giới quốc gia": a national agency
        if kind == "conference" and rules.one_off_re.search(fold, start, end):
            continue  # "Hội nghị trực tuyến Tổng kết hợp tác": one meeting, not a series
        if (kind == "conference" and not framework_codes and countries
                and all(m.country != HOME for m in countries) and len({m.country for m in countries}) >= 2
                and not rules.cooperation_re.search(fold, start, end)):
            continue  # "Hội nghị Thượng đỉnh Mỹ - Triều": a summit of two other countries
        if kind == "conference" and _organisations_meeting(doc, end, rules):
            continue  # "Hội nghị thường niên lần thứ 44 của Ngân hàng Phát triển châu Á"
        if kind == "conference" and not (
                _outside_orgs(rules.cooperation_re, doc, start, end) or framework_codes
                or rules.recurring_re.search(fold, start, end)
                or any(m.country != HOME for m in countries)
                or (orgs and any(m.country == HOME for m in countries))):
            continue
        if row["category"] in ("dialogue", "consultation") and not (
                countries or rules.dialogue_topic_re.search(fold, start, end)):
            continue
        if row.get("bilateral") == "1" and not (
                seen["quote"] or framework_codes or rules.marker_re.search(fold, start, end)):
            continue
        clause = _clause(doc, start, end)
        parties = home_province(doc, min(start, clause[0]), max(end, clause[1]),
                                _parties(doc, start, end, countries, members, orgs, clause,
                                         whole=session is not None),
                                wider=_sentence_bounds(doc, start))
        parties = _city_and_province(doc, clause[0], start, parties)
        words = frozenset(_norm_words(name))
        # "Hội nghị Ủy hội Mekong quốc tế" and "Ủy hội sông Mekong" are one framework's: its code stands
        # for the acronym the name does not give
        acronym = seen["acronym"] or (
            framework_codes[0].split(":", 1)[-1] if len(set(framework_codes)) == 1 else None)
        out.append(MechanismMention(start, end, name, row["category"], parties, session, period,
                                    acronym, clause, words,
                                    named_parties=bool(countries or members or orgs),
                                    section=section_counterpart(doc, start)))
        taken_until = end
        # "Nghị định thư về sửa đổi Hiệp định X": the document amended is a mechanism of its own
        am = rules.amends_re.search(lower_fold(doc), he, end)
        if am and rules.head_re.match(lower_fold(doc), am.end()):
            taken_until = am.end()
    out.extend(_framework_mentions(doc, rules, out, frameworks))
    out.sort(key=lambda m: m.start)
    return out


def _parties(doc: Doc, start: int, end: int, countries, members: set[str], orgs: list[str],
             clause: tuple[int, int], whole: bool = False) -> list[str]:
    """Countries named in the name; else a framework's members; else the clause's parties.

    An organisation named as a side ("Việt Nam - EU", "ASEAN - Nhật Bản") is a party by its
    own code (with Viet Nam when it is the only side named and the clause names Viet Nam); a cooperation framework (ACMECS, Mekong-Lan Thương) stands for its members.
    """
    codes: list[str] = []
    home_named = False
    for m in countries:
        if m.country == HOME:  # Viet Nam or one of its provinces
            home_named = True
        elif m.code not in codes:
            codes.append(m.code)
    subs = {c.split("-", 1)[0] for c in codes if "-" in c}
    foreign = [c for c in codes if c not in subs]
    codes = foreign + ([HOME] if home_named else [])
    if members and not whole and not codes:
        shown = _passage_members(doc, start, end, members, clause)
        if shown:
            return shown
    if members:
        return sorted(members | set(codes) | set(orgs))
    if orgs and not codes and all(o in _rules().agreements for o in orgs):
        # a multilateral agreement named alone (CPTPP, RCEP): between the countries of the passage
        # that are in it, not its whole membership
        found = bilateral_parties(doc, clause[0], clause[1], start)
        known = set().union(*(gazetteer().members(o) for o in orgs))
        kept = [c for c in found if c == HOME or not known or c.split("-", 1)[0] in known]
        return kept if any(c != HOME for c in kept) else found
    if orgs:
        if not codes and len(set(orgs)) == 1 and any(
                m.kind == "country" and m.country == HOME for m in places_between(doc, *clause)):
            # "Việt Nam sẽ triển khai Kế hoạch Chung Một Liên hợp quốc": the organisation's with Viet Nam
            return sorted({HOME, *orgs})
        return sorted(set(codes) | set(orgs))
    if foreign:
        if HOME in codes or len({c.split("-", 1)[0] for c in foreign}) == 1:
            return sorted({HOME, *foreign})
        return sorted(foreign)
    # "Việt Nam ký với Ấn Độ, là láng giềng của Sri Lanka, một thỏa thuận": the one it is signed with
    signed = _signed_with(doc, clause[0], start)
    if signed is not None:
        return signed
    # the signatories usually stand before the name ("X và Y vừa ký Tuyên bố chung"): a foreign
    # pair there is the answer even if Viet Nam is named later in the clause
    pair = foreign_pair(doc, clause[0], end, home_elsewhere=True)
    if pair is not None:
        return pair
    return bilateral_parties(doc, clause[0], clause[1], start)


def _passage_members(doc: Doc, start: int, end: int, members, clause: tuple[int, int]) -> list[str]:
    """A framework named alone (Mekong - Lan Thương, GMS) is between the countries of its passage that
    are in it, as a multilateral agreement is, not its whole membership; a name that names its sides
    ("Campuchia - Lào - Việt Nam") has them. Empty when the passage shows no member."""
    if _names_members(doc.text[start:end], set(members)):
        return []
    found = bilateral_parties(doc, clause[0], clause[1], start)
    kept = sorted({c for c in found if c == HOME or c.split("-", 1)[0] in members})
    return kept if any(c != HOME for c in kept) else []


def _names_members(name: str, members: set[str]) -> bool:
    """Whether a framework's name names its member countries ("Tam giác phát triển Campuchia - Lào -
    Việt Nam")."""
    low = key(name)
    return sum(1 for c in members if any(n and key(n) in low for n in _country_names().get(c, ()))) >= 2


@functools.cache
def _country_names() -> dict[str, tuple[str, ...]]:
    return {r["code"]: (r["name_vi"], *split_list(r.get("aliases"))) for r in table("countries")}


_SIGNED_WITH = re.compile(r"(?<!\w)ký(?:\s+kết)?(?:\s+\w+){0,2}?\s+với\s+$", re.IGNORECASE)


def _signed_with(doc: Doc, a: int, b: int) -> list[str] | None:
    """Viet Nam and the foreign country a document is signed with ("ký với Ấn Độ ..."), when the
    words before the name in its clause say so."""
    for m in reversed([m for m in places_between(doc, a, b) if m.kind in ("country", "subdivision")]):
        if m.country != HOME and _SIGNED_WITH.search(doc.fold, max(a, m.start - 30), m.start):
            return sorted({HOME, m.code})
    return None


# "TP Izumisano và tỉnh Bình Định (đã) ký ...": a foreign city paired with a Vietnamese province
_CITY = rf"(?:TP\.?|[Tt]hành\s+phố)\s*[{_UPPER}][\w-]*(?:\s+[{_UPPER}][\w-]*){{0,2}}"
_CITY_BEFORE = re.compile(_CITY + r"\s+(?:và|với|cùng)\s+$")
_CITY_AFTER = re.compile(r"\s+(?:và|với|cùng)\s+" + _CITY)


def _city_and_province(doc: Doc, a: int, b: int, parties: list[str]) -> list[str]:
    """Viet Nam's side is a province that signs paired with a foreign city ("lãnh đạo TP Izumisano và
    tỉnh Bình Định đã ký kết thỏa thuận ..."): the other side stays the city's country."""
    if HOME not in parties or len(parties) != 2 or any("-" in p for p in parties):
        return parties
    own = [m for m in places_between(doc, a, b) if m.kind == "subdivision" and m.country == HOME]
    for m in own:
        city = (_CITY_BEFORE.search(doc.text, max(a, m.start - 40), m.start)
                or _CITY_AFTER.match(doc.text, m.end, min(b, m.end + 40)))
        # not a Vietnamese city ("TP Hồ Chí Minh và tỉnh Bình Dương")
        if city and not any(p.country == HOME for p in places_between(doc, city.start(), city.end())):
            return sorted({*(p for p in parties if p != HOME), m.code})
    return parties


def _framework_mentions(doc: Doc, rules: _Rules, found: list[MechanismMention],
                        frameworks: list[re.Match]) -> list[MechanismMention]:
    out = []
    for f in frameworks:
        if any(m.start <= f.start() < m.end for m in found) or in_caption(doc, f.start()):
            continue
        if rules.river_re.search(doc.fold, max(0, f.start() - 12), f.start()):
            continue
        code = rules.framework_code(f.group(0))
        if not code or not rules.frameworks.get(code):
            continue
        name = doc.text[f.start():f.end()]
        clause = _clause(doc, f.start(), f.end())
        parties = _passage_members(doc, f.start(), f.end(), rules.frameworks[code], clause) \
            or list(rules.frameworks[code])
        out.append(MechanismMention(f.start(), f.end(), name, "framework", parties, clause=clause,
                                    acronym=code.split(":", 1)[1], words=frozenset(_norm_words(name))))
    return out


def _norm_words(name: str) -> list[str]:
    """Lower-case words without marks (đ as d), for comparing names."""
    bare = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return _NON_WORD.sub(" ", _MARKS.sub("", bare).lower()).split()


def _same(a: MechanismMention, b: MechanismMention) -> bool:
    if _amends(a, b) or _amends(b, a):
        return False  # "Nghị định thư về sửa đổi Hiệp định X" and "Hiệp định X": two documents
    if a.parties != b.parties and not (
            a.acronym and a.acronym == b.acronym and _nested_sets(set(a.parties), set(b.parties))):
        return False  # (one framework's mentions: one with the passage's members, one with them all)
    if a.acronym and a.acronym == b.acronym:
        # but two meetings of one framework with sessions of their own are two series ("Hội nghị Bộ trưởng
        # Ngoại giao Mekong - Lan Thương lần thứ 10", "Hội nghị Cấp cao Mekong - Lan Thương lần thứ 4")
        return (a.session is None or b.session is None or a.session == b.session
                or a.words <= b.words or b.words <= a.words)
    if a.session is not None and a.session == b.session and a.category == b.category:
        return True
    if a.period and b.period and a.period != b.period:
        return False
    if a.session is not None and b.session is not None and a.session != b.session:
        return bool(a.words) and bool(b.words) and (a.words <= b.words or b.words <= a.words)
    if a.category == b.category and a.words and b.words and (a.words ^ b.words) <= _rules().filler_words:
        return True  # "tham vấn ... thường niên cấp thứ trưởng" / "tham vấn ... cấp thứ trưởng ngoại giao"
    return bool(a.words) and bool(b.words) and (a.words <= b.words or b.words <= a.words)


# a short mention whose parties come only from the context refers back to a fuller one named
# this many characters before it at most ("... Ủy ban liên Chính phủ Việt Nam - Lào ... Hai bên
# đánh giá cao Ủy ban liên Chính phủ")
_BACK_REFERENCE_CHARS = 400


def _refers_back(later: MechanismMention, earlier: MechanismMention) -> bool:
    return (not later.named_parties and earlier.named_parties and bool(later.words)
            and later.words <= earlier.words and later.category == earlier.category
            and 0 <= later.start - earlier.end <= _BACK_REFERENCE_CHARS
            and (later.period is None or later.period == earlier.period)
            # not across a section about another counterpart
            and (later.section is None or later.section == earlier.section or later.section in earlier.parties))


def _amends(a: MechanismMention, b: MechanismMention) -> bool:
    """Whether a's name says it amends or extends b (its words hold b's and an amending word)."""
    extra = a.words - b.words
    return bool(b.words) and b.words < a.words and any(w <= extra for w in _rules().amend_words)


def _nested_sets(a: set, b: set) -> bool:
    return a <= b or b <= a


def _merge(mentions: list[MechanismMention]) -> list[list[MechanismMention]]:
    groups: list[list[MechanismMention]] = []
    for m in mentions:
        for g in groups:
            # the first and the latest members stand for a group (a page repeating a name
            # thousands of times must not make this quadratic)
            if any(_same(m, x) or _refers_back(m, x) for x in (g[:4] + g[-4:] if len(g) > 8 else g)):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def extract(doc: Doc) -> list[Fact]:
    """One Mechanism per named mechanism of the article."""
    facts: list[Fact] = []
    for group in _merge(find_mechanisms(doc)):
        best = max(group, key=lambda m: (m.named_parties, len(m.words), -m.start))
        # the parties of the mention with the session (a framework's meeting), else the fullest name's
        parties = next((m.parties for m in group if m.session is not None), best.parties)
        first = group[0]
        session = next((m.session for m in group if m.session is not None), None)
        period = next((m.period for m in group if m.period), None)
        c0, c1 = evidence_span(doc, first.clause, first.start, first.end)
        facts.append(Mechanism(name=best.name, parties=parties, session=session, period=period,
                               evidence=doc.text[c0:c1], span=(c0, c1)))
    return facts
