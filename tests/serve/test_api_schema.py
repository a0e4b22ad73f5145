"""Property test of the API against its own OpenAPI schema (schemathesis): no 500s, responses match."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.serve.conftest import fill  # noqa: E402
from vndiplo.serve.api import create_app  # noqa: E402
from vndiplo.store import open_store  # noqa: E402


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('schema') / 'vndiplo.db'}")
    fill(store)
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(store=store))
    store.close()


def test_get_endpoints_follow_their_schema(api_schema):
    ops = [r.ok() for r in api_schema.get_all_operations()]
    ops = [op for op in ops if op.method.upper() == "GET"]
    assert len(ops) >= 12
    for op in ops:
        @given(case=op.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate()

        check()
