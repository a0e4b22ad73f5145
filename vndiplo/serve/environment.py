"""How `vndiplo serve --workers N` passes its settings to the worker processes: environment variables,
read by `vndiplo.serve.api.app_from_environment` in each worker. Kept apart from the app so that the
supervising process sets them without importing the web stack (it serves nothing)."""
from __future__ import annotations

__all__ = ["ENV", "serve_environment"]

# db, token, CORS origins (one a line), cache megabytes, "1" when the supervisor migrated the store already
ENV = ("VNDIPLO_SERVE_DB", "VNDIPLO_TOKEN", "VNDIPLO_SERVE_CORS", "VNDIPLO_SERVE_CACHE_MB", "VNDIPLO_SERVE_MIGRATED")


def serve_environment(db: str | None, token: str | None, cors_origins: list[str] | None,
                      cache_mb: float = 64, migrated: bool = False) -> dict[str, str]:
    """The environment `app_from_environment` reads."""
    return dict(zip(ENV, (db or "", token or "", "\n".join(cors_origins or []), str(cache_mb),
                          "1" if migrated else "")))
