"""Mechanisms: names, parties, sessions and periods on our own articles and on the seed gold."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract._seed_eval import seed_f1
from vndiplo.extract import mechanisms
from vndiplo.extract.doc import analyze

ARTICLES = Path(__file__).parent / "articles"


def mechs(name: str):
    doc = analyze((ARTICLES / name).read_text(encoding="utf-8"))
    return doc, mechanisms.extract(doc)


def by_name(facts, name):
    hits = [f for f in facts if f.name == name]
    assert hits, f"{name!r} not in {[f.name for f in facts]}"
    assert len(hits) == 1, f"{name!r} recorded {len(hits)} times"
    return hits[0]


def test_joint_commission_session_before_the_name_and_agreements_with_periods():
    doc, facts = mechs("mech_01_laos_commission.txt")
    jc = by_name(facts, "Ủy ban liên Chính phủ về hợp tác song phương Việt Nam - Lào")
    assert (jc.parties, jc.session, jc.period) == (["LA", "VN"], 46, None)
    ag = by_name(facts, "Hiệp định hợp tác giai đoạn 2021 - 2025")
    assert (ag.parties, ag.period) == (["LA", "VN"], "2021/2025")
    pr = by_name(facts, "Nghị định thư về hợp tác phát triển nguồn nhân lực giai đoạn 2026-2030")
    assert pr.period == "2026/2030"
    by_name(facts, "Kế hoạch hợp tác năm 2026")
    # the title's and the last paragraph's mentions of the commission are the same mechanism
    assert sum("Ủy ban liên Chính phủ" in f.name for f in facts) == 1
    assert not any("thỏa thuận" in f.name.lower() for f in facts)  # "các thỏa thuận đã ký"
    for f in facts:
        assert doc.text[f.span[0]:f.span[1]] == f.evidence


def test_strategic_dialogue_with_session_after_the_name():
    _, facts = mechs("mech_02_japan_dialogue.txt")
    d = by_name(facts, "Đối thoại Chiến lược Quốc phòng Việt Nam - Nhật Bản")
    assert (d.parties, d.session) == (["JP", "VN"], 5)
    mou = by_name(facts, "Bản ghi nhớ về hợp tác quốc phòng")  # ends before "ký năm 2011"
    assert mou.parties == ["JP", "VN"]
    by_name(facts, "Đối thoại Chính sách Quốc phòng thường niên")
    # "đẩy mạnh đối thoại, tham vấn" is an activity, not a mechanism
    assert all(f.name[0].isupper() for f in facts)


def test_mou_signing_keeps_acronym_and_period_and_drops_its_back_reference():
    _, facts = mechs("mech_03_cambodia_mou.txt")
    # the MOU and the year's action plan; "Biên bản ghi nhớ này" is no third mechanism
    assert sorted(f.name for f in facts) == [
        "Biên bản ghi nhớ (MOU) về hợp tác trong lĩnh vực y tế giai đoạn 2025-2029", "Kế hoạch hành động năm 2025"]
    mou = by_name(facts, "Biên bản ghi nhớ (MOU) về hợp tác trong lĩnh vực y tế giai đoạn 2025-2029")
    assert mou.name == "Biên bản ghi nhớ (MOU) về hợp tác trong lĩnh vực y tế giai đoạn 2025-2029"
    assert (mou.parties, mou.period) == (["KH", "VN"], "2025/2029")


def test_upgrade_article_programme_and_commission_take_the_counterpart_from_context():
    _, facts = mechs("mech_04_philippines_upgrade.txt")
    prog = by_name(facts, "Chương trình hành động triển khai quan hệ Đối tác Chiến lược toàn diện giai đoạn 2026-2030")
    assert (prog.parties, prog.period) == (["PH", "VN"], "2026/2030")
    jc = by_name(facts, "Ủy ban hỗn hợp về hợp tác song phương")
    assert (jc.parties, jc.session) == (["PH", "VN"], 11)


def test_mechanisms_between_third_countries_do_not_include_viet_nam():
    _, facts = mechs("mech_05_third_countries.txt")
    assert by_name(facts, "Hiệp định Tiếp cận Đối ứng (RAA)").parties == ["JP", "PH"]
    assert by_name(facts, "thỏa thuận ngừng bắn ngày 12/9").parties == ["KH", "TH"]
    assert by_name(facts, "Ủy ban biên giới chung (GBC)").parties == ["KH", "TH"]


def test_generic_mentions_give_nothing():
    _, facts = mechs("mech_06_generic.txt")
    assert facts == [], [f.name for f in facts]


def test_sections_give_each_mechanism_its_counterpart():
    _, facts = mechs("mech_07_sections.txt")
    assert by_name(facts, "Thỏa thuận hợp tác giữa hai Bộ Ngoại giao giai đoạn 2026-2030").parties == ["LA", "VN"]
    assert by_name(facts, "Tham khảo Chính trị cấp Thứ trưởng").parties == ["LA", "VN"]
    jc = by_name(facts, "Ủy ban hợp tác")
    assert (jc.parties, jc.session) == (["JP", "VN"], 14)
    assert by_name(facts, "Hội nghị thường niên giữa các tỉnh biên giới hai nước").parties == ["CN-YN", "VN"]


@pytest.mark.parametrize("text, name, parties", [
    ("Hai bên nhất trí đẩy mạnh kết nối trong khuôn khổ ACMECS.", "ACMECS", ["KH", "LA", "MM", "TH", "VN"]),
    ("Bộ trưởng dự Hội nghị Bộ trưởng Ngoại giao hợp tác Mekong - Lan Thương lần thứ 9 tại Lào.",
     "Hội nghị Bộ trưởng Ngoại giao hợp tác Mekong - Lan Thương", ["CN", "KH", "LA", "MM", "TH", "VN"]),
])
def test_frameworks_take_their_members(text, name, parties):
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties) for f in facts] == [(name, parties)]


@pytest.mark.parametrize("text", [
    "Hai nước cùng chia sẻ nguồn nước sông Mekong - Lan Thương.",  # the river, not the framework
    "Thủ tướng dự Hội nghị Cấp cao ASEAN lần thứ 46 tại Kuala Lumpur.",  # a summit is an event
    "Chính phủ ban hành Chiến lược phát triển kinh tế - xã hội giai đoạn 2021-2030.",  # domestic
    "Hai bên cần sớm lập Nhóm công tác chung để trao đổi.",
    "Hai bên nhất trí thực hiện Chiến lược này.",
])
def test_non_mechanisms(text):
    assert mechanisms.extract(analyze(text)) == []


def test_roman_and_word_ordinals():
    facts = mechanisms.extract(analyze("Kỳ họp thứ XII Ủy ban hỗn hợp Việt Nam - Lào đã diễn ra."))
    assert [(f.name, f.session) for f in facts] == [("Ủy ban hỗn hợp Việt Nam - Lào", 12)]
    facts = mechanisms.extract(analyze(
        "Phiên Đối thoại Chiến lược Việt Nam - Nhật Bản lần thứ nhất diễn ra tại Tokyo."))
    assert [(f.parties, f.session) for f in facts] == [(["JP", "VN"], 1)]


def test_seed_gold_mechanism_f1():
    report = seed_f1("mechanism", mechanisms.extract)
    print(report)
    assert report["f1"] >= 0.85
    assert report["fields"].get("session", 0) == 1.0 and report["fields"].get("period", 0) == 1.0


WORDS = st.sampled_from(
    "Ủy ban hỗn hợp Việt Nam - Lào lần thứ 3 Thỏa thuận hợp tác giai đoạn 2021-2025 về , ; và các "
    "Hội nghị hợp tác Mekong-Lan Thương ACMECS (JCBC) “Ba kết nối” Chiến lược này Thái Lan Campuchia "
    "ngày 26/10 do nhằm Tuyên bố chung giữa hai nước Kỳ họp thứ XII ( ) . \n Tham vấn Chính trị".split(" "))


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, max_size=60).map(" ".join), st.text(max_size=40))
def test_never_raises_and_spans_stay_inside(words, noise):
    text = words + noise
    doc = analyze(text)
    for f in mechanisms.extract(doc):
        s, e = f.span
        assert 0 <= s <= e <= len(doc.text)
        assert doc.text[s:e] == f.evidence
        assert f.name and f.name in doc.text
        assert f.parties == sorted(f.parties)


@pytest.mark.parametrize("text, name, parties", [
    # a formal document described in enough words is specific without capitals or a period
    ("Hai bên nhất trí triển khai hiệu quả Hiệp định phân định ranh giới thềm lục địa giữa hai nước. "
     "Việt Nam và Lào là láng giềng.", "Hiệp định phân định ranh giới thềm lục địa", ["LA", "VN"]),
    # a bilateral ministers' meeting series is a mechanism; "trong năm nay" ends the name
    ("Hai bên nhất trí tổ chức Hội nghị Bộ trưởng Ngoại giao Việt Nam - Nhật Bản trong năm nay.",
     "Hội nghị Bộ trưởng Ngoại giao Việt Nam - Nhật Bản", ["JP", "VN"]),
    # "trong lĩnh vực" goes on with the name
    ("Campuchia và Việt Nam ký Bản ghi nhớ hợp tác trong lĩnh vực lao động.",
     "Bản ghi nhớ hợp tác trong lĩnh vực lao động", ["KH", "VN"]),
])
def test_descriptive_and_bilateral_names(text, name, parties):
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties) for f in facts] == [(name, parties)]


def test_short_back_reference_joins_the_named_mechanism_despite_a_new_section():
    text = ("Về quan hệ với Nhật Bản, hai bên nhất trí tăng cường hợp tác.\n\n"
            "Kỳ họp thứ 45 Ủy ban liên Chính phủ Việt Nam - Lào được tổ chức tại Viêng Chăn. "
            "Hai bên đánh giá cao vai trò của Ủy ban liên Chính phủ.")
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties, f.session) for f in facts] == [
        ("Ủy ban liên Chính phủ Việt Nam - Lào", ["LA", "VN"], 45)]


def test_free_trade_agreement_with_an_organisation_side_and_an_action_plan():
    text = ("Hai Thủ tướng giao các bộ xây dựng Kế hoạch hành động giai đoạn 2025-2030 và thúc đẩy "
            "Hiệp định Thương mại tự do Việt Nam - Nhật Bản.")
    facts = mechanisms.extract(analyze(text))
    names = {f.name: f for f in facts}
    assert names["Kế hoạch hành động giai đoạn 2025-2030"].period == "2025/2030"
    assert names["Hiệp định Thương mại tự do Việt Nam - Nhật Bản"].parties == ["JP", "VN"]


@pytest.mark.parametrize("text, session", [
    ("Phiên họp toàn thể lần thứ nhất của Ủy ban hỗn hợp Việt Nam - Lào diễn ra tại Hà Nội.", 1),
    ("Ủy ban liên Chính phủ Việt Nam - Lào kỳ họp thứ 46 đã thành công tốt đẹp.", 46),
    ("Uỷ ban Hỗn hợp Việt Nam - Lào họp lần thứ 44.", 44),  # old-style tone; "họp" ends the name
    # "lần đầu (tiên)" after the name and "Phiên họp đầu tiên" before it are the first session
    ("Hai bên sẽ tổ chức Ủy ban hỗn hợp Việt Nam - Lào lần đầu tiên tại Viêng Chăn.", 1),
    ("Ủy ban Hỗn hợp Việt Nam - Lào họp lần đầu tại Hà Nội.", 1),
    ("Phiên họp đầu tiên của Ủy ban hỗn hợp Việt Nam - Lào diễn ra tại Hà Nội.", 1),
])
def test_session_forms(text, session):
    facts = mechanisms.extract(analyze(text))
    assert len(facts) == 1 and facts[0].parties == ["LA", "VN"]
    assert facts[0].session == session


@pytest.mark.parametrize("text", [
    "Người phát ngôn Bộ Ngoại giao ra Tuyên bố về việc tàu nước ngoài vào vùng biển Việt Nam.",
    "Tối cùng ngày, hai Thủ tướng dự Chương trình nghệ thuật đặc biệt chào mừng Lào.",
    "Chính phủ Lào ban hành Kế hoạch số 15/KH-CP triển khai Nghị quyết.",
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025 đạt kết quả tốt.",
    "Thủ tướng dự Hội nghị Thượng đỉnh G20 tại Nhật Bản.",
])
def test_unilateral_or_domestic_documents_are_not_mechanisms(text):
    assert mechanisms.extract(analyze(text)) == []


def test_a_forum_named_after_a_place_is_no_dialogue_mechanism():
    assert mechanisms.extract(analyze("Bộ trưởng dự Đối thoại Shangri-La lần thứ 22 tại Singapore.")) == []
    facts = mechanisms.extract(analyze("Hai bên nhất trí tổ chức Đối thoại Nhân quyền với Nhật Bản."))
    assert [f.parties for f in facts] == [["JP", "VN"]]


def test_topic_list_without_va_stays_in_the_name():
    facts = mechanisms.extract(analyze(
        "Kỳ họp lần thứ 20 Ủy ban hỗn hợp Việt Nam - Campuchia về hợp tác kinh tế, văn hóa, khoa học - kỹ thuật "
        "do hai Bộ trưởng đồng chủ trì."))
    assert [(f.name, f.session) for f in facts] == [
        ("Ủy ban hỗn hợp Việt Nam - Campuchia về hợp tác kinh tế, văn hóa, khoa học - kỹ thuật", 20)]


def test_a_joint_body_in_a_list_is_named_by_its_head_but_a_national_agency_is_not():
    facts = mechanisms.extract(analyze(
        "Hai bên nhất trí phát huy các cơ chế hợp tác với Nhật Bản như Ủy ban hỗn hợp, Đối thoại An ninh."))
    assert sorted((f.name, tuple(f.parties)) for f in facts) == [
        ("Đối thoại An ninh", ("JP", "VN")), ("Ủy ban hỗn hợp", ("JP", "VN"))]
    assert mechanisms.extract(analyze("Ủy ban Biên giới quốc gia làm việc với tỉnh Lào Cai.")) == []


def test_a_short_mention_in_another_counterparts_section_stays_apart():
    text = ("Tại cuộc gặp Bộ trưởng Ngoại giao Lào, hai bên nhất trí tổ chức Ủy ban hỗn hợp Việt Nam - Lào.\n\n"
            "Tại cuộc gặp Bộ trưởng Ngoại giao Nhật Bản, hai bên nhất trí phát huy vai trò của Ủy ban hỗn hợp.")
    facts = mechanisms.extract(analyze(text))
    assert sorted((f.name, tuple(f.parties)) for f in facts) == [
        ("Ủy ban hỗn hợp", ("JP", "VN")), ("Ủy ban hỗn hợp Việt Nam - Lào", ("LA", "VN"))]


def test_a_list_of_mechanisms_is_not_one_name():
    facts = mechanisms.extract(analyze("Hai bên duy trì Ủy ban hỗn hợp, Đối thoại An ninh và Tham vấn Chính trị với Lào."))
    assert {f.name for f in facts} == {"Tham vấn Chính trị với Lào", "Ủy ban hỗn hợp", "Đối thoại An ninh"}
    assert all(f.parties == ["LA", "VN"] for f in facts)


def test_cli_prints_mechanism_and_relation_records_for_our_articles():
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "vndiplo", "extract", str(ARTICLES / "mech_04_philippines_upgrade.txt"),
                          "--format", "records"], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2]).stdout
    recs = [json.loads(line) for line in out.splitlines()]
    mech = {r["name"]: r for r in recs if r["type"] == "mechanism"}
    assert mech["Ủy ban hỗn hợp về hợp tác song phương"]["session"] == 11
    assert mech["Ủy ban hỗn hợp về hợp tác song phương"]["doc"] == "mech_04_philippines_upgrade"
    assert [(r["parties"], r["level"]) for r in recs if r["type"] == "relation"] == [
        (["PH", "VN"], "comprehensive_strategic_partnership")]


def test_dash_joined_topics_after_va():
    facts = mechanisms.extract(analyze(
        "Kỳ họp lần thứ 26 Ủy ban Liên Chính phủ Việt Nam - Nga về hợp tác kinh tế - thương mại và khoa học - kỹ thuật "
        "diễn ra tại Moskva."))
    assert [(f.name, f.parties, f.session) for f in facts] == [
        ("Ủy ban Liên Chính phủ Việt Nam - Nga về hợp tác kinh tế - thương mại và khoa học - kỹ thuật", ["RU", "VN"], 26)]


def test_a_title_case_list_inside_a_name_runs_on_to_the_country_pair_and_session():
    import vndiplo

    text = ("Hai nước nhất trí sớm tổ chức Đối thoại Kinh tế, Thương mại và Đầu tư Việt Nam - Canada "
            "lần thứ 3 tại Ottawa.")
    (m,) = [f for f in vndiplo.extract(text, "2025-04-01") if f.type == "mechanism"]
    assert m.name.startswith("Đối thoại Kinh tế, Thương mại và Đầu tư Việt Nam - Canada")
    assert m.session == 3 and m.parties == ["CA", "VN"]


def test_a_country_pair_ends_a_bodys_name_before_the_verb_that_follows():
    import vndiplo

    text = ("Hai Bộ trưởng Ngoại giao giao Ủy ban hỗn hợp Việt Nam - Ai Cập nghiên cứu các biện pháp "
            "thúc đẩy thương mại song phương.")
    (m,) = [f for f in vndiplo.extract(text, "2025-04-01") if f.type == "mechanism"]
    assert m.name == "Ủy ban hỗn hợp Việt Nam - Ai Cập" and m.parties == ["EG", "VN"]


def test_a_period_after_the_country_pair_stays_in_the_name():
    import vndiplo

    text = ("Hai bên đánh giá cao việc triển khai Kế hoạch hành động Việt Nam - Ấn Độ giai đoạn 2024-2028.")
    (m,) = [f for f in vndiplo.extract(text, "2025-04-01") if f.type == "mechanism"]
    assert m.period == "2024/2028" and m.name.endswith("giai đoạn 2024-2028")


def test_an_organisations_programme_that_viet_nam_carries_out_is_between_the_two():
    import vndiplo

    text = "Bộ trưởng khẳng định Việt Nam sẽ phối hợp triển khai Kế hoạch hợp tác quốc gia UNICEF giai đoạn 2022-2026."
    (m,) = [f for f in vndiplo.extract(text, "2025-04-01") if f.type == "mechanism"]
    assert m.parties == ["ORG:UNICEF", "VN"] and m.period == "2022/2026"
    # no Viet Nam in the clause: the organisation's own programme
    other = "Tổ chức này đang triển khai Kế hoạch hợp tác quốc gia UNICEF giai đoạn 2022-2026 tại nhiều nước."
    (m,) = [f for f in vndiplo.extract(other, "2025-04-01") if f.type == "mechanism"]
    assert m.parties == ["ORG:UNICEF"]


def test_theory_workshop_series_and_code_of_conduct_heads():
    from vndiplo.extract.pipeline import extract
    text = ("Hai bên nhất trí tổ chức thành công Hội thảo lý luận giữa Đảng Cộng sản Việt Nam và Đảng Nhân dân "
            "Cách mạng Lào lần thứ 11. Các nước ASEAN và Trung Quốc tiếp tục thúc đẩy đàm phán Bộ Quy tắc "
            "ứng xử ở Biển Đông (COC).")
    ms = {m.name: m for m in extract(text, "2025-09-10") if type(m).__name__ == "Mechanism"}
    ws = [m for n, m in ms.items() if n.startswith("Hội thảo lý luận")]
    assert len(ws) == 1 and ws[0].session == 11 and sorted(ws[0].parties) == ["LA", "VN"]
    assert any(n.startswith("Bộ Quy tắc ứng xử ở Biển Đông") for n in ms)


@pytest.mark.parametrize("text,name,parties,session", [
    # a steering committee is a mechanism when its name shows cooperation; its session stands before it
    ("Hai bên chuẩn bị Phiên họp lần thứ 9 Ủy ban Chỉ đạo hợp tác song phương Việt Nam - Hàn Quốc.",
     "Ủy ban Chỉ đạo hợp tác song phương Việt Nam - Hàn Quốc", ["KR", "VN"], 9),
    ("Tỉnh Quảng Ninh dự Hội nghị lần thứ 3 Ủy ban công tác liên hợp với tỉnh Quảng Đông, Trung Quốc.",
     "Ủy ban công tác liên hợp với tỉnh Quảng Đông", ["CN-GD", "VN-13"], 3),
    # "cơ chế" before a channel's kind names one channel, even in lower case and with a generic tail
    ("Ông cho biết Bộ Ngoại giao Việt Nam và Peru đã thiết lập cơ chế tham vấn chính trị giữa hai nước.",
     "cơ chế tham vấn chính trị", ["PE", "VN"], None),
    ("Việt Nam và New Zealand duy trì cơ chế họp thường niên giữa hai Bộ trưởng Thương mại.",
     "cơ chế họp thường niên giữa hai Bộ trưởng Thương mại", ["NZ", "VN"], None),
    # a theme year is named by its head alone
    ("Các hoạt động trong Năm hữu nghị Việt Nam - Campuchia được tổ chức sôi nổi.",
     "Năm hữu nghị Việt Nam - Campuchia", ["KH", "VN"], None),
    ("Chuyến thăm diễn ra trong Năm giao lưu văn hóa giữa Việt Nam và Mông Cổ.",
     "Năm giao lưu văn hóa giữa Việt Nam và Mông Cổ", ["MN", "VN"], None),
])
def test_steering_committees_channels_and_theme_years(text, name, parties, session):
    fact = by_name(mechanisms.extract(analyze(text)), name)
    if parties is not None:
        assert fact.parties == parties
    assert fact.session == session


@pytest.mark.parametrize("text", [
    "Ủy ban Chỉ đạo quốc gia về chuyển đổi số họp phiên thứ 4.",  # a domestic steering committee
    "Hai bên rà soát các cơ chế tham vấn chính trị giữa hai nước.",  # plural: generic
    "Tỉnh hỗ trợ thành lập Tổ công tác Hàn Quốc tại sở Kế hoạch.",  # a desk of one province
])
def test_domestic_steering_committees_plural_channels_and_desks_are_not_mechanisms(text):
    assert mechanisms.extract(analyze(text)) == []


@pytest.mark.parametrize("text,name,session", [
    # a meeting word with a bare number before the body: the number is the session, not a count
    ("Kỳ họp 12 Ủy ban liên Chính phủ Việt Nam - Belarus diễn ra tại Minsk.",
     "Ủy ban liên Chính phủ Việt Nam - Belarus", 12),
    ("Hai bên tiến hành Khóa họp thứ 7 Ủy ban liên Chính phủ Việt Nam - Mông Cổ tại Ulaanbaatar.",
     "Ủy ban liên Chính phủ Việt Nam - Mông Cổ", 7),
    # a topic list's last item ends before a lower-case word that ends names
    ("Kỳ họp lần thứ 5 Ủy ban Hỗn hợp Việt Nam - Lào về Hợp tác Văn hóa, Giáo dục và Y tế sẽ diễn ra tại Viêng Chăn.",
     "Ủy ban Hỗn hợp Việt Nam - Lào về Hợp tác Văn hóa, Giáo dục và Y tế", 5),
])
def test_bare_session_numbers_and_lists_that_end_before_a_verb(text, name, session):
    assert by_name(mechanisms.extract(analyze(text)), name).session == session


def test_a_country_pair_ends_the_name_before_and_a_title():
    text = ("Ông Nguyễn Văn A, Chủ tịch Phân ban Việt Nam trong Ủy ban liên Chính phủ Việt Nam - Mông Cổ "
            "và Bộ trưởng Tài chính Mông Cổ đã chủ trì cuộc họp.")
    by_name(mechanisms.extract(analyze(text)), "Ủy ban liên Chính phủ Việt Nam - Mông Cổ")
    # but not inside "giữa A và B"
    text = "Hai bên ký Thỏa thuận hợp tác giữa Bộ Y tế Việt Nam và Bộ Y tế Mông Cổ giai đoạn 2025 - 2028."
    fact = by_name(mechanisms.extract(analyze(text)),
                   "Thỏa thuận hợp tác giữa Bộ Y tế Việt Nam và Bộ Y tế Mông Cổ giai đoạn 2025 - 2028")
    assert fact.period == "2025/2028"


@pytest.mark.parametrize("text,name,parties", [
    # a multilateral agreement named alone is between the passage's countries that are in it
    ("Thủ tướng Việt Nam và Thủ tướng Canada nhất trí tận dụng Hiệp định CPTPP để tăng thương mại.",
     "Hiệp định CPTPP", ["CA", "VN"]),
    ("Bộ trưởng Ngoại giao Hàn Quốc thăm Việt Nam. Hai bên trao đổi về việc thực thi Hiệp định "
     "Đối tác Kinh tế Toàn diện Khu vực (RCEP).",
     "Hiệp định Đối tác Kinh tế Toàn diện Khu vực (RCEP)", ["KR", "VN"]),
    # a known agreement's name runs on through a lower-case "và"
    ("Quốc hội Peru sớm phê chuẩn Hiệp định toàn diện và tiến bộ xuyên Thái Bình Dương.",
     "Hiệp định toàn diện và tiến bộ xuyên Thái Bình Dương", ["PE", "VN"]),
])
def test_multilateral_agreements_named_alone_are_between_the_passages_countries(text, name, parties):
    assert by_name(mechanisms.extract(analyze(text)), name).parties == parties


@pytest.mark.parametrize("text", [
    # a lower-case "thỏa thuận" after a subject's auxiliary or "và" is the verb "to agree"
    "Hai Bộ trưởng đã thỏa thuận về lộ trình hợp tác giữa Việt Nam và Ba Lan.",
    "Hai bên trao đổi tình hình Việt Nam - Ai Cập và thỏa thuận về các biện pháp thúc đẩy hợp tác.",
    # an organisation's own meeting, and a summit of an organisation whose name says "Hợp tác"
    "Thủ tướng tiếp các trưởng đoàn dự Hội nghị thường niên lần thứ 30 của Ngân hàng Thế giới (WB) tại Hà Nội.",
    "Chủ tịch nước dự Hội nghị Cấp cao Diễn đàn Hợp tác Kinh tế châu Á - Thái Bình Dương tại Peru.",
    # a commemorative summit, and the side of a meeting ("Hội nghị phía ...")
    "Thủ tướng dự Hội nghị Cấp cao kỷ niệm 35 năm quan hệ ASEAN - Hàn Quốc tại Seoul.",
    "Chủ trì Hội nghị phía Đảng Cộng sản Cuba có ông Roberto Morales, Ủy viên Bộ Chính trị.",
])
def test_verbs_organisations_meetings_and_commemorative_summits_are_not_mechanisms(text):
    assert mechanisms.extract(analyze(text)) == []


@pytest.mark.parametrize("text,name,parties", [
    ("Việt Nam và Ba Lan ký Hiệp định khuyến khích và bảo hộ đầu tư từ lâu.",
     "Hiệp định khuyến khích và bảo hộ đầu tư", ["PL", "VN"]),
    ("Việt Nam và Brunei ký một thỏa thuận chung về thăm dò dầu khí ngoài khơi.",
     "thỏa thuận chung về thăm dò dầu khí ngoài khơi", ["BN", "VN"]),
    # "hoặc" ends a name; the long form of the United Kingdom is the country, not Northern Ireland
    ("Sau chuyến thăm Vương quốc Anh và Bắc Ai-len, hai bên nhất trí tổ chức cơ chế tham vấn chính trị "
     "cấp thứ trưởng hoặc cấp vụ.", "cơ chế tham vấn chính trị cấp thứ trưởng", ["GB", "VN"]),
    ("Hai bên tổng kết kỳ họp thứ 6 Ủy ban Hợp tác Việt Nam - Hàn Quốc đến nay.",
     "Ủy ban Hợp tác Việt Nam - Hàn Quốc", ["KR", "VN"]),
])
def test_names_run_on_through_fixed_phrases_and_end_at_or_and_until_now(text, name, parties):
    assert by_name(mechanisms.extract(analyze(text)), name).parties == parties


@pytest.mark.parametrize("text,name,parties,period", [
    # "giữa hai bên" followed by a period stays in the name, which the period identifies
    ("Đoàn Lào đánh giá cao việc thực hiện chương trình hợp tác giữa hai bên giai đoạn 2019-2023.",
     "chương trình hợp tác giữa hai bên giai đoạn 2019-2023", ["LA", "VN"], "2019/2023"),
    # an organisation after "về" is the agreement's topic, not a side
    ("Việt Nam và Mexico ký Thỏa thuận song phương giữa Việt Nam và Mexico về việc Việt Nam gia nhập "
     "Tổ chức Thương mại Thế giới (WTO).",
     "Thỏa thuận song phương giữa Việt Nam và Mexico về việc Việt Nam gia nhập Tổ chức Thương mại Thế giới (WTO)",
     ["MX", "VN"], None),
    # "song phương" makes a two-word subject specific: the bilateral trade agreement of the pair
    ("Việt Nam và Chile đã ký Hiệp định thương mại song phương.", "Hiệp định thương mại song phương",
     ["CL", "VN"], None),
])
def test_generic_pairs_with_a_period_topics_and_the_bilateral_agreement(text, name, parties, period):
    fact = by_name(mechanisms.extract(analyze(text)), name)
    assert (fact.parties, fact.period) == (parties, period)


@pytest.mark.parametrize("text", [
    "Liệu Bộ trưởng có đạt được thỏa thuận quốc phòng với Nhật Bản?",  # a question
    "Việt Nam và Nhật Bản sớm ký Hiệp định cấp Chính phủ về các dự án hạ tầng.",  # a plural topic
    "Ngoại trưởng Hoa Kỳ chứng kiến lễ ký Thư thỏa thuận về h\nTin liên quan",  # cut off by the page
])
def test_questions_plural_topics_and_cut_off_fragments_are_not_mechanisms(text):
    assert mechanisms.extract(analyze(text)) == []


@pytest.mark.parametrize("text,name,parties", [
    # a joint coordination group and a yearly meeting series are named by their heads
    ("Hai nước thành lập nhóm điều phối chung giữa hai Chính phủ để thúc đẩy hợp tác với Hàn Quốc.",
     "nhóm điều phối chung giữa hai Chính phủ", ["KR", "VN"]),
    ("Đoàn thăm Cuba và dự cuộc gặp thường niên giữa hai Trưởng ban Tuyên giáo hai Đảng.",
     "cuộc gặp thường niên giữa hai Trưởng ban Tuyên giáo hai Đảng", ["CU", "VN"]),
    # a negotiating delegation with a topic; a lower-case working group with one
    ("Hai bên đánh giá cao đoàn đàm phán cấp Chính phủ về biên giới lãnh thổ Việt Nam - Lào.",
     "đoàn đàm phán cấp Chính phủ về biên giới lãnh thổ Việt Nam - Lào", ["LA", "VN"]),
    ("Việt Nam và Ấn Độ nhất trí lập nhóm công tác về hợp tác dầu khí.",
     "nhóm công tác về hợp tác dầu khí", ["IN", "VN"]),
])
def test_joint_groups_meeting_series_and_negotiating_delegations(text, name, parties):
    assert by_name(mechanisms.extract(analyze(text)), name).parties == parties


def test_a_noun_head_after_va_is_no_verb():
    # "và thỏa thuận về ..." is the verb; "và cuộc gặp thường niên ..." is a noun phrase
    facts = mechanisms.extract(analyze("Ông thông tin về chuyến thăm Lào và cuộc gặp thường niên giữa hai Bộ trưởng."))
    assert [f.name for f in facts] == ["cuộc gặp thường niên giữa hai Bộ trưởng"]


@pytest.mark.parametrize("text,name,parties", [
    # a donor's programme with a descriptive name and a cooperation marker ("viện trợ")
    ("Tổng Lãnh sự quán Hàn Quốc thực hiện Chương trình viện trợ không hoàn lại cấp xã tại tỉnh.",
     "Chương trình viện trợ không hoàn lại cấp xã", ["KR", "VN"]),
    ("Hai bên triển khai Quy chế phối hợp hợp tác trong bảo đảm an ninh biên giới với Campuchia.",
     "Quy chế phối hợp hợp tác trong bảo đảm an ninh biên giới với Campuchia", ["KH", "VN"]),
    # a standing exchange between border defence forces, identified by its session
    ("Hai Bộ trưởng đồng chủ trì Giao lưu hữu nghị Quốc phòng biên giới Việt Nam - Lào lần thứ 3.",
     "Giao lưu hữu nghị Quốc phòng biên giới Việt Nam - Lào", ["LA", "VN"]),
])
def test_aid_programmes_coordination_rules_and_friendship_exchanges(text, name, parties):
    assert by_name(mechanisms.extract(analyze(text)), name).parties == parties


@pytest.mark.parametrize("text", [
    "Hai Đảng tổ chức Hội nghị trực tuyến Tổng kết hợp tác lý luận với Đảng Nhân dân Cách mạng Lào.",
    "Phóng viên có mặt tại Hội nghị Thượng đỉnh Nga - Triều Tiên lần thứ 3 ở Vladivostok.",
])
def test_one_off_review_meetings_and_summits_of_two_other_countries_are_not_mechanisms(text):
    assert mechanisms.extract(analyze(text)) == []


def test_mentions_differing_only_by_filler_words_are_one_mechanism():
    # "thường niên" in one mention, "ngoại giao" in the other: the same channel, its first session
    text = ("Việt Nam và Ba Lan nhất trí tiến hành tham vấn chính trị thường niên cấp thứ trưởng. "
            "Theo kế hoạch, tham vấn chính trị cấp thứ trưởng ngoại giao lần đầu tiên sẽ diễn ra tại Vác-sa-va.")
    facts = mechanisms.extract(analyze(text))
    assert len(facts) == 1, [f.name for f in facts]
    assert (facts[0].parties, facts[0].session) == (["PL", "VN"], 1)
    # a real difference of topic keeps two mechanisms
    text2 = ("Hai bên ký Hiệp định về hợp tác lao động giữa Việt Nam và Ba Lan. "
             "Hai bên cũng ký Hiệp định về hợp tác du lịch giữa Việt Nam và Ba Lan.")
    assert len(mechanisms.extract(analyze(text2))) == 2


def test_a_mechanism_of_several_provinces_and_a_foreign_province():
    text = ("Đoàn các tỉnh Hà Giang, Cao Bằng và Lạng Sơn sang Quảng Tây; Hội nghị lần thứ 9 Ủy ban công tác "
            "liên hợp diễn ra tại Nam Ninh, Khu tự trị dân tộc Choang Quảng Tây.")
    (m,) = mechanisms.extract(analyze(text))
    assert (m.parties, m.session) == (["CN-GX", "VN-03", "VN-04", "VN-09"], 9)


def test_a_treaty_is_named_by_its_head():
    facts = mechanisms.extract(analyze(
        "Hai Bộ trưởng nhắc lại ý nghĩa của Hiệp ước hữu nghị, hợp tác giữa Việt Nam và Mông Cổ."))
    assert [(f.name, f.parties) for f in facts] == [("Hiệp ước hữu nghị", ["MN", "VN"])]
    # a plural mention is no treaty
    assert mechanisms.extract(analyze("Việt Nam và Mông Cổ tôn trọng các hiệp ước quốc tế.")) == []


def test_a_joint_statement_is_named_by_its_head():
    text = "Chủ tịch nước hội đàm với Tổng thống Chile. Sau hội đàm, hai nhà lãnh đạo ký Tuyên bố chung."
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties) for f in facts] == [("Tuyên bố chung", ["CL", "VN"])]
    text2 = "Chủ tịch nước hội đàm với Tổng thống Chile. Hai bên nhắc lại các Tuyên bố chung đã ra."
    assert mechanisms.extract(analyze(text2)) == []


def test_a_document_signed_with_a_country_is_between_it_and_viet_nam():
    text = ("Chủ tịch nước thăm Bangladesh. Chuyến thăm diễn ra sau khi Việt Nam ký với Ấn Độ, láng giềng của "
            "Bangladesh, một thỏa thuận về hợp tác dầu khí.")
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties) for f in facts] == [("thỏa thuận về hợp tác dầu khí", ["IN", "VN"])]


def test_a_programme_of_meetings_between_the_sides_is_a_mechanism():
    text = "Lãnh đạo tỉnh Lào Cai và tỉnh Vân Nam dự Chương trình gặp gỡ đầu Xuân 2025 giữa hai tỉnh."
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties) for f in facts] == [
        ("Chương trình gặp gỡ đầu Xuân 2025 giữa hai tỉnh", ["CN-YN", "VN-02"])]
    # a programme of a show is still none
    assert mechanisms.extract(analyze("Lãnh đạo tỉnh Lào Cai và tỉnh Vân Nam dự Chương trình nghệ thuật.")) == []


def test_minutes_signed_by_a_province_with_provinces_of_a_neighbour():
    # the name ends at "với"; the three provinces of one country act together; the venue is no side
    text = ("Ngày 5/3, tại P.Kiên Giang, UBND tỉnh An Giang ký kết biên bản hợp tác với 3 tỉnh của Campuchia "
            "gồm Kampot, Takeo và Kandal nhằm phát triển thương mại biên giới.")
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties) for f in facts] == [("biên bản hợp tác", ["KH-21", "KH-7", "KH-8", "VN-44"])]
    # "giữa A với B": the second side stays in the name
    text2 = "Hai bên duy trì Hội nghị thường niên giữa Bí thư Tỉnh ủy Vân Nam với Bí thư Tỉnh ủy Lào Cai."
    (m,) = mechanisms.extract(analyze(text2))
    assert m.name == text2[text2.index("Hội nghị"):-1]


def test_a_province_and_the_provinces_of_a_country_named_in_the_article():
    text = ("Tỉnh Sơn La (Việt Nam) và đoàn các tỉnh Bắc Lào hội đàm và ký kết biên bản hợp tác.\n"
            "Dự hội đàm có Tỉnh trưởng tỉnh Luangprabang và Tỉnh trưởng tỉnh Hủa Phăn.")
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties) for f in facts] == [("biên bản hợp tác", ["LA-HO", "LA-LP", "VN-05"])]


@pytest.mark.parametrize("text, name, period", [
    ("Hai bên ký Kế hoạch hợp tác cho giai đoạn 2026-2030 giữa hai Bộ Quốc phòng Việt Nam và Lào.",
     "Kế hoạch hợp tác", "2026/2030"),
    ("Hai Đảng Việt Nam và Lào thống nhất phương hướng hợp tác của hai Đảng trong giai đoạn 2021-2026.",
     "phương hướng hợp tác", "2021/2026"),
])
def test_a_period_after_the_name_with_cho_or_trong(text, name, period):
    facts = mechanisms.extract(analyze(text))
    assert [(f.name, f.parties, f.period) for f in facts] == [(name, ["LA", "VN"], period)]


def test_a_direction_of_cooperation_without_a_period_is_no_mechanism():
    text = "Việt Nam và Lào thống nhất phương hướng hợp tác giữa lực lượng công an hai nước thời gian tới."
    assert mechanisms.extract(analyze(text)) == []


def test_a_province_signing_with_a_foreign_city_is_the_vietnamese_side():
    text = ("Đoàn Nhật Bản thăm Bình Định. Lãnh đạo TP Sakai và tỉnh Bình Định đã ký kết thỏa thuận thiết lập "
            "quan hệ hữu nghị.")
    assert [(f.name, f.parties) for f in mechanisms.extract(analyze(text))] == [
        ("thỏa thuận thiết lập quan hệ hữu nghị", ["JP", "VN-31"])]
    # a Vietnamese city beside the province changes nothing
    text2 = ("Đoàn Nhật Bản thăm Việt Nam. TP Hồ Chí Minh và tỉnh Bình Dương ký kết thỏa thuận thiết lập quan hệ "
             "hữu nghị với Nhật Bản.")
    assert [f.parties for f in mechanisms.extract(analyze(text2))] == [["JP", "VN"]]


def test_a_later_meeting_of_a_body_in_its_clause_gives_the_session():
    text = ("Hai bên giao Ủy ban hỗn hợp Việt Nam - Ai Cập xây dựng kế hoạch hành động tại kỳ họp lần thứ 5 "
            "dự kiến diễn ra cuối năm.")
    (m,) = [f for f in mechanisms.extract(analyze(text)) if f.name.startswith("Ủy ban")]
    assert (m.parties, m.session) == (["EG", "VN"], 5)


def test_mentions_of_one_framework_merge_but_its_two_meeting_series_do_not():
    text = ("Thủ tướng dự Hội nghị Cấp cao Ủy hội Mekong quốc tế lần thứ 4 tại Viêng Chăn. "
            "Bên lề Hội nghị, Thủ tướng gặp Thủ tướng Lào; hai bên đánh giá cao vai trò của Ủy hội sông Mekong.")
    facts = mechanisms.extract(analyze(text))
    assert len(facts) == 1 and facts[0].session == 4, [(f.name, f.session) for f in facts]
    text2 = ("Bộ trưởng dự Hội nghị Bộ trưởng Ngoại giao hợp tác Mekong - Lan Thương lần thứ 9 và chuẩn bị "
             "Hội nghị Cấp cao hợp tác Mekong - Lan Thương lần thứ 4.")
    assert sorted(f.session for f in mechanisms.extract(analyze(text2))) == [4, 9]


def test_a_periodic_high_level_meeting_is_a_series_and_da_hop_gives_the_session():
    (m,) = mechanisms.extract(analyze("Hai Đảng Việt Nam và Cuba duy trì cuộc gặp cấp cao định kỳ giữa lãnh đạo hai Đảng."))
    assert (m.name, m.parties) == ("cuộc gặp cấp cao định kỳ giữa lãnh đạo hai Đảng", ["CU", "VN"])
    (w,) = mechanisms.extract(analyze("Tổ công tác hợp tác kinh tế Việt Nam - Ấn Độ đã họp lần thứ 7 tại Niu Đê-li."))
    assert (w.parties, w.session) == (["IN", "VN"], 7)


def _mechs_of(text: str, published: str = "2024-05-10"):
    from vndiplo.extract.pipeline import extract
    return [f for f in extract(text, published) if f.type == "mechanism"]


def test_a_framework_named_alone_has_the_passages_countries_not_its_whole_membership():
    facts = _mechs_of("Thủ tướng gặp Thủ tướng Thái Lan\n"
                      "Hai Thủ tướng nhất trí phối hợp chặt chẽ tại các diễn đàn như ASEAN và hợp tác Tiểu vùng "
                      "Mekong mở rộng (GMS) vì lợi ích của Việt Nam và Thái Lan.")
    (gms,) = [f for f in facts if "Mekong" in f.name]
    assert gms.parties == ["TH", "VN"]


def test_a_framework_whose_name_names_its_sides_and_a_numbered_session_keep_their_members():
    facts = _mechs_of("Hợp tác ba nước\n"
                      "Hai bên nhất trí thúc đẩy hợp tác Tam giác phát triển Campuchia - Lào - Việt Nam, ủng hộ "
                      "Lào.\nBộ trưởng dự Hội nghị Bộ trưởng Ngoại giao hợp tác Mekong - Lan Thương lần thứ 9 "
                      "cùng Bộ trưởng Ngoại giao Thái Lan.")
    tri = next(f for f in facts if "Tam giác" in f.name)
    assert tri.parties == ["KH", "LA", "VN"]
    mlc = next(f for f in facts if "Lan Thương" in f.name)
    assert mlc.session == 9 and mlc.parties == ["CN", "KH", "LA", "MM", "TH", "VN"]


def test_a_protocol_amending_an_agreement_names_two_documents():
    facts = _mechs_of("Tin\nHai Thủ tướng chứng kiến lễ ký Nghị định thư về sửa đổi Hiệp định giữa Chính phủ "
                      "Việt Nam và Chính phủ Peru về miễn thị thực.")
    names = sorted(f.name for f in facts)
    assert any(n.startswith("Nghị định thư về sửa đổi Hiệp định") for n in names)
    assert any(n.startswith("Hiệp định giữa Chính phủ Việt Nam và Chính phủ Peru") for n in names)
    assert all(f.parties == ["PE", "VN"] for f in facts)
