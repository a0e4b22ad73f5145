"""Diplomatic interactions: who met whom, how, when, where and on what occasion.

Each sentence is read around its interaction words (event_kinds.tsv): a verb
takes its subject from the person just before it and its counterparts from
the list of persons right after it ("đã tiếp A; B; C" = three receptions); a
noun ("cuộc gặp", "cuộc điện đàm giữa A và B") takes the persons after it.
Planned, wished or generic interactions (event_cues.tsv) are skipped. One
event per foreign counterpart; mentions of the same counterpart (headline,
body, captions, "Tại cuộc gặp X" sections) merge into one event. Sub-sections
without a subject take the article's Vietnamese principal; without a place or
occasion they take those of the principal's earlier event.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace

from vndiplo.extract import dates
from vndiplo.extract.doc import Doc
from vndiplo.extract.event_dates import dates_in
from vndiplo.extract.gazetteer import Mention, table
from vndiplo.extract.persons import VN, role_mentions, tokens_of
from vndiplo.extract.tokens import PhraseSet, Token, key
from vndiplo.records import Event, Fact, Location, Participant

__all__ = ["extract"]

@functools.cache
def _lex():
    kinds = {}
    for r in table("event_kinds"):
        kinds[tuple(key(w) for w in r["phrase"].split())] = r["kind"]
    triggers = PhraseSet(r["phrase"] for r in table("event_kinds"))
    cues: dict[str, list[str]] = {}
    for r in table("event_cues"):
        cues.setdefault(r["group"], []).append(r["phrase"])
    return kinds, triggers, {g: PhraseSet(p) for g, p in cues.items()}


@functools.cache
def _words(group: str) -> frozenset[str]:
    """One-word cues of a group of event_cues.tsv, folded to lower case."""
    return frozenset(key(r["phrase"]) for r in table("event_cues") if r["group"] == group)


@dataclass
class _Actor:
    a: int  # token span of the whole mention (roles and name)
    b: int
    name: str | None
    country: str | None
    role: str | None


@dataclass
class _Raw:
    kind: str
    sent: int
    trig: int
    participants: list[_Actor]
    date: str | None = None
    explicit_date: bool = False
    location: Location | None = None
    occasion: str | None = None
    key: tuple = ()
    needs_principal: bool = False
    principal_roles: tuple[str, ...] = ()  # the bare title standing for the principal ("Phó Thủ tướng gặp X")
    visit_of: str | None = None  # noun-form visit by this foreign visitor: an occasion if they meet someone
    anon_country: str | None = None
    same_day: bool = False
    undated: bool = False  # "từng gặp": some earlier, unstated time
    inherit: bool = False
    span: tuple[int, int] = (0, 0)
    attendees: list[_Actor] = field(default_factory=list)  # "Cùng dự ... có A, B": not part of the key
    host_country: str | None = None  # the side that receives (the subject of "tiếp", the object of a call)
    both_sides: bool = False  # told of "hai nhà lãnh đạo": its participants are the article's two sides


def _starts(doc: Doc) -> list[int]:
    """Start offsets of the document's tokens (computed once per document)."""
    tokens_of(doc)
    return doc._tok_starts  # type: ignore[attr-defined]


def _places_by_start(doc: Doc) -> dict[int, Mention]:
    pl = getattr(doc, "_places_by_start", None)
    if pl is None:
        pl = {}
        for m in doc.places:
            pl.setdefault(m.start, m)
        doc._places_by_start = pl  # type: ignore[attr-defined]
    return pl


def _holder(doc: Doc, roles: list[str], country: str):
    """The one named person of `country` the article gives this role ("Bộ trưởng Ngoại giao Lào" = X)."""
    want = [key(r) for r in roles]
    found = []
    for g in getattr(doc, "_person_groups", None) or []:
        if g.country != country:
            continue
        have = [key(r) for r in g.roles]
        if any(h == w or h.startswith(w + " ") or w.startswith(h + " ") for w in want for h in have):
            found.append(g)
    return found[0] if len(found) == 1 else None


def _actors(doc: Doc, toks: list[Token]) -> list[_Actor]:
    starts = _starts(doc)

    def ti(off: int) -> int:
        return max(0, bisect.bisect_right(starts, off) - 1)

    names = {p.start: p for p in doc.persons}
    out: list[_Actor] = []
    covered: set[int] = set()
    for rm in role_mentions(doc):
        a, b = rm.token_span
        if rm.name_start is not None:
            p = names.get(rm.name_start)
            if p is None:
                continue
            covered.add(p.start)
            out.append(_Actor(a, b, p.name, p.country, ", ".join(rm.roles) or None))
        elif rm.roles and rm.country:
            who = _holder(doc, rm.roles, rm.country)
            if who is not None:
                out.append(_Actor(a, b, who.name, who.country, ", ".join(rm.roles)))
            else:
                out.append(_Actor(a, b, None, rm.country, ", ".join(rm.roles)))
    for p in doc.persons:
        if p.start not in covered:
            out.append(_Actor(ti(p.start), ti(p.end - 1) + 1, p.name, p.country, None))
    out.sort(key=lambda x: x.a)
    return out


def extract(doc: Doc) -> list[Fact]:
    """One Event per diplomatic interaction and counterpart the text reports."""
    if not doc.sentences:
        return []
    kinds, triggers, cues = _lex()
    toks = tokens_of(doc)
    actors = _actors(doc, toks)
    starts = _starts(doc)
    raws: list[_Raw] = []
    act_starts = [x.a for x in actors]  # actors come in text order
    for si, s in enumerate(doc.sentences):
        ta = bisect.bisect_left(starts, s.start)
        tb = bisect.bisect_left(starts, s.end)
        acts = _actors_in(actors, act_starts, ta, tb)
        if raws and cues["attendees"].match(toks, ta) > ta:
            # "Cùng dự cuộc hội đàm có A và B": they take part in the interaction just reported
            raws[-1].attendees += [x for x in acts if x.name]
            continue
        inside = {k for x in acts for k in range(x.a, x.b)}
        # In a run-on "sentence" of thousands of words, each verb is read within a window around it,
        # so that the work stays linear in the length of the text.
        long_sentence = tb - ta > 2 * WINDOW
        i = ta
        firsts = triggers._by_first
        while i < tb:
            if i in inside or toks[i].low not in firsts:
                i += 1
                continue
            j = triggers.match(toks, i)
            if j == i or j > tb:
                i += 1
                continue
            kind = kinds.get(tuple(t.low for t in toks[i:j]))
            if kind:
                if long_sentence:
                    wa, wb = max(ta, i - WINDOW), min(tb, j + WINDOW)
                    w_acts = _actors_in(actors, act_starts, wa, wb)
                    found = _read(doc, toks, si, wa, wb, i, j, kind, w_acts, cues)
                else:
                    found = _read(doc, toks, si, ta, tb, i, j, kind, acts, cues, inside)
                raws.extend(found)
                if kind == "conference" and found:  # "dự Lễ mở ký X": words of the name are not verbs
                    while j < tb and toks[j].low not in _words("phrase_stop"):
                        j += 1
            i = j
    return _finish(doc, raws)


