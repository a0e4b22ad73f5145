"""Role phrases and the names they introduce.

A role phrase is a title of office (titles.tsv, role_words.tsv `head`, with an
optional "Phó" and modifier such as "Quyền"), then the organisation or
portfolio it governs: org words ("Ngoại giao", "Ủy ban thường vụ Nhân đại"),
places from the gazetteer ("Campuchia", "tỉnh Vân Nam") and the lowercase
connectors between them ("và", "tại"). What follows, when it is a run of
capitalised words, is the name. Titles chain with commas or "kiêm"
("Phó Thủ tướng, Bộ trưởng Ngoại giao Bùi Thanh Sơn"). A country inside the
phrase is the person's nationality, not part of the role, unless it ends a
party's name ("Chủ tịch Đảng Nhân dân Campuchia").
"""
from __future__ import annotations

import bisect
import re
import functools
from dataclasses import dataclass, field

from vndiplo.data.gazetteer import Mention, split_list, table
from vndiplo.extract.tokens import PhraseSet, Token, key
from vndiplo.text import SMALL_LETTERS, fold_diacritics

__all__ = ["Lexicon", "lexicon", "RoleMention", "scan"]

MAX_NAME = 9  # tokens ("Mohammed bin Salman bin Abdulaziz Al-Saud")


def _group(name: str, group: str) -> list[str]:
    return [r["phrase"] for r in table(name) if r["group"] == group]


class Lexicon:
    """The word lists persons and roles are read with (built once)."""

    def __init__(self) -> None:
        heads = [r["title_vi"] for r in table("titles") if r.get("title_vi")]
        heads += _group("role_words", "head")
        heads += ["Phó " + h for h in list(heads) if not key(h).startswith("phó ")]
        self.heads = PhraseSet(heads)
        # heads written in small letters in the table may stand in small letters ("người đồng cấp")
        self.lower_heads = {key(h).split()[0] for h in heads if h[:1].islower()}
        self.modifiers = PhraseSet(_group("role_words", "modifier"))
        self.org_words = PhraseSet(_group("role_words", "org_word"))
        self.org_first = self.org_words.first_words()
        self.connectors = PhraseSet(_group("role_words", "connector"))
        self.party = {key(p) for p in _group("role_words", "party")}
        self.not_before = PhraseSet(_group("role_words", "not_before"))
        self.named_org = PhraseSet(_group("role_words", "named_org"))
        self._not_before_last = {k[-1] for k in self.not_before.values}
        self.cues = PhraseSet(_group("name_parts", "cue"))
        self.first_words = {w for ps in (self.heads, self.modifiers, self.cues) for w in ps.first_words()}
        self.particles = {key(p) for p in _group("name_parts", "particle")}
        self.surnames = {key(p) for p in _group("name_parts", "surname")}
        # Ambiguous country names ("Nhật") count as countries right after a title.
        self.country_names = {key(n) for r in table("countries")
                              for n in [r["name_vi"], *split_list(r.get("aliases"))] if n}
        self.weak_countries: dict[str, str] = {}
        for r in table("countries"):
            for n in split_list(r.get("weak_aliases")):
                self.weak_countries[key(n)] = r["code"]


@functools.cache
def lexicon() -> Lexicon:
    return Lexicon()


@dataclass
class RoleMention:
    """A chain of titles, with the name it introduces (if any)."""

    start: int  # offsets of the role phrase chain
    end: int
    roles: list[str]
    country: str | None
    name_start: int | None = None
    name_end: int | None = None
    name_tokens: tuple[int, int] | None = None
    token_span: tuple[int, int] = (0, 0)  # tokens of the whole mention (roles and name)
    cued: bool = False


@dataclass
class _Role:
    text: str
    start: int
    end: int
    country: str | None
    tok_end: int
    trailing_country: bool = False  # the phrase ends in a nationality ("Đại sứ Maroc")


@dataclass
class _State:
    tokens: list[Token]
    text: str
    place_at: dict[int, tuple[int, Mention]] = field(default_factory=dict)  # token -> (end token, mention)


def _place_index(tokens: list[Token], places: list[Mention], starts: list[int]) -> dict[int, tuple[int, Mention]]:
    """Token index where each place mention starts -> (end token, mention); word-aligned mentions only."""
    out = {}
    for m in places:
        i = bisect.bisect_left(starts, m.start)
        if i >= len(tokens) or tokens[i].start != m.start:
            continue
        j = bisect.bisect_left(starts, m.end) - 1
        if j >= i and tokens[j].end == m.end:
            out[i] = (j + 1, m)
    return out


