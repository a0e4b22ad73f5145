"""From raw interactions to events: fill 'the two leaders', carry days and places, merge mentions of
one interaction, place visits and receptions, and emit the records.
"""
from __future__ import annotations

import bisect
import re

from dataclasses import replace
from vndiplo.extract import dates
from vndiplo.extract.doc import Doc
from vndiplo.extract.events.cues import _words
from vndiplo.extract.events.model import _Actor, _Raw
from vndiplo.extract.events.sides import _actors, _holder
from vndiplo.extract.events.when_where import _earlier_day, _opens_same_day, _when_where
from vndiplo.extract.persons import role_mentions, tokens_of, VN
from vndiplo.extract.tokens import key
from vndiplo.records import Event, Fact, Location, Participant


def _participant(x: _Actor) -> Participant:
    return Participant(name=x.name, country=x.country, role=x.role)


def finish(doc: Doc, raws: list[_Raw]) -> list[Fact]:
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
    raws = _fill_other_side(raws, _actors(doc, toks))
    _fill_witnesses(raws)
    _ceremony_witnesses(toks, raws)
    raws = _held_events(raws)
    for r in raws:
        if r.explicit_date and r.date:
            r.date_basis = _basis(doc, r)
    # fallback dates
    prev = None  # the last event dated to the day: what "cùng ngày" refers to
    occasion = None  # the last dated event: the occasion "Nhân dịp này" refers to (a day or a range)
    visits = [o for o in raws if o.kind == "visit"]
    for n, r in enumerate(raws):
        if not r.explicit_date:
            if r.same_day and prev is not None:
                r.date, r.explicit_date, r.date_basis = prev.date, True, "context"
            elif prev is not None and not r.undated and _opens_same_day(doc, r.sent - 1) and (
                    "\n" not in doc.text[doc.sentences[r.sent - 1].end:r.span[0]]):
                # "Tối 20/5, A hội đàm B. Ngay sau hội đàm, hai bên chứng kiến lễ ký. C và D đã ký ...":
                # a sentence that says "same day" carries the day to the next one in its paragraph
                r.date, r.explicit_date, r.date_basis = prev.date, True, "context"
            elif r.inherit and (occasion is not None or _earlier_day(doc, r.span[0])):
                # "Nhân dịp này": the occasion's date, else the time the article set before ("Cuối tuần qua, ...")
                r.date = occasion.date if occasion is not None else _earlier_day(doc, r.span[0])
                r.date_basis = "context"
            elif r.undated:
                r.date = None
            elif _headline(doc, r.sent) and (day := _lead_day(doc, r)):
                # the headline tells the lead's interaction: "Thủ tướng tiếp Bộ trưởng X" over "Chiều 4/5, ...
                # Thủ tướng Y đã tiếp ..."
                r.date, r.explicit_date, r.date_basis = day, True, "context"
            elif r.kind != "visit" and not r.spans_days and (day := _day_before(doc, r)) and (
                    r.refers_back or _told_since(r, n, raws, visits, day)):
                # "Chiều 17/11, lễ đón B ... Sau đó, A và B hội đàm", "Tiếp B, A khẳng định ...": the next
                # interaction of the same people (told since that day, or visiting then), told with no
                # day of its own, is of the day just told
                r.date, r.explicit_date, r.date_basis = day[0], True, "context"
            elif doc.published:
                # reported with no day of its own: the month of the date line, not its day (the news
                # may report what happened days before the page went out); with no date line, unknown
                r.date, r.date_basis = doc.published[:7], "date_line_month"
        if r.explicit_date and r.date and len(r.date) == 10:  # "cùng ngày" names a day, not a range
            prev = r
        if r.explicit_date and r.date:
            occasion = r
    # merge mentions of one interaction
    merged: dict[tuple, _Raw] = {}
    order: list[tuple] = []
    for r in raws:
        if r.absorbed:
            continue
        m = merged.get(r.key)
        if m is None:
            merged[r.key] = r
            order.append(r.key)
            continue
        _merge(m, r)
    events = _witnessed_ceremonies(_merge_conferences([merged[k] for k in order]))
    # a visit named as a noun ("chuyến thăm Việt Nam của X") is the occasion of X's interactions there
    by_person: dict[str, _Raw] = {}
    for e in events:
        if e.key[0] in ("p", "sign"):
            for x in e.participants:
                if x.name:
                    by_person.setdefault(key(x.name), e)
    keep, occasions = [], []
    for e in events:
        if e.visit_of and e.visit_of in by_person:
            host = by_person[e.visit_of]
            host.occasion = host.occasion or e.occasion
            occasions.append(e)
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
    _visit_country(events, occasions)
    _visit_hosts(events)
    _host_place(events, occasions)
    out: list[Fact] = []
    for e in events:
        seen, parts = set(), []
        for x in e.participants + e.attendees:
            if x.name and key(x.name) not in seen:
                seen.add(key(x.name))
                parts.append(_participant(x))
        s = doc.sentences[e.sent]
        out.append(Event(kind=e.kind, date=e.date, participants=parts, location=e.location,
                         occasion=e.occasion, evidence=s.text, span=(s.start, s.end),
                         date_basis=e.date_basis if e.date else None))
    return out