WINDOW = 150  # tokens either side of a verb that may hold its participants, place and date


def _actors_in(actors: list, act_starts: list[int], a: int, b: int) -> list:
    """The actors wholly inside tokens [a, b), found by bisection (actors are in text order)."""
    lo = bisect.bisect_left(act_starts, a)
    hi = bisect.bisect_left(act_starts, b)
    return [x for x in actors[lo:hi] if x.b <= b]


def _clause_start(toks: list[Token], ta: int, i: int, inside: set[int], marks=",;:") -> int:
    k = i - 1
    while k >= ta:
        if toks[k].text in marks and k not in inside:
            return k + 1
        k -= 1
    return ta


def _has(ps: PhraseSet, toks: list[Token], a: int, b: int, skip: set[int] = frozenset()) -> bool:
    k = a
    first = ps._by_first
    while k < b:
        if k not in skip and toks[k].low in first:
            e = ps.match(toks, k)
            if e > k and e <= b:
                return True
        k += 1
    return False


def _spans(ps: PhraseSet, toks: list[Token], a: int, b: int) -> set[int]:
    out: set[int] = set()
    k = a
    first = ps._by_first
    while k < b:
        e = ps.match(toks, k) if toks[k].low in first else k
        if e > k:
            out.update(range(k, e))
            k = e
        else:
            k += 1
    return out


def _acts_next(toks, k, tb) -> bool:
    """Whether an interaction verb follows token k (after "đã", "cũng", "vừa"): the person before it is its subject."""
    while k < tb and toks[k].low in ("đã", "cũng", "vừa"):
        k += 1
    return k < tb and _lex()[1].match(toks, k) > k


def _list_after(toks, k, tb, acts, gap_words, max_gap=4) -> tuple[list[_Actor], int]:
    """Persons listed from token k on (after at most max_gap connecting words)."""
    by_start = {x.a: x for x in acts}
    n = 0
    while k < tb and k not in by_start and toks[k].low in gap_words and n < max_gap:
        k += 1
        n += 1
    found: list[_Actor] = []
    while k in by_start:
        x = by_start[k]
        if found and _acts_next(toks, x.b, tb):
            break  # "...tới Tổng thống A; Thủ tướng B đã gửi điện mừng tới ...": B opens a clause of their own
        found.append(x)
        k = x.b
        m = k
        while m < tb and toks[m].low in _words("separator") and m - k < 2:
            m += 1
        if m in by_start and m > k:
            k = m
        else:
            break
    return found, k


def _more_counterparts(toks, k, tb, acts, inside) -> list[_Actor]:
    """Counterparts of verbless clauses that continue a list of interactions: "gặp A, trao đổi ...; với B,
    hai bên ...; và với C" (a clause opening "; (và) với" or ", và với" followed at once by a person).
    Stops at the next interaction word, which reports an interaction of its own."""
    triggers = _lex()[1]
    firsts = triggers._by_first
    out: list[_Actor] = []
    while k < tb:
        t = toks[k]
        if k not in inside and t.low in firsts and triggers.match(toks, k) > k and _opens_clause(toks, k, acts):
            break
        if k not in inside and (t.text == ";" or (t.text == "," and k + 1 < tb and toks[k + 1].low == "và")):
            m = k + 1
            if m < tb and toks[m].low == "và":
                m += 1
            if m < tb and toks[m].low == "với":
                found, end = _list_after(toks, m + 1, tb, acts, _words("gap_word"), 2)
                if found:
                    out += found
                    k = end
                    continue
        k += 1
    return out


def _opens_clause(toks, k, acts) -> bool:
    """Whether the interaction word at k has a subject of its own: it opens a clause or follows a person."""
    while k > 0 and toks[k - 1].low in ("đã", "cũng", "vừa", "và"):
        k -= 1
    return k == 0 or toks[k - 1].text in ",;:" or any(x.b == k for x in acts)


def _subjects_before(toks, ta, i, acts) -> list[_Actor]:
    before = [x for x in acts if x.b <= i]
    if not before:
        return []
    last = before[-1]
    between = toks[last.b:i]
    if len(between) > 12 or any(t.text in ";:" for t in between):
        return []
    out = [last]
    for x in reversed(before[:-1]):
        gap = toks[x.b:out[0].a]
        # "A và B", "A cùng B" -- and "A, B và C" when each is a named person with a title
        listed = (len(gap) == 1 and gap[0].text == "," and x.name and x.role and out[0].name and out[0].role)
        if gap and len(gap) <= 2 and (all(t.low in ("và", "cùng", "với") for t in gap) or listed):
            out.insert(0, x)
        else:
            break
    return out


def _nameless_subject(doc, toks, ta, i) -> tuple[str, ...] | None:
    """The roles of a title with no name (nor country) just before the verb: 'Thủ tướng (đã) tiếp ...'."""
    ends = getattr(doc, "_nameless_ends", None)
    if ends is None:
        ends = {rm.token_span[1]: tuple(rm.roles) for rm in role_mentions(doc)
                if rm.name_start is None and not rm.country}
        doc._nameless_ends = ends  # type: ignore[attr-defined]
    k = i
    while k > ta and k - i > -3 and toks[k - 1].low in ("đã", "cũng", "sau", "đó", "tiếp", "đến", "vừa"):
        k -= 1
    return ends.get(k)


def _delegation_subject(toks, ta, i) -> bool:
    """'(Cùng ngày,) đoàn (công tác) đã làm việc với X': the delegation, opening its clause, is the subject."""
    k = i
    while k > ta and k - i > -3 and toks[k - 1].low in ("đã", "cũng", "sau", "đó", "tiếp", "đến", "vừa"):
        k -= 1
    words = _words("delegation_subject")
    for d in range(k - 1, max(ta, k - 3) - 1, -1):
        if toks[d].low in words:
            opens = d == ta or toks[d - 1].text in ",;:" or (d - 1 == ta and toks[d - 1].low == "phái")
            return opens and all(t.is_word and not t.is_cap for t in toks[d + 1:k])
    return False