def _country_of(m: Mention) -> str | None:
    if m.kind == "org":
        return m.code
    return m.country


def _parse_role(st: _State, lx: Lexicon, i: int) -> _Role | None:
    """The role phrase starting at token i (a modifier or a title), or None."""
    toks = st.tokens
    j = lx.modifiers.match(toks, i)
    if j > i and not toks[i].is_cap and lx.heads.match(toks, j) == j:
        return None
    h = lx.heads.match(toks, j)
    if h == j or not (toks[j].is_cap or toks[j].low in lx.lower_heads):
        return None
    for p in range(j + 1, h):
        if p in st.place_at:  # a title ending in "tỉnh" must not swallow "tỉnh Vân Nam"
            h = p
            break
    if (i and toks[i - 1].low in lx._not_before_last and _preceded_by(lx.not_before, toks, i)
            and "\n" not in st.text[toks[i - 1].end:toks[i].start]):
        return None  # "Hội nghị Bộ trưởng Ngoại giao ...": a meeting's name, not a person's title
    start = toks[i].start
    k = h
    units: list[tuple[str, int, int, str | None]] = []  # (kind, tok start, tok end, country)
    n = len(toks)
    if toks[h - 1].low in lx.party and not _org_follows(st, lx, h):
        pe = _party_name_end(toks, h)
        if pe > h:
            units.append(("org", h, pe, None))  # "Chủ tịch Đảng Tự do Dân chủ"
            k = pe
    while k < n:
        p = st.place_at.get(k)
        if p:
            units.append(("place", k, p[0], _country_of(p[1])))
            k = p[0]
            continue
        if toks[k].is_cap and toks[k].low in lx.weak_countries and _next_is_name(st, lx, k + 1):
            units.append(("place", k, k + 1, lx.weak_countries[toks[k].low]))
            k += 1
            continue
        w = lx.org_words.match(toks, k)
        if w > k:
            if w - k == 1 and toks[k].low in lx.party and not _org_follows(st, lx, w):
                e = _party_name_end(toks, w)
                if e > w:  # "Chủ tịch Đảng Tự do Dân chủ": a party's own name, in words, not a person's
                    units.append(("org", k, e, None))
                    k = e
                    continue
            if w - k == 1 and toks[k].low in _SINGLE_NEEDS_MORE and not _org_follows(st, lx, w):
                break  # a one-syllable org word ("Bộ", "Ban") needs another org word or a place after it
            units.append(("org", k, w, None))
            k = w
            continue
        c = lx.connectors.match(toks, k)
        if c > k and not toks[k].is_cap and _org_follows(st, lx, c):
            units.append(("conn", k, c, None))
            k = c
            continue
        break
    # "(Chủ tịch) Tập đoàn Samsung Lee Jae-yong": the company's own name belongs to the role
    if (k < n and toks[k].is_cap and toks[k].is_word and k not in st.place_at
            and any(lx.named_org.match(toks, q) == k for q in range(max(j, k - 5), k))):
        units.append(("org", k, k + 1, None))
        k += 1
    # "Tổng Thư ký Liên minh Nghị viện Thế giới (IPU) Martin Chungong": the organisation's acronym in
    # brackets after the role belongs to the phrase (not to its text); the name follows it
    role_end = k
    if (units and units[-1][0] != "conn" and k + 2 < n and toks[k].text == "(" and toks[k + 2].text == ")"
            and len(toks[k + 1].text) > 1 and toks[k + 1].text.isupper() and toks[k + 1].is_word):
        k += 3
    # nationality: the first country not after "tại"/"ở" -- a country before an organisation ("Trưởng SOM
    # ASEAN Việt Nam" is Vietnamese)
    country = None
    # "Ủy ban ... Việt Nam - Trung Quốc": a pair of countries names a body; the person's side is a
    # country outside it, or the one after "phía" ("... phía Trung Quốc"), else the pair's first
    paired: set[int] = set()
    sides: list[str] = []
    if any(u[0] == "conn" for u in units):  # (most titles have no connector: skip the work)
        paired = {x for x in range(len(units) - 2) if units[x][0] == "place" and units[x + 1][0] == "conn"
                  and toks[units[x + 1][1]].text in ("-", "–") and units[x + 2][0] == "place"}
        paired |= {x + 2 for x in paired}
        sides = [units[x][3] for x in range(1, len(units)) if units[x][0] == "place" and units[x][3]
                 and units[x - 1][0] == "conn" and toks[units[x - 1][1]].low == "phía"]
    first_pair = next((units[x][3] for x in sorted(paired) if units[x][3]), None) if paired else None
    for idx, (kind, a, b, code) in enumerate(units):
        if kind == "place" and code and idx not in paired:
            prev = units[idx - 1] if idx else None
            if prev and prev[0] == "conn" and toks[prev[1]].low in ("tại", "ở", "phía"):
                continue
            if code.startswith("ORG:"):
                country = country or code
                continue
            country = code
            break
    if sides:
        country = sides[-1]
    elif country is None or (country.startswith("ORG:") and first_pair and not first_pair.startswith("ORG:")):
        country = first_pair or country
    # role text: drop a trailing nationality (and a connector before it), unless it ends a party name
    end_tok = role_end
    trailing = False
    if units and units[-1][0] == "place" and units[-1][3] and not units[-1][3].startswith("ORG:"):
        m = st.place_at.get(units[-1][1])
        is_country = (m is None) or m[1].kind == "country"
        has_party = any(toks[x].low in lx.party for x in range(j, units[-1][1]))
        after_at = len(units) > 1 and units[-2][0] == "conn" and toks[units[-2][1]].low in ("tại", "ở", "-", "–")
        if is_country and not has_party and not after_at:
            end_tok, trailing = units[-1][1], units[-1][2] == role_end
            if len(units) > 1 and units[-2][0] == "conn":
                end_tok = units[-2][1]
    text = _joined(st.text, toks, i, end_tok) if end_tok > i else ""
    if not toks[j].is_cap:
        text = ""  # "người đồng cấp X": introduces a name, gives no title
    return _Role(text=text, start=start, end=toks[k - 1].end, country=country, tok_end=k,
                 trailing_country=trailing)


