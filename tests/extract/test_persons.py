"""Persons: names without titles, every role, the nationality, merged mentions."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.actors_helpers import article, facts_of, has_country, seed
from vndiplo.extract.doc import analyze
from vndiplo.extract import persons as persons_mod
from vndiplo.extract.pipeline import extract
from vndiplo.records import Person


def persons(facts) -> dict[str, Person]:
    return {f.name: f for f in facts if isinstance(f, Person)}


def test_title_chain_gives_every_role_and_the_nationality_apart():
    p = persons(facts_of(seed("000")))
    assert p["Prak Sokhonn"].country == "KH"
    assert p["Prak Sokhonn"].roles == ["Phó Thủ tướng", "Bộ trưởng Ngoại giao và Hợp tác quốc tế"]
    assert p["Hun Sen"].roles == ["Chủ tịch Đảng Nhân dân Campuchia", "Chủ tịch Thượng viện"]
    assert p["Bùi Thanh Sơn"].country == "VN"


def test_chinese_name_after_a_province_takes_its_country():
    p = persons(facts_of(seed("001")))
    assert p["Vương Ninh"].country == "CN"
    assert any(r.startswith("Chủ nhiệm Ủy ban") for r in p["Vương Ninh"].roles)
    assert p["Tập Cận Bình"].country == "CN" and "Tổng Bí thư" in p["Tập Cận Bình"].roles


def test_short_references_join_the_full_name():
    p = persons(facts_of(seed("002")))
    assert "Motegi Toshimitsu" in p and "Motegi" not in p
    assert p["Maria Theresa Lazaro"].country == "PH"


def test_cue_word_and_apposition():
    p = persons(facts_of(seed("003")))
    b = p["Bounleua Phandanouvong"]
    assert b.country == "LA" and b.roles[0].startswith("Quyền Trưởng ban Đối ngoại")


def test_japanese_name_and_cue_reference():
    p = persons(article("phone_call"))
    assert set(p) == {"Phạm Minh Chính", "Kishida Fumio"}  # "ông Kishida" is the same person
    assert p["Kishida Fumio"].country == "JP"


def test_ambassador_role_keeps_the_posting_and_photo_credit_is_no_person():
    p = persons(article("deputy_minister"))
    assert p["Meynardo Montealegre"].country == "PH"
    assert p["Meynardo Montealegre"].roles == ["Đại sứ Philippines tại Việt Nam"]
    assert p["Nguyễn Minh Vũ"].roles == ["Thứ trưởng Ngoại giao"]
    assert not any("Minh Đức" in n for n in p)


def test_journalist_is_no_person():
    p = persons(article("courtesy_call"))
    assert "Nguyễn Thị Hằng" not in p
    assert p["Trần Thanh Mẫn"].roles == ["Chủ tịch Quốc hội"]


@pytest.mark.skipif(not has_country("US"), reason="needs the world country table")
def test_western_name_with_country_word_in_title():
    p = persons(article("western"))
    assert p["Antony Blinken"].country == "US"
    assert p["Antony Blinken"].roles == ["Ngoại trưởng"]


@pytest.mark.skipif(not has_country("KR"), reason="needs the world country table")
def test_korean_name():
    p = persons(article("korea"))
    assert p["Cho Tae-yul"].country == "KR"


def test_no_title_word_or_place_is_taken_for_a_name():
    text = ("Bộ trưởng Ngoại giao Lào trân trọng cảm ơn. Chủ tịch ASEAN năm nay là Malaysia. "
            "Hai Bộ trưởng nhất trí. Thủ tướng Chính phủ chỉ đạo. Phó Thủ tướng Campuchia đã phát biểu. "
            "Tổng Giám đốc Tập đoàn Toyota cho biết. Chủ tịch Hội đồng Quản trị Vietcombank phát biểu. "
            "Bộ trưởng Ngoại giao Thái lan cảm ơn. Hội nghị Bộ trưởng Ngoại giao ASEAN Mekong khai mạc.")
    assert persons(extract(text, "2025-01-01")) == {}


words = st.sampled_from(["Bộ trưởng", "Ngoại giao", "Lào", "ông", "Tô Lâm", "Thái Lan", ",", ";", ".", "và",
                         "Phó", "Thủ tướng", "đồng chí", "X", "Việt Nam", "(", ")", "\n", "Ki-moon", "gặp",
                         "hội đàm", "tiếp", "8/7", "tại", "Hà Nội", "-", "Đảng", "Quyền", "Trưởng ban"])


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=40).map(" ".join) | st.text(max_size=200))
def test_persons_never_raise_and_stay_inside_the_text(text):
    doc = analyze(text, "2025-07")
    persons_mod.annotate(doc)
    for p in doc.persons:
        assert 0 <= p.start < p.end <= len(doc.text)
        if p.role_span:
            assert 0 <= p.role_span[0] <= p.role_span[1] <= len(doc.text)
    for f in persons_mod.extract(doc):
        assert 0 <= f.span[0] <= f.span[1] <= len(doc.text) and f.name


@pytest.mark.parametrize("text,name,country,roles", [
    ("Chiều 5/8, Thứ trưởng Ngoại giao Nguyễn Minh Vũ tiếp Đại sứ Malaysia tại Việt Nam Dato' Tan Yang Thai.",
     "Dato' Tan Yang Thai", "MY", ["Đại sứ Malaysia tại Việt Nam"]),
    ("Chiều 21/5, Thứ trưởng Ngoại giao Đỗ Hùng Việt đã tiếp Đại sứ Australia.",
     "Đỗ Hùng Việt", "VN", ["Thứ trưởng Ngoại giao"]),
    ("Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với Bộ trưởng Châu Âu và Ngoại giao Pháp Jean-Noël Barrot.",
     "Jean-Noël Barrot", "FR", ["Bộ trưởng Châu Âu và Ngoại giao"]),
    ("Tổng Bí thư, Chủ tịch Cuba Miguel Díaz-Canel Bermúdez phát biểu.",
     "Miguel Díaz-Canel Bermúdez", "CU", ["Tổng Bí thư", "Chủ tịch"]),
    ("Bà Ursula von der Leyen, Chủ tịch Ủy ban châu Âu, điện đàm với Thủ tướng.",
     "Ursula von der Leyen", None, None),
    ("Tổng Thư ký ASEAN Kao Kim Hourn nhấn mạnh vai trò của khối.", "Kao Kim Hourn", "ORG:ASEAN", None),
    ("Thủ tướng tiếp Chủ tịch Tập đoàn Samsung Lee Jae-yong.", "Lee Jae-yong", None, ["Chủ tịch Tập đoàn Samsung"]),
])
def test_name_shapes(text, name, country, roles):
    p = persons(extract(text, "2025-08-06"))
    assert name in p, p
    if country:
        assert p[name].country == country
    if roles:
        assert p[name].roles == roles


def test_organisation_acronym_in_brackets_between_title_and_name():
    # the acronym after the organisation's name ("(OECD)") must not cut the name off its role
    text = ("Sáng 3/10, Thủ tướng tiếp Tổng Thư ký Tổ chức Hợp tác và Phát triển Kinh tế (OECD) "
            "Mathias Cormann đang thăm Việt Nam.")
    p = persons(extract(text, "2025-10-04"))
    assert p["Mathias Cormann"].country == "ORG:OECD"
    assert p["Mathias Cormann"].roles == ["Tổng Thư ký Tổ chức Hợp tác và Phát triển Kinh tế"]


def test_a_transliteration_with_its_original_spelling_in_brackets_is_one_person():
    text = ("Theo lời mời của Tổng thống Cộng hòa Ác-hen-ti-na Ha-vi-ơ Mi-lây (Javier Milei), Chủ tịch nước "
            "đã thăm chính thức Ác-hen-ti-na. Ngày 5/5, Chủ tịch nước hội đàm với Tổng thống Javier Milei.")
    p = persons(extract(text, "2025-05-06"))
    assert "Javier Milei" in p and not any("-" in n for n in p)
    assert p["Javier Milei"].country == "AR"