def _day_before(doc: Doc, r: _Raw) -> tuple[str, int] | None:
    """The day the narrative last set before the interaction's sentence, and the sentence that set it:
    a day that opens a sentence as a time adverbial ("Sáng 9/11, ...", "Trong ngày 10/3, ...", "Thực
    hiện kế hoạch ..., chiều 17/9, ..."), not a day cited inside one."""
    days = _narrative_days(doc)
    i = bisect.bisect_left(days, (doc.sentences[r.sent].start,)) - 1
    return (days[i][1], days[i][2]) if i >= 0 else None


def _headline(doc: Doc, si: int) -> bool:
    """Whether sentence si is the headline: the first with words (a stray "|" line before it is none)."""
    return all(len(doc.sentences[q].text.strip()) < 5 for q in range(si))


def _lead_day(doc: Doc, r: _Raw) -> str | None:
    """The day that opens the article's lead ("Chiều 4/5 tại ..., Thủ tướng X đã tiếp ..."), when the lead
    names one of the headline interaction's people: the headline tells the lead's interaction."""
    if r.kind == "visit":
        return None  # (a visit spans days: its own dates or none)
    for d in dates.find_days(doc):
        k = doc.sentence_index(d.start)
        if _headline(doc, k):
            continue
        if k > 3:
            return None
        s = doc.sentences[k]
        if not d.value or len(d.value) != 10 or len(doc.text[s.start:d.start].split()) > 4:
            return None
        lead = key(doc.text[s.start:s.end])
        return d.value if any(x.name and key(x.name) in lead for x in r.participants) else None
    return None


def _narrative_days(doc: Doc) -> list[tuple[int, str, int]]:
    """(offset, day, sentence) of every day the text sets as a sentence's time adverbial, read once."""
    got = doc.__dict__.get("_narrative_days")
    if got is not None:
        return got
    got = []
    starts = [s.start for s in doc.sentences]
    for d in dates.find_days(doc):
        if not d.value or len(d.value) != 10:
            continue
        k = max(0, bisect.bisect_right(starts, d.start) - 1)
        head = doc.text[doc.sentences[k].start:d.start] if doc.sentences else ""
        if (len(head.split()) <= 4 or head.rstrip().endswith(",")) and \
                doc.text[d.end:d.end + 2].lstrip().startswith(","):
            got.append((d.start, d.value, k))
    doc.__dict__["_narrative_days"] = got
    return got


