"""The data files of mechanisms, relations and context: loadable, NFC, well-formed, no duplicates."""
from __future__ import annotations

import unicodedata

import pytest

from vndiplo.data.gazetteer import split_list, table
from vndiplo.text import fold_tones

FILES = {
    "mechanism_heads": ("head", {"kind": {"body", "document", "conference"}, "case": {"any", "cap", "cap2"},
                                 "bilateral": {"", "1"}, "named": {"", "1"}}),
    "mechanism_cues": (None, {}),
    "relation_levels": ("phrase", {"level": {
        "comprehensive_strategic_partnership", "strategic_partnership", "comprehensive_partnership",
        "comprehensive_strategic_cooperative_partnership", "special_relationship", "traditional_friendship",
        "community_with_shared_future", "other"}}),
    "context_cues": (None, {"group": {"section_opening", "pair_object", "meeting_verb"}}),
    "cooperation_frameworks": ("code", {}),
    "relation_cues": (None, {"group": {"tail_end"}}),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_table_is_nfc_unique_and_valid(name):
    key, allowed = FILES[name]
    rows = table(name)
    assert rows, name
    for r in rows:
        for v in r.values():
            assert v == unicodedata.normalize("NFC", v)
        for col, values in allowed.items():
            assert r.get(col, "") in values, (name, r)
    # cue phrases are matched ignoring case, except acronyms (written as they are)
    keys = [fold_tones(r[key]).lower() for r in rows] if key else [
        (r["group"], r["phrase"] if r["group"] in ("generic_acronym", "multilateral_agreement") else fold_tones(r["phrase"]).lower())
        for r in rows]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]


def test_frameworks_have_members_and_names():
    for r in table("cooperation_frameworks"):
        assert r["code"].startswith("ORG:")
        assert split_list(r["names"]) and len(split_list(r["members"], " ")) >= 3
        assert "VN" in split_list(r["members"], " ")
