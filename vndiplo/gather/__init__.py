"""Acquisition: fetch pages politely, follow news feeds and sitemaps, keep the store current."""
from vndiplo.gather.settings import FetchSettings

__all__ = ["FetchSettings"]
