"""Who takes part: the persons and titles of a sentence as sides, the subject before an interaction word,
the counterparts listed after it, a delegation's head, the other side of a main clause.
"""
from __future__ import annotations

import bisect

from vndiplo.extract.doc import Doc
from vndiplo.extract.events.cues import _lex, _words
from vndiplo.extract.events.model import _Actor
from vndiplo.data.gazetteer import Mention
from vndiplo.extract.persons import role_mentions, tokens_of, VN
from vndiplo.extract.tokens import key, Token


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
    """Every person and nameless titled side of the document, in text order (read once per document)."""
    got = getattr(doc, "_actors", None)
    if got is None:
        got = doc._actors = _read_actors(doc, toks)  # type: ignore[attr-defined]
    return got


def _read_actors(doc: Doc, toks: list[Token]) -> list[_Actor]:
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
        elif rm.roles:
            out.extend(_title_of_countries(doc, toks, a, b, rm.roles))
    for p in doc.persons:
        if p.start not in covered:
            out.append(_Actor(ti(p.start), ti(p.end - 1) + 1, p.name, p.country, None))
    out.sort(key=lambda x: (x.a, -x.b))
    # a name inside another side's titles ("Giám đốc Học viện Chính trị Quốc gia Hồ Chí Minh") is no side
    kept: list[_Actor] = []
    for x in out:
        if kept and kept[-1].a <= x.a and x.b <= kept[-1].b and kept[-1].name and x is not kept[-1]:
            continue
        kept.append(x)
    return kept


def _title_of_countries(doc: Doc, toks: list[Token], a: int, b: int, roles: list[str]) -> list[_Actor]:
    """"Đại sứ các nước Peru, Chile và Kenya": one side per country, each the one holder of the title the
    article names for that country (else nameless). The first spans the title, the others their country's
    words, so that a list reads them one after the other."""
    k = b
    while k < len(toks) and toks[k].low in _words("countries_of"):
        k += 1
    if k == b:
        return []
    places = _places_by_start(doc)
    starts = _starts(doc)
    found: list[tuple[int, int, str]] = []
    while k < len(toks):
        m = places.get(toks[k].start)
        if m is None or m.kind != "country" or not m.country:
            break
        e = bisect.bisect_left(starts, m.end)
        found.append((k, e, m.country))
        k = e
        if k < len(toks) and toks[k].low in (",", "và"):
            k += 1
        else:
            break
    if len(found) < 2:
        return []
    out = []
    for n, (ka, kb, country) in enumerate(found):
        who = _holder(doc, roles, country)
        out.append(_Actor(a if n == 0 else ka, kb, who.name if who else None, country, ", ".join(roles)))
    return out


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


def _acts_next(toks, k, tb) -> bool:
    """Whether an interaction verb follows token k (after "đã", "cũng", "vừa"): the person before it is its subject."""
    while k < tb and toks[k].low in _words("aux"):
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
        # "Đại sứ A và phu nhân, Đại sứ B ...": a spouse who comes along is no separate side
        if (m + 2 < tb and toks[m].low in ("và", "cùng") and (m + 1) not in by_start
                and key(f"{toks[m + 1].text} {toks[m + 2].text}") in _words("consort")):
            m += 3
            k = m
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
    while k > 0 and toks[k - 1].low in _words("aux_and"):
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
        if x.a > 0 and toks[x.a - 1].low == "của":
            break  # "nhận lời mời của X, A ...": X invited; a subject is nobody's
        gap = toks[x.b:out[0].a]
        # "A và B", "A cùng B" -- and "A, B và C" when each is a named person with a title
        titled = x.name and x.role and out[0].name and out[0].role
        listed = titled and len(gap) == 1 and gap[0].text == ","
        if not gap and titled:
            out.insert(0, x)  # "Thủ tướng A Chủ tịch Quốc hội B": a comma lost between two titled names
            continue
        if gap and len(gap) <= 2 and (all(t.low in _words("joins_with") for t in gap) or listed):
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
    while k > ta and k - i > -4 and toks[k - 1].low in _words("before_verb"):
        k -= 1  # ("Bộ trưởng Ngoại giao ta đã ...": "ta", ours)
    return ends.get(k)


def _delegation_subject(toks, ta, i) -> bool:
    """'(Cùng ngày,) đoàn (công tác) đã làm việc với X': the delegation, opening its clause, is the subject."""
    k = i
    while k > ta and k - i > -3 and toks[k - 1].low in _words("before_verb"):
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
    e = _name_end(toks, k, tb)
    if e <= k:
        return None
    if e + 2 < tb and toks[e].text == "(":
        # the short name in brackets is part of it: "Đại hội đồng ... lần thứ 40 (AIPA 40)"
        close = next((q for q in range(e + 1, min(tb, e + 5)) if toks[q].text == ")"), None)
        if close is not None and close > e + 1 and toks[e + 1].text.isupper() and toks[e + 1].text.isalpha():
            e = close + 1
    return text[toks[k].start:toks[e - 1].end]


def _name_end(toks, k, tb) -> int:
    """Where a name that starts at token k ends: at a stop word, or at "và" that joins another
    predicate ("dự Hội nghị X và thăm chính thức Y", "và các ...")."""
    triggers = _lex()[1]
    e = k
    while e < tb and toks[e].low not in _words("phrase_stop"):
        if toks[e].low == "và" and e + 1 < tb and (toks[e + 1].low == "các" or (
                toks[e + 1].low in triggers._by_first and triggers.match(toks, e + 1) > e + 1)):
            break
        e += 1
    return e
