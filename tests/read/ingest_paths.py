"""Where the shared corpus is: beside the checkout (tests/conftest.py SEEDS), or /work/shared
when the checkout is a worktree elsewhere, or where VNDIPLO_SHARED points."""
from __future__ import annotations


from tests import conftest

EXAMPLES = conftest.EXAMPLES
ROOT = conftest.ROOT


SHARED, SEEDS, GOLD = conftest.SHARED, conftest.SEEDS, conftest.GOLD
seed_path = conftest.seed_path
