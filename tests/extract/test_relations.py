"""Relations: levels, parties (own phrase, clause, section), third countries, the ladder."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract._seed_eval import seed_f1
from vndiplo.extract import relations
from vndiplo.extract.doc import analyze

ARTICLES = Path(__file__).parent / "articles"


def rels(text: str) -> set[tuple[tuple[str, ...], str]]:
    return {(tuple(r.parties), r.level) for r in relations.extract(analyze(text))}


def rels_of(name: str):
    return rels((ARTICLES / name).read_text(encoding="utf-8"))


def test_upgrade_keeps_the_new_level_only():
    assert rels_of("mech_04_philippines_upgrade.txt") == {(("PH", "VN"), "comprehensive_strategic_partnership")}


def test_third_country_relation_has_no_viet_nam():
    assert rels_of("mech_05_third_countries.txt") == {
        (("JP", "PH"), "comprehensive_strategic_partnership"),
        (("JP", "VN"), "comprehensive_strategic_partnership"),
    }


def test_special_and_traditional_frameworks():
    assert rels_of("mech_01_laos_commission.txt") == {(("LA", "VN"), "special_relationship")}
    # "giữa hai nước": the parties come from the article's counterpart
    assert rels_of("mech_03_cambodia_mou.txt") == {(("KH", "VN"), "traditional_friendship")}


def test_generic_article_has_no_relation():
    assert rels_of("mech_06_generic.txt") == set()  # "hợp tác toàn diện trên mọi lĩnh vực" is no framework


def test_section_counterpart():
    assert rels_of("mech_07_sections.txt") == {(("JP", "VN"), "comprehensive_strategic_partnership")}


@pytest.mark.parametrize("text, expected", [
    ("Hai bên vui mừng trước quan hệ Đối tác hợp tác chiến lược toàn diện, Cộng đồng chia sẻ tương lai "
     "Trung Quốc - Việt Nam.",
     {(("CN", "VN"), "comprehensive_strategic_cooperative_partnership"),
      (("CN", "VN"), "community_with_shared_future")}),
    ("Philippines coi trọng quan hệ Đối tác Chiến lược với Việt Nam.", {(("PH", "VN"), "strategic_partnership")}),
    ("Thái Lan khẳng định quan hệ ĐỐI TÁC CHIẾN LƯỢC TOÀN DIỆN với Việt Nam.",
     {(("TH", "VN"), "comprehensive_strategic_partnership")}),
    ("Lào và Campuchia nâng cấp quan hệ lên Đối tác Chiến lược toàn diện.",
     {(("KH", "LA"), "comprehensive_strategic_partnership")}),
    ("Việt Nam đã thiết lập quan hệ Đối tác Chiến lược toàn diện với 12 nước.", set()),
    ("Nhật Bản là một trong các đối tác chiến lược của Việt Nam.", set()),
    ("Quan hệ Hàn Quốc - Nhật Bản có bước tiến mới.", set()),
])
def test_phrases(text, expected):
    assert rels(text) == expected


def test_seed_gold_relation_f1():
    report = seed_f1("relation", relations.extract)
    print(report)
    assert report["f1"] >= 0.95


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(
    "quan hệ Đối tác Chiến lược toàn diện đặc biệt láng giềng tốt đẹp hữu nghị truyền thống Việt Nam "
    "- Lào Thái Lan và với các 12 nước , ; . \n Cộng đồng chia sẻ tương lai".split(" ")), max_size=50).map(" ".join))
def test_never_raises_and_spans_stay_inside(text):
    doc = analyze(text)
    for r in relations.extract(doc):
        assert doc.text[r.span[0]:r.span[1]] == r.evidence
        assert len(r.parties) >= 2 and r.parties == sorted(r.parties)


@pytest.mark.parametrize("text, expected", [
    # partners listed after "với" are each Viet Nam's partner
    ("Việt Nam đã thiết lập quan hệ Đối tác Chiến lược toàn diện với Nhật Bản, Thái Lan.",
     {(("JP", "VN"), "comprehensive_strategic_partnership"), (("TH", "VN"), "comprehensive_strategic_partnership")}),
    # a pair upgrading its relation, in a sentence where Viet Nam only comments
    ("Việt Nam hoan nghênh việc Nhật Bản và Philippines nâng cấp quan hệ lên Đối tác Chiến lược toàn diện.",
     {(("JP", "PH"), "comprehensive_strategic_partnership")}),
    # the pair names the subject, "với Việt Nam" the other side: Viet Nam's relation with each
    ("Lào và Campuchia đều có quan hệ đặc biệt với Việt Nam.",
     {(("LA", "VN"), "special_relationship"), (("KH", "VN"), "special_relationship")}),
    # a country named in passing is not a party of the relation
    ("Tại cuộc gặp Bộ trưởng Ngoại giao Nhật Bản, hai bên khẳng định quan hệ Đối tác Chiến lược toàn diện "
     "giữa hai nước và trao đổi về tình hình Ukraine.", {(("JP", "VN"), "comprehensive_strategic_partnership")}),
    # a province stands for its country in a relation
    ("Tại buổi tiếp Bí thư Tỉnh ủy Vân Nam, hai bên nhất trí củng cố quan hệ Đối tác hợp tác chiến lược toàn diện.",
     {(("CN", "VN"), "comprehensive_strategic_cooperative_partnership")}),
])
def test_partner_lists_pairs_and_provinces(text, expected):
    assert rels(text) == expected


def test_viet_nam_written_twice_pairs_it_with_each():
    assert rels("Hai bên khẳng định quan hệ đặc biệt Việt Nam - Lào, Việt Nam - Campuchia.") == {
        (("LA", "VN"), "special_relationship"), (("KH", "VN"), "special_relationship")}


@pytest.mark.parametrize("text, expected", [
    ("Bước tiến mới trong quan hệ Đối tác Chiến lược toàn diện Hàn Quốc - Nhật Bản.",
     {(("JP", "KR"), "comprehensive_strategic_partnership")}),
    ("Quan hệ Hàn Quốc - Nhật Bản có bước tiến mới.", set()),
    ("Hai bên nhất trí triển khai hiệu quả khuôn khổ Đối tác Chiến lược toàn diện Việt Nam - Hoa Kỳ.",
     {(("US", "VN"), "comprehensive_strategic_partnership")}),
    ("Cuba luôn trân trọng quan hệ đoàn kết đặc biệt với Việt Nam.", {(("CU", "VN"), "special_relationship")}),
])
def test_world_countries(text, expected):
    assert rels(text) == expected


def test_a_former_state_recalled_in_a_section_is_not_the_partner():
    # the section opens by recalling the Soviet Union: the partner of "hai nước" is still Russia
    text = ("Sáng 5/3, tại Hà Nội, Thủ tướng hội đàm với Thủ tướng Nga Mikhail Mishustin đang thăm Việt Nam.\n\n"
            "Mở đầu hội đàm, Thủ tướng nhắc lại sự giúp đỡ to lớn của Liên Xô dành cho Việt Nam trong các "
            "cuộc kháng chiến. Hai bên khẳng định quan hệ hữu nghị truyền thống giữa hai nước không ngừng "
            "phát triển. Năm 2025, kim ngạch thương mại song phương đạt 5 tỷ USD.")
    from vndiplo.extract.pipeline import extract
    facts = extract(text, "2026-03-06")
    rel = [f for f in facts if type(f).__name__ == "Relation"]
    figs = [f for f in facts if type(f).__name__ == "Figure"]
    assert [sorted(r.parties) for r in rel] == [["RU", "VN"]]
    assert [sorted(f.parties) for f in figs] == [["RU", "VN"]]


def test_a_framework_named_with_several_partners_is_one_relation_per_partner():
    doc = analyze("Bộ trưởng hài lòng trước bước phát triển của quan hệ Đối tác chiến lược giữa Việt Nam với Peru, "
                  "Chile, Kenya.")
    facts = relations.extract(doc)
    assert sorted((tuple(f.parties), f.level) for f in facts) == [
        (("CL", "VN"), "strategic_partnership"), (("KE", "VN"), "strategic_partnership"),
        (("PE", "VN"), "strategic_partnership")]