def _both_sides_before(toks, ta, i) -> bool:
    """'hai Thủ tướng đã', 'hai bên', 'hai nhà lãnh đạo' right before the verb."""
    for k in range(max(ta, i - 5), i):
        if toks[k].low == "hai":
            return all(t.is_word for t in toks[k + 1:i])
    return False


def _read(doc, toks, si, ta, tb, i, j, kind, acts, cues, inside: set[int] | None = None) -> list[_Raw]:
    if inside is None:
        inside = {k for x in acts for k in range(x.a, x.b)}
    first = toks[i].low
    noun = first in _words("noun_head")
    if i > ta and toks[i - 1].low in _words("not_verb_after"):
        return []  # "chuyển lời chào của X tới Y": a greeting passed on, not a call
    # generic or planned interactions ("các cuộc gặp"), unless named counterparts follow at once
    # ("có các cuộc gặp song phương với Ngoại trưởng A; với B"): then each is a meeting
    if i > ta and toks[i - 1].low in _words("generic_before"):
        if not (toks[i - 1].low in _words("listed_before") and _list_after(toks, j, tb, acts, _words("gap_word"))[0]):
            return []
    cs = _clause_start(toks, ta, i, inside)
    occ_cue = _spans(cues["occasion"], toks, max(ta, i - 6), j)
    if i in occ_cue or (j - 1) in occ_cue:
        return []  # "nhân dịp dự X", "trong khuôn khổ chuyến thăm": an occasion, not an event
    if kind == "conference" and _has(cues["occasion"], toks, cs, i, inside):
        return []  # "nhân dịp Bộ trưởng sang dự Kỳ họp X": the occasion of what the sentence reports
    invite = _spans(cues["invitation"], toks, cs, i)
    if _has(cues["future"], toks, cs, i, invite | inside):
        return []
    ce = j
    while ce < tb and not (toks[ce].text in ";" or (toks[ce].text in ",." and ce not in inside)):
        ce += 1
    if _has(cues["after_future"], toks, j, min(ce, j + 10)):
        return []
    passive = kind == "conference" and i > ta and toks[i - 1].low == "sự" and j < tb and toks[j].low == "của"
    if kind == "conference" and not passive and not (
            j < tb and (toks[j].is_cap or toks[j].low in _words("conference_noun"))):
        return []
    if kind == "conference" and cues["not_conference"].match(toks, j) > j:
        return []
    if kind in ("talks", "meeting") and _has(cues["by_phone"], toks, j, ce):
        kind = "phone_call"
    # participants
    gap = _words("gap_word") | ({"giữa"} if noun else set())
    after, after_end = _list_after(toks, j, tb, acts, gap)
    if not after:
        after, after_end = _delegation_head(doc, toks, j, ce, acts, cues)
    elif kind not in ("visit", "conference", "interview"):
        after = after + [x for x in _more_counterparts(toks, after_end, tb, acts, inside) if x not in after]
    if first in _words("presents"):
        # "A, B và C đã trình Quốc thư lên Chủ tịch nước X": the receiver follows "lên", not the verb
        # (whose "của Chủ tịch nước Y" names the sender of the letters)
        for q in range(j, min(ce, j + 20)):
            if toks[q].low in _words("presented_to"):
                after, after_end = _list_after(toks, q + 1, tb, acts, _words("gap_word"), 2)
                break
    if not after and kind in ("signing", "message"):
        # "ký Bản ghi nhớ với X", "gửi điện mừng Quốc khánh tới X"
        for q in range(j, min(ce, j + 20)):
            if toks[q].low in ("với", "tới", "đến", "gửi"):
                after, after_end = _list_after(toks, q + 1, tb, acts, _words("gap_word"), 2)
                if after:
                    break
    subjects = [] if (noun and i == ta) else _subjects_before(toks, ta, i, acts)
    head = _delegation_led_by(toks, ta, i, acts, cues)
    led = head is not None and not any(x.name for x in subjects)
    if led:
        # "Đoàn đại biểu ... do X dẫn đầu đã tới ..., bắt đầu chuyến thăm Y": the head of the delegation
        subjects = [head]
    if not after and not noun and _both_sides_before(toks, ta, i):
        # "..., sau đó hai Thủ tướng đã hội đàm": the two named earlier in the sentence
        subjects = [x for x in acts if x.b <= i and x.name]
    needs_principal = False
    principal_roles: tuple[str, ...] = ()
    if not subjects and after:
        title = _nameless_subject(doc, toks, ta, i)
        if title is not None:
            needs_principal = True  # "Thủ tướng tiếp X": the article's principal, named before
            principal_roles = title
        elif _delegation_subject(toks, ta, i):
            needs_principal = True  # "đoàn đã làm việc với X": the principal's delegation
    if not subjects and (noun or i == ta or toks[i - 1].text in ",:"):
        # "Tại cuộc gặp X, Bộ trưởng Y ...", "Gặp X, Y ...": the main clause's subject
        k = after_end
        if not after and noun:  # "Trong cuộc phỏng vấn dành cho X, Đại sứ Y ...": after the comma
            while k < tb and toks[k].text not in ",;":
                k += 1
        while k < tb and toks[k].text in ",":
            k += 1
        nxt = [x for x in acts if x.a == k and x.name]
        if nxt and not after and noun and kind not in ("visit", "interview", "conference"):
            # "Tại cuộc điện đàm, Chủ tịch nước A mời Tổng thống B ...": the main clause names both sides
            other = _other_side(toks, tb, acts, nxt[0])
            if other is not None:
                after, after_end = [other], other.b
        if nxt and (after or kind == "interview"):
            subjects = nxt[:1]
        elif after:
            needs_principal = True
            # "Tiếp Đại sứ X, Chủ tịch nước đánh giá ...": the bare title names the principal
            principal_roles = next((tuple(rm.roles) for rm in role_mentions(doc)
                                    if rm.token_span[0] == k and rm.name_start is None and not rm.country), ())
    raw_base = dict(kind=kind, sent=si, trig=i, span=(doc.sentences[si].start, doc.sentences[si].end))
    out: list[_Raw] = []
    if (not any(x.name for x in subjects) and not after and kind not in ("visit", "interview")
            and _has(cues["both_sides"], toks, cs, i, inside)):
        # "hai nhà lãnh đạo bước vào hội đàm", "Lãnh đạo hai nước chứng kiến lễ ký": the two sides the
        # article has named, filled in once every interaction of the article is read
        occ = _phrase_after(toks, doc.text, j, tb) if kind == "conference" else None
        if kind == "conference" and (not occ or _refers_back(occ, triggers_lower())):
            return []
        r = _Raw(participants=[], both_sides=True, occasion=occ, **raw_base)
        r.key = ("both", kind, si, i)
        return [r]
    if kind == "visit":
        return _visit(doc, toks, si, ta, tb, i, j, noun, subjects, acts, raw_base, ce, led)
    passive_occ = None
    if passive:
        # "Kỳ họp diễn ra dưới sự đồng chủ trì của A và B": the co-chairs follow "của", the meeting is the
        # clause's subject
        q = _after_word(toks, j, tb, "của")
        subjects = [x for x in _list_after(toks, q, tb, acts, _words("gap_word"), 2)[0] if x.name]
        passive_occ = _held_name(toks, doc.text, cs, i)
    if kind in ("interview", "conference"):
        people = [x for x in subjects if x.name]
        if people and kind == "conference" and _has(cues["thanked"], toks, people[-1].b, i):
            return []  # "X cảm ơn Việt Nam đã cử đoàn dự Hội nghị": X's thanks, not X's attendance
        if not people:
            return []
        occ_end, partners = tb, []
        if kind == "conference":
            # "đồng chủ trì Tham khảo chính trị ... với Thứ trưởng X": the co-chair takes part; the name ends there
            occ_end, partners = _co_chairs(toks, j, tb, acts)
        occ = passive_occ or _phrase_after(toks, doc.text, j if kind == "conference" else _after_word(toks, j, tb, "về"),
                                           occ_end)
        people += [x for x in partners if x not in people]
        if kind == "conference" and _refers_back(occ, triggers_lower()):
            return []  # "phát biểu tại buổi tiếp", "tại Hội nghị": the event the article already reports
        r = _Raw(participants=people, occasion=occ, **raw_base)
        r.key = (kind, tuple(sorted(key(x.name) for x in people)), key(occ or "") if kind == "conference" else "")
        return [r]
    parts = subjects + [x for x in after if x not in subjects]
    named = [x for x in parts if x.name]
    foreign = [x for x in named if x.country != VN]
    home = [x for x in named if x.country == VN]
    anon = [x for x in parts if not x.name and x.country and x.country != VN]
    if kind == "message" and len(named) == 1 and named[0] in subjects and named[0].country not in (None, VN):
        # a foreign leader's message to Vietnam or its people, no recipient named: the sender's event
        r = _Raw(participants=named, **raw_base)
        r.key = ("p", key(named[0].name), ())
        return [r]
    if not named or (len(named) < 2 and not anon and not needs_principal):
        return []
    if foreign and not home and len(foreign) >= 2:
        # an interaction between two other countries: one event with both sides
        r = _Raw(participants=foreign, **raw_base)
        r.key = ("p", key(foreign[-1].name), tuple(sorted(key(x.name) for x in foreign[:-1])))
        return [r]
    if len(foreign) == 1 and len(home) >= 2 and foreign[0] in subjects and all(x in after for x in home):
        # "X hội kiến Tổng Bí thư A và Chủ tịch Quốc hội B": one call on each
        f = foreign[0]
        for h in home:
            r = _Raw(participants=[h, f], **raw_base)
            r.key = ("p", key(f.name), (key(h.name),))
            out.append(r)
        return out
    if foreign:
        host = _host_country(kind, first, subjects, after, needs_principal)
        for f in foreign:
            r = _Raw(participants=home + [f], needs_principal=needs_principal and not home,
                     principal_roles=principal_roles, host_country=host, **raw_base)
            r.key = _pair_key(kind, f, home)
            out.append(r)
        return out
    if anon and home:
        r = _Raw(participants=home, anon_country=anon[0].country, **raw_base)
        r.key = ("anon", kind, anon[0].country, tuple(sorted(key(x.name) for x in home)))
        return [r]
    if len(home) >= 2 and kind in ("talks", "meeting", "phone_call", "signing", "courtesy_call", "reception"):
        r = _Raw(participants=home, **raw_base)
        r.key = ("home", kind, tuple(sorted(key(x.name) for x in home)))
        return [r]
    return []


