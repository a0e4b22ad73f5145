"""Keep the article, drop the page around it, and say what was dropped and why.

The page is read as lines. General layout rules, not site templates:

- teasers: a title line given twice in a row (only blank lines between),
  then an optional short summary, often cut off with "..."; a run of them
  at the end of the page is the related/most-read list, whatever its topic;
- list markers ("Tin liên quan", "Đọc thêm", see data/clutter.tsv) and the
  lines of the list they introduce;
- the headline repeated as a caption heading (a title-like line, no final
  punctuation, that equals the title or occurs twice), and the caption line
  that follows it with no blank line between;
- photo captions and credits ("(Nguồn: ...)", "Ảnh: ..." at a line's end);
- site lines ("Theo dõi <site> trên", "Phiên bản di động");
- a short line with only a person's name right after the title: the author;
- a date-stamp line near the top: the publication date;
- anything after the end mark "./." that is not a paragraph of the article;
- links to other stories with no marker: ">> headline", runs of headline bullets
  that no ":" line introduces, a heading-like line in the body naming a person the
  article never names (another story's headline);
- site chrome above the headline (labels, "a | b | c" bars) when the date stamp,
  or a byline ending in it ("Tên - 18:17, 25/07/2023"), marks the headline;
- picture lines: "![](...)", "© Ảnh ...", image file names.

A hard line break inside a sentence ("Thủ\ntướng", "Thông cáo chung Việt\nNam") is
not a paragraph end: a kept line that stops with no sentence punctuation is joined
to the next one when that one goes on in lower case, when the line stops on a comma
or a dash, when a known name (place, organisation, title, person) runs across
the break, or when the line stops on a family name standing alone ("Thủ tướng Nguyễn"). Headings in capitals and list items ("a.", "- ") stay apart.

Offsets of removed spans point into the raw text; kept lines are NFC with
spaces squashed; a joined line break becomes one space (same length).
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from vndiplo.read.document import RemovedSpan
from vndiplo.read.metadata import author_name, outlet_from_text, page_date
from vndiplo.text import fold_tones, nfc, squash_spaces

__all__ = ["Cleaned", "clean_page", "DATE_LINE"]

# The seeds' metadata line: " date YYYY-MM[-DD] <title>".
DATE_LINE = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\b\s*")
_FINAL_PUNCT = ".!?;:…\"”»)"
_TRUNCATED = re.compile(r"(?:\.\.\.|…)\s*[\"”»)]?\s*$")
_END_MARK = re.compile(r"\./\.\s*$")
# "Theo dõi Baoquocte.vn trên", "Theo dõi chúng tôi trên Google News".
_FOLLOW_US = re.compile(r"^theo dõi\s+(.{1,60}?)\s+(?:trên|tại|qua)\b(.{0,40})$")
# A credit at the end of a caption: "(Nguồn: TTXVN)", "(Ảnh: Tuấn Anh)", ". Ảnh: Dương Giang - TTXVN".
_CREDIT_END = re.compile(r"(?:^ảnh minh họa\.?$|\((?:nguồn|ảnh|nguồn ảnh|ảnh minh họa)\s*:?[^()]{0,60}\)|(?<![\w])ảnh\s*:\s*[^.;:]{1,60})\s*\.?\s*$")
assert "ảnh" in _CREDIT_END.pattern and "nguồn" in _CREDIT_END.pattern  # each branch needs one (tried first)
# "(Ảnh dưới)", "(ảnh trên)": prose pointing at a photo, not a credit (matched on the folded key).
_PHOTO_POINTER = re.compile(r"\(\s*ảnh\s+(?:dưới|trên|bên|bên dưới|bên trên|phải|trái)\s*\)\.?")
# A closing source line: "(Theo TTXVN)", "Theo Reuters", "Nguồn: Bộ Ngoại giao", "PV".
_SOURCE_LINE = re.compile(r"^\(?(?:theo|nguồn)\s*:?\s+[^.;:]{2,50}\)?\.?$|^\(?(?:pv|ctv|tổng hợp)\)?\.?$")
_TITLE_CREDIT = re.compile(r"[.\s]*\(?\s*\b(?:Ảnh|Nguồn|Ảnh minh họa)\s*:\s*[^.()]{1,60}\)?$")  # with its brackets

MAX_TEASER_TITLE = 300
MAX_TEASER_SUMMARY = 400
MAX_CAPTION = 450
SHORT_CAPTION = 250


@dataclass
class Line:
    idx: int
    start: int  # offsets in the raw text, newline excluded
    end: int
    text: str  # NFC, spaces squashed, stripped
    key: str  # fold_tones + lower case, for comparisons

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass
class Cleaned:
    title: str | None
    paragraphs: list[str]
    removed: list[RemovedSpan] = field(default_factory=list)
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_source: str | None = None
    published_confidence: float | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Title line, a blank line, then one paragraph per line."""
        return ((self.title or "") + "\n\n" + "\n".join(self.paragraphs)).strip("\n") if self.title \
            else "\n".join(self.paragraphs)


