"""Near-duplicate documents: MinHash signatures kept in the store, searched with LSH.

The same story from two outlets, or two scrapes of one page with different
clutter, differ in a few words: their sets of word 3-grams overlap a lot.
Signatures are stored with their document so that a later run finds
duplicates of documents ingested earlier.
"""
from __future__ import annotations

import hashlib
import re
import struct
import sys
from array import array
from functools import lru_cache
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from vndiplo.store.signatures import MinHashRow
from vndiplo.text import fold_diacritics, nfc

__all__ = ["MinHash", "MinHashRow", "NearDuplicateIndex", "signature", "store_signature", "NUM_PERM", "SHINGLE",
           "LSH_THRESHOLD", "LSH_BANDS", "MIN_SIMILARITY"]

NUM_PERM = 128
SHINGLE = 3  # words per shingle
LSH_THRESHOLD = 0.3  # candidates from LSH, then checked against MIN_SIMILARITY
# 42 bands of 3 rows: the S-curve's midpoint (1/42)^(1/3) ≈ 0.29 is LSH_THRESHOLD.
LSH_BANDS = (42, 3)
MIN_SIMILARITY = 0.35  # estimated Jaccard of the 3-gram sets to call two documents near-duplicates
_MASK = 0xFFFFFFFF
_BIG_ENDIAN = sys.byteorder == "big"  # signatures are stored little-endian
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Word 3-grams of the text without marks or case (so spelling variants still match)."""
    words = _WORD.findall(fold_diacritics(nfc(text)).lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[tuple[int, int], ...]:
    """(a, b) of each permutation h -> (a*h + b) mod 2^32 (vndiplo/data/minhash_permutations.tsv)."""
    text = resources.files("vndiplo.data").joinpath("minhash_permutations.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln and not ln.startswith("#")][1:]
    return tuple((int(a), int(b)) for a, b in rows)


def _mix(h: int) -> int:
    """MurmurHash3's 32-bit finalizer: spreads the input hash before the permutations."""
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & _MASK
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & _MASK
    return h ^ (h >> 16)


class MinHash:
    """A MinHash signature of a set of byte strings: for each of NUM_PERM permutations of 32-bit
    hashes (SHA-1's first four bytes, mixed), the least value over the set. The values are those of
    datasketch's MinHash(num_perm=128, seed=1, scheme="affine32"), which earlier versions stored."""

    __slots__ = ("hashvalues",)

    def __init__(self, hashvalues: array | None = None) -> None:
        self.hashvalues = hashvalues if hashvalues is not None else array("I", [_MASK] * NUM_PERM)

    @classmethod
    def of(cls, items) -> "MinHash":
        hashes = [_mix(struct.unpack("<I", hashlib.sha1(x).digest()[:4])[0]) for x in items]
        if not hashes:
            return cls()
        return cls(array("I", [min((a * h + b) & _MASK for h in hashes) for a, b in _permutations()]))

    def jaccard(self, other: "MinHash") -> float:
        """The estimated Jaccard similarity: the share of equal values."""
        same = sum(x == y for x, y in zip(self.hashvalues, other.hashvalues))
        return same / len(self.hashvalues)

    def to_bytes(self) -> bytes:
        values = array("I", self.hashvalues)
        if values.itemsize != 4:  # pragma: no cover - "I" is 4 bytes on every platform Python supports
            raise RuntimeError("unsigned int is not 32 bits here")
        if _BIG_ENDIAN:
            values.byteswap()  # stored little-endian
        return values.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> "MinHash":
        values = array("I")
        values.frombytes(data)
        if _BIG_ENDIAN:
            values.byteswap()
        return cls(values)


def signature(text: str) -> MinHash:
    return MinHash.of(shingles(text))


class NearDuplicateIndex:
    """An in-memory LSH index over the signatures stored so far: two documents are candidates when
    all the values of one of LSH_BANDS[0] bands of LSH_BANDS[1] rows are equal."""

    def __init__(self) -> None:
        self.sigs: dict[int, MinHash] = {}
        self.buckets: list[dict[tuple, set[int]]] = [{} for _ in range(LSH_BANDS[0])]

    def _bands(self, mh: MinHash):
        rows = LSH_BANDS[1]
        return (tuple(mh.hashvalues[i * rows:(i + 1) * rows]) for i in range(LSH_BANDS[0]))

    @classmethod
    def load(cls, session: Session) -> "NearDuplicateIndex":
        idx = cls()
        for row in session.scalars(select(MinHashRow).where(MinHashRow.num_perm == NUM_PERM)):
            idx.add(row.document_id, MinHash.from_bytes(row.hashvalues))
        return idx

    def add(self, document_id: int, mh: MinHash) -> None:
        self.remove(document_id)
        self.sigs[document_id] = mh
        for table, band in zip(self.buckets, self._bands(mh)):
            table.setdefault(band, set()).add(document_id)

    def remove(self, document_id: int) -> None:
        mh = self.sigs.pop(document_id, None)
        if mh is None:
            return
        for table, band in zip(self.buckets, self._bands(mh)):
            keys = table.get(band)
            if keys is not None:
                keys.discard(document_id)
                if not keys:
                    del table[band]

    def candidates(self, mh: MinHash) -> set[int]:
        out: set[int] = set()
        for table, band in zip(self.buckets, self._bands(mh)):
            out |= table.get(band, set())
        return out

    def best_match(self, mh: MinHash, exclude: int | None = None) -> tuple[int, float] | None:
        """(document id, estimated Jaccard) of the most similar stored document, if near enough."""
        best = None
        for key in self.candidates(mh):
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
        session.add(MinHashRow(document_id=document_id, num_perm=NUM_PERM, hashvalues=mh.to_bytes()))
    else:
        row.num_perm, row.hashvalues = NUM_PERM, mh.to_bytes()
