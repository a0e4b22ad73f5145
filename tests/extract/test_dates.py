"""Dates: explicit, ranges, months, periods, relative days; the year of undated articles."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vndiplo.extract import dates
from vndiplo.extract.doc import analyze
from vndiplo.read import read_file

from tests.extract.numbers_helpers import article_doc, seed_file


def values(text: str, published: str | None = "2025-07-10") -> list[str | None]:
    doc = analyze(text, published)
    return [m.value for m in dates.find_dates(doc)]


@pytest.mark.parametrize("text, expected", [
    ("Chiều 8/7, hai bên hội đàm.", ["2025-07-08"]),
    ("Chiều ngày 2/6, tại Hà Nội", ["2025-06-02"]),
    ("sáng nay 19/5, Bộ trưởng tiếp", ["2025-05-19"]),
    ("ngày 8/7/2024 và 8-7-2023", ["2024-07-08", "2023-07-08"]),
    ("ngày 8 tháng 7 năm 2024", ["2024-07-08"]),
    ("tháng 7/2024 và tháng 3 năm 2023", ["2024-07", "2023-03"]),
    ("trong năm 2024", ["2024"]),
    ("Từ ngày 14-15/8/2025, tại Vân Nam", ["2025-08-14/2025-08-15"]),
    ("từ ngày 11-13/7 của Chủ tịch nước", ["2025-07-11/2025-07-13"]),
    ("Lễ mở ký tại Hà Nội (25-26/10).", ["2025-10-25/2025-10-26"]),
    ("từ 30/6 đến 2/7", ["2025-06-30/2025-07-02"]),
    ("lần thứ 4 (15 - 16/5/2025)", ["2025-05-15/2025-05-16"]),
    ("từ 28/12/2024 đến 3/1/2025", ["2024-12-28/2025-01-03"]),
    ("hôm qua, đoàn đã tới", ["2025-07-09"]),
    # the weekend before the date line's week (2025-07-10 is a Thursday), or of its own week
    ("Dịp cuối tuần qua, đoàn đại biểu", ["2025-07-05/2025-07-06"]),
    ("vào cuối tuần này sẽ diễn ra", ["2025-07-12/2025-07-13"]),
    ("5 tháng đầu năm 2025", ["2025-01/2025-05"]),
    ("05 tháng đầu năm 2024 đạt", ["2024-01/2024-05"]),
    ("6 tháng đầu năm, kim ngạch", ["2025-01/2025-06"]),
    ("quý I/2024 và quý 3 năm 2023", ["2024-01/2024-03", "2023-07/2023-09"]),
    ("9 tháng năm 2024", ["2024-01/2024-09"]),
    ("năm ngoái", ["2024"]),
    ("giai đoạn 2026-2030", ["2026/2030"]),
    ("từ tháng 1 đến tháng 5/2024", ["2024-01/2024-05"]),
    ("tháng 1-4/2023", ["2023-01/2023-04"]),
    ("từ 10/2024, hai bên", ["2024-10"]),
    ("Chiều 15-3, tại Hà Nội", ["2025-03-15"]),
    ("từ ngày 14 đến 16-8", ["2025-08-14/2025-08-16"]),
    ("ngày 2-9-1945 và tháng 8-2024", ["1945-09-02", "2024-08"]),
    # a dot between day and month, after a day word only
    ("Tối 9.3, tại Phủ Chủ tịch", ["2025-03-09"]),
    ("diễn ra từ ngày 5 - 7.10.2023 tại Huế", ["2023-10-05/2023-10-07"]),
    # months named in words, capitalised as names
    ("vào tháng Sáu năm ngoái", ["2024-06"]),
    ("hồi tháng Chín, hai bên", ["2025-09"]),
    ("tháng Mười Hai năm 2023", ["2023-12"]),
])
def test_find_dates_reads_vietnamese_forms(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "đạt 1,6 tỷ USD", "hoàn thành 19/19 nhiệm vụ", "đạt 2,2 tỷ USD, tăng 15%",
    "trên cơ sở UNCLOS 1982", "theo Nghị định 15/2020/NĐ-CP", "chiếm hơn 1/2 dân số", "tỷ số 3-2",
    "thắng 2-1 trong trận", "đoạn 15-20 km",
    "ngày 31/2", "ngày 12/13", "Quyết định số 12/2024", "đạt 1.200 tỷ đồng",
    "tăng 3.5 lần", "hơn 8.12 triệu USD", "sau 4 tháng ba nước đã họp",
])
def test_numbers_that_are_not_dates(text):
    assert [v for v in values(text) if v and len(v) > 4] == []


def test_nhiem_ky_is_a_period_not_a_day():
    doc = analyze("nhiệm kỳ 2026 - 2035", "2025-10-27")
    (m,) = dates.find_dates(doc)
    assert (m.kind, m.value) == ("period", "2026/2035")


def test_no_year_no_value():
    doc = analyze("Chiều 8/7, hai bên gặp nhau.", None)
    (m,) = dates.find_dates(doc)
    assert m.text == "Chiều 8/7" and m.value is None


def test_day_far_after_publication_month_is_last_year():
    doc = analyze("Ngày 28/12, hai bên ký kết; ngày 2/1, đoàn về nước.", "2025-01-03")
    assert [m.value for m in dates.find_dates(doc)] == ["2024-12-28", "2025-01-02"]
    assert dates.resolve_day_month(doc, 28, 12) == "2024-12-28"
    assert dates.resolve_day_month(analyze("x", "2025-07"), 8, 7) == "2025-07-08"
    assert dates.resolve_day_month(analyze("x", None), 8, 7) is None


def test_spans_point_at_the_text():
    text = "Sáng 12/9, tại Phnom Penh; 8 tháng đầu năm 2023 đạt 6,1 tỷ USD."
    doc = analyze(text, "2023-09-12")
    found = dates.find_dates(doc)
    assert [(m.text, m.kind) for m in found] == [("Sáng 12/9", "day"), ("8 tháng đầu năm 2023", "period")]
    assert all(text[m.start:m.end] == m.text for m in found)
    inner = dates.find_dates(doc, text.index("8 tháng"), len(text))
    assert [m.value for m in inner] == ["2023-01/2023-08"]


@pytest.mark.parametrize("phrase, year, expected", [
    ("5 tháng đầu năm 2025", None, "2025-01/2025-05"),
    ("6 tháng đầu năm", 2024, "2024-01/2024-06"),
    ("6 tháng đầu năm", None, None),
    ("năm 2024", None, "2024"),
    ("cả năm 2024", None, "2024"),
    ("quý I/2025", None, "2025-01/2025-03"),
    ("quý IV", 2023, "2023-10/2023-12"),
    ("9 tháng năm 2025", None, "2025-01/2025-09"),
    ("tháng 1/2025", None, "2025-01"),
    ("năm ngoái", 2025, "2024"),
    ("6 tháng cuối năm 2024", None, "2024-07/2024-12"),
    ("nửa đầu năm 2023", None, "2023-01/2023-06"),
    ("kim ngạch tăng mạnh", 2025, None),
])
def test_period_of(phrase, year, expected):
    assert dates.period_of(phrase, year) == expected


@pytest.mark.parametrize("prefix, year", [("003", 2025), ("004", 2024), ("001", 2025)])
def test_year_of_undated_seed_pages(prefix, year):
    (document,) = read_file(seed_file(prefix))
    assert document.published is None
    doc = analyze(document.text, None, document.title)
    dates.annotate(doc)
    assert doc.year == year


def test_year_of_undated_article_and_its_event_date():
    doc, _ = article_doc("numbers_undated")
    assert doc.published is None and doc.year == 2023  # "8 tháng đầu năm 2023 đạt", not "năm 2027", not 2024-2028
    assert dates.find_dates(doc)[0].value == "2023-09-12"


@pytest.mark.parametrize("text, year", [
    ("Năm 2023, kim ngạch đạt 5 tỷ USD. Quý I/2024 đạt 1,2 tỷ USD.", 2024),
    ("Kim ngạch tăng 8% so với cùng kỳ năm 2023.", 2024),
    ("Hai bên phấn đấu đạt mục tiêu vào năm 2030, giai đoạn 2026-2030.", None),
    ("Nhân kỷ niệm 50 năm quan hệ ngoại giao năm 2026, Năm APEC 2027.", None),
    ("Năm 2022, thương mại đạt 3 tỷ USD; năm 2023 đạt 3,5 tỷ USD.", 2023),
    ("Ngày 2/9/1945, Chủ tịch đọc Tuyên ngôn. Lễ kỷ niệm diễn ra ngày 2/9/2025.", 2025),
])
def test_year_inference_rules(text, year):
    assert dates.infer_year(analyze(text, None)) == year


def test_published_year_is_kept():
    doc = analyze("4 tháng đầu năm 2025 đạt 1 tỷ USD", "2024-12")
    dates.annotate(doc)
    assert doc.year == 2024


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=80), st.text(alphabet=st.sampled_from(list("0123456789/-–,.% ()ngàytháêmquýIVđầucuốiừđếnhôqa")), max_size=80)),
       st.sampled_from([None, "2025", "2025-07", "2025-07-10"]))
def test_find_dates_never_raises_and_spans_fit(text, published):
    doc = analyze(text, published)
    dates.annotate(doc)
    for m in dates.find_dates(doc):
        assert 0 <= m.start < m.end <= len(doc.text)
        assert doc.text[m.start:m.end] == m.text
        assert m.value is None or m.value[:1].isdigit()


def test_last_week_is_the_monday_to_sunday_before_the_date_line():
    # 2025-07-10 is a Thursday: "tuần trước" is 30/6-6/7; "cuối tuần trước" stays the weekend only
    assert values("Tuần trước, Thứ trưởng đã tiếp Đại sứ Pháp.") == ["2025-06-30/2025-07-06"]
    assert values("Trong tuần rồi, đoàn đã làm việc tại Lào.") == ["2025-06-30/2025-07-06"]
    assert values("Cuối tuần trước, đoàn đã làm việc tại Lào.") == ["2025-07-05/2025-07-06"]