@functools.cache
def _party_name_stops() -> frozenset[str]:
    return frozenset(key(r["phrase"]) for r in table("role_words") if r["group"] == "party_name_stop")


def _party_name_end(toks: list[Token], k: int) -> int:
    """Where a party's own name written in words ends ("Đảng Tự do Dân chủ và ..."): a run of words
    opened by a capital that holds at least one small-letter syllable (a foreign person's name has
    none); k when there is no such run."""
    if k >= len(toks) or not toks[k].is_cap or not toks[k].is_word:
        return k
    e, small = k, False
    while e < len(toks) and toks[e].is_word and toks[e].low not in _party_name_stops() and e - k < 6:
        if small and toks[e].is_cap and not (e + 1 < len(toks) and toks[e + 1].is_word and not toks[e + 1].is_cap):
            break  # "Đảng Cánh tả Pierre Laurent": capitalised words after the small ones are the name
        small = small or not toks[e].is_cap
        e += 1
    return e if small else k


_FUSED = re.compile(f"[{SMALL_LETTERS}][{SMALL_LETTERS.upper()}]")  # a small letter right before a capital


def _joined(text: str, toks: list[Token], a: int, b: int) -> str:
    """The text of tokens [a, b), with the space a page lost between two words put back ("Tổng Lãnh
    sựTrung Quốc" -> "Tổng Lãnh sự Trung Quốc")."""
    out = text[toks[a].start:toks[b - 1].end]
    if b - a < 2 or not _FUSED.search(out):
        return out
    parts, last = [], toks[a].start
    for q in range(a, b - 1):
        if (toks[q].end == toks[q + 1].start and toks[q].is_word and toks[q + 1].is_word
                and toks[q].text[-1:].islower() and toks[q + 1].is_cap):
            parts.append(text[last:toks[q].end])
            last = toks[q + 1].start
    parts.append(text[last:toks[b - 1].end])
    return " ".join(parts)


def _preceded_by(phrases: PhraseSet, toks: list[Token], i: int) -> bool:
    for n in (1, 2, 3):
        if i - n >= 0 and phrases.match(toks, i - n) == i:
            return True
    return False


def _adjacent(toks: list[Token], text: str, a: int, b: int) -> bool:
    """Tokens a and b (= a + 1) are on one line, at most one space apart."""
    gap = toks[b].start - toks[a].end
    return gap <= 1 and "\n" not in text[toks[a].end:toks[b].start]


