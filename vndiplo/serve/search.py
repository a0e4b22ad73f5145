"""Full-text search over stored documents: diacritics-insensitive, ranked, with snippets and facets.

Matching runs on `search_key` (NFC, no marks, đ→d, lower case), which keeps
the length of the text, so a hit's offsets in the folded copy are its offsets
in the original and snippets highlight the original Vietnamese. Documents are
ranked by a BM25 score over their sentences' terms; an exact phrase hit counts
double. The folded index is kept in memory per store version.
"""
from __future__ import annotations

import math
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vndiplo.serve.facts import country_name, label, load_facts, store_version
from vndiplo.store.models import DocumentRow, SentenceRow
from vndiplo.text import nfc, search_key

__all__ = ["search", "terms_of"]

_TERM = re.compile(r"\w+")
_K1, _B = 1.2, 0.75


@dataclass
class _Doc:
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    text: str
    folded: str
    sentences: list[tuple[int, int]]
    tf: Counter
    length: int
    countries: set[str]
    kinds: set[str]


@dataclass
class _Index:
    docs: list[_Doc]
    df: Counter
    avg_len: float


_cache: dict[str, tuple[str, _Index]] = {}
_lock = threading.Lock()


def terms_of(s: str) -> list[str]:
    """The folded words of a query or text."""
    return _TERM.findall(search_key(s))


def _build(s: Session) -> _Index:
    facets: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for f in load_facts(s):
        countries, kinds = facets[f.source.doc_id]
        p = f.payload
        for x in p.get("participants") or []:
            if x.get("country"):
                countries.add(x["country"])
        countries.update(p.get("parties") or [])
        if p.get("country"):
            countries.add(p["country"])
        kinds.add(p["kind"] if f.type == "event" and p.get("kind") else f.type)
    sents: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for did, a, b in s.execute(select(SentenceRow.document_id, SentenceRow.start, SentenceRow.end)
                               .order_by(SentenceRow.document_id, SentenceRow.idx)):
        sents[did].append((a, b))
    docs, df = [], Counter()
    for r in s.scalars(select(DocumentRow)):
        folded = search_key(r.text)
        words = _TERM.findall(folded)
        tf = Counter(words)
        df.update(tf.keys())
        countries, kinds = facets.get(r.doc_id, (set(), set()))
        docs.append(_Doc(r.doc_id, r.title, r.published, r.outlet, r.url, r.text, folded,
                         sents.get(r.id) or [(0, len(r.text))], tf, len(words), set(countries) - {"VN"}, set(kinds)))
    avg = sum(d.length for d in docs) / len(docs) if docs else 1.0
    return _Index(docs, df, avg or 1.0)


def _index(s: Session, key: str) -> _Index:
    version = store_version(s)
    with _lock:
        hit = _cache.get(key)
        if hit and hit[0] == version:
            return hit[1]
    idx = _build(s)
    with _lock:
        _cache[key] = (version, idx)
    return idx


def _word_hits(folded: str, terms: list[str], phrase: str) -> list[tuple[int, int]]:
    spans = []
    if len(terms) > 1:
        spans += [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(phrase)}\b", folded)]
    for t in terms:
        spans += [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(t)}\b", folded)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


_WINDOW = 280  # characters of a long sentence kept around its first hit