def _delegation_led_by(toks, ta, i, acts, cues) -> _Actor | None:
    """The named head of a delegation that is the subject of the verb at i: "(Đoàn ...) do X, <roles>,
    dẫn đầu / làm Trưởng đoàn (đã tới ..., bắt đầu) <verb>", all in the verb's sentence."""
    for k in range(i - 1, ta - 1, -1):
        if toks[k].text in ";" or (k < i - 40):
            return None
        e = cues["led_by"].match(toks, k)
        if e > k and e <= i:
            for d in range(k - 1, max(ta, k - 40) - 1, -1):
                if toks[d].low == "do":
                    found, _ = _list_after(toks, d + 1, k, acts, {"đồng", "chí", "ông", "bà", "ngài"}, 3)
                    named = [x for x in found if x.name]
                    return named[0] if named else None
            return None
    return None


@functools.cache
def triggers_lower() -> frozenset[str]:
    """Interaction nouns ("cuộc tiếp", "buổi làm việc"), folded: an occasion that opens with one is an
    interaction, not a conference."""
    return frozenset(key(r["phrase"]) for r in table("event_kinds")
                     if key(r["phrase"]).split()[0] in _words("noun_head") and r["kind"] != "conference")


def _refers_back(occ: str | None, nouns: frozenset[str]) -> bool:
    """Whether a conference's name opens with an interaction noun ("phát biểu tại cuộc tiếp Toàn quyền X",
    "chủ trì buổi tiếp"): it names an interaction (read on its own), not a conference."""
    if not occ:
        return False
    words = key(occ).split()
    return any(" ".join(words[:n]) in nouns for n in (2, 3, 4))


def _held_name(toks, text, cs, i) -> str | None:
    """The name of a meeting that opens its clause and is said to take place ("Kỳ họp lần thứ 5 Ủy ban
    Hỗn hợp diễn ra ..."): from the clause start to the verb of taking place."""
    held = _words("held_verb")
    k = cs
    while k < i and toks[k].low not in held:
        k += 1
    if k == cs or k >= i or not toks[cs].is_cap:
        return None
    return text[toks[cs].start:toks[k - 1].end]


def _other_side(toks, tb, acts, first: _Actor) -> _Actor | None:
    """The first named person after `first` in its clause who is on the other side (Vietnamese or not)."""
    for x in acts:
        if x.a < first.b or not x.name:
            continue
        if any(t.text in ";" for t in toks[first.b:x.a]) or x.a >= tb:
            return None
        if (x.country == VN) != (first.country == VN) and x.country:
            return x
    return None


