"""CLI commands over the store as a whole (extraction into it, resolution, deletion)."""
from __future__ import annotations

import typer


def extract_store(db: str | None, everything: bool = False) -> int:
    """Extract the facts of stored documents into the store; returns an exit code."""
    from vndiplo.serve.commands.common import fail

    fail("extraction into the store is not built yet", 2)
    return 2


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
