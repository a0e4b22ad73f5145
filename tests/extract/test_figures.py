"""Money figures: metric, value, unit, period, change and target, read from real and written articles."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vndiplo.extract import dates, figures
from vndiplo.extract.doc import analyze

from tests.extract.numbers_helpers import article_doc, gold_records, of_type, seed_doc


def rows(name: str) -> list[tuple]:
    _, facts = article_doc(name)
    return sorted((f.metric, tuple(f.parties), f.value, f.unit, f.period, f.change_pct, f.is_target)
                  for f in of_type(facts, "figure"))


@pytest.mark.parametrize("s, value", [
    ("1,6", 1.6), ("3,13", 3.13), ("1.200", 1200), ("1.200,5", 1200.5), ("2.5", 2.5), ("20", 20),
    ("1,200,000", 1200000), ("05", 5),
])
def test_parse_number(s, value):
    assert figures.parse_number(s) == value


@pytest.mark.parametrize("text, value, unit", [
    ("đạt 1,6 tỷ USD", 1_600_000_000, "USD"),
    ("hơn 2 tỷ đô la Mỹ", 2_000_000_000, "USD"),
    ("khoảng 500 triệu Euro", 500_000_000, "EUR"),
    ("1.200 tỷ đồng", 1_200_000_000_000, "VND"),
    ("2 nghìn tỷ đồng", 2_000_000_000_000, "VND"),
    ("40 tỷ yên", 40_000_000_000, "JPY"),
    ("3 tỷ nhân dân tệ", 3_000_000_000, "CNY"),
    # currencies of partners beyond the seeds' (Gulf, Nordic, Pacific, Americas)
    ("khoảng 12 triệu đô la New Zealand", 12_000_000, "NZD"),
    ("gần 800 triệu NOK", 800_000_000, "NOK"),
    ("60 triệu riyal", 60_000_000, "SAR"),
    ("1,5 tỷ CAD", 1_500_000_000, "CAD"),
    ("300 triệu franc Thụy Sĩ", 300_000_000, "CHF"),
])
def test_find_amounts(text, value, unit):
    (a,) = figures.find_amounts(text)
    assert (a.value, a.unit) == (value, unit)
    assert text[a.start:a.end].endswith(text.split()[-1])


def test_prices_and_bare_numbers_are_not_amounts():
    assert figures.find_amounts("vượt 3.300 USD/ounce, 120 triệu đồng/lượng, 15%, 200 dự án") == []


def test_investment_and_aid():
    assert rows("numbers_investment_aid") == sorted([
        ("investment", ("JP", "VN"), 6_500_000_000, "USD", "2023", 12.4, False),
        ("aid", ("JP", "VN"), 3_000_000, "USD", "2023", None, False),
    ])


def test_oda_loan_in_yen_is_one_figure_and_vnd_aid():
    # the VND restatement in brackets is the same loan, not a second figure
    assert rows("numbers_oda_vnd") == sorted([
        ("aid", ("JP", "VN"), 40_000_000_000, "JPY", None, None, False),
        ("aid", ("LA", "VN"), 1_200_000_000_000, "VND", None, None, False),
    ])


def test_decline_exports_imports_and_quarter():
    assert rows("numbers_decline_trade") == sorted([
        ("trade_turnover", ("TH", "VN"), 4_500_000_000, "USD", "2024-01/2024-03", -5.2, False),
        # "Trong đó, ..." goes on with the quarter of the sentence before
        ("export", ("TH", "VN"), 1_700_000_000, "USD", "2024-01/2024-03", 3.1, False),
        ("import", ("TH", "VN"), 2_800_000_000, "USD", "2024-01/2024-03", -9.6, False),
    ])


def test_target_with_deadline_and_half_year_without_year():
    assert rows("numbers_target_malaysia") == sorted([
        ("trade_turnover", ("MY", "VN"), 6_300_000_000, "USD", "2024-01/2024-06", None, False),
        ("trade_turnover", ("MY", "VN"), 18_000_000_000, "USD", "2025", None, True),
    ])


def test_undated_article_figures_take_the_inferred_year():
    assert rows("numbers_undated") == sorted([
        ("trade_turnover", ("KH", "VN"), 10_500_000_000, "USD", "2022", None, False),
        ("trade_turnover", ("KH", "VN"), 6_100_000_000, "USD", "2023-01/2023-08", -14.2, False),
        # the anniversary's "vào năm 2027" later in the clause is not the target's deadline
        ("trade_turnover", ("KH", "VN"), 20_000_000_000, "USD", None, None, True),
    ])


def test_organisation_party_running_total_and_month_range():
    assert rows("numbers_cumulative_asean") == sorted([
        ("trade_turnover", ("ORG:ASEAN", "VN"), 42_000_000_000, "USD", "2024-01/2024-06", 8.0, False),
        # "Tính đến hết tháng 6/2024": a running total, no period of its own
        ("investment", ("MY", "VN"), 13_500_000_000, "USD", None, None, False),
        # "hơn 2 tỷ đô" counts; the rice price "650 USD/tấn" does not
        ("export", ("PH", "VN"), 2_000_000_000, "USD", "2024-01/2024-05", None, False),
    ])


def test_value_words_give_way_to_a_named_metric():
    doc = analyze("Bộ trưởng Ngoại giao Nhật Bản cho biết khoản vay ODA trị giá 50 tỷ yên; "
                  "Quỹ hợp tác Mekong - Nhật Bản trị giá 10 triệu USD.", "2024-01-01")
    got = sorted((f.metric, f.unit) for f in figures.extract(doc))
    assert got == [("aid", "JPY"), ("other", "USD")]


def test_cue_right_after_the_amount_names_it():
    doc = analyze("Tại hội đàm, hai Thủ tướng ghi nhận năm 2024, kim ngạch thương mại Việt Nam - Nhật Bản "
                  "đạt 50 tỷ USD, doanh nghiệp Nhật Bản "
                  "rót thêm 3,5 tỷ USD vốn đầu tư vào Việt Nam.", "2025-02-01")
    got = sorted((f.value, f.metric, f.period) for f in figures.extract(doc))
    assert got == [(3_500_000_000, "investment", "2024"), (50_000_000_000, "trade_turnover", "2024")]


def test_clause_opening_with_trong_do_keeps_the_period():
    doc = analyze("Tổng Bí thư hội đàm với lãnh đạo Trung Quốc. Năm 2024, kim ngạch thương mại Việt Nam - Trung Quốc "
                  "đạt 205,2 tỷ USD, tăng 19,3%; trong đó Việt Nam nhập khẩu từ Trung Quốc 144 tỷ USD.", "2025-02-10")
    got = sorted((f.metric, f.value, f.period, f.change_pct) for f in figures.extract(doc))
    assert got == [("import", 144_000_000_000, "2024", None), ("trade_turnover", 205_200_000_000, "2024", 19.3)]


@pytest.mark.parametrize("sentence, period", [
    ("hai bên phấn đấu đưa kim ngạch thương mại lên 10 tỷ USD vào năm 2030", "2030"),
    ("mục tiêu đến năm 2030 đạt 10 tỷ USD kim ngạch thương mại", "2030"),
    ("hai bên nhất trí nâng kim ngạch thương mại lên 10 tỷ USD", None),
    ("kim ngạch thương mại sẽ đạt 10 tỷ USD vào năm 2030", "2030"),  # a year after the article's: a goal
])
def test_targets_and_deadlines(sentence, period):
    doc = analyze(f"Bộ trưởng Ngoại giao Việt Nam và Bộ trưởng Ngoại giao Lào hội đàm; {sentence}.", "2025-03-01")
    (f,) = figures.extract(doc)
    assert (f.value, f.is_target, f.period, f.parties) == (10_000_000_000, True, period, ["LA", "VN"])


def test_next_sentence_referring_back_keeps_the_metric():
    doc = analyze("Tại hội đàm, hai Bộ trưởng cho biết kim ngạch thương mại Việt Nam - Lào năm 2024 đạt 2,2 tỷ USD. "
                  "Trong 4 tháng đầu năm 2025, con số này đạt 1,3 tỷ USD. Giá vé máy bay khoảng 200 USD.",
                  "2025-06-02")
    got = sorted((f.metric, f.value, f.period) for f in figures.extract(doc))
    assert got == [("trade_turnover", 1_300_000_000, "2025-01/2025-04"),
                   ("trade_turnover", 2_200_000_000, "2024")]


def test_a_later_year_in_the_clause_is_not_an_actual_figures_period():
    doc = analyze("Hai bên nhất trí tổ chức kỷ niệm 30 năm quan hệ ngoại giao vào năm 2025 và thúc đẩy hợp tác, "
                  "trong đó Chính phủ Nhật Bản cam kết hỗ trợ 300 triệu USD cho các dự án.", "2023-09-11")
    (f,) = figures.extract(doc)
    assert (f.metric, f.value, f.period, f.is_target) == ("aid", 300_000_000, None, False)


def test_a_list_of_goals():
    doc = analyze("Bộ trưởng Ngoại giao hai nước đặt mục tiêu kim ngạch thương mại Việt Nam - Lào đạt 3 tỷ USD "
                  "năm 2026 và 5 tỷ USD năm 2030, hiện đạt 2,2 tỷ USD.", "2025-06-01")
    got = sorted((f.value, f.is_target, f.period) for f in figures.extract(doc))
    assert got == [(2_200_000_000, False, None), (3_000_000_000, True, "2026"), (5_000_000_000, True, "2030")]


def test_undated_aid_in_dong_trade_clauses_and_a_goal_sentence():
    doc, facts = article_doc("numbers_rice_aid_laos")
    assert doc.published is None and doc.year == 2024
    assert sorted((f.metric, tuple(f.parties), f.value, f.unit, f.period, f.change_pct, f.is_target)
                  for f in of_type(facts, "figure")) == sorted([
        # "250 tỉ đồng (tương đương 10 triệu USD)" is one figure
        ("aid", ("LA", "VN"), 250_000_000_000, "VND", None, None, False),
        ("trade_turnover", ("LA", "VN"), 380_000_000, "USD", "2024-01/2024-02", 15.6, False),
        # the clause after ";" goes on with the period of the clause before
        ("export", ("LA", "VN"), 150_000_000, "USD", "2024-01/2024-02", None, False),
        # "Mục tiêu năm 2024 là 2,5 tỉ USD": a goal for 2024 about the figures just given
        ("export", ("LA", "VN"), 2_500_000_000, "USD", "2024", None, True),
    ])


def test_national_totals_and_domestic_projects_are_not_figures():
    # GDP, income per head, the whole country's trade, a project paid from the state budget: none is
    # a figure between Viet Nam and Thailand; the investment and the trade goal are
    assert rows("numbers_national_totals") == sorted([
        ("investment", ("TH", "VN"), 10_200_000_000, "USD", "2024", None, False),
        ("trade_turnover", ("TH", "VN"), 45_000_000_000, "USD", None, None, True),
    ])


def test_gold_price_page_gives_no_figures():
    _, facts = article_doc("numbers_gold_teaser")
    assert of_type(facts, "figure") == []


def test_change_before_value_and_target_after_actual():
    doc = analyze("Bộ trưởng Ngoại giao Lào cho biết thương mại song phương Việt Nam - Lào năm 2024 "
                  "đã tăng 17,8% so với cùng kỳ, đạt 3,13 tỷ USD, hướng tới mục tiêu 5 tỷ USD "
                  "trong thời gian tới.", "2025-08-15")
    dates.annotate(doc)
    got = sorted((f.value, f.period, f.change_pct, f.is_target) for f in figures.extract(doc))
    assert got == [(3_130_000_000, "2024", 17.8, False), (5_000_000_000, None, None, True)]


def test_rounded_repeat_is_one_record():
    doc = analyze("Kim ngạch thương mại Việt Nam - Lào đạt gần 1,6 tỷ USD\n\nTại hội đàm, hai Bộ trưởng cho biết "
                  "5 tháng đầu năm 2025, kim ngạch thương mại hai chiều Việt Nam - Lào đạt 1,59 tỷ USD, tăng 10%.",
                  "2025-06-10")
    (f,) = figures.extract(doc)
    assert (f.value, f.period, f.change_pct) == (1_600_000_000, "2025-01/2025-05", 10.0)


def test_value_given_twice_is_one_record():
    doc = analyze("Thủ tướng Thái Lan và Thủ tướng Việt Nam nhất trí phấn đấu đưa kim ngạch thương mại lên "
                  "25 tỷ USD. Hai bên quyết tâm sớm đạt mục tiêu 25 tỷ USD thương mại song phương với Thái Lan.",
                  "2025-01-10")
    (f,) = figures.extract(doc)
    assert (f.value, f.is_target, f.parties) == (25_000_000_000, True, ["TH", "VN"])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_seed_figures_match_gold(prefix):
    _, facts = seed_doc(prefix)
    key = lambda r: (r["metric"], tuple(sorted(r["parties"])), float(r["value"]), r["period"],  # noqa: E731
                     r["change_pct"], r["is_target"])
    got = sorted(key(f.to_record("x")) for f in of_type(facts, "figure"))
    assert got == sorted(key(r) for r in gold_records(prefix, "figure"))


def test_evidence_is_the_source_sentence():
    doc, facts = seed_doc("003")
    for f in of_type(facts, "figure"):
        assert doc.text[f.span[0]:f.span[1]] == f.evidence
        assert "tỷ USD" in f.evidence


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(st.sampled_from(
    list("0123456789,.%; ()") + ["tỷ ", "triệu ", "USD", " đồng", "kim ngạch ", "xuất khẩu ", "tăng ", "giảm ",
                                 "Lào ", "Việt Nam ", "mục tiêu ", "năm ", "tháng đầu ", "Bộ trưởng ", "quý I/"]), max_size=30).map("".join)))
def test_figures_never_raise_and_spans_fit(text):
    doc = analyze(text, "2025-06-01")
    dates.annotate(doc)
    for f in figures.extract(doc):
        assert 0 <= f.span[0] < f.span[1] <= len(doc.text)
        assert doc.text[f.span[0]:f.span[1]] == f.evidence
        assert f.value > 0 and f.parties == sorted(f.parties)


@pytest.mark.parametrize("name, key, columns", [
    ("metrics", "phrase", {"phrase", "metric"}),
    ("currencies", "phrase", {"phrase", "code"}),
    ("figure_cues", None, {"group", "phrase", "value"}),
    ("anniversary_cues", None, {"group", "phrase"}),
    ("commemorated_persons", "name", {"name", "aliases", "country"}),
])
def test_number_tables_are_clean(name, key, columns):
    import unicodedata

    from vndiplo.data.gazetteer import table

    rows = table(name)
    assert rows and all(set(r) == columns for r in rows)
    assert all(unicodedata.normalize("NFC", v) == v and v == v.strip() for r in rows for v in r.values())
    keys = [r[key] for r in rows] if key else [(r["group"], r["phrase"]) for r in rows]
    assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1]
    if name == "metrics":
        assert {r["metric"] for r in rows} <= {"trade_turnover", "export", "import", "investment", "aid", "other",
                                               "value"}


def test_trade_between_two_other_countries_is_theirs_but_their_deal_values_are_not():
    import vndiplo

    def figs(text):
        return [(f.metric, f.parties, f.value) for f in vndiplo.extract(text, "2025-05-02") if f.type == "figure"]

    assert figs("Thủ tướng Singapore hội đàm với Tổng thống Indonesia. Năm 2024, kim ngạch thương mại song "
                "phương Indonesia - Singapore đạt 42 tỷ USD.") == [("trade_turnover", ["ID", "SG"], 42_000_000_000)]
    assert figs("Sau cuộc hội đàm, Mỹ và Venezuela ký thỏa thuận dầu mỏ trị giá 2 tỷ USD.") == []


def test_an_aid_amount_in_a_partner_currency_is_a_figure():
    import vndiplo
    text = ("Ngày 4/3, Đại sứ Thụy Điển tại Việt Nam cho biết Thụy Điển sẽ viện trợ không hoàn lại cho Việt Nam "
            "90 triệu SEK để cải thiện chất lượng nước sạch tại nông thôn.")
    (f,) = [f for f in vndiplo.extract(text, "2024-03-05") if f.type == "figure"]
    assert (f.metric, f.parties, f.value, f.unit) == ("aid", ["SE", "VN"], 90_000_000, "SEK")


def test_an_amount_agencies_pledge_to_mobilise_for_viet_nam_is_aid():
    import vndiplo

    text = ("Phát biểu tại buổi tiếp Đại sứ, Bộ trưởng Ngoại giao cho biết các tổ chức của Liên minh châu Âu "
            "cam kết huy động khoảng 150 triệu EUR cho Việt Nam trong lĩnh vực năng lượng.")
    (f,) = [f for f in vndiplo.extract(text, "2024-03-05") if f.type == "figure"]
    assert (f.metric, f.parties, f.value, f.unit, f.is_target) == ("aid", ["ORG:EU", "VN"], 150_000_000, "EUR", False)


def _metrics_of(text: str, published: str) -> list[tuple]:
    from vndiplo.extract.pipeline import extract
    return sorted((f.metric, tuple(f.parties), f.value) for f in extract(text, published)
                  if type(f).__name__ == "Figure")


def test_a_credit_line_is_aid_and_remittances_are_other():
    assert _metrics_of("Thủ tướng hai nước hoan nghênh việc Hàn Quốc dành cho Việt Nam hạn mức tín dụng "
                       "1,5 tỷ USD cho các dự án hạ tầng.", "2025-04-02") == [("aid", ("KR", "VN"), 1_500_000_000)]
    assert _metrics_of("Năm 2024, lượng kiều hối từ Hàn Quốc gửi về Việt Nam đạt khoảng 1,2 tỷ USD, hai nước "
                       "nhất trí thúc đẩy hợp tác lao động.", "2025-04-02") == [("other", ("KR", "VN"), 1_200_000_000)]


def test_a_vietnamese_province_facing_a_foreign_province_is_a_party_by_its_own_code():
    from vndiplo.extract.pipeline import extract
    text = ("Ngày 3/6, tại thành phố Lào Cai, Bí thư Tỉnh ủy Lào Cai tiếp đoàn đại biểu tỉnh Vân Nam (Trung Quốc). "
            "Năm 2024, kim ngạch xuất nhập khẩu giữa hai tỉnh đạt 2,1 tỷ USD. Hai bên ký Thỏa thuận hợp tác "
            "giữa tỉnh Lào Cai và tỉnh Vân Nam giai đoạn 2025-2027.")
    facts = extract(text, "2025-06-04")
    figs = [f for f in facts if type(f).__name__ == "Figure"]
    mechs = [f for f in facts if type(f).__name__ == "Mechanism"]
    assert [sorted(f.parties) for f in figs] == [["CN-YN", "VN-02"]]
    assert [sorted(m.parties) for m in mechs] == [["CN-YN", "VN-02"]]
    # a province facing the whole other country keeps Viet Nam
    facts = extract("Bí thư Tỉnh ủy Lào Cai tiếp Đại sứ Trung Quốc tại Việt Nam. Năm 2024, kim ngạch thương mại "
                    "giữa tỉnh Lào Cai và Trung Quốc đạt 3 tỷ USD.", "2025-06-04")
    assert [sorted(f.parties) for f in facts if type(f).__name__ == "Figure"] == [["CN", "VN"]]


def _figs(text: str, published: str | None = "2023-11-01"):
    doc = analyze(text, published)
    dates.annotate(doc)
    return sorted((f.metric, tuple(f.parties), f.value, f.period, f.change_pct, f.is_target)
                  for f in figures.extract(doc))


def test_a_follow_up_sentence_that_leaves_the_partner_out_keeps_the_parties():
    text = ("Thủ tướng Việt Nam hội đàm với Thủ tướng Hàn Quốc.\n"
            "Hợp tác kinh tế tiếp tục tăng trưởng. Kim ngạch 9 tháng năm 2023 đạt 60,5 tỷ USD, tăng 5%.")
    assert _figs(text) == [("trade_turnover", ("KR", "VN"), 60_500_000_000, "2023-01/2023-09", 5.0, False)]
    # but not a sentence that starts a new paragraph about something else
    text = ("Thủ tướng Việt Nam hội đàm với Thủ tướng Hàn Quốc.\n"
            "Kim ngạch xuất khẩu gạo 9 tháng năm 2023 đạt 3,5 tỷ USD.")
    assert _figs(text) == []


def test_todays_figure_in_a_goals_sentence_is_no_target():
    text = ("Thủ tướng Việt Nam hội đàm với Thủ tướng Kenya. Hai bên phấn đấu đưa kim ngạch thương mại song phương "
            "vượt xa con số 250 triệu USD như hiện nay.")
    assert _figs(text) == [("trade_turnover", ("KE", "VN"), 250_000_000, None, None, False)]


def test_an_inferred_year_does_not_drop_a_later_stated_period():
    # no date line: a year inferred from an older date the body cites must not drop the figure's own year
    text = "Bộ trưởng Ngoại giao Nga hội đàm với Bộ trưởng Ngoại giao Việt Nam. " \
           "Kim ngạch trao đổi thương mại giữa Việt Nam và Nga năm 2006 đạt 1,1 tỷ USD."
    doc = analyze(text, None)
    doc.year = 2002  # as infer_year may read it from "Hiệp định ký ngày 9/7/2002"
    (fig,) = figures.extract(doc)
    assert (fig.value, fig.period) == (1_100_000_000, "2006")
    # with a date line the rule stands: a later year is some plan's, not the figure's period
    doc = analyze(text, "2002-05-01")
    assert [f.period for f in figures.extract(doc)] == [None]


def test_trade_counted_to_the_end_of_a_month_is_the_year_so_far_but_investment_is_a_running_total():
    text = ("Thủ tướng Việt Nam hội đàm với Thủ tướng Ai Cập. Tính đến hết tháng 8, kim ngạch thương mại "
            "Việt Nam - Ai Cập đạt 420 triệu USD.")
    assert [f.period for f in figures.extract(analyze(text, "2024-09-20"))] == ["2024-01/2024-08"]
    text = ("Thủ tướng Việt Nam hội đàm với Thủ tướng Ai Cập. Tính đến hết tháng 8, tổng vốn đầu tư của Ai Cập "
            "vào Việt Nam đạt 40 triệu USD.")
    assert [f.period for f in figures.extract(analyze(text, "2024-09-20"))] == [None]


def test_a_range_is_read_by_its_lower_bound():
    assert [(a.value, a.unit) for a in figures.find_amounts("vốn khoảng 3 - 4,5 triệu euro")] == [(3_000_000, "EUR")]
    assert [a.value for a in figures.find_amounts("đạt 1,5–2 tỷ USD")] == [1_500_000_000]
    # a year before a dash is no lower bound
    assert [a.value for a in figures.find_amounts("năm 2020-22 tỷ USD")] == [22_000_000_000]


def test_a_value_word_with_the_two_sides_in_its_clause_is_a_figure_between_them():
    text = ("Tổng thống Pháp thăm chính thức Việt Nam. Trong chuyến thăm, hai nước đã ký kết các hợp đồng "
            "với tổng giá trị khoảng 8-9 tỷ euro.")
    assert _figs(text) == [("other", ("FR", "VN"), 8_000_000_000, None, None, False)]
    # without the two sides or a named party, a bare value word stays no figure
    assert _figs("Tổng thống Pháp thăm chính thức Việt Nam. Công ty đã ký hợp đồng với tổng giá trị 9 tỷ euro.") == []


def test_a_cue_right_after_the_amount_beats_an_earlier_one_and_its_deadline_counts():
    text = ("Đại sứ ghi nhận sự tăng trưởng của đầu tư giữa Việt Nam và Nga, hy vọng hai bên đạt mục tiêu "
            "10 tỷ USD kim ngạch thương mại song phương vào năm 2030.")
    assert _figs(text) == [("trade_turnover", ("RU", "VN"), 10_000_000_000, "2030", None, True)]


def test_a_projects_owner_and_cost_are_no_investment():
    text = ("Đại sứ Việt Nam tại Lào dự lễ bàn giao. Bệnh viện tặng tỉnh Luông Pha-bang (Lào) được xây bằng nguồn vốn viện trợ không hoàn lại của Việt Nam, "
            "do Bộ Y tế làm chủ đầu tư với tổng kinh phí 40 tỷ đồng.")
    (fig,) = _figs(text)
    assert fig[0] == "aid" and fig[2] == 40_000_000_000


def test_investment_into_a_province_is_the_provinces():
    text = ("Chủ tịch tỉnh Bắc Ninh tiếp Đại sứ Hàn Quốc. Hiện các doanh nghiệp Hàn Quốc có 300 dự án "
            "đầu tư vào tỉnh Bắc Ninh với tổng vốn đầu tư 12 tỷ USD.")
    (fig,) = _figs(text)
    assert fig[:3] == ("investment", ("KR", "VN-56"), 12_000_000_000)
    # trade named beside a province stays the countries'
    text2 = ("Chủ tịch tỉnh Bắc Ninh tiếp Đại sứ Hàn Quốc. Kim ngạch thương mại Việt Nam - Hàn Quốc "
             "tại Bắc Ninh đạt 5 tỷ USD.")
    assert [f[1] for f in _figs(text2)] == [("KR", "VN")]


def test_investment_takes_no_period_from_another_clause_and_a_projects_total_cost_is_no_investment():
    text = ("Thủ tướng hội đàm với Thủ tướng Campuchia. Năm 2023, kim ngạch thương mại hai chiều đạt 10 tỷ USD; "
            "tổng vốn đầu tư của Việt Nam tại Campuchia đạt 3 tỷ USD.")
    assert _figs(text) == [("investment", ("KH", "VN"), 3_000_000_000, None, None, False),
                           ("trade_turnover", ("KH", "VN"), 10_000_000_000, "2023", None, False)]
    text2 = ("Thủ tướng hội đàm với Thủ tướng Hàn Quốc. Cầu Vàm Cống dùng vốn vay Hàn Quốc với tổng mức đầu tư "
             "5.000 tỷ đồng.")
    assert [f[0] for f in _figs(text2)] == ["aid"]


def test_a_bare_year_after_trong_is_the_period():
    text = "Thủ tướng gặp Thủ tướng Thái Lan. Kim ngạch thương mại giữa hai nước trong 2022 tăng 9% đạt 20 tỷ USD."
    assert _figs(text) == [("trade_turnover", ("TH", "VN"), 20_000_000_000, "2022", 9.0, False)]


def test_trade_and_investment_named_together_read_as_the_first():
    text = "Thủ tướng gặp Thủ tướng Nhật Bản. Kim ngạch thương mại và đầu tư giữa hai nước đạt 50 tỷ USD năm 2022."
    assert [f[0] for f in _figs(text)] == ["trade_turnover"]


def test_a_follow_up_figure_in_the_next_paragraph_keeps_the_sides():
    text = ("Thủ tướng hội đàm với Thủ tướng Ba Lan. Năm 2022, kim ngạch thương mại Việt Nam - Ba Lan đạt 4 tỷ USD.\n\n"
            "Quý I/2023, kim ngạch tiếp tục đạt 1,1 tỷ USD, tăng 15%.")
    assert ("trade_turnover", ("PL", "VN"), 1_100_000_000, "2023-01/2023-03", 15.0, False) in _figs(text)
    # a national total after it stays none
    text2 = ("Thủ tướng hội đàm với Thủ tướng Ba Lan. Năm 2022, kim ngạch thương mại Việt Nam - Ba Lan đạt 4 tỷ USD.\n\n"
             "Quý I/2023, kim ngạch xuất nhập khẩu của cả nước đạt 170 tỷ USD.")
    assert [f[2] for f in _figs(text2)] == [4_000_000_000]