def _host_country(kind, first, subjects, after, needs_principal) -> str | None:
    """The country of the side that receives: whoever "tiếp" (a Vietnamese principal standing in for a
    missing subject), whoever is called on or handed credentials. A reception or call with no place
    stated took place there."""
    if kind == "reception":
        side = subjects or ([] if not needs_principal else [_Actor(0, 0, None, VN, None)])
    elif kind == "courtesy_call" or first in _words("presents"):
        side = after
    else:
        return None
    countries = {x.country for x in side if x.country}
    if len(countries) != 1:
        return None
    (c,) = countries
    return None if c.startswith("ORG:") else c


def _co_chairs(toks, j, tb, acts) -> tuple[int, list[_Actor]]:
    """Named foreign counterparts after the first "với" following a conference name, and where the name ends."""
    for k in range(j, tb):
        if toks[k].low == "với":
            found, _ = _list_after(toks, k + 1, tb, acts, _words("gap_word"), 1)
            found = [x for x in found if x.name and x.country and x.country != VN]
            return (k, found) if found else (tb, [])
    return tb, []


def _delegation_head(doc, toks, j, ce, acts, cues) -> tuple[list[_Actor], int]:
    """"tiếp Đoàn đại biểu ... do X dẫn đầu": the delegation's head X is the counterpart."""
    k = j
    while k < ce and k - j < 3 and toks[k].low in _words("gap_word") and cues["delegation"].match(toks, k) == k:
        k += 1
    if k >= ce or cues["delegation"].match(toks, k) == k:
        return [], j
    # the head may stand past a bracket or a comma ("đoàn tỉnh Kandal (Campuchia), do ngài X dẫn đầu")
    tb = next((q for q in range(k, min(len(toks), k + 40)) if toks[q].text in ";."), min(len(toks), k + 40))
    for q in range(k + 1, min(tb, k + 30)):
        if toks[q].low == "do":
            found, end = _list_after(toks, q + 1, tb, acts, {"đồng", "chí", "ông", "bà", "ngài", ","}, 3)
            if found:
                return found, end
            break
    # a delegation with no named head: its country stands for the counterpart ("Đoàn đại biểu Quốc hội Lào")
    starts = _starts(doc)
    lo, hi = toks[k].start, toks[min(ce, k + 12) - 1].end
    for m in doc.places_in(lo, hi):
        if m.kind in ("country", "subdivision") and m.country and m.country != VN:
            e = bisect.bisect_left(starts, m.end)
            return [_Actor(k, e, None, m.country, None)], e
        if m.kind == "org":
            e = bisect.bisect_left(starts, m.end)
            return [_Actor(k, e, None, m.code, None)], e
    return [], j


def _after_word(toks, j, tb, word) -> int:
    for k in range(j, min(tb, j + 3)):
        if toks[k].low == word:
            return k + 1
    return tb




def _phrase_after(toks, text, k, tb) -> str | None:
    """A conference or topic name from token k to the next comma, "tại", or bracket."""
    e = k
    while e < tb and toks[e].low not in _words("phrase_stop"):
        if toks[e].low == "và" and e + 1 < tb and toks[e + 1].low == "các":
            break
        e += 1
    if e <= k:
        return None
    return text[toks[k].start:toks[e - 1].end]


@functools.cache
def cues_past_visit() -> PhraseSet:
    """Words after a visit named as a noun that place it in the past ("mới đây", "vừa qua", "năm ngoái")."""
    return PhraseSet(r["phrase"] for r in table("event_cues") if r["group"] == "past_visit")


def _starts_visit(toks, a: int, i: int) -> bool:
    """Between a subject (ending at a) and "chuyến thăm" at i stand only words that make the visit the
    subject's own ("bắt đầu", "đã tiến hành", a delegation's "dẫn đầu", "đã tới Viêng Chăn,")."""
    words = _words("visit_start")
    between = toks[a:i]
    return any(t.low in ("bắt", "tiến", "thực") for t in between) and all(
        t.low in words or t.is_cap or t.text == "," for t in between)


def _background(toks, ta, i) -> bool:
    """'X, đang thăm Việt Nam, ...': a visit told as the setting of the news, not as news."""
    cues = _words("background_visit")
    return any(toks[k].low in cues for k in range(max(ta, i - 3), i))


def _visit(doc, toks, si, ta, tb, i, j, noun, subjects, acts, raw_base, ce, led=False) -> list[_Raw]:
    places = _places_by_start(doc)
    starts = _starts(doc)
    hosts: list[str] = []
    k = j
    while k < tb and k - j < 12:
        m = places.get(toks[k].start)
        if m is not None and m.kind in ("country", "subdivision") and m.country:
            if m.country not in hosts:
                hosts.append(m.country)
            k = max(k + 1, bisect.bisect_left(starts, m.end))
            continue
        if toks[k].low in _words("visit_word"):
            k += 1
            continue
        break
    if not hosts:
        return []
    visitor: list[_Actor] = []
    by_start = {x.a: x for x in acts}
    of_visitor = False  # "chuyến thăm ... của X": the visit is named, not told as the clause's news
    if noun:
        for q in range(k, min(tb, k + 12)):
            if toks[q].low == "của":
                q2 = q + 1
                while q2 < tb and q2 not in by_start and toks[q2].low in ("đồng", "chí", "ông", "bà", "ngài"):
                    q2 += 1
                if q2 in by_start and by_start[q2].name:
                    visitor, of_visitor = [by_start[q2]], True
                break
            if toks[q].text in ",;" or toks[q].low in ("theo", "lời", "mời"):
                break  # "... theo lời mời của X": X invited, X is not the visitor
    else:
        visitor = [x for x in subjects[-1:] if x.name]
    if noun and not visitor and subjects and subjects[-1].name and (led or _starts_visit(toks, subjects[-1].b, i)):
        visitor = subjects[-1:]  # "X (đã tới Y,) bắt đầu chuyến thăm Z": X's visit, told as a noun
    if not visitor:
        return []
    out = []
    v = visitor[0]
    for h in hosts:
        if h == v.country:
            continue
        hosts_p = [x for x in acts if x.name and x.country == h and x is not v]
        seen, parts = set(), [v]
        for x in hosts_p:
            if x.name not in seen:
                seen.add(x.name)
                parts.append(x)
        r = _Raw(participants=parts, location=Location(None, h), **raw_base)
        r.key = ("visit", h, key(v.name))
        past = noun and _has(cues_past_visit(), toks, j, min(tb, k + 14))
        if (of_visitor and not past) or (_background(toks, ta, i) and v.country != VN and h == VN):
            # "(đánh giá cao) chuyến thăm Lào của X": the occasion of X's interactions there, if the
            # article reports any; a visit marked as past ("mới đây", "vừa qua") is news of its own
            r.visit_of = key(v.name)
            if noun:  # "chuyến thăm Việt Nam của X": up to the visitor's name
                end_tok = next((x.b for x in acts if x is v), k)
                r.occasion = doc.text[toks[i].start:toks[end_tok - 1].end]
            else:  # "X, đang thăm cấp Nhà nước Việt Nam": the visit up to its host
                r.occasion = "chuyến " + doc.text[toks[i].start:toks[k - 1].end]
        out.append(r)
    return out


