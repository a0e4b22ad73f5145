"""Interaction frames: each interaction word (verb or noun) of a sentence, with its sides, kind and
occasion, read into raw events; visits with their host countries.
"""
from __future__ import annotations

import bisect

from dataclasses import replace

from vndiplo.extract import dates
from vndiplo.extract.doc import Doc
from vndiplo.extract.events.cues import (
    _has, _lex, _spans, _words, cue_phrases, cues_past_visit, triggers_lower, WINDOW,
)
from vndiplo.extract.events.merging import _pair_key
from vndiplo.extract.events.model import _Actor, _Raw
from vndiplo.extract.events.sides import (
    _actors, _actors_in, _after_word, _both_sides_before, _clause_start, _co_chairs, _delegation_head,
    _delegation_led_by, _delegation_subject, _holder, _host_country, _list_after, _more_counterparts, _name_end,
    _nameless_subject, _other_side, _phrase_after, _places_by_start, _starts, _subjects_before,
)
from vndiplo.extract.persons import role_mentions, tokens_of, VN
from vndiplo.extract.tokens import key
from vndiplo.text import find_whole_words
from vndiplo.records import Location


def read_frames(doc: Doc) -> list[_Raw]:
    """Every interaction each sentence reports, read around its interaction words (not yet merged)."""
    if not doc.sentences:
        return []
    kinds, triggers, cues = _lex()
    toks = tokens_of(doc)
    actors = _actors(doc, toks)
    starts = _starts(doc)
    raws: list[_Raw] = []
    held: list[_Raw] = []  # the last event an institution held: later sentences may name its sides
    act_starts = [x.a for x in actors]  # actors come in text order
    # the sentences that name a welcome ceremony, found at C speed
    greet_sents = {doc.sentence_index(a) for a, _ in find_whole_words(doc.text, cue_phrases("greets_visit"))}
    welcome_sents = {doc.sentence_index(a) for a, _ in find_whole_words(doc.text, cue_phrases("welcome"))}
    for si, s in enumerate(doc.sentences):
        ta = bisect.bisect_left(starts, s.start)
        tb = bisect.bisect_left(starts, s.end)
        acts = _actors_in(actors, act_starts, ta, tb)
        if raws and cues["attendees"].match(toks, ta) > ta:
            # "Cùng dự cuộc hội đàm có A và B": they take part in the interaction just reported
            for r in (held if held and raws[-1] in held else raws[-1:]):
                r.attendees += [x for x in acts if x.name]
            continue
        visit = next((r for r in reversed(raws[-20:]) if r.kind == "visit" and r.location is not None), None)
        if visit is not None and si in greet_sents and _has(cues["greets_visit"], toks, ta, tb):
            # "Đón đoàn tại cửa khẩu có đồng chí X, Phó Bí thư ...": those who welcome the delegation host
            # its visit
            names = {key(x.name) for x in visit.participants if x.name}
            visit.participants += [x for x in acts if x.name and x.country == visit.location.country
                                   and key(x.name) not in names]
        if held and _has(cues["held_sides"], toks, ta, tb):
            # "Đoàn Australia do ông A làm trưởng đoàn", "A; B; C đồng chủ trì hội đàm", "A phát biểu tại
            # buổi lễ": the sides of the event held before
            for r in held:
                r.attendees += [x for x in acts if x.name]
            continue
        inside = {k for x in acts for k in range(x.a, x.b)}
        before = len(raws)
        if si in welcome_sents:
            raws.extend(_welcome_ceremony(doc, toks, si, ta, tb, acts, cues))
        new_held = _organised(doc, toks, si, ta, tb, acts, cues, kinds)
        if new_held:
            held = new_held
            raws.extend(new_held)
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
                if kind == "signing" and found:
                    _add_witnesses(toks, ta, i, found, acts, cues)
                raws.extend(found)
                if kind == "conference" and found:  # "dự Lễ mở ký X": words of the name are not verbs
                    j = max(j, _name_end(toks, j, tb))
            i = j
        group = getattr(doc, "_group_host", None)
        if group is not None and group[0] == si - 1 and all(
                r.kind == "conference" and not any(x.name and x.country == VN for x in r.participants)
                for r in raws[before:]):
            # (the guests' own attendance, "A ... đến Việt Nam dự Hội nghị", is the reception's occasion)
            del raws[before:]
            raws.extend(_group_guests(doc, toks, si, acts, group))
    return raws


def _plural_guests(toks, j, tb) -> bool:
    """"tiếp Trưởng đoàn các nước", "tiếp các Đại sứ": guests named as a group (no person right after the
    verb, a plural article among the next words)."""
    return any(t.low in _words("plural") for t in toks[j:min(tb, j + 4)])