@functools.cache
def _cues() -> dict[str, dict[str, str]]:
    from vndiplo.data.gazetteer import table

    out: dict[str, dict[str, str]] = {}
    for row in table("clutter"):
        out.setdefault(row["kind"], {})[_key(row["phrase"])] = row["reason"]
    return out


def _key(s: str) -> str:
    return fold_tones(nfc(squash_spaces(s)).strip()).lower()


def _bare(key: str) -> str:
    """A line's key without final punctuation, for "same title" comparisons."""
    return key.rstrip(_FINAL_PUNCT + " ")


def split_lines(raw: str) -> list[Line]:
    out = []
    pos = 0
    for i, part in enumerate(raw.split("\n")):
        text = nfc(squash_spaces(part.replace("\r", " "))).strip()
        out.append(Line(i, pos, pos + len(part.rstrip("\r")), text, _key(text)))
        pos += len(part) + 1
    return out


def _title_like(line: Line) -> bool:
    return bool(line.text) and len(line.text) <= MAX_TEASER_TITLE and line.text[-1] not in ".;"


@functools.cache
def _topic_patterns() -> tuple[tuple[re.Pattern, str], ...]:
    by_reason: dict[str, list[str]] = {}
    for cue, reason in _cues().get("topic", {}).items():
        by_reason.setdefault(reason, []).append(re.escape(cue))
    return tuple((re.compile(rf"(?<!\w)(?:{'|'.join(sorted(cues, key=len, reverse=True))})(?!\w)"), reason)
                 for reason, cues in by_reason.items())


def _topic(key: str) -> str | None:
    """What a teaser is about, from its topic cues (horoscope, gold_price...), or None."""
    for pattern, reason in _topic_patterns():
        if pattern.search(key):
            return reason
    return None


def _is_marker(line: Line) -> str | None:
    return _cues().get("list_marker", {}).get(_bare(line.key))


def _site_reason(line: Line) -> str | None:
    key = line.key
    if _FOLLOW_US.match(key) and len(key.split()) <= 10:
        return "follow_us"
    sites = _cues().get("site_line", {})
    if _bare(key) in sites and sites[_bare(key)] != "follow_us":
        return sites[_bare(key)]
    heads = _site_heads()
    if heads and key.startswith(heads[0]) and len(key.split()) <= 15:  # (one C call for every head)
        for phrase, reason in heads[1]:
            if key.startswith(phrase):
                return reason
    return None


@functools.cache
def _site_heads() -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]] | None:
    """The site_line cues that open a line ("Theo:"), in table order, and their tuple for str.startswith."""
    items = tuple((phrase, reason) for phrase, reason in _cues().get("site_line", {}).items()
                  if reason != "follow_us" and phrase.endswith(":"))
    return (tuple(p for p, _ in items), items) if items else None


