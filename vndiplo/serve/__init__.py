"""Serve: the CLI, the HTTP API and the web UI over one store."""