# ---------------------------------------------------------------- dates, places, occasions, merging

def _when_where(doc: Doc, toks: list[Token], r: _Raw, acts_inside: set[int]) -> None:
    _, _, cues = _lex()
    s = doc.sentences[r.sent]
    # clause bounded by ";" around the trigger
    text = doc.text
    lo = text.rfind(";", s.start, toks[r.trig].start)
    lo = s.start if lo < 0 else lo + 1
    hi = text.find(";", toks[r.trig].start, s.end)
    hi = s.end if hi < 0 else hi
    # a bare year or month in a later comma clause is what the text says about something else
    # ("Tiếp Đại sứ X, Chủ tịch nước hoan nghênh Hiệp định ... có hiệu lực từ đầu năm 2014")
    k = r.trig
    while k < len(toks) and toks[k].start < hi and not (toks[k].text in ",;" and k not in acts_inside):
        k += 1
    clause_end = toks[k].start if k < len(toks) else hi
    # a date in brackets closing an earlier comma clause ("A điện đàm với B (tháng 9/2021), C dự ...") is
    # that clause's, not this one's
    k = r.trig
    while k > 0 and toks[k - 1].start >= lo and not (toks[k - 1].text in ",;" and k - 1 not in acts_inside):
        k -= 1
    clause_start = toks[k].start
    ds = [d for d in dates_in(doc, lo, hi) if d.value and not _long_range(d.value)
          and (d.start < clause_end or len(d.value) >= 10) and not _anniversary_date(doc, lo, d.start)
          and not (d.start < clause_start and _bracketed(text, d.start, clause_start))]
    if ds:
        t0 = toks[r.trig].start
        best = min(ds, key=lambda d: abs(d.start - t0))
        r.date, r.explicit_date = best.value, True
    else:
        a = bisect.bisect_left(_starts(doc), s.start)
        r.same_day = _has(cues["same_day"], toks, a, r.trig)
        r.inherit = _has(cues["inherit"], toks, a, r.trig)
        r.undated = _has(cues["past_undated"], toks, max(a, r.trig - 4), r.trig)
    if r.location is None:
        r.location = _location(doc, toks, lo, hi, acts_inside, cues)
    if r.location is None:
        r.location = _went_to(doc, toks, lo, r.trig, acts_inside)
    if r.occasion is None and r.kind not in ("interview", "conference", "visit"):
        r.occasion = _occasion(doc, toks, s.start, toks[r.trig].start, s.end, cues)
        if r.occasion is not None and key(r.occasion) in _words("bare_occasion"):
            # "Bên lề Hội nghị, ...": the conference the article reported, with its days and place
            r.occasion = None
            r.inherit = not r.explicit_date


def _bracketed(text: str, start: int, limit: int) -> bool:
    """Whether the date at `start` stands inside brackets that close before `limit`."""
    return text.rfind("(", max(0, start - 3), start + 1) >= 0 and 0 <= text.find(")", start, limit)


def _long_range(v: str) -> bool:
    """A span of more than two months apart (a programme's period, not an event's days); a short
    span across the new year ("31/12/2009 và 1/1/2010") is an event's."""
    a, _, b = v.partition("/")
    if not b or a[:7] == b[:7]:
        return False
    ma = int(a[5:7]) if len(a) >= 7 else 1
    mb = int(b[5:7]) if len(b) >= 7 else 12
    return (int(b[:4]) - int(a[:4])) * 12 + mb - ma > 2


_ANNIVERSARY_BRACKET = re.compile(r"kỷ\s+niệm\s[^;()]*\(\s*$", re.IGNORECASE)


def _anniversary_date(doc: Doc, lo: int, start: int) -> bool:
    """A date in brackets after the name of what is commemorated ("dự lễ kỷ niệm ... Ngày Độc lập
    (2/9/1945)") is the anniversary's, not the event's."""
    return bool(_ANNIVERSARY_BRACKET.search(doc.text[max(lo, start - 200):start]))


def _went_to(doc, toks, lo, trig, inside) -> Location | None:
    """"sang La Habana dự lễ ...", "tới Viêng Chăn hội đàm ...": the city travelled to right before the
    interaction word, in its clause, is where it took place."""
    starts = _starts(doc)
    a = bisect.bisect_left(starts, lo)
    places = _places_by_start(doc)
    for k in range(trig - 1, max(a, trig - 8) - 1, -1):
        if toks[k].text in ",;:" and k not in inside:
            return None
        if toks[k].low in ("sang", "tới") and k not in inside and k + 1 < trig:
            m = places.get(toks[k + 1].start)
            if m is not None and m.kind == "city" and starts[trig] >= m.end:
                return Location(m.text, m.country)
    return None


def _location(doc, toks, lo, hi, inside, cues) -> Location | None:
    starts = _starts(doc)
    a = bisect.bisect_left(starts, lo)
    b = bisect.bisect_left(starts, hi)
    places = _places_by_start(doc)
    for k in range(a, b):
        if toks[k].low not in ("tại", "ở") or k in inside:
            continue
        q = k + 1
        pre = q
        m = places.get(toks[q].start) if q < b else None
        while m is None and q < b and toks[q].low in _words("place_prefix"):
            q += 1
            m = places.get(toks[q].start) if q < b else None
        if m is not None and m.kind in ("city", "country", "subdivision"):
            place_text = doc.text[toks[pre].start:m.end]
            country = m.country
            # "Kuala Lumpur, Malaysia": the country named after the place
            rest = doc.text[m.end:m.end + 3]
            if rest.startswith(", "):
                m2 = places.get(m.end + 2)
                if m2 is not None and m2.kind == "country":
                    country = m2.country
            if m.kind == "country" and pre == q:
                return Location(m.text, country)
            return Location(place_text, country)
        if m is None:
            # "tại đảo Margarita, Venezuela": a place the gazetteer lacks, placed by the country after it
            e = q
            while e < b and e - q < 4 and toks[e].is_word and toks[e].is_cap and e not in inside:
                e += 1
            m2 = places.get(toks[e + 1].start) if e > q and e + 1 < b and toks[e].text == "," else None
            if m2 is not None and m2.kind == "country":
                return Location(doc.text[toks[pre].start:toks[e - 1].end], m2.country)
        v = cues["venue"].match(toks, k + 1)
        if v > k + 1:
            e = v
            while e < b and (toks[e].is_cap or toks[e].low in ("giao", "phủ", "hội", "nghị")) and toks[e].is_word:
                e += 1
            inner = doc.places_in(toks[k + 1].start, toks[e - 1].end)
            country = next((m.country for m in inner if m.country), VN)
            return Location(doc.text[toks[k + 1].start:toks[e - 1].end], country)
    return None


