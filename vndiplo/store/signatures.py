"""The table of documents' MinHash signatures (kept apart from dedup.py so that opening a
store does not import datasketch)."""
from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary
from sqlalchemy.orm import Mapped, mapped_column

from vndiplo.store.base import Base

__all__ = ["MinHashRow"]


class MinHashRow(Base):
    """One document's MinHash signature: `num_perm` hash values as little-endian uint32 bytes."""

    __tablename__ = "document_minhashes"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    num_perm: Mapped[int] = mapped_column(Integer)
    hashvalues: Mapped[bytes] = mapped_column(LargeBinary)
