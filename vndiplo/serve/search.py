"""Full-text search over stored documents: diacritics-insensitive, ranked, with snippets and facets.

Documents are matched and ranked by the store's full-text index
(vndiplo.store.search). Snippets are cut here from the matched documents:
`search_key` (NFC, no marks, đ→d, lower case) keeps the length of the text, so
a hit's offsets in the folded copy are its offsets in the original and the
snippets highlight the original Vietnamese, as parts marked hit or not.
"""
from __future__ import annotations

import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from vndiplo.serve import english
from vndiplo.serve.facts import country_name, label
from vndiplo.store.entities import SearchEntryRow
from vndiplo.store.fts import _esc, facets_of_documents, parse_facets, query_tokens
from vndiplo.store.models import DocumentRow, SentenceRow
from vndiplo.store.search import _match_expression as match_expression  # the engine syntax, built from folded words
from vndiplo.text import nfc, search_key

__all__ = ["search", "terms_of"]

_TERM = re.compile(r"[^\W_]+")


@dataclass
class _Doc:
    id: int
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    score: float
    facets: str = ""  # "country:KH kind:talks ..." (vndiplo.store.fts.document_facets): distinct, sorted tokens
    text: str = ""
    folded: str = ""
    sentences: list[tuple[int, int]] = field(default_factory=list)


def terms_of(s: str) -> list[str]:
    """The folded words of a query or text (as the store's index holds them)."""
    return query_tokens(s)


def _ranked(s: Session, query: str) -> list[tuple]:
    """Every document the store's full-text index matches for `query`, in no particular order:
    (document row id, doc_id, published, stored facets or None, score) rows (no snippets: see
    `vndiplo.store.search.search`). The facets come with the scored rows, so counting them reads
    no fact; the order (score, then doc_id) is `_order`'s to make, for the page shown only."""
    q = query.strip()
    tokens = query_tokens(q)
    if not tokens:
        return []
    phrase = len(q) > 1 and q.startswith('"') and q.endswith('"')
    dialect = s.get_bind().dialect.name
    units = None if phrase else english.expand(tokens)  # English words: their Vietnamese too
    params = {"q": english.expression(units, dialect) if units else match_expression(tokens, phrase, dialect)}
    if dialect == "postgresql":
        params["ph"] = params["q"] if units else match_expression(tokens, True, dialect)
        sql = ("SELECT se.document_id, d.doc_id, d.published, se.facets, "
               "ts_rank(se.tsv, q) + CASE WHEN se.tsv @@ ph THEN 1 ELSE 0 END AS score "
               "FROM search_entries se JOIN documents d ON d.id = se.document_id, "
               "to_tsquery('simple', :q) q, to_tsquery('simple', :ph) ph "
               "WHERE se.tsv @@ q AND se.kind = 'document'")
    else:
        # document_fts indexes documents alone (migration 0003): facts never get scored here. Each match's
        # facets, date and id are read from narrow covering indexes (migration 0006), not from the wide
        # rows that hold the texts: with 20,000 matches that is most of the cost of the join.
        sql = ("SELECT se.document_id, d.doc_id, d.published, se.facets, -bm25(document_fts) "
               "FROM document_fts "
               "JOIN search_entries se INDEXED BY ix_search_entries_document_facets ON se.id = document_fts.rowid "
               "JOIN documents d INDEXED BY ix_documents_id_published ON d.id = se.document_id "
               "WHERE document_fts MATCH :q AND se.kind = 'document'")
    return s.execute(text(sql), params).all()


def _ranked_documents(s: Session, query: str) -> dict[int, float]:
    """Document row id -> score for the store's full-text match of `query`."""
    return {r[0]: float(r[4]) for r in _ranked(s, query)}


def _order(row: tuple) -> tuple:
    """Best first: the higher score, then the smaller doc_id (a total order: doc_id is unique)."""
    return (-float(row[4]), row[1])


def _matches(s: Session, query: str) -> list[tuple]:
    """Every document the store's full-text index matches, unordered, as (row id, doc_id, published,
    facets, score) with their facet values (stored on the documents' search entries; computed from
    the facts where not stored yet)."""
    rows = _ranked(s, query)
    missing = [r[0] for r in rows if r[3] is None]
    if not missing:
        return rows
    computed = facets_of_documents(s, missing)
    return [r if r[3] is not None else (r[0], r[1], r[2], computed[r[0]], r[4]) for r in rows]


def _page(matched: list[tuple], offset: int, limit: int) -> list[tuple]:
    """matched[offset:offset + limit] once sorted by `_order`, without sorting every match: the best
    offset + limit scores come from a heap, then every match scoring at least the last of them (ties
    at the cut included) is sorted, and the page cut from that."""
    if offset + limit <= 0 or not matched:
        return []
    best = heapq.nlargest(offset + limit, matched, key=itemgetter(4))
    cut = best[-1][4]
    pool = [m for m in matched if m[4] >= cut]
    pool.sort(key=_order)
    return pool[offset:offset + limit]