def _occasion(doc, toks, s_start, t_start, s_end, cues) -> str | None:
    """The conference or visit an interaction took place at: "nhân dịp dự X", "bên lề X" in its sentence.

    Before the verb any occasion cue counts; after it, not a bare "nhân dịp" (that is what a
    greeting is for, not where a meeting was)."""
    starts = _starts(doc)
    a = bisect.bisect_left(starts, s_start)
    t = bisect.bisect_left(starts, t_start)
    b = bisect.bisect_left(starts, s_end)
    k = a
    while k < b:
        e = cues["occasion"].match(toks, k)
        if e > k and k >= t and e - k == 2 and toks[k].low == "nhân":
            k = e
            continue
        if e > k:
            if e < b and toks[e].low in ("này", "đó"):
                return None
            stop = t if k < t else b  # an occasion before the verb ends where the verb begins
            if toks[e - 1].low in ("thăm", "tác", "du") and toks[e - 2].low in ("chuyến", "công"):
                e = next(q for q in range(e - 1, k - 1, -1) if toks[q].low == "chuyến")  # "nhân chuyến thăm X"
                return _phrase_after(toks, doc.text, e, stop)
            if e < stop and (toks[e].is_cap or toks[e].low in ("chuyến", "kỳ", "phiên", "lễ", "hội")):
                return _phrase_after(toks, doc.text, e, stop)
            k = e
        else:
            k += 1
    return None


def _opens_same_day(doc: Doc, si: int) -> bool:
    """Whether sentence `si` opens with a same-day cue ("Ngay sau hội đàm, ...")."""
    if si < 0:
        return False
    s = doc.sentences[si]
    toks = [t for t in tokens_of(doc) if s.start <= t.start < s.end]
    return bool(toks) and _lex()[2]["same_day"].match(toks, 0) > 0


def _earlier_day(doc: Doc, before: int) -> str | None:
    """The last day, day range or relative day the text names before offset `before`."""
    days = [d.value for d in dates.find_dates(doc, 0, before)
            if d.value and d.kind in ("day", "range", "relative", "weekend")]
    return days[-1] if days else None


def _participant(x: _Actor) -> Participant:
    return Participant(name=x.name, country=x.country, role=x.role)


def _finish(doc: Doc, raws: list[_Raw]) -> list[Fact]:
    if not raws:
        return []
    toks = tokens_of(doc)
    inside: set[int] = set()
    for rm in role_mentions(doc):
        inside.update(range(*rm.token_span))
    for r in raws:
        _when_where(doc, toks, r, inside)
    # the article's Vietnamese principal: of its first event that names one
    principal = next(([x for x in r.participants if x.country == VN] for r in raws
                      if any(x.country == VN for x in r.participants)), [])
    for r in raws:
        # "Phó Thủ tướng gặp X" when no event names the principal: the one Vietnamese holder of that title
        who = _holder(doc, list(r.principal_roles), VN) if r.needs_principal and r.principal_roles and not principal else None
        home = [_Actor(0, 0, who.name, VN, ", ".join(who.roles) or None)] if who is not None else principal
        if r.needs_principal and home:
            r.participants = home + r.participants
            r.key = (r.key[0], r.key[1], tuple(sorted(key(x.name) for x in home)))
    raws = _fill_both_sides(raws, _actors(doc, toks))
    # fallback dates
    first_explicit = next((r.date for r in raws if r.explicit_date and r.date), None)
    prev = None  # the last event dated to the day: what "cùng ngày" refers to
    occasion = None  # the last dated event: the occasion "Nhân dịp này" refers to (a day or a range)
    for r in raws:
        if not r.explicit_date:
            if r.same_day and prev is not None:
                r.date, r.explicit_date = prev.date, True
            elif prev is not None and not r.undated and _opens_same_day(doc, r.sent - 1) and (
                    "\n" not in doc.text[doc.sentences[r.sent - 1].end:r.span[0]]):
                # "Tối 20/5, A hội đàm B. Ngay sau hội đàm, hai bên chứng kiến lễ ký. C và D đã ký ...":
                # a sentence that says "same day" carries the day to the next one in its paragraph
                r.date, r.explicit_date = prev.date, True
            elif r.inherit and (occasion is not None or _earlier_day(doc, r.span[0])):
                # "Nhân dịp này": the occasion's date, else the time the article set before ("Cuối tuần qua, ...")
                r.date = occasion.date if occasion is not None else _earlier_day(doc, r.span[0])
            elif r.undated:
                r.date = None
            elif doc.published:
                # reported with no day of its own: the month of the date line, not its day (the news
                # may report what happened days before the page went out); with no date line, unknown
                r.date = doc.published[:7]
        if r.explicit_date and r.date and len(r.date) == 10:  # "cùng ngày" names a day, not a range
            prev = r
        if r.explicit_date and r.date:
            occasion = r
    # merge mentions of one interaction
    merged: dict[tuple, _Raw] = {}
    order: list[tuple] = []
    for r in raws:
        m = merged.get(r.key)
        if m is None:
            merged[r.key] = r
            order.append(r.key)
            continue
        _merge(m, r)
    events = [merged[k] for k in order]
    # a visit named as a noun ("chuyến thăm Việt Nam của X") is the occasion of X's interactions there
    by_person: dict[str, _Raw] = {}
    for e in events:
        if e.key[0] in ("p", "sign"):
            for x in e.participants:
                if x.name:
                    by_person.setdefault(key(x.name), e)
    keep = []
    for e in events:
        if e.visit_of and e.visit_of in by_person:
            host = by_person[e.visit_of]
            host.occasion = host.occasion or e.occasion
            continue
        keep.append(e)
    events = keep
    # a nameless counterpart of the same country as a named one, with the same principal, is that one
    keep = []
    for e in events:
        if e.key[0] == "anon":
            home = {key(x.name) for x in e.participants}
            twin = next((o for o in events if o.key[0] == "p" and any(
                x.country == e.anon_country for x in o.participants if x.name and x.country != VN)
                and home & {key(x.name) for x in o.participants if x.country == VN}), None)
            if twin is not None:
                continue
        keep.append(e)
    events = keep
    # places and occasions from the principal's earlier event, when not restated
    for n, e in enumerate(events):
        home = {key(x.name) for x in e.participants if x.country == VN}
        if not home:
            continue
        for o in events[:n]:
            if not (home & {key(x.name) for x in o.participants if x.country == VN}):
                continue
            if e.explicit_date and o.explicit_date and e.date != o.date and not e.inherit \
                    and not (o.kind == "conference" and _within(e.date, o.date)):
                continue  # (a day of a conference's days is at that conference)
            if o.kind == "visit" or e.kind == "visit":
                continue
            if e.location is None and o.location is not None:
                e.location = o.location
            if e.occasion is None and o.occasion is not None:
                e.occasion = o.occasion
            break
    _visit_country(events)
    _visit_hosts(events)
    _host_place(events)
    out: list[Fact] = []
    for e in events:
        seen, parts = set(), []
        for x in e.participants + e.attendees:
            if x.name and key(x.name) not in seen:
                seen.add(key(x.name))
                parts.append(_participant(x))
        s = doc.sentences[e.sent]
        out.append(Event(kind=e.kind, date=e.date, participants=parts, location=e.location,
                         occasion=e.occasion, evidence=s.text, span=(s.start, s.end)))
    return out