def _inline_link(line: Line) -> bool:
    """ "Xem thêm: <another article's title>" on one line."""
    head, sep, rest = line.key.partition(":")
    return bool(sep) and head.strip() in _cues().get("list_marker", {}) and 0 < len(rest.strip()) <= MAX_TEASER_TITLE \
        and not rest.strip().endswith(".")


# What page layouts leave around a picture: a Markdown image "![](...)" (often with a teaser of another
# story after it), a copyright credit "© Ảnh: ...", an image file name on its own.
_IMAGE_MARK = re.compile(r"^(?:!\[|©)|^[\w .-]{1,80}\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)
MAX_IMAGE_LINE = 600


def _image_line(line: Line) -> bool:
    """A line the page's layout marks as belonging to a picture (see _IMAGE_MARK)."""
    return bool(line.text) and len(line.text) <= MAX_IMAGE_LINE and bool(_IMAGE_MARK.search(line.text))


def _is_caption(line: Line) -> bool:
    """A line ending in a photo credit: short, or the credit follows the caption's own full stop
    (a body sentence citing its source puts the credit before its full stop)."""
    if _image_line(line):
        return True
    m = _CREDIT_END.search(line.key) if (line.text and len(line.text) <= MAX_CAPTION
                                          and ("ảnh" in line.key or "nguồn" in line.key)) else None
    if not m:
        return False
    if _PHOTO_POINTER.fullmatch(m.group().strip()):  # "(Ảnh dưới)": the paragraph points at a photo
        return False
    before = line.key[:m.start()].rstrip()
    return len(line.text) <= SHORT_CAPTION or before.endswith((".", "!", "?", "-", "–"))


class _Remover:
    """Collects removed lines, merging neighbours removed for the same reason."""

    def __init__(self, raw: str, lines: list[Line]) -> None:
        self.raw = raw
        self.lines = lines
        self.reason: dict[int, str] = {}
        self.group: dict[int, int] = {}
        self._next_group = 0

    def drop(self, idxs, reason: str) -> None:
        g = self._next_group
        self._next_group += 1
        for i in idxs:
            if i not in self.reason and not self.lines[i].blank:
                self.reason[i] = reason
                self.group[i] = g

    def spans(self) -> list[RemovedSpan]:
        out: list[RemovedSpan] = []
        cur: list[int] = []

        def flush() -> None:
            if cur:
                s, e = self.lines[cur[0]].start, self.lines[cur[-1]].end
                out.append(RemovedSpan(s, e, self.reason[cur[0]], self.raw[s:e]))
                cur.clear()

        for i in sorted(self.reason):
            if cur and (self.group[i] != self.group[cur[-1]] or self.reason[i] != self.reason[cur[-1]]):
                flush()
            cur.append(i)
        flush()
        return out


def _next_nonblank(lines: list[Line], i: int) -> int | None:
    j = i + 1
    while j < len(lines) and lines[j].blank:
        j += 1
    return j if j < len(lines) else None


def _teasers(lines: list[Line], start: int) -> list[tuple[int, int, int | None]]:
    """(first title line, second title line, summary line or None) for each doubled title."""
    out = []
    i = start
    while i < len(lines):
        a = lines[i]
        j = _next_nonblank(lines, i)
        if a.blank or j is None or not _title_like(a) or lines[j].text != a.text:
            i += 1
            continue
        k = _next_nonblank(lines, j)
        summary = None
        if k is not None and len(lines[k].text) <= MAX_TEASER_SUMMARY:
            after = _next_nonblank(lines, k)
            starts_pair = after is not None and lines[after].text == lines[k].text
            if not starts_pair:
                summary = k
        out.append((i, j, summary))
        i = (summary if summary is not None else j) + 1
    return out


# Sentence punctuation that may end a line (closing quotes and brackets are looked through).
_LINE_END = ".!?;:…|"
_LINE_CLOSERS = "\"'”’»)]"
# A line that starts a list item: "a. ", "b) ", "2. ", "iii) ", a bullet.
_LIST_ITEM = re.compile(r"^(?:(?:[a-zđ]|[ivx]{1,4}|\d{1,3})[.)]\s|[-–—*+•>])")
_MAX_NAME_WORDS = 6


@functools.cache
def _break_names() -> frozenset[str]:
    """Names of two words or more, tone-folded, as written (case kept): places, organisations, titles and
    persons of the data tables. One of them across a line break means the break is inside a sentence."""
    from vndiplo.data.gazetteer import split_list, table

    names: set[str] = set()
    for tab, cols in (("countries", ("name_vi", "aliases")), ("subdivisions", ("name_vi", "aliases")),
                      ("cities", ("name_vi", "aliases")), ("organisations", ("name_vi", "aliases")),
                      ("titles", ("title_vi",)), ("persons", ("name", "aliases"))):
        for row in table(tab):
            for col in cols:
                for name in split_list(row.get(col)):
                    key = fold_tones(nfc(squash_spaces(name)).strip())
                    if 2 <= len(key.split()) <= _MAX_NAME_WORDS:
                        names.add(key)
    return frozenset(names)


def _name_across(a: str, b: str) -> bool:
    """Whether a known name starts in the last words of `a` and ends in the first words of `b`."""
    tail = fold_tones(a).split()[-(_MAX_NAME_WORDS - 1):]
    head = [w.strip(".,;:!?…\"'”’»)(") for w in fold_tones(b).split()[:_MAX_NAME_WORDS - 1]]
    names = _break_names()
    for k in range(1, len(tail) + 1):
        for j in range(1, min(len(head), _MAX_NAME_WORDS - k) + 1):
            if " ".join(tail[-k:] + head[:j]) in names:
                return True
    return False


@functools.cache
def _surnames() -> frozenset[str]:
    """Vietnamese family names (data/name_parts.tsv, group surname)."""
    from vndiplo.data.gazetteer import table

    return frozenset(r["phrase"] for r in table("name_parts") if r.get("group") == "surname" and r.get("phrase"))


def _cut_after_surname(a: str) -> bool:
    """A line that stops on a Vietnamese family name standing alone after a lower-case word ("Thủ tướng
    Nguyễn", "với Trần"): the rest of the name is on the next line."""
    words = a.split()
    return len(words) >= 2 and words[-1] in _surnames() and words[-2].isalpha() and words[-2].islower()


MAX_INLINE_HEADLINE_WORDS = 20


def _vietnamese_names(text: str) -> list[str]:
    """Vietnamese personal names after a lower-case word (a title: "Thủ tướng Nguyễn Văn A"): a family
    name and one to three more capitalised words."""
    words = text.split()
    out = []
    for i in range(1, len(words)):
        if words[i] in _surnames() and words[i - 1].isalpha() and words[i - 1].islower():
            j = i + 1
            while j < len(words) and j - i < 4 and words[j][:1].isupper() and words[j].rstrip(",.;:").isalpha():
                j += 1
            if j - i >= 2:
                out.append(" ".join(w.rstrip(",.;:") for w in words[i:j]))
    return out


def _goes_on(a: str, b: str) -> bool:
    """Whether line `b` continues the sentence that line `a` leaves open (a hard line break)."""
    end = a.rstrip(_LINE_CLOSERS + " ")
    if not end or not b or end[-1] in _LINE_END or a[-1] in _LINE_END:
        return False
    letters = [c for c in a if c.isalpha()]
    if letters and all(c.isupper() for c in letters):  # a heading in capitals
        return False
    if _LIST_ITEM.match(b):
        return False
    if b[0].islower():
        return len(b.split()) >= 2 or b[-1] in ".!?…"
    if end[-1] in ",-–—(":
        return b[0].isalnum() or b[0] in "\"“‘«("
    return b[0].isupper() and (_name_across(a, b) or _cut_after_surname(a))


def _paragraphs(lines: list[Line]) -> list[str]:
    """Kept lines as paragraphs, a line broken inside a sentence joined to the next by one space."""
    out: list[str] = []
    prev: Line | None = None
    for ln in lines:
        if prev is not None and ln.idx == prev.idx + 1 and _goes_on(prev.text, ln.text):
            out[-1] += " " + ln.text
        else:
            out.append(ln.text)
        prev = ln
    return out


# "Minh Anh - 18:17, 25/07/2023", "Lê Văn B | 13/10/2017, 19:54": a byline and the page's date stamp.
_BYLINE_STAMP = re.compile(r"^(.{3,40}?)\s+[-–|]\s+(.{8,40})$")
MAX_CHROME_WORDS = 12
MAX_TOP_LINES = 12


def _byline_stamp(text: str) -> tuple[str, str] | None:
    """(author, date) of a byline line that ends in the page's date stamp, else None."""
    m = _BYLINE_STAMP.match(text)
    if not m:
        return None
    name, day = author_name(m.group(1)), page_date(m.group(2))
    return (name, day) if name and day else None


def _bylines(text: str, several: bool = False) -> bool:
    """A byline of one author or several ("Minh Anh – Văn Bình – Thu Hà"); with `several`, two or more."""
    names = [n for n in re.split(r"\s+[-–&]\s+|\s*,\s*", text) if n]
    return (2 if several else 1) <= len(names) <= 5 and all(
        author_name(n) and ":" not in n for n in names)


def _site_bar(text: str) -> bool:
    """A bar of three or more short pieces between "|" (menus, "headline | section | site"); the last
    piece may be the site's date. A table row with figures is no bar."""
    parts = [p.strip() for p in text.split("|")]
    return len([p for p in parts if p]) >= 3 and all(
        p and len(p.split()) <= 15 and not p.endswith(".") and not any(c.isdigit() for c in p)
        for p in parts[:-1])


def _top_chrome(nonblank: list[Line]) -> int:
    """How many lines at the top of the page are site chrome (menus, section names) above the headline.
    The headline is the line above the page's date stamp (or above the byline over it); the lines above
    the headline count as chrome only when each is short and reads as a label, not a sentence. Site
    bars at the very top are chrome in any case."""
    bars = 0
    while bars < len(nonblank) - 1 and _site_bar(nonblank[bars].text):
        bars += 1
    return max(bars, _above_headline(nonblank))


def _above_headline(nonblank: list[Line]) -> int:
    """See _top_chrome: the lines above the headline that the date stamp marks."""
    for k, ln in enumerate(nonblank[:MAX_TOP_LINES]):
        if not (page_date(ln.text) or _byline_stamp(ln.text)):
            continue
        h = k - 1
        if h >= 1 and _bylines(nonblank[h].text):
            h -= 1
        if h < 1 or not _title_like(nonblank[h]):
            return 0
        words = len(nonblank[h].text.split())
        if all(_site_bar(x.text) or (_title_like(x) and len(x.text.split()) <= min(MAX_CHROME_WORDS, words - 1)
                                      and not re.search(r"[.!?]\s", x.text)) for x in nonblank[:h]):
            return h
        return 0
    return 0


_ARROW_LINK = re.compile(r"^(?:>>|»|>\s)\s*\S")
_BULLET = re.compile(r"^[-–*•+]\s+\S")
MAX_LINK_WORDS = 25


def _headline_item(line: Line) -> bool:
    """A bullet line that reads as another story's headline: short, no final punctuation."""
    text = _BULLET.sub("", line.text, count=1)
    return bool(_BULLET.match(line.text)) and _title_like(line) and line.text[-1] not in ":!?" \
        and len(text.split()) <= MAX_LINK_WORDS


def _drop_link_lines(seq: list[Line], rm: _Remover, tail_start: int) -> None:
    """Drop ">> headline" lines, and runs of two or more headline bullets that no line ending in ":"
    introduces (an article's own list is introduced: "Các văn kiện được ký gồm:"). The first line
    of `seq` may be the title: it counts for a run but stays."""
    seq = [ln for ln in seq if not ln.blank and ln.idx < tail_start]
    i = 0
    while i < len(seq):
        ln = seq[i]
        if ln.idx not in rm.reason and _ARROW_LINK.match(ln.text) and _title_like(ln) and i > 0:
            rm.drop([ln.idx], "related_news")
        j = i
        while j < len(seq) and seq[j].idx not in rm.reason and _headline_item(seq[j]):
            j += 1
        if j - i >= 2 and (i == 0 or not seq[i - 1].text.endswith(":")):
            rm.drop([x.idx for x in seq[i:j] if x is not seq[0] or i > 0], "related_news")
        i = max(j, i + 1)


def reads_like_paragraph(line: str) -> bool:
    """Whether a first line is a paragraph of prose rather than a headline: several sentences, or one
    long sentence closed by a full stop (headlines are short and rarely end in one)."""
    line = line.strip()
    words = len(line.split())
    sentences = len(re.findall(r"[.!?][\"”’)]?\s+[A-ZĐÀ-Ỹ]", line))
    return words >= 12 and (sentences >= 1 or (words >= 35 and line[-1:] in ".!?…"))


def clean_page(raw: str, title: str | None = None, title_in_text: bool = True) -> Cleaned:
    """Split a page's text into the article and the clutter around it.

    Args:
        raw: the page text (lines); removed spans point into it.
        title: the headline if known from metadata (HTML, JSON Lines).
        title_in_text: the first non-blank line is the title (plain-text pages),
            possibly behind a ` date YYYY-MM[-DD] ` metadata prefix.
    """
    lines = split_lines(raw)
    rm = _Remover(raw, lines)
    out = Cleaned(title=None, paragraphs=[])
    nonblank = [ln for ln in lines if not ln.blank]
    if not nonblank:
        return out
    pos = 0  # index of the first line after the header
    title_line: int | None = None  # the line the title was read from
    removed_extra: list[RemovedSpan] = []

    if title_in_text:
        skip = _top_chrome(nonblank) if not DATE_LINE.match(raw[nonblank[0].start:nonblank[0].end]) else 0
        rm.drop([ln.idx for ln in nonblank[:skip]], "site")
        first = nonblank[skip]
        line_raw = raw[first.start:first.end]
        m = DATE_LINE.match(line_raw)
        t_start = first.start
        if m:
            out.published, out.published_source, out.published_confidence = m.group(1), "date_line", 1.0
            removed_extra.append(RemovedSpan(first.start, first.start + m.end(), "metadata",
                                             raw[first.start:first.start + m.end()]))
            t_start = first.start + m.end()
        t_text = raw[t_start:first.end]
        cm = _TITLE_CREDIT.search(t_text)
        if cm and cm.start() > 0:
            removed_extra.append(RemovedSpan(t_start + cm.start(), first.end, "photo_credit",
                                             t_text[cm.start():]))
            t_text = t_text[:cm.start()]
        tclean = nfc(squash_spaces(t_text)).strip()
        pos = first.idx + 1
        if not tclean and len(nonblank) > 1:  # a date line alone: the title is the next line
            first = nonblank[1]
            tclean, pos = first.text, first.idx + 1
        title_line = first.idx
        if tclean:
            out.title = tclean
            if len(tclean) > 250 and tclean[-1] in ".!?":
                out.warnings.append("the first line reads like a paragraph, not a headline")
    else:
        out.title = nfc(squash_spaces(title)).strip() if title else None

    title_bare = _bare(_key(out.title)) if out.title else None

    # Header: an author line right after the title, a date stamp near the top.
    header = [ln for ln in lines[pos:pos + 8] if not ln.blank][:3]
    if header and author_name(header[0].text):
        out.author = author_name(header[0].text)
        rm.drop([header[0].idx], "author")
    else:  # several authors, maybe under an outlet line
        for ln in header[:2]:
            if _bylines(ln.text, several=True):
                out.author = ln.text
                rm.drop([ln.idx], "author")
                break
    for ln in header:
        d = page_date(ln.text)
        byline = None if d else _byline_stamp(ln.text)
        if byline:
            out.author = out.author or byline[0]
            d = byline[1]
        if d and ln.idx not in rm.reason:
            rm.drop([ln.idx], "dateline")
            if out.published is None:
                out.published, out.published_source, out.published_confidence = d, "page", 0.8
            break

    # Site bars anywhere: "Headline | Section | Site", "Menu| Menu| Thứ Bảy, ngày ...".
    for ln in lines[pos:]:
        if not ln.blank and ln.idx not in rm.reason and _site_bar(ln.text):
            rm.drop([ln.idx], "site")

    body = [ln for ln in lines[pos:] if not ln.blank]

    # Site lines anywhere.
    for ln in body:
        reason = _site_reason(ln)
        if reason:
            rm.drop([ln.idx], reason)
            if reason == "follow_us" and out.outlet is None:
                out.outlet = outlet_from_text(ln.text)

    # Teasers: doubled titles (+ summary). Those after the article's last paragraph are
    # the related lists; inside the article only a summary cut off with "..." is taken.
    taken = set(rm.reason)
    teasers = [t for t in _teasers(lines, pos) if t[0] not in taken]
    teaser_lines: dict[int, tuple[int, int, int | None]] = {}
    for t in teasers:
        for i in t:
            if i is not None:
                teaser_lines[i] = t

    # The tail: the longest run at the end made only of teasers, markers, site lines,
    # topic teasers and lines after the end mark "./.".
    end_mark = max((ln.idx for ln in body if _END_MARK.search(ln.text)), default=None)
    tail_start = len(lines)
    for ln in reversed(body):
        i = ln.idx
        if (i in teaser_lines or _is_marker(ln) or i in rm.reason
                or (end_mark is not None and i > end_mark)
                or (_topic(ln.key) and _title_like(ln))):
            tail_start = i
            continue
        break
    # A lone trailing title-like line after the last paragraph (teaser without its pair).
    for t in teasers:
        a, b, s = t
        if a >= tail_start:
            reason = _topic(lines[a].key) or "related_news"
            rm.drop([x for x in (a, b, s) if x is not None], reason)
        elif s is not None and _TRUNCATED.search(lines[s].text):
            rm.drop([a, b, s], _topic(lines[a].key) or "related_news")
    after_marker = False
    for ln in body:
        if ln.idx >= tail_start and ln.idx not in rm.reason:
            if _is_marker(ln):
                rm.drop([ln.idx], _is_marker(ln) or "related_news")
                after_marker = True
            elif after_marker:
                rm.drop([ln.idx], _topic(ln.key) or "related_news")
            elif end_mark is not None and ln.idx == _next_nonblank(lines, end_mark) and _SOURCE_LINE.match(ln.key):
                rm.drop([ln.idx], "source_credit")
            elif end_mark is not None and ln.idx == _next_nonblank(lines, end_mark) and author_name(ln.text):
                rm.drop([ln.idx], "author")
                out.author = out.author or author_name(ln.text)
            elif end_mark is not None and ln.idx > end_mark:
                rm.drop([ln.idx], _topic(ln.key) or "after_article_end")
            else:
                rm.drop([ln.idx], _topic(ln.key) or "related_news")

    # Markers inside the article: the marker and the list lines up to the next blank line.
    for ln in body:
        if ln.idx < tail_start and ln.idx not in rm.reason and _is_marker(ln):
            grp = [ln.idx]
            j = ln.idx + 1
            while j < tail_start and not lines[j].blank and len(grp) <= 6:
                grp.append(j)
                j += 1
            rm.drop(grp, "related_news")

    # Links to other stories with no marker: a ">>" line, and a run of headline-like bullet lines.
    title_ln = lines[title_line] if title_line is not None else None
    _drop_link_lines(([title_ln] if title_ln is not None else []) + body, rm, tail_start)

    # Headline repeated as a caption heading, and the caption right under it.
    counts: dict[str, int] = {}
    for ln in body:
        if ln.idx < tail_start and ln.idx not in rm.reason and _title_like(ln):
            counts[_bare(ln.key)] = counts.get(_bare(ln.key), 0) + 1
    # A repeated line that is not the title is the page's other headline (the page title
    # often differs from the article's): its first occurrence stays as a heading.
    kept_heading: set[str] = set()
    for ln in body:
        i = ln.idx
        if i >= tail_start or i in rm.reason or not _title_like(ln):
            continue
        bare = _bare(ln.key)
        if bare == title_bare or counts.get(bare, 0) >= 2:
            # (a repeated line with a sentence end inside is a caption given twice, not a headline)
            if bare != title_bare and bare not in kept_heading and not re.search(r"[.!?]\s", ln.text):
                kept_heading.add(bare)
                continue
            rm.drop([i], "headline_repeat")
            nxt = i + 1
            if nxt < tail_start and not lines[nxt].blank and nxt not in rm.reason \
                    and len(lines[nxt].text) <= MAX_CAPTION:
                rm.drop([nxt], "photo_caption")

    # Photo captions with a credit; one-line "Xem thêm: <title>" links inside the article.
    for ln in body:
        if ln.idx < tail_start and ln.idx not in rm.reason:
            if _is_caption(ln):
                rm.drop([ln.idx], "photo_caption")
            elif _inline_link(ln):
                rm.drop([ln.idx], "related_news")

    # Another story's headline inside the body: a heading-like line naming someone the article never names.
    kept = [ln for ln in body if ln.idx < tail_start and ln.idx not in rm.reason]
    for k in range(1, len(kept) - 1):
        ln = kept[k]
        if _title_like(ln) and ln.text[-1] not in ":!?" and len(ln.text.split()) <= MAX_INLINE_HEADLINE_WORDS:
            names = _vietnamese_names(ln.text)
            if not names:  # (most heading-like lines name no one: the rest of the page is not joined)
                continue
            others = " ".join([out.title or ""] + [x.text for x in kept if x is not ln])
            if any(name not in others for name in names):
                rm.drop([ln.idx], "related_news")

    # A paragraph given twice in a row (a scraping glitch): keep the first.
    kept = [ln for ln in body if ln.idx < tail_start and ln.idx not in rm.reason]
    for a, b in zip(kept, kept[1:]):
        if a.text == b.text and not _title_like(a):
            rm.drop([b.idx], "repeated_paragraph")

    # A byline or source line closing the article ("Minh Anh", "(Theo TTXVN)").
    rest = [ln for ln in body if ln.idx < tail_start and ln.idx not in rm.reason]
    if len(rest) > 1:
        last = rest[-1]
        if _SOURCE_LINE.match(last.key):
            rm.drop([last.idx], "source_credit")
        elif author_name(last.text):
            rm.drop([last.idx], "author")
            out.author = out.author or author_name(last.text)

    kept = [ln for ln in body if ln.idx not in rm.reason]
    out.paragraphs = _paragraphs(kept)
    # A first line broken inside its sentence is no headline: it runs on into the body.
    if title_line is not None and out.title and kept and kept[0].idx == title_line + 1 \
            and _goes_on(out.title, kept[0].text):
        out.title += " " + out.paragraphs.pop(0)
        if not out.paragraphs:  # the whole page is that one paragraph: it is the body, with no headline
            out.title, out.paragraphs = None, [out.title]
    out.removed = sorted(removed_extra + rm.spans(), key=lambda r: (r.start, r.end))
    return out
