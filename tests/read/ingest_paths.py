"""Where the shared corpus is: beside the checkout (tests/conftest.py SEEDS), or /work/shared
when the checkout is a worktree elsewhere, or where VNDIPLO_SHARED points."""
from __future__ import annotations

import os
from pathlib import Path

from tests import conftest

EXAMPLES = conftest.EXAMPLES
ROOT = conftest.ROOT


def _shared() -> Path:
    for p in (os.environ.get("VNDIPLO_SHARED"), conftest.SHARED, "/work/shared"):
        if p and (Path(p) / "corpus" / "seeds").is_dir():
            return Path(p)
    return conftest.SHARED


SHARED = _shared()
SEEDS = SHARED / "corpus" / "seeds"
GOLD = SHARED / "eval" / "gold" / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed page whose file name starts with `prefix` (e.g. "000")."""
    (p,) = SEEDS.glob(f"{prefix}_*")
    return p
