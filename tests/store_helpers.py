"""Helpers the store and resolve tests share: real seed pages in, real gold records as their facts."""
from __future__ import annotations

import json
from pathlib import Path

from vndiplo.read import read_file
from vndiplo.records import Fact, from_record
from vndiplo.store.write import replace_facts, save_document
from tests.conftest import GOLD, SEEDS, require_shared


def gold_facts(doc_id: str, text: str) -> list[Fact]:
    """The gold records of a seed page as typed facts, with spans found by locating their evidence."""
    require_shared()
    facts = []
    for rec in json.loads((GOLD / f"{doc_id}.json").read_text(encoding="utf-8")):
        f = from_record(rec)
        i = text.find(f.evidence) if f.evidence else -1
        f.span = (i, i + len(f.evidence)) if i >= 0 else (0, 0)
        facts.append(f)
    return facts


def ingest_path(store, path: Path, facts: list[Fact] | None = None, published: str | None = None):
    """Save one file's document (optionally overriding its date) and, if given, its facts; returns its row id."""
    from vndiplo.resolve import resolve_document

    (doc,) = read_file(path)
    if published is not None:
        doc.published = published
    with store.session() as s:
        row, _ = save_document(s, doc)
        if facts is not None:
            replace_facts(s, row, facts)
            resolve_document(s, row)
        return row.id


def ingest_seeds_with_gold(store) -> dict[str, int]:
    """Every seed page with its gold records as facts, resolved; returns doc_id -> row id."""
    require_shared()
    ids = {}
    for p in sorted(SEEDS.glob("*.txt")):
        (doc,) = read_file(p)
        ids[doc.doc_id] = ingest_path(store, p, gold_facts(doc.doc_id, doc.text))
    return ids


def ingest_article(store, tmp: Path, name: str, published: str, text: str, facts: list) -> int:
    """Write `text` (title line first) as an article file, read it back with the real reader, store it
    with `facts` (spans located in the cleaned text) and resolve it; returns its row id."""
    from tests.store_articles import with_spans

    title, _, body = text.partition("\n")
    p = tmp / f"{name}.txt"
    p.write_text(f" date {published} {title}\n{body}\n", encoding="utf-8")
    (doc,) = read_file(p)
    return ingest_path(store, p, with_spans(doc.text, facts))


def ingest_people(store, tmp: Path, name: str, published: str, people: list[tuple[str, str | None, list[str]]],
                  text_extra: str = "") -> int:
    """An article naming `people` (name, country, roles), one sentence each, with a person fact per name
    (and `text_extra` as a last line); returns its row id."""
    from vndiplo.records import Person

    lines = [f"Tin đối ngoại {name}"]
    facts = []
    for n, country, roles in people:
        sentence = f"{', '.join(roles) or 'Đại diện'} {n} phát biểu tại cuộc gặp."
        lines.append(sentence)
        facts.append(Person(name=n, country=country, roles=roles, evidence=sentence))
    if text_extra:
        lines.append(text_extra)
    return ingest_article(store, tmp, name, published, "\n".join(lines), facts)


def fresh_store(request, tmp_path_factory):
    """A new empty store on the backend named by `request.param` (for module-scoped fixtures)."""
    from vndiplo.store import open_store

    if request.param == "sqlite":
        return open_store(f"sqlite:///{tmp_path_factory.mktemp('db') / 'vndiplo.db'}")
    return open_store(request.getfixturevalue("pg_server").create_database())


def seeded_store(request, tmp_path_factory):
    """Seeds with gold facts plus our own two articles (a second report of a meeting, an August target)."""
    from tests.store_articles import TALKS_TEXT, TARGET_TEXT, talks_facts, target_facts

    store = fresh_store(request, tmp_path_factory)
    ingest_seeds_with_gold(store)
    tmp = tmp_path_factory.mktemp("articles")
    ingest_article(store, tmp, "talks_oct", "2025-10-28", TALKS_TEXT, talks_facts())
    ingest_article(store, tmp, "target_aug", "2025-08-21", TARGET_TEXT, target_facts())
    return store
