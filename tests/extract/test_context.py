"""parties_at: the passage's own countries, sections, venues, foreign pairs, persons, fallbacks."""
from __future__ import annotations

from pathlib import Path

from vndiplo.extract.context import evidence_span, parties_at, section_counterpart
from vndiplo.extract.doc import PersonMention, analyze

ARTICLES = Path(__file__).parent / "articles"


def at(doc, phrase: str, nth: int = 0) -> list[str]:
    i = -1
    for _ in range(nth + 1):
        i = doc.text.index(phrase, i + 1)
    return parties_at(doc, i, i + len(phrase))


def sentence_of(doc, phrase):
    i = doc.text.index(phrase)
    s = doc.sentence_at(i)
    return parties_at(doc, s.start, s.end)


def test_own_countries_and_subdivision_replaces_its_country():
    doc = analyze("Bộ trưởng thăm tỉnh Vân Nam, Trung Quốc và gặp lãnh đạo tỉnh.")
    assert parties_at(doc, 0, len(doc.text)) == ["CN-YN", "VN"]


def test_sections_from_headings_and_openings_ignore_venues():
    doc = analyze((ARTICLES / "mech_07_sections.txt").read_text(encoding="utf-8"))
    # "Tại cuộc gặp Bộ trưởng Ngoại giao Lào, ..." opens the Lao section
    assert at(doc, "duy trì cơ chế Tham khảo") == ["LA", "VN"]
    # the heading "Gặp Bộ trưởng Ngoại giao Nhật Bản" opens the Japanese section, and the next
    # paragraph's "tại Malaysia" is the venue, not a new counterpart
    assert section_counterpart(doc, doc.text.index("Ủy ban hợp tác")) == "JP"
    assert at(doc, "Ủy ban hợp tác") == ["JP", "VN"]
    assert at(doc, "duy trì Hội nghị thường niên") == ["CN-YN", "VN"]


def test_foreign_pair_excludes_viet_nam_unless_it_is_named_or_the_pair_is_an_object():
    doc = analyze("Thái Lan và Campuchia đã ký thỏa thuận ngừng bắn.")
    assert parties_at(doc, 0, len(doc.text)) == ["KH", "TH"]
    doc = analyze("Việt Nam hoan nghênh Thái Lan và Campuchia ký thỏa thuận ngừng bắn.")
    assert parties_at(doc, 0, len(doc.text)) == ["KH", "TH", "VN"]
    doc = analyze("Chủ tịch nước thăm Lào và Campuchia.")
    assert parties_at(doc, 0, len(doc.text)) == ["KH", "LA", "VN"]
    doc = analyze("Căng thẳng giữa Thái Lan - Campuchia đã lắng dịu.")
    assert parties_at(doc, 0, len(doc.text)) == ["KH", "TH"]


def test_persons_give_their_country_when_the_persons_annotator_found_them():
    doc = analyze("Gặp lãnh đạo khu vực\n\nPhó Thủ tướng Prak Sokhonn đánh giá cao các cơ chế hợp tác.")
    name = doc.text.index("Prak Sokhonn")
    s = doc.sentence_at(name)
    assert parties_at(doc, s.start, s.end) == ["VN"]  # nothing to go on without persons
    doc.persons.append(PersonMention(name, name + len("Prak Sokhonn"), "Prak Sokhonn", country="KH"))
    assert parties_at(doc, s.start, s.end) == ["KH", "VN"]


def test_fallbacks_last_named_then_main_counterpart():
    doc = analyze("Hai bên nhất trí tăng cường hợp tác. Bộ trưởng gặp Đại sứ Lào. Hai bên nhất trí thúc đẩy đầu tư.")
    assert at(doc, "Hai bên nhất trí tăng cường") == ["LA", "VN"]  # nothing before: the main counterpart
    assert at(doc, "Hai bên nhất trí thúc đẩy") == ["LA", "VN"]  # the last one named before
    assert parties_at(analyze("Hai bên nhất trí."), 0, 5) == ["VN"]


def test_evidence_span_is_short_and_contains_the_mention():
    doc = analyze(("Hai bên nhất trí tăng cường hợp tác " * 20) + "Thỏa thuận X " + ("và phát triển " * 30))
    i = doc.text.index("Thỏa thuận X")
    s, e = evidence_span(doc, (0, len(doc.text)), i, i + 12)
    assert s <= i and i + 12 <= e and e - s <= 300


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ("Tại cuộc gặp Bộ trưởng Ngoại giao Lào, ", "Gặp Bộ trưởng Ngoại giao Nhật Bản\n", "Thái Lan và Campuchia ",
           "tại Kuala Lumpur, Malaysia, ", "tỉnh Vân Nam, Trung Quốc ", "hai bên nhất trí. ", "Việt Nam ", "\n\n",
           "thăm Lào và Campuchia. ", "Phó Thủ tướng Prak Sokhonn ")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join), st.integers(0, 2000), st.integers(0, 400))
def test_parties_at_is_total_and_well_formed(text, a, width):
    doc = analyze(text)
    a = min(a, len(doc.text))
    b = min(len(doc.text), a + width)
    parties = parties_at(doc, a, b)
    assert parties == sorted(set(parties)) and parties
    assert "VN" in parties or len(parties) == 2


