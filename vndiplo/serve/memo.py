"""Values derived from the store, kept until the store changes.

The key is the database and the store's version (a counter database triggers
move on every write, see vndiplo.store.version), so nothing kept here is ever
served after a write, and no time-based expiry is needed.
"""
from __future__ import annotations

import threading
import weakref
from typing import Any, Callable, Hashable

from sqlalchemy.orm import Session

from vndiplo.store.version import store_version

__all__ = ["memo"]

MAX_KEYS = 4096  # values kept per database and version

_MEMO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> (version, values, build locks)
_MEMO_LOCK = threading.Lock()


def memo(s: Session, key: Hashable, build: Callable[[], Any]) -> Any:
    """`build()` once per database and store version (shared: callers must not change what it returns).

    The version is read before the data, so a value kept under a version is never older than it.
    Concurrent requests for the same missing value wait for one build instead of repeating it."""
    engine, version = s.get_bind(), store_version(s)
    with _MEMO_LOCK:
        held = _MEMO.get(engine)
        if held is None or held[0] != version:
            held = (version, {}, {})  # version, values, a lock per key being built
            _MEMO[engine] = held
        if key in held[1]:
            return held[1][key]
        building = held[2].setdefault(key, threading.Lock())
    with building:
        with _MEMO_LOCK:
            if key in held[1]:  # built while this request waited
                return held[1][key]
        value = build()
        with _MEMO_LOCK:
            if len(held[1]) >= MAX_KEYS:  # many distinct keys (one per name asked for): start again
                held[1].clear()
                held[2].clear()
            held[1][key] = value
    return value