def _org_follows(st: _State, lx: Lexicon, k: int) -> bool:
    toks = st.tokens
    if k >= len(toks):
        return False
    if k in st.place_at:
        return True
    if toks[k].is_cap and toks[k].low in lx.weak_countries:
        return True
    w = lx.org_words.match(toks, k)
    if w > k:
        return w - k > 1 or _org_follows(st, lx, w) or toks[k].low not in _SINGLE_NEEDS_MORE
    return False


# one-syllable org words that are also common name syllables / nouns
_SINGLE_NEEDS_MORE = {"bộ", "ban", "cục", "vụ", "viện", "sở", "hội", "đảng", "đoàn", "số", "biển", "thuế"}


def _next_is_name(st: _State, lx: Lexicon, k: int) -> bool:
    return k < len(st.tokens) and _name_end(st, lx, k) > k


def _name_end(st: _State, lx: Lexicon, k: int) -> int:
    """End token of a personal name starting at token k (k if none)."""
    toks = st.tokens
    n = len(toks)
    j = k
    while j < n and j - k < MAX_NAME:
        t = toks[j]
        if j > k and not _adjacent(toks, st.text, j - 1, j):  # a line break or a gap ends a name
            break
        if (t.text in "-'’" and j > k and j + 1 < n and t.start == toks[j - 1].end
                and (toks[j + 1].start == t.end or (t.text != "-" and toks[j + 1].start == t.end + 1))
                and toks[j + 1].is_cap and j + 1 not in st.place_at):
            j += 1  # "Díaz-Canel", "Jean-Claude", "Dato' Tan": a hyphen or apostrophe inside a name
            continue
        if (t.is_cap and len(t.text) == 1 and j + 2 < n and toks[j + 1].text == "."
                and toks[j + 1].start == t.end and toks[j + 2].is_cap and toks[j + 2].is_word
                and len(toks[j + 2].text) > 1 and toks[j + 2].start - toks[j + 1].end <= 1):
            j += 2  # an initial: "K. Shanmugam", "D.Davaasuren"
            continue
        if not t.is_word or t.text[0].isdigit():
            break
        if t.is_cap:
            if len(t.text) > 1 and t.text.isupper() and not (
                    len(t.text) > 2 and j + 1 < n and toks[j + 1].is_cap and not toks[j + 1].text.isupper()
                    and j not in st.place_at and j + 1 not in st.place_at and _adjacent(toks, st.text, j, j + 1)
                    and (j == k or toks[k].text.isupper())):
                break  # acronyms (ASEAN, TTXVN) are not names; a family name in capitals is ("MORI Takero")
            p = st.place_at.get(j)
            if (p is not None and j > k and p[0] == j + 1 and toks[k].low in lx.surnames
                    and (j + 1 >= n or not toks[j + 1].is_cap)):
                j += 1  # "Đỗ Hùng Việt": a given name that is also a place word ends the name
                break
            if (p is not None and j > k and p[0] == j + 1 and toks[k].low in lx.surnames and j - k < 3
                    and j + 1 < n and toks[j + 1].is_cap and toks[j + 1].is_word and j + 1 not in st.place_at
                    and _adjacent(toks, st.text, j, j + 1) and fold_diacritics(toks[j + 1].text) != toks[j + 1].text):
                j += 1  # "Nông Đức Mạnh": a middle name that is also a place word stays in the name
                continue
            if j in st.place_at or lx.heads.match(toks, j) > j or lx.cues.match(toks, j) > j:
                break
            if j > k and lx.modifiers.match(toks, j) > j and lx.heads.match(toks, j + 1) > j + 1:
                break
            j += 1
            continue
        if t.low in lx.particles and j > k:
            q = j
            while q < n and toks[q].low in lx.particles and q - j < 3:
                q += 1
            if q < n and toks[q].is_cap and toks[q].is_word:
                j = q
                continue
        break
    if j < n and j - k >= MAX_NAME and toks[j].is_cap and toks[j].is_word:
        return k  # an over-long capitalised run is a heading, not a name
    while j > k and not toks[j - 1].is_cap:
        j -= 1
    if j == k + 1 and (fold_diacritics(toks[k].text) != toks[k].text or toks[k].low in lx.org_first):
        return k  # one Vietnamese syllable ("Thái lan", "Quản trị") is a word, not a foreign name
    return j


