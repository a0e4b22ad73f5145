"""The store's change counter (store_state.version, kept by database triggers) moves with every write,
whoever makes it, and stays put on reads: ETags and read caches rely on both."""
from __future__ import annotations

from sqlalchemy import text

from vndiplo.read import Document
from vndiplo.store.version import store_version
from vndiplo.store.write import save_document


def _version(store) -> int:
    with store.session() as s:
        return int(store_version(s))


def _doc(n: int) -> Document:
    return Document(doc_id=f"v{n}", source=f"v{n}.txt", text=f"Trang số {n}. Hai bên hội đàm.", title=f"Trang {n}",
                    published="2025-01-0%d" % n)


def test_version_moves_on_orm_core_and_raw_writes_only(store):
    v0 = _version(store)
    with store.session() as s:  # reads only
        s.execute(text("SELECT count(*) FROM documents")).scalar()
    assert _version(store) == v0

    with store.session() as s:
        save_document(s, _doc(1))
    v1 = _version(store)
    assert v1 > v0

    with store.engine.begin() as conn:  # around the ORM, as bulk loads do
        conn.execute(text("UPDATE documents SET title = 'x' WHERE doc_id = 'v1'"))
    v2 = _version(store)
    assert v2 > v1

    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))
    v3 = _version(store)
    assert v3 > v2

    with store.engine.begin() as conn:  # a statement touching no row changes nothing visible, but may bump
        conn.execute(text("SELECT 1"))
    assert _version(store) == v3


def test_rolled_back_write_leaves_version(store):
    v0 = _version(store)
    try:
        with store.session() as s:
            save_document(s, _doc(2))
            s.flush()
            raise RuntimeError("crash before commit")
    except RuntimeError:
        pass
    assert _version(store) == v0
