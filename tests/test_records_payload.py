"""Fact.payload is dataclasses.asdict less the provenance, built faster: the same dicts."""
from __future__ import annotations

from dataclasses import asdict

from tests.conftest import EXAMPLES, OWN
from vndiplo.extract.pipeline import extract
from vndiplo.read import ReadError, iter_documents
from vndiplo.records import Anniversary, Event, Figure, Location, Participant, Person


def _reference(fact) -> dict:
    d = asdict(fact)
    d.pop("evidence", None)
    d.pop("span", None)
    return d


def _same(a, b) -> bool:
    """Equal, and of the same types all the way down (1 == 1.0 == True would hide a change in JSON)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def test_payload_is_asdict_without_provenance():
    facts = [Event(kind="visit", date="2025-07-08", participants=[Participant("A", "VN", "Thủ tướng")],
                   location=Location("Hà Nội", "VN"), evidence="e", span=(1, 2)),
             Person(name="B", roles=["x", "y"]), Figure(value=1.5, change_pct=None, parties=["VN", "LA"]),
             Anniversary(name="n", years=50)]
    for d in iter_documents([p for p in (EXAMPLES, OWN / "corpus") if p.is_dir()]):
        if not isinstance(d, ReadError):
            facts += extract(d.text, d.published, d.title)
    assert len(facts) > 100
    for f in facts:
        got = f.payload()
        assert _same(got, _reference(f)), f
        assert got is not f.payload()  # a fresh copy each time
    ev = facts[0].payload()
    assert ev["participants"][0] is not facts[0].participants[0]