def _vn_tail(st: _State, lx: Lexicon, a: int, b: int) -> int:
    """Start of a Vietnamese name inside an over-long run a..b (unknown org words before it)."""
    if b - a <= 4:
        return a
    for k in range(a + 1, b - 1):
        if st.tokens[k].low in lx.surnames and 2 <= b - k <= 4:
            return k
    return a


def scan(text: str, tokens: list[Token], places: list[Mention], starts: list[int] | None = None) -> list[RoleMention]:
    """Every role chain and cue-introduced name in the text, left to right.

    `starts` (the tokens' start offsets) may be passed when the caller has them already."""
    lx = lexicon()
    if starts is None:
        starts = [t.start for t in tokens]
    st = _State(tokens=tokens, text=text, place_at=_place_index(tokens, places, starts))
    out: list[RoleMention] = []
    n = len(tokens)
    chain: list[_Role] = []
    chain_tok = 0
    i = 0
    firsts = lx.first_words
    # only tokens that may start a title, modifier or cue are looked at (found at C speed)
    cands = [k for k, t in enumerate(tokens) if t[3] in firsts]
    ci = 0
    while True:
        while ci < len(cands) and cands[ci] < i:
            ci += 1
        if ci >= len(cands):
            break
        i = cands[ci]
        low = tokens[i].low
        role = _parse_role(st, lx, i) if (lx.heads.starts(low) or lx.modifiers.starts(low)) else None
        if role is not None:
            if not chain:
                chain_tok = i
            chain.append(role)
            k = role.tok_end
            e = _name_end(st, lx, k) if k < n and _adjacent(tokens, text, k - 1, k) else k
            if e > k:
                k2 = _vn_tail(st, lx, k, e)
                if k2 > k:  # unknown org words before a Vietnamese name belong to the role
                    last = chain[-1]
                    last.text = text[last.start:tokens[k2 - 1].end]
                    k = k2
                out.append(_mention(chain, tokens, chain_tok, k, e))
                chain = []
                i = e
                continue
            # no name: the chain may go on after ",", "kiêm", "và" -- but not across the comma that
            # closes a fronted clause ("Hội kiến Tổng thống Indonesia, Thủ tướng X ..."): that
            # counterpart's country is not the next person's
            # A nationality ends the chain at a comma: "Đại sứ Maroc, Chủ tịch nước X", "ông A,
            # Bộ trưởng Quốc phòng Hoa Kỳ, Đại tướng B" -- the next title opens another person's
            closes_fronted = k < n and tokens[k].low == "," and (chain[-1].trailing_country or (
                chain[-1].country is not None and _after_opening_words(tokens, text, chain_tok)))
            # "A, Chủ tịch Phân ban Việt Nam và Phó Thủ tướng B": a title in apposition to the name
            # before it does not chain across "và" to the next person's title
            apposed = (k < n and tokens[k].low == "và" and chain_tok >= 2 and tokens[chain_tok - 1].text == ","
                       and bool(out) and out[-1].name_tokens is not None and out[-1].name_tokens[1] == chain_tok - 1)
            closes_fronted = closes_fronted or apposed
            if k < n and tokens[k].low in (",", "kiêm", "và", "đồng thời là") and k + 1 < n and not closes_fronted:
                if _parse_role(st, lx, k + 1) is not None:
                    i = k + 1
                    continue
            out.append(_mention(chain, tokens, chain_tok, None, k))
            chain = []
            i = max(k, i + 1)
            continue
        c = lx.cues.match(tokens, i) if lx.cues.starts(low) else i
        if c > i and c < n and _adjacent(tokens, text, c - 1, c):
            e = _name_end(st, lx, c)
            if e > c:
                m = RoleMention(start=tokens[c].start, end=tokens[c].start, roles=[], country=None,
                                name_start=tokens[c].start, name_end=tokens[e - 1].end,
                                name_tokens=(c, e), token_span=(i, e), cued=True)
                out.append(m)
                i = e
                continue
        i += 1
    out.extend(_listed_names(st, lx, out))
    out.sort(key=lambda m: m.token_span[0])
    _attach_appositions(out, tokens, text)
    return out