def _fill_both_sides(raws: list[_Raw], actors: list[_Actor]) -> list[_Raw]:
    """Events told of "the two leaders" take the two sides of the nearest interaction before them that
    names a Vietnamese and a foreign person (else the nearest after; else the first Vietnamese and the
    first foreign person the article names); one event per foreign person."""
    paired = [r for r in raws if not r.both_sides and r.kind != "visit"
              and any(x.name and x.country == VN for x in r.participants)
              and any(x.name and x.country and x.country != VN for x in r.participants)]
    named = [x for x in actors if x.name and x.country and not x.country.startswith("ORG:")]
    first_home = next((x for x in named if x.country == VN), None)
    first_foreign = next((x for x in named if x.country != VN), None)
    fallback = ([first_home, first_foreign] if first_home and first_foreign else [])
    out: list[_Raw] = []
    for r in raws:
        if not r.both_sides:
            out.append(r)
            continue
        before = [o for o in paired if (o.sent, o.trig) < (r.sent, r.trig)]
        src = before[-1] if before else next(iter(paired), None)
        parts = src.participants if src is not None else fallback
        if not parts:
            continue
        home = [x for x in parts if x.name and x.country == VN]
        for f in (x for x in parts if x.name and x.country and x.country != VN):
            out.append(replace(r, participants=home + [f], both_sides=False,
                               key=_pair_key(r.kind, f, home)))
    return out


def _pair_key(kind: str, foreign: _Actor, home: list[_Actor]) -> tuple:
    """Mentions of one interaction with one counterpart share this key (a signing stays apart from the
    talks before it)."""
    tag = {"signing": "sign", "conference": "conf"}.get(kind, "p")
    return (tag, key(foreign.name), tuple(sorted(key(x.name) for x in home)))


def _visit_country(events: list[_Raw]) -> None:
    """An interaction with no place, on a day of a visit the article reports, by the visiting side, took
    place in the host country: "Thăm chính thức Ấn Độ từ 28/11 đến 1/12 ... Ngày 1/12, Bộ trưởng chào
    xã giao Thủ tướng X" (a visit to Vietnam: by its foreign guest, in Vietnam). The visit must name its
    host country and its days; an interaction outside them, or by neither visitor, stays unplaced."""
    visits = [v for v in events if v.kind == "visit" and v.location is not None and v.location.country
              and not v.location.country.startswith("ORG:") and v.date and "/" in v.date]
    for e in events:
        if e.kind == "visit" or e.location is not None or not e.date or len(e.date) != 10:
            continue
        for v in visits:
            if not _within(e.date, v.date):
                continue
            host = v.location.country
            inbound = host == VN
            side = {key(x.name) for x in v.participants if x.name and (x.country != VN) == inbound}
            if side & {key(x.name) for x in e.participants if x.name and (x.country != VN) == inbound}:
                e.location = Location(None, host)
                break


def _visit_hosts(events: list[_Raw]) -> None:
    """A visit whose report names no host takes its principal host: the other side of the first
    interaction of the visitor's that the article reports there (or with no place)."""
    for v in events:
        if v.kind != "visit" or not v.participants or v.location is None or not v.location.country:
            continue
        visitor, host = v.participants[0], v.location.country
        if not visitor.name or any(x.country == host for x in v.participants[1:]):
            continue
        for o in events:
            if o is v or o.kind in ("visit", "conference", "message") or key(visitor.name) not in {
                    key(x.name) for x in o.participants if x.name}:
                continue
            if o.location is not None and o.location.country and o.location.country != host:
                continue
            other = [x for x in o.participants if x.name and x.country == host and x.country != visitor.country]
            if other:
                v.participants.append(other[0])
                break


def _host_place(events: list[_Raw]) -> None:
    """A reception or call with no place stated took place in the receiving side's country -- unless
    that side is travelling abroad in the article (a visit of theirs to another country)."""
    abroad = set()
    for v in events:
        if v.kind == "visit" and v.location is not None and v.location.country:
            abroad.update(key(x.name) for x in v.participants if x.name and x.country != v.location.country)
    for e in events:
        if e.location is not None or not e.host_country:
            continue
        hosts = {key(x.name) for x in e.participants if x.name and x.country == e.host_country}
        if hosts & abroad:
            continue
        e.location = Location(None, e.host_country)


def _within(day: str | None, span: str | None) -> bool:
    """Whether a day (YYYY-MM-DD) lies in a range of days ("2016-09-17/2016-09-18")."""
    if not day or not span or len(day) != 10 or "/" not in span:
        return False
    a, _, b = span.partition("/")
    return len(a) == len(b) == 10 and a <= day <= b


def _merge(m: _Raw, r: _Raw) -> None:
    if m.sent == 0 and r.sent != 0:
        m.sent, m.span = r.sent, r.span  # the body's sentence is better evidence than the headline
    if m.kind == "visit" and r.kind != "visit" and m.visit_of:
        m.kind = r.kind
    if not m.explicit_date and r.explicit_date:
        m.date, m.explicit_date = r.date, True
    if m.location is None:
        m.location = r.location
    if m.occasion is None:
        m.occasion = r.occasion
    names = {key(x.name) for x in m.participants if x.name}
    for x in r.participants:
        if x.name and key(x.name) not in names:
            m.participants.append(x)
            names.add(key(x.name))
        elif x.name and x.role:
            for i, y in enumerate(m.participants):
                if y.name and key(y.name) == key(x.name) and not y.role:
                    m.participants[i] = x
    m.attendees += r.attendees