def _told_since(r: _Raw, n: int, raws: list[_Raw], visits: list[_Raw], day: tuple[str, int]) -> bool:
    """Whether an interaction of r's people was told between the day's sentence and r (the last 50 read;
    bounded so that a long page stays linear), or a visit of theirs spans that day."""
    for o in reversed(raws[max(0, n - 50):n]):
        if o.sent < day[1]:
            break
        if not o.sides_borrowed and _shares_side(r, o):
            return True
    return any(_overlaps(day[0], o.date) and not o.sides_borrowed and _shares_side(r, o)
               for o in visits[:50] if (o.sent, o.trig) < (r.sent, r.trig))


def _shares_side(r: _Raw, prev: _Raw) -> bool:
    """Whether two interactions have a named foreign participant in common, or the same Vietnamese
    ones (with a foreign side in neither or both)."""
    a = {key(x.name) for x in r.participants if x.name and x.country != VN}
    b = {key(x.name) for x in prev.participants if x.name and x.country != VN}
    if a & b:
        return True
    ha = {key(x.name) for x in r.participants if x.name and x.country == VN}
    hb = {key(x.name) for x in prev.participants if x.name and x.country == VN}
    return bool(ha & hb) and not a
    

def _witnessed_ceremonies(events: list[_Raw]) -> list[_Raw]:
    """"A và B chứng kiến lễ ký các văn kiện. ... C và D ký X": the ceremony is the signings the article
    then lists, which A and B witness; it is not one more signing of A and B's own."""
    signings = [(n, e, {key(x.name) for x in e.participants if x.name}) for n, e in enumerate(events)
                if e.kind == "signing"]
    drop = set()
    for i, (n, e, people) in enumerate(signings):
        # (the signings told near it: a page of thousands of signings stays linear)
        if people and any(o is not e and people < other for _, o, other in signings[max(0, i - 30):i + 30]):
            drop.add(n)
    return [e for n, e in enumerate(events) if n not in drop]


def _merge_conferences(events: list[_Raw]) -> list[_Raw]:
    """Two mentions of one conference by the same people, one naming it in full and one by its head noun
    or a shorter name ("đồng chủ trì Hội nghị"), are one event with the full name."""
    out: list[_Raw] = []
    for e in events:
        if e.kind == "conference" and e.occasion:
            people = {key(x.name) for x in e.participants if x.name}
            words = key(e.occasion).split()
            twin = next((o for o in out if o.kind == "conference" and o.occasion and people
                         and _nested(people, {key(x.name) for x in o.participants if x.name})
                         and _same_meeting(words, key(o.occasion).split())), None)
            if twin is not None:
                if len(words) > len(key(twin.occasion).split()):
                    twin.occasion = e.occasion
                _merge(twin, e)
                continue
        out.append(e)
    return out


def _nested(a: set, b: set) -> bool:
    return bool(a) and bool(b) and (a <= b or b <= a)