def _has(facets: str, name: str, value: str) -> bool:
    """Whether the stored facet string holds the token name:value (tokens are space-separated)."""
    return f" {name}:{_esc(value)} " in f" {facets} "


def _load_page(s: Session, page: list[_Doc]) -> None:
    """Title, source, text, fold and sentences of the documents on the page (one query each)."""
    if not page:
        return
    by_id = {d.id: d for d in page}
    ids = list(by_id)
    for did, title, outlet, url, txt in s.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.outlet,
                                                          DocumentRow.url, DocumentRow.text)
                                                   .where(DocumentRow.id.in_(ids))):
        d = by_id[did]
        d.title, d.outlet, d.url, d.text = title, outlet, url, txt or ""
    keys = dict(s.execute(select(SearchEntryRow.document_id, SearchEntryRow.key)
                          .where(SearchEntryRow.document_id.in_(ids), SearchEntryRow.kind == "document")).all())
    sentences: dict[int, list[tuple[int, int]]] = {i: [] for i in ids}
    for did, a, b in s.execute(select(SentenceRow.document_id, SentenceRow.start, SentenceRow.end)
                               .where(SentenceRow.document_id.in_(ids))
                               .order_by(SentenceRow.document_id, SentenceRow.idx)):
        sentences[did].append((a, b))
    for d in page:
        # The index already holds the fold (same length as the text); fold here only if it does not.
        key = keys.get(d.id)
        d.folded = key if key is not None and len(key) == len(d.text) else search_key(d.text)
        d.sentences = sentences[d.id] or [(0, len(d.text))]


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
        distinct = sum(1 for t in set(terms) if (t in words if " " not in t else re.search(rf"\b{re.escape(t)}\b", chunk)))
        if not distinct:
            continue
        whole = len(re.findall(rf"\b{re.escape(phrase)}\b", chunk)) if len(terms) > 1 else 0
        scored.append((-(5 * whole + distinct), a, b))
    scored.sort()
    return [(a, b) for _, a, b in scored[:n]]


def search(s: Session, query: str, country: str | None = None, kind: str | None = None,
           year: str | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents matching every word of `query` (marks and case ignored), best first.

    Matching and ranking are the store's full-text index (vndiplo.store.search:
    FTS5 BM25 on SQLite, ts_rank on PostgreSQL, phrase matches first). Each
    result has up to three highlighted snippets (the sentences holding the
    phrase, then the most query words) and its source; `facets` count the
    matches by country, fact kind and year before the facet filters apply.
    `total` and `facets` count every matching document (before 2026-12 they
    counted within the 5,000 best only); only the page shown is put in order
    (score, then doc_id).
    """
    query = nfc(query).strip()
    terms = terms_of(query.strip('"'))
    if not terms:
        return {"query": query, "total": 0, "limit": limit, "offset": offset, "items": [],
                "facets": {"country": [], "kind": [], "year": []}}
    matched = _matches(s, query)
    phrase = " ".join(terms)
    units = None if query.startswith('"') else english.expand(terms)
    if units:  # highlight every alternative of the English phrases (each a phrase of its own)
        terms = [" ".join(alt) for unit in units for alt in unit]
        phrase = "\x00"  # no whole-query phrase to look for
    # Facets count every matching document (not only the best ones), before the facet filters apply.
    # A document's facet tokens are distinct, so counting tokens counts documents per value.
    tokens = Counter(" ".join(map(itemgetter(3), matched)).split())
    facets = {"country": Counter(), "kind": Counter(), "year": Counter()}
    for tok, n in sorted(tokens.items()):
        countries, kinds = parse_facets(tok)
        for v in countries:
            facets["country"][v] += n
        for v in kinds:
            facets["kind"][v] += n
    for published, n in Counter(map(itemgetter(2), matched)).items():  # few distinct dates: cheaper than 20,000 slices
        if published:
            facets["year"][published[:4]] += n
    if country:
        matched = [m for m in matched if _has(m[3], "country", country)]
    if kind:
        matched = [m for m in matched if _has(m[3], "kind", kind)]
    if year:
        matched = [m for m in matched if (m[2] or "").startswith(year)]
    page = [_Doc(m[0], m[1], None, m[2], None, None, float(m[4]), m[3]) for m in _page(matched, offset, limit)]
    items = []
    _load_page(s, page)
    for d in page:
        hits = _word_hits(d.folded, terms, phrase)
        best = sorted(_best_sentences(d, terms, phrase))
        title = d.title or d.text.split("\n", 1)[0][:160]
        items.append({"doc": d.doc_id, "title": title, "published": d.published, "outlet": d.outlet,
                      "url": d.url, "score": round(d.score, 4), "hits": len(hits),
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
