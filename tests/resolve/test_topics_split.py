"""A country pair key cannot be split back on hyphens: subdivision codes hold one ("CN-YN" is Yunnan)."""
from __future__ import annotations

from sqlalchemy import select

from vndiplo.records import Mechanism
from vndiplo.resolve.topics import split_pair
from vndiplo.store.entities import EntityCountryRow, EntityRow


def test_split_pair_keeps_subdivision_codes_whole():
    assert split_pair("CN-YN-VN") == ["CN-YN", "VN"]
    assert split_pair("KH-VN") == ["KH", "VN"]
    assert split_pair("ORG:ASEAN-VN") == ["ORG:ASEAN", "VN"]
    assert split_pair("") == [] and split_pair(None) == []


def test_a_province_party_is_indexed_under_its_own_code(store, tmp_path):
    from tests.store_helpers import ingest_article

    ingest_article(store, tmp_path, "yunnan_page", "2024-05-02",
                   "Hợp tác với tỉnh Vân Nam\nHai bên họp phiên thứ ba của Nhóm công tác liên hợp.",
                   [Mechanism(name="Nhóm công tác liên hợp", parties=["VN", "CN-YN"], session=3,
                              evidence="Nhóm công tác liên hợp")])
    with store.session() as s:
        ent = s.scalar(select(EntityRow).where(EntityRow.type == "mechanism"))
        assert ent is not None and ent.data["parties"] == ["CN-YN", "VN"]
        codes = set(s.scalars(select(EntityCountryRow.country).where(EntityCountryRow.entity_id == ent.id)))
        assert codes == {"CN-YN", "VN"}
