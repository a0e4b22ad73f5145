"""Full-text search over stored documents: diacritics-insensitive, ranked, with snippets and facets.

Documents are matched and ranked by the store's full-text index
(vndiplo.store.search). Snippets are cut here from the matched documents:
`search_key` (NFC, no marks, đ→d, lower case) keeps the length of the text, so
a hit's offsets in the folded copy are its offsets in the original and the
snippets highlight the original Vietnamese, as parts marked hit or not.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from vndiplo.serve import english
from vndiplo.serve.facts import country_name, label
from vndiplo.store.entities import SearchEntryRow
from vndiplo.store.fts import facets_of_documents, parse_facets, query_tokens
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


MAX_MATCHES = 5000  # documents ranked per query (facets count within them)


def terms_of(s: str) -> list[str]:
    """The folded words of a query or text (as the store's index holds them)."""
    return query_tokens(s)


def _ranked(s: Session, query: str) -> list[tuple]:
    """The store's full-text match of `query`, best first, at most MAX_MATCHES documents:
    (document row id, doc_id, published, stored facets or None, score) rows (no snippets: see
    `vndiplo.store.search.search`). The facets come with the ranked rows, so counting them reads
    no fact."""
    q = query.strip()
    tokens = query_tokens(q)
    if not tokens:
        return []
    phrase = len(q) > 1 and q.startswith('"') and q.endswith('"')
    dialect = s.get_bind().dialect.name
    units = None if phrase else english.expand(tokens)  # English words: their Vietnamese too
    params = {"q": english.expression(units, dialect) if units else match_expression(tokens, phrase, dialect),
              "limit": MAX_MATCHES}
    if dialect == "postgresql":
        params["ph"] = params["q"] if units else match_expression(tokens, True, dialect)
        sql = ("SELECT se.document_id, d.doc_id, d.published, se.facets, "
               "ts_rank(se.tsv, q) + CASE WHEN se.tsv @@ ph THEN 1 ELSE 0 END AS score "
               "FROM search_entries se JOIN documents d ON d.id = se.document_id, "
               "to_tsquery('simple', :q) q, to_tsquery('simple', :ph) ph "
               "WHERE se.tsv @@ q AND se.kind = 'document' ORDER BY score DESC, se.id LIMIT :limit")
    else:
        # document_fts indexes documents alone (migration 0003): facts never get scored here. Ranked
        # and cut inside the index first, then joined: joining every match before the sort (20,000
        # documents for a common word at 10^5 events) cost a quarter more for the same rows.
        sql = ("SELECT se.document_id, d.doc_id, d.published, se.facets, r.score "
               "FROM (SELECT rowid AS id, -bm25(document_fts) AS score FROM document_fts "
               "WHERE document_fts MATCH :q ORDER BY score DESC, rowid LIMIT :limit) r "
               "JOIN search_entries se ON se.id = r.id JOIN documents d ON d.id = se.document_id "
               "ORDER BY r.score DESC, se.id")
    return s.execute(text(sql), params).all()


def _ranked_documents(s: Session, query: str) -> dict[int, float]:
    """Document row id -> score for the store's full-text match of `query`."""
    return {r[0]: float(r[4]) for r in _ranked(s, query)}


def _matches(s: Session, query: str) -> list[_Doc]:
    """Documents the store's full-text index matches, best first, with their facet values
    (stored on the documents' search entries; computed from the facts where not stored yet)."""
    rows = _ranked(s, query)
    if not rows:
        return []
    missing = [r[0] for r in rows if r[3] is None]
    computed = facets_of_documents(s, missing) if missing else {}
    docs = []
    for did, doc_id, published, facets, score in rows:
        docs.append(_Doc(did, doc_id, None, published, None, None, float(score),
                         facets if facets is not None else computed[did]))
    return sorted(docs, key=lambda d: (-d.score, d.doc_id))


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
    # A document's facet tokens are distinct, so counting tokens counts documents per value; in rank
    # order with sorted tokens, ties in the counts come out in the same order every time.
    tokens = Counter(t for d in matched for t in d.facets.split())
    facets = {"country": Counter(), "kind": Counter(), "year": Counter()}
    for tok, n in tokens.items():
        countries, kinds = parse_facets(tok)
        for v in countries:
            facets["country"][v] += n
        for v in kinds:
            facets["kind"][v] += n
    for d in matched:
        if d.published:
            facets["year"][d.published[:4]] += 1
    if country:
        matched = [d for d in matched if country in parse_facets(d.facets)[0]]
    if kind:
        matched = [d for d in matched if kind in parse_facets(d.facets)[1]]
    if year:
        matched = [d for d in matched if (d.published or "").startswith(year)]
    items = []
    page = matched[offset:offset + limit]
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