def _listed_names(st: _State, lx: Lexicon, found: list[RoleMention]) -> list[RoleMention]:
    """Names listed with their titles after them: "Các đồng chí: A, Bí thư Tỉnh ủy X; B, Tỉnh trưởng
    tỉnh Y" -- a name opening a list item (after ":" or ";") and followed by ", <title>"."""
    toks = st.tokens
    taken = set()
    for m in found:
        taken.update(range(*m.token_span))
    out = []
    for k in range(1, len(toks) - 2):
        if toks[k - 1].text not in ";:" or k in taken or not toks[k].is_cap:
            continue
        e = _name_end(st, lx, k)
        if e - k < 2 or e + 1 >= len(toks) or toks[e].text != "," or _parse_role(st, lx, e + 1) is None:
            continue
        out.append(RoleMention(start=toks[k].start, end=toks[k].start, roles=[], country=None,
                               name_start=toks[k].start, name_end=toks[e - 1].end, name_tokens=(k, e),
                               token_span=(k, e), cued=True))
    return out


def _mention(chain: list[_Role], tokens: list[Token], t0: int, name_tok: int | None, end: int) -> RoleMention:
    country = next((r.country for r in chain if r.country), None)
    roles = [r.text for r in chain if r.text]
    m = RoleMention(start=chain[0].start, end=chain[-1].end, roles=roles, country=country,
                    token_span=(t0, end))
    if name_tok is not None:
        m.name_start, m.name_end = tokens[name_tok].start, tokens[end - 1].end
        m.name_tokens = (name_tok, end)
        m.end = min(m.end, tokens[name_tok - 1].end) if name_tok > t0 else m.end
    return m


def _after_opening_words(tokens: list[Token], text: str, t0: int) -> bool:
    """Token t0 follows one to three words that open the sentence ("Tiếp", "Hội kiến", "Gặp gỡ")."""
    k = t0
    while (k > 0 and t0 - k < 3 and tokens[k - 1].is_word and not tokens[k - 1].text[0].isdigit()
           and "\n" not in text[tokens[k - 1].end:tokens[k].start]):
        k -= 1
    if k == t0 or not tokens[k].is_cap:
        return False
    return k == 0 or tokens[k - 1].text in ".!?:" or "\n" in text[tokens[k - 1].end:tokens[k].start]


def _fronted_object(a: RoleMention, b: RoleMention, tokens: list[Token], text: str) -> bool:
    """'Tiếp Đại sứ X, Chủ tịch nước đánh giá ...': the name is the object of a short clause opening the
    sentence and the role after the comma, followed by its verb, is the main clause's subject."""
    t0, end = a.token_span[0], b.token_span[1]
    if end >= len(tokens) or not tokens[end].is_word or tokens[end].is_cap:
        return False
    return _after_opening_words(tokens, text, t0)


@functools.cache
def _appointed_words() -> frozenset[str]:
    return frozenset(key(p) for r in table("role_words") if r["group"] == "appointed" for p in r["phrase"].split())


def _attach_appositions(out: list[RoleMention], tokens: list[Token], text: str = "") -> None:
    """'đồng chí X, Quyền Trưởng ban ...': a nameless role right after a name is that person's;
    'Đại sứ Nhật Bản, ông X': a role right before a cue-introduced name is too."""
    for a, b in zip(out, out[1:]):
        if a.name_tokens is None and a.roles and b.cued and not b.roles:
            gap = tokens[a.token_span[1]:b.token_span[0]]
            if len(gap) == 1 and gap[0].text == ",":
                b.roles, b.country, a.roles = list(a.roles), a.country, []
                b.start, b.end = a.start, a.end
                b.token_span = (a.token_span[0], b.token_span[1])
                continue
        if a.name_tokens is None or b.name_tokens is not None:
            continue
        gap = tokens[a.name_tokens[1]:b.token_span[0]]
        appointed = bool(gap) and len(gap) <= 5 and all(t.low in _appointed_words() for t in gap)
        if (all(t.text in ",(-–—" for t in gap) and len(gap) <= 1) or appointed:
            # "X, Title", "X (Title)", "X – Title"; "X được bổ nhiệm làm Title", "X tái đắc cử Title"
            if _fronted_object(a, b, tokens, text):
                continue
            a.roles.extend(r for r in b.roles if r not in a.roles)
            a.country = a.country or b.country
            a.token_span = (a.token_span[0], max(a.token_span[1], b.token_span[1]))  # the apposition is a's
            b.roles = []  # consumed
