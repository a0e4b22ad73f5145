"""Anniversaries: spans in brackets, "kỷ niệm N năm" lists, parties, one record per anniversary."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vndiplo.extract import anniversaries, dates
from vndiplo.extract.doc import analyze
from vndiplo.data.gazetteer import gazetteer

from tests.extract.numbers_helpers import article_doc, gold_records, of_type, seed_doc


def rows_of(facts) -> list[tuple]:
    return sorted((a.name, a.years, a.start, a.date, tuple(a.parties)) for a in of_type(facts, "anniversary"))


def extract(text: str, published: str | None) -> list:
    doc = analyze(text, published)
    dates.annotate(doc)
    return anniversaries.extract(doc)


def test_diplomatic_relations_with_spans_and_a_birthday():
    _, facts = article_doc("numbers_anniversary_relations")
    got = {a.years: a for a in of_type(facts, "anniversary")}
    assert sorted(got) == [30, 50, 133]  # the second mention of the 50 years is the same anniversary
    jp = got[50]
    assert (jp.name, jp.start, jp.date, jp.parties) == (
        "thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản", "1973-09-21", "2023-09-21", ["JP", "VN"])
    kr = got[30]
    assert (kr.start, kr.date) == ("1992-12-22", "2022-12-22")
    assert kr.name == "thiết lập quan hệ ngoại giao Việt Nam - Hàn Quốc"
    assert "JP" not in kr.parties and "VN" in kr.parties  # named pair: no party borrowed from context
    hcm = got[133]
    assert (hcm.name, hcm.start, hcm.date, hcm.parties) == ("ngày sinh Chủ tịch Hồ Chí Minh", None, "2023", ["VN"])


@pytest.mark.skipif(gazetteer().lookup("Hàn Quốc") is None, reason="the gazetteer does not know Hàn Quốc yet")
def test_korea_relations_parties():
    _, facts = article_doc("numbers_anniversary_relations")
    (kr,) = [a for a in of_type(facts, "anniversary") if a.years == 30]
    assert kr.parties == ["KR", "VN"]


def test_national_day_and_a_foreign_leaders_birthday_in_one_list():
    _, facts = article_doc("numbers_national_days")
    assert rows_of(facts) == [
        # the national day counts from the founding day (national_days.tsv); the text gives no day
        ("Quốc khánh Lào", 46, None, "2021", ("LA",)),
        ("ngày sinh Chủ tịch Xuphanuvông", 100, None, "2021", ("LA",)),
    ]


def test_two_spans_in_an_undated_article():
    _, facts = article_doc("numbers_rice_aid_laos")
    assert rows_of(facts) == [
        ("Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào", 47, "1977-07-18", "2024-07-18", ("LA", "VN")),
        ("Ngày thiết lập quan hệ ngoại giao", 62, "1962-09-05", "2024-09-05", ("LA", "VN")),
    ]


def test_relations_anniversary_in_a_stated_year_takes_context_parties():
    _, facts = article_doc("numbers_undated")
    assert rows_of(facts) == [("quan hệ ngoại giao", 60, None, "2027", ("KH", "VN"))]


def test_list_with_implied_years_and_a_name_with_a_comma():
    text = ("Hai bên chuẩn bị tốt Lễ kỷ niệm 80 năm Cách mạng tháng Tám thành công (19/8/1945-19/8/2025) "
            "và Quốc khánh Việt Nam (02/9/1945-02/9/2025), 50 năm Quốc khánh Lào (2/12/1975-2/12/2025) "
            "và kỷ niệm 50 năm giải phóng miền Nam, thống nhất đất nước (30/4/1975-30/4/2025).")
    got = {(a.name, a.years, a.start, a.date, tuple(a.parties)) for a in extract(text, "2025-07")}
    assert got == {
        ("Cách mạng tháng Tám", 80, "1945-08-19", "2025-08-19", ("VN",)),
        ("Quốc khánh Việt Nam", 80, "1945-09-02", "2025-09-02", ("VN",)),
        ("Quốc khánh Lào", 50, "1975-12-02", "2025-12-02", ("LA",)),
        ("giải phóng miền Nam, thống nhất đất nước", 50, "1975-04-30", "2025-04-30", ("VN",)),
    }


def test_same_anniversary_twice_is_one_record():
    text = ("Bộ trưởng dự Lễ kỷ niệm 80 năm Quốc khánh Việt Nam (02/9/1945-02/9/2025). "
            "Lào sẽ cử đoàn tham dự Lễ kỷ niệm 80 năm Quốc khánh Việt Nam có ý nghĩa to lớn.")
    (a,) = extract(text, "2025-07-08")
    assert (a.years, a.start, a.date) == (80, "1945-09-02", "2025-09-02")


def test_year_only_span_and_plans_that_are_not_anniversaries():
    got = extract("Kỷ niệm 30 năm Việt Nam gia nhập ASEAN (1995-2025). Chương trình hợp tác (2021-2025) "
                  "và Chiến lược (2026 - 2030) được triển khai.", "2025-07-28")
    assert [(a.years, a.start, a.date) for a in got] == [(30, "1995", "2025")]


@pytest.mark.parametrize("text, published, expected", [
    ("Hai nước tổ chức kỷ niệm 75 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Trung Quốc "
     "(18/1/1950 - 18/1/2025).", "2025-01-18",
     [("Ngày thiết lập quan hệ ngoại giao Việt Nam - Trung Quốc", 75, "1950-01-18", "2025-01-18", ("CN", "VN"))]),
    # "và" inside a treaty's title and a year stated once for the whole list
    ("Hai bên nhất trí tổ chức tốt các hoạt động kỷ niệm 60 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào "
     "và 45 năm Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào vào năm 2022.", "2021-11-02",
     [("Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào", 60, None, "2022", ("LA", "VN")),
      ("Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào", 45, None, "2022", ("LA", "VN"))]),
    # "giữa A và B" stays in the name; the count of years said before ("30 năm qua") is no anniversary
    ("Trong 30 năm qua, quan hệ hai nước phát triển mạnh mẽ, kỷ niệm 10 năm quan hệ Đối tác chiến lược "
     "giữa Việt Nam và Nhật Bản.", "2024-01-01",
     [("quan hệ Đối tác chiến lược giữa Việt Nam và Nhật Bản", 10, None, "2024", ("JP", "VN"))]),
    ("Đại sứ quán tại Pháp tổ chức kỷ niệm 70 năm Chiến thắng Điện Biên Phủ (7/5/1954 - 7/5/2024) và 80 năm "
     "Cách mạng tháng Tám và Quốc khánh 2/9.", "2024-05-07",
     [("Chiến thắng Điện Biên Phủ", 70, "1954-05-07", "2024-05-07", ("VN",)),
      ("Cách mạng tháng Tám", 80, None, "2024", ("VN",)),
      # a coming national day counts from the founding day, not the article's year; its name gives the day
      ("Quốc khánh 2/9", 80, None, "2025-09-02", ("VN",))]),
])
def test_named_anniversaries(text, published, expected):
    got = [(a.name, a.years, a.start, a.date, tuple(a.parties)) for a in extract(text, published)]
    assert got == expected


def test_list_goes_on_after_a_stated_year():
    got = extract("Hai bên nhất trí tổ chức các hoạt động kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam - "
                  "Nhật Bản vào năm 2023 và 45 năm quan hệ ngoại giao Việt Nam - Lào.", "2022-12-10")
    assert [(a.years, a.date) for a in got] == [(50, "2023"), (45, "2022")]  # the year is the first one's only
    assert got[1].name == "quan hệ ngoại giao Việt Nam - Lào"
    # the same count and year with another country is another anniversary
    got = extract("Hai bên kỷ niệm 50 năm quan hệ ngoại giao Việt Nam - Nhật Bản và 50 năm quan hệ ngoại giao "
                  "Việt Nam - Malaysia.", "2023-01-10")
    assert [tuple(a.parties) for a in got] == [("JP", "VN"), ("MY", "VN")]


def test_ordinal_wording_of_messages():
    (a,) = extract("Nhân dịp kỷ niệm lần thứ 49 Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào, lãnh đạo Việt Nam "
                   "gửi điện mừng.", "2024-12-01")
    assert (a.name, a.years, a.date, a.parties) == ("Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào", 49, "2024", ["LA"])


def test_year_said_before_the_anniversary():
    (a,) = extract("Năm ngoái, hai nước đã long trọng kỷ niệm 30 năm quan hệ ngoại giao.", "2023-02-01")
    assert (a.years, a.date) == (30, "2022")


def test_page_not_about_foreign_relations_gives_none():
    assert extract("Câu lạc bộ bóng đá tổ chức lễ kỷ niệm 20 năm thành lập (12/3/2005-12/3/2025) "
                   "với sự tham gia của người hâm mộ.", "2025-03-12") == []


def test_no_year_count_no_anniversary():
    assert extract("Hai bên phối hợp tổ chức các hoạt động kỷ niệm ngày lễ lớn của hai nước.", "2025-06-02") == []


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_seed_anniversaries_match_gold(prefix):
    _, facts = seed_doc(prefix)
    got = rows_of(facts)
    want = sorted((r["name"], r["years"], r["start"], r["date"], tuple(r["parties"]))
                  for r in gold_records(prefix, "anniversary"))
    assert got == want


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(
    list("0123456789/-–,.;() ") + ["kỷ niệm ", "năm ", "và ", "Quốc khánh ", "Lào ", "Việt Nam ", "ngày sinh ",
                                    "quan hệ ngoại giao ", "Lễ "]), max_size=30).map("".join)))
def test_anniversaries_never_raise_and_spans_fit(text):
    for a in extract(text, "2025-01-01"):
        assert 0 <= a.span[0] < a.span[1] <= len(text)
        assert text[a.span[0]:a.span[1]] == a.evidence
        assert a.years and a.years > 0 and a.name


def test_both_states_full_names_before_the_span_keep_one_bilateral_record():
    """Messages name both states in full ('giữa nước Cộng hòa ... và Vương quốc ...'): the name after
    'N năm' runs past 16 words, yet it is one relations anniversary of both parties with its span."""
    text = ("Hà Nội kỷ niệm 45 năm thiết lập quan hệ ngoại giao Việt Nam - Campuchia.\n"
            "Nhân dịp kỷ niệm 45 năm Ngày thiết lập quan hệ ngoại giao giữa nước Cộng hòa xã hội chủ nghĩa "
            "Việt Nam và Vương quốc Campuchia (24/6/1967 - 24/6/2012), Chủ tịch nước đã gửi điện mừng "
            "tới Quốc vương Norodom Sihamoni.")
    (a,) = extract(text, "2012-06-24")
    assert (a.years, a.start, a.date, a.parties) == (45, "1967-06-24", "2012-06-24", ["KH", "VN"])


def test_a_single_bracketed_date_after_the_name_is_the_start():
    facts = extract("Đại sứ quán tổ chức lễ kỷ niệm 78 năm Quốc khánh nước Cộng hòa Pháp (14/7/1789) tại Hà Nội, "
                    "với sự tham dự của Bộ trưởng Ngoại giao.", "2025-07-15")
    a = [f for f in facts if f.years == 78]
    assert len(a) == 1 and a[0].start == "1789-07-14" and a[0].date == "1867-07-14"


@pytest.mark.parametrize("text,published,expected", [
    # a national day with no span counts from the country's founding day, whatever the date line says; the
    # day is known only when the text gives it ("(17-8)"), and the start stays unknown (as the dev gold has it)
    ("Đại sứ quán tổ chức tiếp tân nhân kỷ niệm 70 năm Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào.",
     "2031-05-01", ("Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào", 70, None, "2045", ("LA",))),
    ("Lãnh đạo Việt Nam gửi điện mừng nhân dịp kỷ niệm lần thứ 60 Quốc khánh Cộng hòa Indonesia (17-8).", None,
     ("Quốc khánh Cộng hòa Indonesia", 60, None, "2005-08-17", ("ID",))),
    # "Nhân dịp N năm Quốc khánh ..." names an anniversary without "kỷ niệm", and a list goes on after a comma
    ("Nhân dịp 60 năm Quốc khánh Trung Quốc, Đại sứ quán đã tổ chức chiêu đãi.", None,
     ("Quốc khánh Trung Quốc", 60, None, "2009", ("CN",))),
])
def test_national_days_count_from_the_founding_day(text, published, expected):
    assert expected in rows_of(extract(text, published))


def test_dip_without_a_head_is_no_anniversary():
    assert rows_of(extract("Nhân dịp 2 năm công tác tại Hà Nội, Đại sứ Lào đã chia sẻ cảm nghĩ.", None)) == []


def test_an_undated_mention_joins_the_dated_one_of_the_same_name():
    text = ("Nhân dịp kỷ niệm 45 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Mông Cổ, hai bên trao đổi thư mừng.\n"
            "Nhân dịp kỷ niệm 45 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Mông Cổ (17/11/1954-17/11/1999), "
            "Chủ tịch nước đã gửi điện mừng.")
    assert rows_of(extract(text, None)) == [
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Mông Cổ", 45, "1954-11-17", "1999-11-17", ("MN", "VN"))]


def test_a_start_year_in_brackets_after_naming_the_year():
    rows = rows_of(extract("Hai thành phố chuẩn bị kỷ niệm 15 năm ký kết thỏa thuận hợp tác hữu nghị (năm 2009) "
                           "với tỉnh Gyeonggi, Hàn Quốc.", None))
    assert [(r[1], r[2], r[3]) for r in rows] == [(15, "2009", "2024")]


def test_a_province_receiving_a_consul_is_about_foreign_relations():
    from vndiplo.extract.figures import is_diplomatic
    assert is_diplomatic(analyze("Chủ tịch UBND tỉnh tiếp Tổng Lãnh sự Thái Lan tại TP Hồ Chí Minh."))
    assert not is_diplomatic(analyze("Giá gạo xuất khẩu tăng trong tuần này khi nguồn cung giảm."))


def test_national_days_table_is_valid():
    import datetime
    from vndiplo.data.gazetteer import table
    codes = {r["code"] for r in table("countries")}
    rows = table("national_days")
    assert rows and len({r["code"] for r in rows}) == len(rows)
    for r in rows:
        assert r["code"] in codes
        datetime.date.fromisoformat(r["start"])


def test_a_manner_adverb_between_kỷ_niệm_and_the_count():
    rows = rows_of(extract("Hai nước sẽ kỷ niệm trọng thể 35 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Hàn Quốc "
                           "vào năm 2027.", "2026-03-01"))
    assert rows == [("Ngày thiết lập quan hệ ngoại giao Việt Nam - Hàn Quốc", 35, None, "2027", ("KR", "VN"))]


def test_a_photo_caption_makes_no_anniversary_of_its_own():
    text = ("Chủ tịch nước gửi điện mừng Tổng thống Chile.\n"
            "![](anh.jpg) Nhân dịp kỷ niệm 215 năm Quốc khánh Chile, Thủ tướng gửi điện mừng. |\n"
            "Nhân dịp kỷ niệm 75 năm quan hệ ngoại giao Việt Nam - Ba Lan, hai bên trao đổi điện mừng.\n")
    doc = analyze(text, "2025-09-18")
    dates.annotate(doc)
    assert [(a.years, a.parties) for a in anniversaries.extract(doc)] == [(75, ["PL", "VN"])]


def test_a_coming_anniversary_in_a_plan_has_no_date():
    text = ("Thủ tướng Lào hội đàm với Thủ tướng Việt Nam. Việt Nam đặt mục tiêu trở thành nước phát triển "
            "vào năm kỷ niệm 100 năm thành lập nước.")
    assert [(a.years, a.date) for a in extract(text, "2025-05-01")] == [(100, None)]


def test_a_foreign_country_opening_the_sentence_owns_its_day():
    text = ("Thủ tướng Ấn Độ hội đàm với Thủ tướng Việt Nam. Ấn Độ đặt mục tiêu trở thành nước phát triển "
            "vào năm kỷ niệm 100 năm độc lập.")
    assert rows_of(extract(text, "2025-05-01")) == [("độc lập", 100, None, None, ("IN",))]
    # a Vietnamese embassy abroad celebrating a Vietnamese day keeps Viet Nam
    text2 = "Đại sứ quán Việt Nam tại Pháp tổ chức kỷ niệm 80 năm Cách mạng tháng Tám."
    assert [a[4] for a in rows_of(extract(text2, "2025-08-19"))] == [("VN",)]
