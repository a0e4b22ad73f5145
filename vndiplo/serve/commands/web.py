"""`vndiplo serve`: the HTTP API and web UI over a store (uvicorn, 127.0.0.1 by default)."""
from __future__ import annotations

import os
from typing import Optional

import typer

from vndiplo.serve.commands.common import DB_OPTION, err, fail, open_store, reason


def register(app: typer.Typer) -> None:
    """Add `serve` to the app."""

    @app.command("serve")
    def serve_cmd(
        db: Optional[str] = DB_OPTION,
        host: str = typer.Option("127.0.0.1", metavar="ADDRESS", help="Address to listen on (keep 127.0.0.1 unless behind a proxy)."),
        port: int = typer.Option(8000, min=0, max=65535, metavar="PORT", help="Port to listen on."),
        token: Optional[str] = typer.Option(None, envvar="VNDIPLO_TOKEN", metavar="TOKEN",
                                            help="Allow POST /api/documents (ingest) with this bearer token."),
        cors: Optional[list[str]] = typer.Option(None, "--cors", metavar="ORIGIN", help="An origin allowed to read the API (repeatable)."),
        workers: int = typer.Option(1, min=1, max=64, metavar="N", help="Server processes (one Python process uses one core; "
                                                          "give the number of cores on a busy server)."),
        cache_mb: float = typer.Option(64, "--cache-mb", min=0, metavar="MB",
                                       help="Megabytes of answers each process keeps until the store changes "
                                            "(0: none)."),
    ) -> None:
        """Start the HTTP API (/api, OpenAPI at /docs) and the web UI.

        Example: vndiplo serve --db vndiplo.db --port 8000   (then browse http://127.0.0.1:8000/)
        """
        open_store(db).close()  # a store that does not exist is an error here, never created empty
        import uvicorn

        from vndiplo.serve.guard import GuardedHttpToolsProtocol

        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        banner = (f"vndiplo: serving {db or 'vndiplo.db'} at http://{shown}:{port}/ "
                  f"({'ingest allowed with the token' if token else 'read-only'}"
                  f"{f', {workers} processes' if workers > 1 else ''}); Ctrl-C stops")
        if workers == 1:
            from vndiplo.serve.api import create_app

            problem = _migrate_in_child(db)  # the server then never loads Alembic (~60 MB less)
            try:
                if problem:
                    raise RuntimeError(problem)
                application = create_app(db, token=token, cors_origins=cors, cache_mb=cache_mb, migrate=False,
                                         warm=True)
            except Exception as e:  # a bad URL or an unreachable database
                fail(f"cannot open the store {db or 'vndiplo.db'}: {reason(e)}")
            err.print(banner, highlight=False)
            uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False,
                        http=GuardedHttpToolsProtocol)
            return
        # Several processes: this one only supervises. It migrates the store once (the workers then skip
        # it) and never builds the app, so it holds no web stack, gazetteer or answers (tens of MB, not
        # a worker's size); each worker builds its app from the environment (uvicorn imports it by name).
        from vndiplo.serve.environment import serve_environment

        problem = _migrate_in_child(db)
        if problem:
            fail(f"cannot open the store {db or 'vndiplo.db'}: {problem}")
        err.print(banner, highlight=False)
        os.environ.update(serve_environment(db, token, cors, cache_mb, migrated=True))
        uvicorn.run("vndiplo.serve.api:app_from_environment", factory=True, workers=workers, host=host, port=port,
                    log_level="warning", server_header=False, http=GuardedHttpToolsProtocol)


def _migrate_in_child(db: str | None) -> str | None:
    """Open and migrate the store in a forked child process (Alembic and the schema cost the process
    that loads them ~60 MB, which the supervisor of `serve --workers` would otherwise keep); the error
    message, or None. A store at the newest revision needs nothing: one query tells, and no child is
    forked."""
    import multiprocessing as mp

    from vndiplo.store import open_store as open_
    from vndiplo.store.db import HEAD_REVISION

    try:
        store = open_(db, migrate=False)
        try:
            if store.revision() == HEAD_REVISION:
                return None
        finally:
            store.close()
    except Exception:  # noqa: BLE001 - the child reports the error in full
        pass

    def run(conn) -> None:
        try:
            from vndiplo.store import open_store

            open_store(db).close()
            conn.send(None)
        except Exception as e:  # noqa: BLE001 - any driver error becomes one message
            conn.send(str(e).splitlines()[0] if str(e) else type(e).__name__)

    ctx = mp.get_context("fork")
    ours, theirs = ctx.Pipe(duplex=False)
    child = ctx.Process(target=run, args=(theirs,))
    child.start()
    theirs.close()
    try:
        problem = ours.recv()
    except EOFError:
        problem = "the migration process died"
    child.join()
    return problem