def _group_guests(doc, toks, si, acts, group) -> list[_Raw]:
    """The foreign persons a sentence lists right after a reception of a group: one reception each, on the
    day the reception's sentence gives."""
    gsi, hosts, base = group
    g = doc.sentences[gsi]
    day = next((d.value for d in dates.find_dates(doc, g.start, g.end)
                if d.value and d.kind in ("day", "relative") and len(d.value) == 10), None)
    s = doc.sentences[si]
    out = []
    for x in acts:
        if x.name and x.country and x.country != VN:
            r = _Raw(participants=hosts + [x], host_country=VN, **{**base, "sent": si, "span": (s.start, s.end)})
            r.key = _pair_key("reception", x, hosts)
            if day:
                r.date, r.explicit_date, r.date_basis = day, True, "context"
            out.append(r)
    return out


def _add_witnesses(toks, ta, i, found: list[_Raw], acts, cues) -> None:
    """"A và B (đã) chứng kiến C và D ký kết X": A and B take part in the signing as its witnesses ("Hai
    Thủ tướng chứng kiến ...": the article's two sides, filled in once every interaction is read)."""
    w = next((k for k in range(i - 2, ta - 1, -1) if cues["witness"].match(toks, k) > k), None)
    if w is None or any(t.text == ";" for t in toks[w:i]):
        return
    start = w
    while start > ta and toks[start - 1].text not in ";:":
        start -= 1
    witnesses = [x for x in acts if x.name and start <= x.a and x.b <= w]
    for r in found:
        have = {key(x.name) for x in r.participants if x.name}
        if not any(x.a >= w for x in r.participants if x.name):
            continue  # the signers are the witnesses themselves ("A và B chứng kiến lễ ký")
        r.participants += [x for x in witnesses if key(x.name) not in have]
        if not witnesses and _has(cues["both_sides"], toks, start, w):
            r.witnessed_by_both = True


def _welcome_ceremony(doc, toks, si, ta, tb, acts, cues) -> list[_Raw]:
    """"Lễ đón (chính thức) Tổng thống X ... diễn ra tại Phủ Chủ tịch", "A chủ trì lễ đón B": the guest's
    visit to the host country (the country of the place named, else Viet Nam for a foreign guest), with
    the host who holds the ceremony; the same visit as one the article tells in other words. A ceremony
    reported is the visit told as news (not a visit only named as the occasion of other news)."""
    k = ta
    while k < tb:
        e = cues["welcome"].match(toks, k) if toks[k].low in cues["welcome"]._by_first else k
        if e > k:
            break
        k += 1
    else:
        return []
    q = e
    while q < tb and toks[q].low in _words("welcome_gap"):
        q += 1
    guest = next((x for x in acts if x.a == q and x.name and x.country), None)
    if guest is None:
        return []
    if _has(cues["future"], toks, ta, k):
        return []
    places = [m for m in doc.places_in(toks[guest.b].start if guest.b < tb else toks[tb - 1].end,
                                       doc.sentences[si].end)
              if m.kind in ("country", "city", "subdivision") and m.country]
    host = next((m.country for m in places if m.country != guest.country), None)
    if host is None:
        host = VN if guest.country != VN else None
    if host is None:
        return []
    hosts = [x for x in acts if x.name and x.b <= k and x.country == host]
    r = _Raw(kind="visit", sent=si, trig=k, participants=[guest] + hosts[-1:], location=Location(None, host),
             span=(doc.sentences[si].start, doc.sentences[si].end))
    r.key = ("visit", host, key(guest.name))
    return [r]


def _organised(doc, toks, si, ta, tb, acts, cues, kinds) -> list[_Raw]:
    """"(Tỉnh X / Hội hữu nghị Y / Australia và Việt Nam) tổ chức lễ kỷ niệm ... / gặp mặt / hội đàm và ký
    kết ...": an event an institution holds, not a person; its participants are those the sentence names
    after it ("với sự tham dự của ...") and those listed next ("Tham dự sự kiện có A, B ...")."""
    out: list[_Raw] = []
    organises = cues["organises"]
    k = ta
    while k < tb:
        e = organises.match(toks, k) if toks[k].low in organises._by_first else k
        if e == k:
            k += 1
            continue
        if any(x.name and x.b <= k and not any(t.text in ",;:" for t in toks[x.b:k]) for x in acts):
            return out  # a person holds it: the frame of the verb reads it
        if _has(cues["future"], toks, ta, k):
            return out
        occ = _phrase_after(toks, doc.text, e, tb)
        if not occ or not (e < tb and toks[e].low in _words("organised_noun")):
            k = e
            continue
        # the kinds the held event names: "hội đàm và ký kết" is talks and a signing
        found_kinds = []
        q = e
        stop = next((x for x in range(e, tb) if toks[x].low in _words("phrase_stop")), tb)
        while q < stop:
            m = kinds_match(toks, q, stop)
            if m is not None:
                kind_q, q2 = m
                if kind_q not in found_kinds and kind_q not in ("conference", "visit"):
                    found_kinds.append(kind_q)
                q = q2
            else:
                q += 1
        people = [x for x in acts if x.name and x.a >= e]
        base = dict(sent=si, trig=k, span=(doc.sentences[si].start, doc.sentences[si].end))
        where = _organiser_place(doc, toks, ta, k)
        for kind in found_kinds or ["conference"]:
            r = _Raw(kind=kind, participants=list(people), occasion=None if found_kinds else occ,
                     organised=True, location=where, **base)
            r.key = ("org", si, kind)
            out.append(r)
        return out
    return out