def _snippet(d: _Doc, sent: tuple[int, int], hits: list[tuple[int, int]]) -> dict[str, Any]:
    a, b = sent
    inside = [h for h in hits if h[0] >= a and h[1] <= b]
    if b - a > _WINDOW and inside:
        lo = max(a, inside[0][0] - _WINDOW // 3)
        lo = d.text.rfind(" ", a, lo) + 1 if lo > a and d.text.rfind(" ", a, lo) >= 0 else lo
        hi = min(b, lo + _WINDOW)
        hi = d.text.find(" ", hi, b) if hi < b and d.text.find(" ", hi, b) >= 0 else hi
        a, b = lo, hi
    parts, pos = [], a
    for x, y in hits:
        if y <= a or x >= b:
            continue
        x, y = max(x, a), min(y, b)
        if x > pos:
            parts.append({"text": d.text[pos:x], "hit": False})
        parts.append({"text": d.text[x:y], "hit": True})
        pos = y
    if pos < b:
        parts.append({"text": d.text[pos:b], "hit": False})
    return {"start": a, "end": b, "parts": parts}


def _best_sentences(d: _Doc, terms: list[str], phrase: str, n: int = 3) -> list[tuple[int, int]]:
    """The `n` sentences that hold the phrase, then the most distinct query words."""
    scored = []
    for a, b in d.sentences:
        chunk = d.folded[a:b]
        words = set(_TERM.findall(chunk))
        distinct = sum(1 for t in set(terms) if t in words)
        if not distinct:
            continue
        whole = len(re.findall(rf"\b{re.escape(phrase)}\b", chunk)) if len(terms) > 1 else 0
        scored.append((-(5 * whole + distinct), a, b))
    scored.sort()
    return [(a, b) for _, a, b in scored[:n]]


def search(s: Session, query: str, country: str | None = None, kind: str | None = None,
           year: str | None = None, limit: int = 20, offset: int = 0, cache_key: str = "") -> dict[str, Any]:
    """Documents matching every word of `query` (marks and case ignored), best first.

    Each result has up to three highlighted snippets (the sentences with the
    most hits) and its source; `facets` count the matches by country, fact kind
    and year before the facet filters are applied.
    """
    query = nfc(query).strip()
    terms = terms_of(query)
    if not terms:
        return {"query": query, "total": 0, "limit": limit, "offset": offset, "items": [],
                "facets": {"country": [], "kind": [], "year": []}}
    idx = _index(s, cache_key or str(s.get_bind().url))
    n = len(idx.docs)
    phrase = " ".join(terms)
    matched = []
    for d in idx.docs:
        if not all(d.tf.get(t) for t in terms):
            continue
        score = 0.0
        for t in set(terms):
            idf = math.log(1 + (n - idx.df[t] + 0.5) / (idx.df[t] + 0.5))
            tf = d.tf[t]
            score += idf * tf * (_K1 + 1) / (tf + _K1 * (1 - _B + _B * d.length / idx.avg_len))
        phrase_hits = d.folded.count(phrase) if len(terms) > 1 else 0
        score *= 2 if phrase_hits else 1
        matched.append((score, d))
    facets = {"country": Counter(), "kind": Counter(), "year": Counter()}
    for _, d in matched:
        facets["country"].update(d.countries)
        facets["kind"].update(d.kinds)
        if d.published:
            facets["year"][d.published[:4]] += 1
    if country:
        matched = [m for m in matched if country in m[1].countries]
    if kind:
        matched = [m for m in matched if kind in m[1].kinds]
    if year:
        matched = [m for m in matched if (m[1].published or "").startswith(year)]
    matched.sort(key=lambda m: (-m[0], m[1].doc_id))
    items = []
    for score, d in matched[offset:offset + limit]:
        hits = _word_hits(d.folded, terms, phrase)
        best = sorted(_best_sentences(d, terms, phrase))
        title = d.title or d.text.split("\n", 1)[0][:160]
        items.append({"doc": d.doc_id, "title": title, "published": d.published, "outlet": d.outlet,
                      "url": d.url, "score": round(score, 4), "hits": len(hits),
                      "snippets": [_snippet(d, se, hits) for se in best]})
    return {
        "query": query, "total": len(matched), "limit": limit, "offset": offset, "items": items,
        "facets": {
            "country": [{"value": c, "label": country_name(c), "count": k} for c, k in facets["country"].most_common()],
            "kind": [{"value": c, "label": label("kind" if c in _KINDS else "type", c), "count": k}
                     for c, k in facets["kind"].most_common()],
            "year": [{"value": c, "label": c, "count": k} for c, k in sorted(facets["year"].items(), reverse=True)],
        },
    }


_KINDS = {"talks", "meeting", "courtesy_call", "reception", "phone_call", "visit", "interview",
          "conference", "message", "signing"}