def test_a_paragraph_meeting_someone_opens_a_section():
    doc = analyze("Tại cuộc gặp Bộ trưởng Ngoại giao Nhật Bản, hai bên nhất trí tăng cường hợp tác.\n\n"
                  "Cùng ngày, Bộ trưởng tiếp Đại sứ Lào tại Hà Nội. Hai bên nhất trí thúc đẩy hợp tác.\n\n"
                  "Hai bên cũng nhất trí trao đổi đoàn.")
    assert at(doc, "Hai bên cũng nhất trí") == ["LA", "VN"]


def test_list_of_capitalised_names_stays_inside_a_mechanism_name():
    from vndiplo.extract import mechanisms
    facts = mechanisms.extract(analyze("Hai nước duy trì Đối thoại Chính trị, An ninh và Quốc phòng với Nhật Bản."))
    assert [(f.name, f.parties) for f in facts] == [
        ("Đối thoại Chính trị, An ninh và Quốc phòng với Nhật Bản", ["JP", "VN"])]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join), st.integers(0, 600), st.integers(0, 600))
def test_places_between_equals_places_in(text, a, b):
    from vndiplo.extract.context import places_between
    doc = analyze(text)
    a, b = min(a, b), max(a, b)
    assert places_between(doc, a, b) == doc.places_in(a, b)


def test_a_venue_beside_a_counterpart_is_no_party():
    doc = analyze("Tại Kuala Lumpur, Malaysia, Bộ trưởng đã gặp Bộ trưởng Ngoại giao Lào.")
    assert parties_at(doc, 0, len(doc.text)) == ["LA", "VN"]
    doc = analyze("Hai bên đánh giá cao cộng đồng người Việt tại Lào.")
    assert parties_at(doc, 0, len(doc.text)) == ["LA", "VN"]


def test_crown_prince_is_no_mention_of_thailand():
    """'Thái tử' (crown prince) begins with the weak name of Thailand; in a list of titles it is no place."""
    from vndiplo.data.gazetteer import gazetteer

    text = "Chủ tịch nước đã hội kiến với Thái tử, Thủ tướng Bahrain Salman bin Hamad."
    codes = [m.code for m in gazetteer().find_places(text)]
    assert "TH" not in codes and "BH" in codes
    assert [m.code for m in gazetteer().find_places("Thương mại giữa Việt Nam và Thái Lan tăng.")] == ["VN", "TH"]


def test_the_short_form_saudi_names_saudi_arabia_and_al_saud_does_not():
    from vndiplo.data.gazetteer import gazetteer

    found = gazetteer().find_places("Đoàn doanh nghiệp Saudi thăm Hà Nội.")
    assert [(m.text, m.code) for m in found if m.kind == "country"] == [("Saudi", "SA")]
    assert not [m for m in gazetteer().find_places("Quốc vương Salman bin Abdulaziz Al Saud") if m.code == "SA"]


def test_a_group_of_provinces_facing_a_province_is_the_provinces():
    from vndiplo.extract.context import home_province

    # several Vietnamese provinces facing a foreign province: all of them, not Viet Nam
    text = "Bí thư các tỉnh Hà Giang, Cao Bằng và Lạng Sơn hội đàm với Bí thư Khu tự trị Quảng Tây."
    doc = analyze(text)
    assert home_province(doc, 0, len(text), ["CN-GX", "VN"]) == ["CN-GX", "VN-03", "VN-04", "VN-09"]
    # the provinces of the sentence serve a clause that names none
    text2 = "Đoàn các tỉnh Hà Giang và Cao Bằng dự hội nghị; Ủy ban công tác liên hợp họp tại Nam Ninh, Quảng Tây."
    doc2 = analyze(text2)
    cut = text2.index(";") + 1
    assert home_province(doc2, cut, len(text2), ["CN-GX", "VN"], wider=(0, len(text2))) == ["CN-GX", "VN-03", "VN-04"]
    # provinces facing a country of which the article names one province: that province
    text3 = ("Tỉnh Vân Nam đón đoàn Việt Nam. Bí thư các tỉnh Lào Cai, Hà Giang và Lai Châu dự hội nghị "
             "thường niên tại Trung Quốc.")
    doc3 = analyze(text3)
    s = text3.index("Bí thư")
    assert home_province(doc3, s, len(text3), ["CN", "VN"]) == ["CN-YN", "VN-01", "VN-02", "VN-03"]
    # one province facing a whole country keeps Viet Nam
    text4 = "Tỉnh Lào Cai ký thỏa thuận với Trung Quốc."
    assert home_province(analyze(text4), 0, len(text4), ["CN", "VN"]) == ["CN", "VN"]


def test_in_caption_is_the_line_of_an_image():
    from vndiplo.extract.context import in_caption

    text = "Thân bài.\n![](a.jpg) Thủ tướng tiếp Đại sứ. |\nThân bài tiếp."
    doc = analyze(text)
    assert in_caption(doc, text.index("Thủ tướng"))
    assert not in_caption(doc, text.index("Thân bài tiếp"))
    assert not in_caption(doc, 0)


def test_a_province_that_locates_a_city_is_not_the_side():
    from vndiplo.extract.context import foreign_places

    text = "Tỉnh Quảng Nam tiếp đoàn thành phố Kawasaki thuộc tỉnh Kanagawa (Nhật Bản)."
    assert foreign_places(analyze(text), 0, len(text)) == ["JP"]
    text2 = "Tỉnh Quảng Nam tiếp đoàn tỉnh Kanagawa (Nhật Bản)."
    assert foreign_places(analyze(text2), 0, len(text2)) == ["JP-14"]
