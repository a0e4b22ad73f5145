"""CLI commands: scale (see the module docstrings of the commands it registers)."""
from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this area's commands to the app."""