def _organiser_place(doc, toks, ta, k) -> Location | None:
    """"Tỉnh X (Việt Nam) và đoàn ... tổ chức hội đàm": a province or city that holds the event, named
    first among those who hold it, is where it took place."""
    places = _places_by_start(doc)
    for q in range(ta, k):
        if toks[q].text == ";":
            break
        m = places.get(toks[q].start)
        if m is not None and m.kind in ("subdivision", "city") and m.country:
            return Location(m.text, m.country)
    return None


def kinds_match(toks, q, stop):
    """The interaction kind whose words start at token q (before `stop`), and where they end."""
    kinds, triggers, _ = _lex()
    if toks[q].low not in triggers._by_first:
        return None
    j = triggers.match(toks, q)
    if j == q or j > stop:
        return None
    kind = kinds.get(tuple(t.low for t in toks[q:j]))
    return (kind, j) if kind else None


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
    past_visit = kind == "visit" and _has(cues_past_visit(), toks, j, min(tb, j + 20))
    if (i in occ_cue or (j - 1) in occ_cue) and not past_visit:
        # "nhân dịp dự X", "trong khuôn khổ chuyến thăm": an occasion, not an event -- unless a visit told
        # as past ("trong chuyến thăm ... hồi tháng 3 năm ngoái"), which is news of its own
        return []
    if kind == "conference" and _has(cues["occasion"], toks, cs, i, inside):
        return []  # "nhân dịp Bộ trưởng sang dự Kỳ họp X": the occasion of what the sentence reports
    # a clause that goes on from the one before ("X dự kiến chào A, cũng như hội đàm với B") shares its
    # mood: a plan there is a plan here
    fs = cs
    while fs > ta and toks[fs].low in _words("continues") and toks[fs - 1].text == ",":
        fs = _clause_start(toks, ta, fs - 1, inside)
    invite = _spans(cues["invitation"], toks, fs, i)
    if _has(cues["future"], toks, fs, i, invite | inside):
        return []
    if _occasion_of_subject(doc, toks, ta, i, cues):
        return []  # "nhân dịp Toàn quyền thăm Việt Nam": the occasion of what the clause reports
    ce = j
    while ce < tb and not (toks[ce].text in ";" or (toks[ce].text in ",." and ce not in inside)):
        ce += 1
    if _has(cues["after_future"], toks, j, min(ce, j + 10)):
        return []
    passive = kind == "conference" and i > ta and toks[i - 1].low == "sự" and j < tb and toks[j].low == "của"
    # "đồng chủ trì các hoạt động Giao lưu ...": a plural article before what is held
    jn = j + 1 if j + 1 < tb and toks[j].low in ("các", "những") and toks[j + 1].low in _words("conference_noun") else j
    if kind == "conference" and not passive and not (
            jn < tb and (toks[jn].is_cap or toks[jn].low in _words("conference_noun"))):
        return []
    if kind == "conference" and cues["not_conference"].match(toks, j) > j:
        return []
    if kind == "conference" and _attends_as_object(toks, cs, i, inside):
        return []
    if kind in ("talks", "meeting") and _has(cues["by_phone"], toks, j, ce):
        kind = "phone_call"
    if kind == "meeting" and i >= ta + 2 and toks[i - 1].text in (",", "và") and toks[i - 2].low == "tiếp":
        kind = "reception"  # "A tiếp, làm việc với B", "có buổi tiếp và làm việc với B": A receives B
    # participants
    gap = _words("gap_word") | ({"giữa"} if noun else set())
    after, after_end = _list_after(toks, j, tb, acts, gap)
    if not after:
        # "đến chúc mừng Đại sứ quán Lào": the mission's head, named in the article, is the counterpart
        after = _mission_head(doc, toks, j, tb)
        after_end = after[0].b if after else j
    if after and not any(x.name for x in after):
        # "tiếp Đoàn Nghị sĩ hữu nghị Nhật Bản - Việt Nam do Hạ nghị sĩ X dẫn đầu": the named head of the
        # nameless delegation is the counterpart
        head, head_end = _delegation_head(doc, toks, j, ce, acts, cues)
        if head:
            after, after_end = head, head_end
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
        if not after and any(x.name and x.country == VN for x in acts if x.b <= i):
            # "A tiếp Đại sứ các nước X, Y trình Quốc thư": the reception before it is the interaction
            return []
    if not after and kind in ("signing", "message"):
        # "ký Bản ghi nhớ với X", "gửi điện mừng Quốc khánh tới X"
        for q in range(j, min(ce, j + 20)):
            if toks[q].low in _words("addressed_to"):
                after, after_end = _list_after(toks, q + 1, tb, acts, _words("gap_word"), 2)
                if after:
                    break
    if not after and kind == "message":
        # "Nhân dịp ông X được bổ nhiệm làm Ngoại trưởng, ngày 27/1, A đã gửi thư chúc mừng": the person
        # the occasion is about is the one congratulated
        after = _occasion_person(toks, ta, i, acts)
    subjects = [] if (noun and i == ta) else _subjects_before(toks, ta, i, acts)
    head = _delegation_led_by(toks, ta, i, acts, cues)
    led = head is not None and not any(x.name for x in subjects)
    if led:
        # "Đoàn đại biểu ... do X dẫn đầu đã tới ..., bắt đầu chuyến thăm Y": the head of the delegation
        subjects = [head]
    continued_principal = False
    if not noun and (_opens_predicate(toks, ta, cs, i) or _joined_predicate(doc, toks, si, i, acts)):
        # (the person before the comma is the object of the predicate before it, not this one's subject)
        # "A và đoàn đến Doha, tham dự Đại hội đồng X", "A hội kiến X, hội đàm với Y": a predicate after a
        # comma shares the subject of the sentence (or of the interaction read just before in it)
        shared = _sentence_subject(toks, ta, i, acts)
        last = getattr(doc, "_last_subject", None)
        if last is not None and last[0] == si and last[1] < i:
            shared = last[2]  # the subject of the predicate before in this sentence (None: a bare title)
            if shared is None:
                continued_principal = last[3]
        subjects = [shared] if shared is not None else []
    if not after and not noun and _both_sides_before(toks, ta, i):
        # "..., sau đó hai Thủ tướng đã hội đàm": the two named earlier in the sentence
        subjects = [x for x in acts if x.b <= i and x.name]
    needs_principal = continued_principal
    principal_roles: tuple[str, ...] = ()
    if not subjects and after:
        title = _nameless_subject(doc, toks, ta, i)
        if title is not None:
            needs_principal = True  # "Thủ tướng tiếp X": the article's principal, named before
            principal_roles = title
        elif _delegation_subject(toks, ta, i):
            needs_principal = True  # "đoàn đã làm việc với X": the principal's delegation
    if not subjects and after and i >= ta + 2 and cues["result_of"].match(toks, i - 2) == i:
        # "A thông báo ..., kết quả hội đàm với B": the talks A had with B
        first_named = next((x for x in acts if x.name and ta <= x.a and x.b <= i), None)
        if first_named is not None and first_named.country != after[0].country:
            subjects = [first_named]
    # "Sau khi hội đàm, A và B ..."
    subordinate = not noun and i > ta and toks[i - 1].low in _words("subordinate") and not after
    if not subjects and (noun or subordinate or i == ta or toks[i - 1].text in ",:"):
        # "Tại cuộc gặp X, Bộ trưởng Y ...", "Gặp X, Y ...": the main clause's subject
        k = after_end
        if not after and noun:  # "Trong cuộc phỏng vấn dành cho X, Đại sứ Y ...": after the comma
            while k < tb and toks[k].text not in ",;":
                k += 1
        while k < tb and toks[k].text in ",":
            k += 1
        if k + 1 < tb and cues["on_behalf"].match(toks, k) > k:
            # "Bước vào cuộc hội đàm, thay mặt lãnh đạo Quốc hội, Chủ tịch Quốc hội A ...": past the phrase
            q = next((c for c in range(k + 2, min(tb, k + 15)) if toks[c].text == ","), None)
            if q is not None:
                k = q + 1
        nxt = [x for x in acts if x.a == k and x.name]
        if not nxt and after and after[0].country:
            # "Trong cuộc hội đàm với ông X, <his titles>, tại Hà Nội hồi tháng 9, Thứ trưởng Y ...",
            # "Tiếp kiến X đến chào xã giao, Phó Thủ tướng Y ...": the main clause's subject opens the first
            # clause after the fronted phrase that names someone of the other side
            nxt = _main_clause_subject(toks, after_end, tb, acts, after[0].country == VN)
        if nxt and not after and (noun or subordinate) and kind not in ("visit", "interview", "conference"):
            # "Tại cuộc điện đàm, Chủ tịch nước A mời Tổng thống B ...": the main clause names both sides
            other = _other_side(toks, tb, acts, nxt[0])
            if other is not None:
                after, after_end = [other], other.b
        if nxt and not after and noun and kind in ("reception", "meeting", "talks", "courtesy_call") \
                and _refers_to_reported(toks, ta, i, j):
            # "Tại buổi tiếp, ông A, <titles>, bày tỏ ...": A on one side; the other is the counterpart of the
            # interaction the article reported (filled in once every interaction is read)
            r = _Raw(participants=nxt[:1], one_side=True, kind=kind, sent=si, trig=i,
                     span=(doc.sentences[si].start, doc.sentences[si].end))
            r.key = ("one", kind, si, i)
            return [r]
        if nxt and (after or kind == "interview"):
            subjects = nxt[:1]
        elif after:
            needs_principal = True
            # "Tiếp Đại sứ X, Chủ tịch nước đánh giá ...": the bare title names the principal
            principal_roles = next((tuple(rm.roles) for rm in role_mentions(doc)
                                    if rm.token_span[0] == k and rm.name_start is None and not rm.country), ())
    if after or subjects:  # what a further predicate of this sentence takes as its subject
        doc._last_subject = (si, i, next((x for x in subjects if x.name), None), needs_principal)  # type: ignore
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
        if people and kind == "conference" and (_has(cues["thanked"], toks, people[-1].b, i) or _has(
                cues["thanked"], toks, max(ta, people[0].a - 3), people[0].a)):
            # ("Thủ tướng X chào mừng Thủ tướng Y ... sang dự Hội nghị": Y's attendance is X's welcome)
            return []  # "X cảm ơn Việt Nam đã cử đoàn dự Hội nghị": X's thanks, not X's attendance
        # (not a headline's "Thủ tướng dự Hội nghị ...", which names the article's occasion, nor thanks for
        # attending: "cảm ơn Việt Nam đã cử đoàn dự Hội nghị")
        title = (_nameless_subject(doc, toks, ta, i) if not people and kind == "conference" and si > 0
                 and not _has(cues["thanked"], toks, ta, i) else None)
        by_principal = title is not None and not any(x.name for x in subjects)
        if by_principal:
            principal_roles = title
        if not people and not by_principal:
            return []
        occ_end, partners = tb, []
        if kind == "conference":
            # "đồng chủ trì Tham khảo chính trị ... với Thứ trưởng X": the co-chair takes part; the name ends there
            occ_end, partners = _co_chairs(toks, j, tb, acts)
        occ = passive_occ or _phrase_after(toks, doc.text, j if kind == "conference" else _after_word(toks, j, tb, "về"),
                                           occ_end)
        people += [x for x in partners if x not in people]
        if kind == "conference" and occ:
            # "dự lễ nhậm chức của Tổng thống X", "dự lễ tang của ...": the one whose ceremony it is takes part
            e = _name_end(toks, j, occ_end)
            for q in range(j, min(e, j + 12)):
                if toks[q].low == "của":
                    x = next((a for a in acts if a.a == q + 1 and a.name), None)
                    if x is not None and x not in people:
                        people.append(x)
                    break
        if kind == "conference" and _refers_back(occ, triggers_lower()):
            return []  # "phát biểu tại buổi tiếp", "tại Hội nghị": the event the article already reports
        if by_principal and (not occ or key(occ) in _words("bare_occasion")):
            return []
        out_c = []
        for name in [occ, *(_more_meetings(toks, doc.text, j, occ_end) if kind == "conference" else [])]:
            # "dự Hội nghị X và Cuộc họp lần thứ 15 Y": one conference each
            r = _Raw(participants=list(people), occasion=name, **raw_base)
            r.key = (kind, tuple(sorted(key(x.name) for x in people)), key(name or "") if kind == "conference" else "")
            if by_principal:
                # "Thủ tướng đã dự Lễ khai mạc Hội nghị X": the article's principal, named before
                r.needs_principal, r.principal_roles = True, principal_roles
                r.key = ("conf", key(name), ())
            out_c.append(r)
        return out_c
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
    if (len(named) == 1 and named[0] in subjects and named[0].country not in (None, VN) and not anon
            and not needs_principal and kind in ("meeting", "talks", "phone_call", "courtesy_call")
            and _home_leaders_after(doc, toks, j, ce)):
        # "Tổng thống X đã có cuộc gặp với các lãnh đạo cấp cao của Việt Nam": the leaders go unnamed
        r = _Raw(participants=named, **raw_base)
        r.key = ("p", key(named[0].name), ())
        return [r]
    if kind == "reception" and not after and any(x.name and x.country == VN for x in subjects) and \
            _plural_guests(toks, j, tb):
        # "Thủ tướng X đã tiếp Trưởng đoàn các nước dự Hội nghị ...": the guests are named in the next
        # sentence ("Thủ tướng nhiệt liệt chào mừng A; B; C"), each a reception of X's
        doc._group_host = (si, [x for x in subjects if x.name and x.country == VN], raw_base)  # type: ignore
    if not named or (len(named) < 2 and not anon and not needs_principal):
        return []
    if foreign and not home and len(foreign) >= 2 and not needs_principal:
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
        if first in _words("receives_credentials") and kind == "courtesy_call":
            host = next((x.country for x in subjects if x.country), VN if needs_principal else None)
        if host == VN or (host is None and kind not in ("phone_call", "message", "signing", "conference")):
            host = _posted_abroad(doc, toks, subjects) or host
        # "hội kiến Nhật hoàng A và Hoàng hậu B": a consort listed with the one they accompany is one
        # counterpart with them, not an interaction of their own
        consorts = [x for x in foreign if _is_consort(x) and any(
            y is not x and y.country == x.country and not _is_consort(y) for y in foreign)]
        foreign = [x for x in foreign if x not in consorts]
        for f in foreign:
            with_ = [x for x in consorts if x.country == f.country] if f is foreign[0] or not any(
                y.country == f.country for y in foreign[:foreign.index(f)]) else []
            r = _Raw(participants=home + [f] + with_, needs_principal=needs_principal and not home,
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


def _mission_head(doc, toks, j, end) -> list[_Actor]:
    """"Đại sứ quán Lào" right after the verb: the one head of that mission (the title before its last
    word, "Đại sứ") of Laos the article names."""
    e = _lex()[2]["mission"].match(toks, j)
    if e == j or e >= end:
        return []
    m = _places_by_start(doc).get(toks[e].start)
    if m is None or m.kind != "country" or not m.country:
        return []
    who = _holder(doc, [doc.text[toks[j].start:toks[e - 2].end]], m.country)
    if who is None:
        return []
    return [_Actor(j, e + 1, who.name, who.country, ", ".join(who.roles) or None)]


def _home_leaders_after(doc, toks, j, end) -> bool:
    """"... với các lãnh đạo (cấp cao) (của) Việt Nam": Vietnam's leaders, unnamed, as the counterpart."""
    e = _lex()[2]["home_leaders"].match(toks, j)
    return e > j and any(m.country == VN and m.kind == "country"
                         for m in doc.places_in(toks[e - 1].end, toks[min(end, j + 9) - 1].end))


def _more_meetings(toks, text, j, end) -> list[str]:
    """The further meetings a conference verb governs: "dự Hội nghị X và Cuộc họp Y" -> [Y]."""
    out = []
    e = _name_end(toks, j, end)
    if e < end and toks[e].text == "(":  # (the short name in brackets closing the first name)
        e = next((q + 1 for q in range(e, min(end, e + 5)) if toks[q].text == ")"), e)
    while e + 1 < end and toks[e].low == "và" and toks[e + 1].is_cap and toks[e + 1].low in _words("conference_noun"):
        name = _phrase_after(toks, text, e + 1, end)
        if not name:
            break
        out.append(name)
        e = _name_end(toks, e + 1, end)
        if e < end and toks[e].text == "(":
            e = next((q + 1 for q in range(e, min(end, e + 5)) if toks[q].text == ")"), e)
    return out


def _refers_to_reported(toks, ta, i, j) -> bool:
    """"Tại buổi tiếp,", "Trong cuộc gặp và làm việc,": an interaction noun (or two joined by "và") standing
    alone before a comma at the start of its sentence refers to the one the article reported."""
    triggers = _lex()[1]
    while j + 1 < len(toks) and toks[j].low == "và" and triggers.match(toks, j + 1) > j + 1:
        j = triggers.match(toks, j + 1)
    return i - ta <= 2 and j < len(toks) and toks[j].text == ","


def _main_clause_subject(toks, k, tb, acts, other_is_home: bool) -> list[_Actor]:
    triggers = _lex()[1]
    for x in acts:
        if x.a < k or not x.name or x.a >= tb:
            continue
        if any(t.text == ";" for t in toks[k:x.a]) or any(
                toks[q].low in triggers._by_first and triggers.match(toks, q) > q
                and not (q > 0 and toks[q - 1].low in _words("toward"))  # "X đến chào xã giao": X's purpose
                for q in range(k, x.a)):
            return []
        if x.a > 0 and toks[x.a - 1].text == "," and (x.country == VN) != other_is_home and x.country:
            return [x]
    return []


def _posted_abroad(doc, toks, subjects) -> str | None:
    """The country where a Vietnamese envoy among the subjects is posted ("Đại sứ Việt Nam tại Ukraina A
    mời cơm ...", "... làm việc với Thống đốc bang X"): they receive and work there."""
    for x in subjects:
        if x.country != VN:
            continue
        for q in range(x.a, x.b - 1):
            if toks[q].low in _words("at"):
                m = _places_by_start(doc).get(toks[q + 1].start)
                if m is not None and m.country and m.country != VN and not m.country.startswith("ORG:"):
                    return m.country
    return None


def _occasion_person(toks, ta, i, acts) -> list[_Actor]:
    """The foreign person named in a "Nhân dịp ..." clause opening the sentence before the verb at i."""
    cue = _lex()[2]["on_occasion_of"]
    for q in range(ta, min(i, ta + 4)):
        e = cue.match(toks, q)
        if q < e < i:
            end = next((c for c in range(e, i) if toks[c].text in ",;"), i)
            return [x for x in acts if x.name and x.country and x.country != VN and q < x.a and x.b <= end][:1]
    return []


def _is_consort(x: _Actor) -> bool:
    return bool(x.role) and key(x.role) in _words("consort")


def _attends_as_object(toks, cs, i, inside) -> bool:
    """"A tiếp Trưởng đoàn các nước dự Hội nghị X", "A chào mừng đoàn B sang dự Hội thảo": "dự" tells
    why the object of an interaction came -- the occasion of that interaction, not an event of its
    own. (A predicate joined by "và" or a comma is the subject's own.)"""
    k = i - 1
    while k >= cs and toks[k].low in _words("toward"):
        k -= 1
    if k < cs or toks[k].text in ",;" or toks[k].low in _words("not_own_predicate"):
        return False
    triggers = _lex()[1]
    return any(q not in inside and toks[q].low in triggers._by_first and triggers.match(toks, q) > q
               and _lex()[0].get(tuple(t.low for t in toks[q:triggers.match(toks, q)])) not in (None, "conference")
               for q in range(cs, k))


def _occasion_of_subject(doc, toks, ta, i, cues) -> bool:
    """An occasion cue, then only a subject's title and name, then the interaction word ("nhân dịp Toàn
    quyền Australia thăm Việt Nam"): what follows names the occasion, not a new event."""
    titled = _title_tokens(doc)
    for k in range(i - 1, max(ta, i - 12) - 1, -1):
        e = cues["occasion"].match(toks, k)
        if e > k:
            # (a pronoun and a motion word may stand there too: "nhân dịp ông sang thăm Việt Nam")
            between = _words("occasion_subject") | _words("honorific") | _words("toward") | _words("aux")
            return e < i and all(q in titled or toks[q].low in between for q in range(e, i))
        if not toks[k].is_word:
            return False
    return False


def _title_tokens(doc) -> frozenset[int]:
    """Tokens inside a title or a name (every role mention of the document), computed once."""
    got = getattr(doc, "_title_tokens", None)
    if got is None:
        got = frozenset(q for rm in role_mentions(doc) for q in range(*rm.token_span))
        doc._title_tokens = got  # type: ignore[attr-defined]
    return got


def _opens_predicate(toks, ta, cs, i) -> bool:
    """The interaction word at i opens a comma clause of its sentence, after at most a few linking words
    ("..., tham dự X", "..., sau đó gặp Y"): a further predicate of the sentence's subject."""
    if cs <= ta or toks[cs - 1].text != ",":
        return False
    return all(t.low in _words("predicate_link") for t in toks[cs:i])


def _joined_predicate(doc, toks, si, i, acts) -> bool:
    """The interaction word at i follows "và" right after an interaction read before in this sentence,
    with no person between ("A tới Bangkok dự Đại hội đồng X và thăm chính thức Thái Lan"): a further
    predicate of the same subject."""
    last = getattr(doc, "_last_subject", None)
    if last is None or last[0] != si or last[1] >= i or i == 0 or toks[i - 1].low != "và":
        return False
    return not any(x.name and last[1] < x.a < i for x in acts)


def _sentence_subject(toks, ta, i, acts) -> _Actor | None:
    """The first named person of the sentence, when no other named person stands between them and the
    verb at i except those joined to them ("A và B"): the subject of the sentence's predicates."""
    named = [x for x in acts if x.name and ta <= x.a and x.b <= i]
    if not named:
        return None
    first = named[0]
    triggers = _lex()[1]
    if any(toks[k].low in triggers._by_first and triggers.match(toks, k) > k for k in range(ta, first.a)):
        return None  # an interaction word before them: they are its object, not the sentence's subject
    for x in named[1:]:
        gap = toks[first.b:x.a]
        if not (gap and all(t.low in _words("joins") for t in gap)):
            return None
    return first


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


def _starts_visit(toks, a: int, i: int) -> bool:
    """Between a subject (ending at a) and "chuyến thăm" at i stand only words that make the visit the
    subject's own ("bắt đầu", "đã tiến hành", a delegation's "dẫn đầu", "đã tới Viêng Chăn,")."""
    words = _words("visit_start")
    between = toks[a:i]
    return any(t.low in _words("sets_out") for t in between) and all(
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
        if m is not None and m.kind in ("country", "subdivision", "city") and m.country:
            if m.country not in hosts:
                hosts.append(m.country)
            k = max(k + 1, bisect.bisect_left(starts, m.end))
            continue
        if toks[k].low in _words("visit_word"):
            k += 1
            continue
        break
    by_start = {x.a: x for x in acts}
    visitor_first: _Actor | None = None
    if not hosts and noun and j < tb and toks[j].low == "của":
        # "chuyến thăm của Thủ tướng X tới Vương quốc Anh": the visitor first, the host after "tới"
        q = j + 1
        while q < tb and q not in by_start and toks[q].low in _words("honorific"):
            q += 1
        v = by_start.get(q)
        if v is not None and v.name and v.b < tb and toks[v.b].low in _words("toward"):
            k = v.b + 1
            while k < tb and k - v.b < 8:
                m = places.get(toks[k].start)
                if m is not None and m.kind in ("country", "subdivision") and m.country:
                    hosts.append(m.country)
                    visitor_first = v
                    break
                if toks[k].low not in _words("visit_word"):
                    break
                k += 1
    if not hosts:
        return []
    visitor: list[_Actor] = []
    of_visitor = False  # "chuyến thăm ... của X": the visit is named, not told as the clause's news
    if visitor_first is not None:
        visitor, of_visitor = [visitor_first], True
    elif noun:
        for q in range(k, min(tb, k + 12)):
            if toks[q].low == "của":
                q2 = q + 1
                while q2 < tb and q2 not in by_start and toks[q2].low in _words("honorific"):
                    q2 += 1
                if q2 in by_start and by_start[q2].name:
                    visitor, of_visitor = [by_start[q2]], True
                elif q2 < tb:
                    # "chuyến thăm Nga vừa qua của Tổng Bí thư": the one Vietnamese holder of that title
                    title = _title_at(doc, q2)
                    who = _holder(doc, list(title), VN) if title else None
                    if who is not None:
                        end = next(rm.token_span[1] for rm in role_mentions(doc) if rm.token_span[0] == q2)
                        visitor, of_visitor = [_Actor(q2, end, who.name, VN, ", ".join(title))], True
                break
            if toks[q].text in ",;" or toks[q].low in _words("invited_by"):
                break  # "... theo lời mời của X": X invited, X is not the visitor
    else:
        visitor = [x for x in subjects[-1:] if x.name]
    if noun and not visitor and subjects and subjects[-1].name and (led or _starts_visit(toks, subjects[-1].b, i)):
        visitor = subjects[-1:]  # "X (đã tới Y,) bắt đầu chuyến thăm Z": X's visit, told as a noun
    if noun and not visitor and _has(cues_past_visit(), toks, j, min(tb, k + 14)):
        # "Tổng thống X nói ông có ấn tượng sâu sắc về chuyến thăm Việt Nam hồi tháng 9 vừa qua": a past
        # visit with no visitor named is that of the sentence's speaker, from outside the host country
        speaker = next((x for x in acts if x.name and ta <= x.a and x.b <= i), None)
        if speaker is not None and speaker.country and speaker.country not in hosts:
            visitor, of_visitor = [speaker], True
    if not visitor:
        return []
    out = []
    v = visitor[0]
    if v.country != VN and v.role and VN in hosts and any(
            f" {w} " in f" {key(v.role)} " for w in _words("envoy")):
        return []  # an envoy to Vietnam touring a province is no state visit (their calls there are the news)
    lo = max([ta] + [q + 1 for q in range(ta, i) if toks[q].text == ";"])
    hi = next((q for q in range(j, tb) if toks[q].text == ";"), tb)
    for h in hosts:
        if h == v.country:
            continue
        # hosts named in the visit's own clause ("Nhận lời mời của Chủ tịch nước A, B thăm ..."), not in
        # another clause of the sentence ("...; Hoàng Thái tử C thăm Việt Nam")
        hosts_p = [x for x in acts if x.name and x.country == h and x is not v and lo <= x.a and x.b <= hi]
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
        days = _bracketed_dates(doc, toks, v.b if of_visitor else k, tb) if noun else []
        if len(days) > 1:
            # "chuyến thăm Nhật Bản của Thủ tướng X (11/2009, 4/2012)": one visit per date
            for d in days:
                out.append(replace(r, participants=list(r.participants), date=d, explicit_date=True,
                                   date_basis="text", visit_of=None, occasion=None,
                                   key=r.key + (d,)))
            continue
        out.append(r)
    return out


def _bracketed_dates(doc, toks, k, tb) -> list[str]:
    """The dates in brackets right after token k ("(11/2009, 4/2012)"), when they are all the bracket holds."""
    if k >= tb or toks[k].text != "(":
        return []
    close = next((q for q in range(k + 1, min(tb, k + 20)) if toks[q].text == ")"), None)
    if close is None:
        return []
    a, b = toks[k].end, toks[close].start
    found = [d for d in dates.find_dates(doc, a, b) if d.value]
    rest = doc.text[a:b]
    for d in found:
        rest = rest.replace(d.text, "")
    if not found or rest.strip(" ,;và"):
        return []
    return [d.value for d in found]


def _title_at(doc, k) -> tuple[str, ...] | None:
    """The roles of a nameless title that starts at token k."""
    return next((tuple(rm.roles) for rm in role_mentions(doc)
                 if rm.token_span[0] == k and rm.name_start is None and not rm.country and rm.roles), None)
