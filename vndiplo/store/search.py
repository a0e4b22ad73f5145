"""Full-text search over documents and facts, the same on SQLite and PostgreSQL.

    >>> with store.session() as s:
    ...     page = search(s, "da nang", limit=10)
    >>> page.total, [(h.kind, h.doc_id, h.snippet) for h in page.hits]

The query is folded like the index (no marks, đ -> d), split into words and
passed to the engine as quoted terms, never as engine syntax: "Việt - Lào"
and "2,2 tỷ" are plain searches. All words must match; a query wrapped in
double quotes matches them as a phrase (adjacent, in order).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.orm import Session

from vndiplo.store.fts import query_tokens
from vndiplo.store.models import DocumentRow, FactRow
from vndiplo.text import search_key

__all__ = ["SearchHit", "SearchPage", "search", "snippet"]

KINDS = ("document", "fact")


@dataclass
class SearchHit:
    kind: str  # "document" | "fact"
    score: float  # higher is better
    document_id: int  # store id of the document
    doc_id: str  # the document's public id (file name stem)
    title: str | None
    published: str | None
    snippet: str  # original text around the first match, matches in [brackets]
    fact_id: int | None = None
    fact_type: str | None = None
    fact: dict | None = None  # the fact's payload, for fact hits
    span: tuple[int, int] | None = None  # the fact's evidence span in the document


@dataclass
class SearchPage:
    query: str
    total: int
    hits: list[SearchHit] = field(default_factory=list)


def _match_expression(tokens: list[str], phrase: bool, dialect: str) -> str:
    """Engine syntax built from folded words only (never from user text): the phrase, or
    (without quotes) every word, with the phrase as an alternative so phrase matches rank first."""
    if dialect == "postgresql":
        ph = " <-> ".join(f"'{t}'" for t in tokens)
        if phrase or len(tokens) == 1:
            return ph
        every = " & ".join(f"'{t}'" for t in tokens)
        return f"({ph}) | ({every})"
    ph = '"' + " ".join(tokens) + '"'
    if phrase or len(tokens) == 1:
        return ph
    every = " AND ".join(f'"{t}"' for t in tokens)
    return f"{ph} OR ({every})"


def snippet(original: str, tokens: list[str], width: int = 160) -> str:
    """The part of `original` around the first matched word, each matched word in [brackets]."""
    key = search_key(original)
    if len(key) != len(original):  # a fold that changed length: no offsets to trust
        return original[:width]
    import re

    spans = []
    for t in set(tokens):
        for m in re.finditer(r"(?<![^\W_])" + re.escape(t) + r"(?![^\W_])", key):
            spans.append((m.start(), m.end()))
    spans.sort()
    whole = re.search(r"(?<![^\W_])" + r"[\W_]+".join(re.escape(t) for t in tokens) + r"(?![^\W_])", key)
    if whole:  # centre on the phrase when the words occur together
        spans = [s for s in spans if s[0] >= whole.start()] or spans
    if not spans:
        return original[:width].strip()
    first = spans[0][0]
    lo = max(0, first - width // 3)
    hi = min(len(original), lo + width)
    out, pos = [], lo
    for a, b in spans:
        if a < pos or b > hi:
            continue
        out.append(original[pos:a])
        out.append("[" + original[a:b] + "]")
        pos = b
    out.append(original[pos:hi])
    s = "".join(out).replace("\n", " ").strip()
    return ("…" if lo > 0 else "") + s + ("…" if hi < len(original) else "")


def search(session, query: str, limit: int = 20, offset: int = 0,
           kind: str | None = None) -> SearchPage:
    """Ranked full-text hits for `query` (documents and facts, or only `kind`).

    Args:
        session: an open store session (SQLite or PostgreSQL), or a Store.
        query: user text; marks, đ and case do not matter; wrap in "..." for a phrase.
        limit, offset: the page of hits to return.
        kind: "document" or "fact" to search one kind only.

    Returns:
        A SearchPage with the total number of matches and the requested hits, best first.
    """
    if not isinstance(session, Session):  # a Store: search in a session of its own
        with session.session() as s:
            return search(s, query, limit=limit, offset=offset, kind=kind)
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    q = (query or "").strip()
    phrase = len(q) > 1 and q.startswith('"') and q.endswith('"')
    tokens = query_tokens(q)
    if not tokens:
        return SearchPage(query=query, total=0)
    dialect = session.get_bind().dialect.name
    expr = _match_expression(tokens, phrase, dialect)
    params = {"q": expr, "limit": int(limit), "offset": int(offset), "kind": kind}
    kind_sql = " AND se.kind = :kind" if kind else ""
    if dialect == "postgresql":
        params["ph"] = _match_expression(tokens, True, dialect)
        base = f"FROM search_entries se, to_tsquery('simple', :q) q, to_tsquery('simple', :ph) ph " \
               f"WHERE se.tsv @@ q{kind_sql}"
        total = session.execute(text(f"SELECT count(*) {base}"), params).scalar_one()
        # ts_rank alone lets a long text with many scattered words beat the phrase: phrase hits first.
        rows = session.execute(text(
            "SELECT se.id, se.kind, se.document_id, se.fact_id, "
            f"ts_rank(se.tsv, q) + CASE WHEN se.tsv @@ ph THEN 1 ELSE 0 END AS score {base} "
            "ORDER BY score DESC, se.id LIMIT :limit OFFSET :offset"), params).all()
    else:
        fts = "document_fts" if kind == "document" else "search_fts"  # documents have an index of their own
        base = f"FROM {fts} JOIN search_entries se ON se.id = {fts}.rowid " \
               f"WHERE {fts} MATCH :q{kind_sql}"
        total = session.execute(text(f"SELECT count(*) {base}"), params).scalar_one()
        rows = session.execute(text(
            f"SELECT se.id, se.kind, se.document_id, se.fact_id, -bm25({fts}) AS score {base} "
            "ORDER BY score DESC, se.id LIMIT :limit OFFSET :offset"), params).all()
    docs = {d.id: d for d in session.query(DocumentRow).filter(DocumentRow.id.in_({r.document_id for r in rows}))}
    facts = {f.id: f for f in session.query(FactRow).filter(FactRow.id.in_({r.fact_id for r in rows if r.fact_id}))}
    hits = []
    for r in rows:
        d = docs.get(r.document_id)
        if d is None:
            continue
        hit = SearchHit(kind=r.kind, score=float(r.score), document_id=d.id, doc_id=d.doc_id,
                        title=d.title, published=d.published, snippet="")
        f = facts.get(r.fact_id) if r.fact_id else None
        if f is not None:
            hit.fact_id, hit.fact_type, hit.fact, hit.span = f.id, f.type, f.payload, (f.start, f.end)
            hit.snippet = snippet(f.evidence or "", tokens) or snippet(str(f.payload), tokens)
        else:
            hit.snippet = snippet(d.text or "", tokens)
        hits.append(hit)
    return SearchPage(query=query, total=int(total), hits=hits)
