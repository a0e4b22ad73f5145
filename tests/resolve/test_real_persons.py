"""Resolution on real pages: the shared development corpus read, extracted and resolved into one store,
and our list of real persons named across its articles (real_persons.tsv) checked: each is one person
of the right country, whatever the spelling. Runs where the shared corpus is (skipped elsewhere)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SHARED
from vndiplo.resolve.identity import flat_key

DEV = SHARED / "corpus" / "dev" / "input"
LIST = Path(__file__).with_name("real_persons.tsv")

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="the shared dev corpus is not here")


def _listed() -> list[tuple[str, str, list[str]]]:
    rows = [ln.rstrip("\n").split("\t") for ln in LIST.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")][1:]
    return [(n, c, [n, *(o for o in others.split("|") if o)]) for n, c, others in rows]


@pytest.fixture(scope="module")
def persons(tmp_path_factory):
    """(label, country, spellings seen) of every person in a store of the whole dev corpus."""
    from vndiplo.store import open_store
    from vndiplo.store.entities import EntityRow

    db = tmp_path_factory.mktemp("dev") / "dev.db"
    for args in (["ingest", str(DEV)], ["extract"]):
        subprocess.run([sys.executable, "-m", "vndiplo", *args, "--db", str(db)], check=True,
                       capture_output=True, timeout=600)
    store = open_store(str(db))
    with store.session() as s:
        out = [(e.label, e.country, {flat_key(e.label)} | {flat_key(a["value"]) for a in e.data.get("aliases", [])})
               for e in s.query(EntityRow).filter_by(type="person")]
    store.close()
    return out


def test_every_listed_real_person_is_one_person_of_the_right_country(persons):
    listed = _listed()
    assert len(listed) >= 40
    found, wrong = 0, []
    for name, country, spellings in listed:
        keys = {flat_key(x) for x in spellings}
        hits = [(label, c) for label, c, seen in persons if seen & keys]
        if hits:
            found += 1
        if len(hits) > 1 or (hits and hits[0][1] != country):
            wrong.append((name, country, hits))
    assert wrong == []
    # Extraction, not resolution, misses a few names (one listed leader is not extracted today).
    assert found >= len(listed) - 2, f"only {found} of {len(listed)} listed persons were extracted"


def test_no_fragment_of_a_name_has_a_person_page(persons):
    assert len(persons) > 150
    for label, _, _ in persons:
        words = label.split()
        assert len("".join(ch for ch in label if ch.isalpha())) >= 2, label
        assert not {"Đảng", "Bộ", "Nhóm"} & set(words), label