def _same_meeting(a: list[str], b: list[str]) -> bool:
    """One name opens the other ("Hội nghị" and "Hội nghị Hợp tác ... lần thứ 13"), or is the short
    name the other gives in brackets ("AIPA 40" and "Đại hội đồng Liên nghị viện ASEAN lần thứ 40 (AIPA
    40)")."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return False
    if long_[:len(short)] == short:
        return True
    text = " ".join(long_)
    if f"( {' '.join(short)} )" in text or f"({' '.join(short)})" in text:
        return True
    # a headline's shorter wording of the same meeting: "kỳ họp Ủy ban liên Chính phủ" and "Kỳ họp lần
    # thứ 42 Ủy ban liên Chính phủ Việt Nam - Lào" (every word, in order, and the same head noun)
    if len(short) < 3 or short[:2] != long_[:2]:
        return False
    it = iter(long_)
    return all(w in it for w in short)


def _basis(doc: Doc, r: _Raw) -> str:
    """How a date read from the text got its year: written there, from the page's date line, or guessed
    from the other dates the text cites (an article with no date line)."""
    if r.date_span is not None and re.search(r"\d{4}", doc.text[r.date_span[0]:r.date_span[1]]):
        return "text"
    if doc.published:
        return "date_line"
    return "inferred_year"


def _held_events(raws: list[_Raw]) -> list[_Raw]:
    """Events an institution held take as sides the persons named with them and the attendees listed
    after; with none named they are dropped. A conference is one event of all of them; talks or a
    meeting between delegations is one event per foreign country (its delegation is one counterpart),
    with every Vietnamese person."""
    out: list[_Raw] = []
    for r in raws:
        if not r.organised:
            out.append(r)
            continue
        seen, people = set(), []
        for x in r.participants + r.attendees:
            if x.name and key(x.name) not in seen:
                seen.add(key(x.name))
                people.append(x)
        if not people:
            continue
        home = [x for x in people if x.country == VN]
        by_country: dict[str, list[_Actor]] = {}
        for x in people:
            if x.country and x.country != VN:
                by_country.setdefault(x.country, []).append(x)
        unplaced = [x for x in people if not x.country]  # of no stated country: with the first delegation
        if r.kind == "conference" or len(by_country) <= 1 or not home:
            out.append(replace(r, participants=people, attendees=[], organised=False))
            continue
        for n, group in enumerate(by_country.values()):
            side = group + (unplaced if n == 0 else [])
            out.append(replace(r, participants=home + side, attendees=[], organised=False,
                               key=_pair_key(r.kind, group[0], home)))
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
    order = [(o.sent, o.trig) for o in paired]  # raws come in text order
    for r in raws:
        if not r.both_sides:
            out.append(r)
            continue
        k = bisect.bisect_left(order, (r.sent, r.trig))
        src = paired[k - 1] if k else next(iter(paired), None)
        parts = src.participants if src is not None else fallback
        if not parts:
            continue
        home = [x for x in parts if x.name and x.country == VN]
        for f in (x for x in parts if x.name and x.country and x.country != VN):
            out.append(replace(r, participants=home + [f], both_sides=False, sides_borrowed=True,
                               key=_pair_key(r.kind, f, home)))
    return out


def _ceremony_witnesses(toks, raws: list[_Raw]) -> None:
    """"A và B chứng kiến lễ ký các văn kiện hợp tác. ... C và D ký X. E và F ký Y.": the signings told
    next (until an interaction of another kind) are the ceremony's, witnessed by A and B; the ceremony
    is no signing of its own then."""
    for n, c in enumerate(raws):
        if c.kind != "signing" or toks[c.trig].low != "chứng" or c.absorbed:
            continue
        people = {key(x.name) for x in c.participants if x.name}
        if not people:
            continue
        taken = False
        for o in raws[n + 1:]:
            if o.kind != "signing":
                break
            have = {key(x.name) for x in o.participants if x.name}
            if toks[o.trig].low == "chứng" or not have or have <= people:
                continue
            o.participants += [x for x in c.participants if x.name and key(x.name) not in have]
            taken = True
        c.absorbed = taken


def _fill_other_side(raws: list[_Raw], actors: list[_Actor]) -> list[_Raw]:
    """"Tại buổi tiếp, A ...": A's counterpart is the other side of the nearest interaction before that
    has A's side and one of the other (else the article's first person of the other side); with none,
    there is no event."""
    out = []
    for n, r in enumerate(raws):
        if not r.one_side:
            out.append(r)
            continue
        a = r.participants[0]
        home = a.country == VN
        other = None
        for o in reversed(raws[max(0, n - 30):n]):
            cands = [x for x in o.participants if x.name and x.country and (x.country == VN) != home
                     and not x.country.startswith("ORG:")]
            if cands:
                other = cands[0]
                break
        if other is None:
            other = next((x for x in actors if x.name and x.country and (x.country == VN) != home
                          and not x.country.startswith("ORG:")), None)
        if other is None:
            continue
        parts = [a, other] if home else [other, a]
        vn = [x for x in parts if x.country == VN]
        out.append(replace(r, participants=parts, one_side=False, sides_borrowed=True, refers_back=True,
                           key=_pair_key(r.kind, next(x for x in parts if x.country != VN), vn)))
    return out


def _fill_witnesses(raws: list[_Raw]) -> None:
    """A signing "the two leaders" witnessed takes as witnesses the article's principal pair: the two
    sides of its first interaction between one Vietnamese and one foreign person."""
    # the article's principal pair: its first interaction between a Vietnamese and a foreign person
    first = next(((n, o) for n, o in enumerate(raws) if not o.sides_borrowed and len(o.participants) == 2
                  and any(x.name and x.country == VN for x in o.participants)
                  and any(x.name and x.country and x.country != VN for x in o.participants)), None)
    for n, r in enumerate(raws):
        if not r.witnessed_by_both or first is None or first[0] >= n:
            continue
        src = first[1]
        have = {key(x.name) for x in r.participants if x.name}
        r.participants += [x for x in src.participants if x.name and key(x.name) not in have]


def _pair_key(kind: str, foreign: _Actor, home: list[_Actor]) -> tuple:
    """Mentions of one interaction with one counterpart share this key (a signing stays apart from the
    talks before it)."""
    tag = {"signing": "sign", "conference": "conf"}.get(kind, "p")
    return (tag, key(foreign.name), tuple(sorted(key(x.name) for x in home)))


def _visit_country(events: list[_Raw], occasions: list[_Raw] = ()) -> None:
    """An interaction with no place, during a visit the article reports, by the visiting side, took place
    in the host country: "Thăm chính thức Ấn Độ từ 28/11 đến 1/12 ... Ngày 1/12, Bộ trưởng chào xã giao
    Thủ tướng X" (a visit to Vietnam: by its foreign guest, in Vietnam). "During": on one of the visit's
    days; or, where either date is unknown or only a month, not dated outside it and told after the visit
    is introduced. An interaction outside the visit, or by neither visitor, stays unplaced."""
    visits = [v for v in [*events, *occasions] if v.kind == "visit" and v.location is not None
              and v.location.country and not v.location.country.startswith("ORG:")]
    for e in events:
        if e.kind == "visit" or e.location is not None:
            continue
        for v in visits:
            if e.date and v.date and len(e.date) == 10 and "/" in v.date:
                if not _within(e.date, v.date):
                    continue
            elif not (_overlaps(e.date, v.date) and e.sent >= v.sent):  # (told in or after its sentence)
                continue
            host = v.location.country
            inbound = host == VN
            side = {key(x.name) for x in v.participants if x.name and (x.country != VN) == inbound}
            if side & {key(x.name) for x in e.participants if x.name and (x.country != VN) == inbound}:
                e.location = Location(None, host)
                break


def _overlaps(a: str | None, b: str | None) -> bool:
    """Whether two dates (day, month, year or ranges) may be the same time; unknown overlaps anything."""
    if not a or not b:
        return True
    a1, _, a2 = a.partition("/")
    b1, _, b2 = b.partition("/")
    a2, b2 = a2 or a1, b2 or b1
    return a1[:len(b2)] <= b2[:len(a1)] and b1[:len(a2)] <= a2[:len(b1)]


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
            other = [x for x in o.participants if x.name and x.country == host and x.country != visitor.country
                     and not _envoy(x)]  # (an ambassador received at home is no host of a visit abroad)
            if other:
                v.participants.append(other[0])
                break


def _envoy(x: _Actor) -> bool:
    return bool(x.role) and any(f" {w} " in f" {key(x.role)} " for w in _words("envoy"))


def _host_place(events: list[_Raw], occasions: list[_Raw] = ()) -> None:
    """A reception or call with no place stated took place in the receiving side's country -- unless
    that side is travelling abroad in the article (a visit of theirs to another country)."""
    abroad = set()
    for v in [*events, *occasions]:  # (a visit named only as the occasion still says who is abroad)
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
        m.date, m.explicit_date, m.date_basis = r.date, True, r.date_basis
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
