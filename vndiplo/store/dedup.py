"""Near-duplicate documents: MinHash signatures kept in the store, searched with LSH.

The same story from two outlets, or two scrapes of one page with different
clutter, differ in a few words: their sets of word 3-grams overlap a lot.
Signatures are stored with their document so that a later run finds
duplicates of documents ingested earlier.
"""
from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import select
from sqlalchemy.orm import Session

from vndiplo.store.signatures import MinHashRow
from vndiplo.text import fold_diacritics, nfc

__all__ = ["MinHashRow", "NearDuplicateIndex", "signature", "store_signature", "NUM_PERM", "SHINGLE",
           "LSH_THRESHOLD", "LSH_BANDS", "MIN_SIMILARITY"]

NUM_PERM = 128
SHINGLE = 3  # words per shingle
LSH_THRESHOLD = 0.3  # candidates from LSH, then checked against MIN_SIMILARITY
# 42 bands of 3 rows: the S-curve's midpoint (1/42)^(1/3) ≈ 0.29 is LSH_THRESHOLD; fixed so that
# opening an index does not re-run datasketch's parameter search.
LSH_BANDS = (42, 3)
MIN_SIMILARITY = 0.35  # estimated Jaccard of the 3-gram sets to call two documents near-duplicates
_SEED = 1
SCHEME = "affine32"  # datasketch's hashing scheme; stored values are only comparable within one scheme
_DTYPE = np.dtype("<u4")
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Word 3-grams of the text without marks or case (so spelling variants still match)."""
    words = _WORD.findall(fold_diacritics(nfc(text)).lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> MinHash:
    mh = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=SCHEME)
    mh.update_batch(list(shingles(text)))
    return mh


def _to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=_DTYPE).tobytes()


def _from_bytes(data: bytes, num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=_SEED, scheme=SCHEME,
                   hashvalues=np.frombuffer(data, dtype=_DTYPE).astype(np.uint64))


class NearDuplicateIndex:
    """An in-memory LSH index over the signatures stored so far."""

    def __init__(self) -> None:
        self.lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_BANDS)
        self.sigs: dict[int, MinHash] = {}

    @classmethod
    def load(cls, session: Session) -> "NearDuplicateIndex":
        idx = cls()
        for row in session.scalars(select(MinHashRow).where(MinHashRow.num_perm == NUM_PERM)):
            idx.add(row.document_id, _from_bytes(row.hashvalues, row.num_perm))
        return idx

    def add(self, document_id: int, mh: MinHash) -> None:
        if document_id in self.sigs:
            self.lsh.remove(document_id)
        self.sigs[document_id] = mh
        self.lsh.insert(document_id, mh)

    def remove(self, document_id: int) -> None:
        if document_id in self.sigs:
            self.lsh.remove(document_id)
            del self.sigs[document_id]

    def best_match(self, mh: MinHash, exclude: int | None = None) -> tuple[int, float] | None:
        """(document id, estimated Jaccard) of the most similar stored document, if near enough."""
        best = None
        for key in self.lsh.query(mh):
            if key == exclude:
                continue
            sim = mh.jaccard(self.sigs[key])
            if sim >= MIN_SIMILARITY and (best is None or sim > best[1] or (sim == best[1] and key < best[0])):
                best = (key, sim)
        return best


def store_signature(session: Session, document_id: int, mh: MinHash) -> None:
    """Write (or replace) a document's signature in the current transaction."""
    row = session.get(MinHashRow, document_id)
    if row is None:
        session.add(MinHashRow(document_id=document_id, num_perm=NUM_PERM, hashvalues=_to_bytes(mh)))
    else:
        row.num_perm, row.hashvalues = NUM_PERM, _to_bytes(mh)
