"""Hard line breaks inside a sentence are joined; real paragraph ends, headings and list items are not."""
from __future__ import annotations

from vndiplo.read.clean import clean_page
from vndiplo.read.sentences import split_sentences


def page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def test_a_line_going_on_in_lower_case_is_joined_by_one_space():
    raw = page("Bộ trưởng Ngoại giao tiếp Đại sứ Ý", "",
               "Sáng 12/3, tại Hà Nội, Bộ trưởng Ngoại giao đã tiếp Đại sứ Ý. Bộ",
               "trưởng đánh giá cao những đóng góp của Đại sứ cho quan hệ hai nước.")
    c = clean_page(raw)
    assert c.paragraphs == ["Sáng 12/3, tại Hà Nội, Bộ trưởng Ngoại giao đã tiếp Đại sứ Ý. Bộ trưởng đánh giá cao "
                            "những đóng góp của Đại sứ cho quan hệ hai nước."]
    sentences = [s.text for s in split_sentences(c.text)]
    assert "Bộ trưởng đánh giá cao những đóng góp của Đại sứ cho quan hệ hai nước." in sentences


def test_a_place_name_cut_by_the_break_is_joined():
    raw = page("Hai nước ra tuyên bố chung", "",
               "Chiều 5/6, hai bên đã ký Bản ghi nhớ hợp tác giữa Hàn Quốc và Việt",
               "Nam về giáo dục. Hai bên cũng thúc đẩy đường bộ nối Lạng Sơn với Hải",
               "Phòng.")
    c = clean_page(raw)
    assert c.paragraphs == ["Chiều 5/6, hai bên đã ký Bản ghi nhớ hợp tác giữa Hàn Quốc và Việt Nam về giáo dục. "
                            "Hai bên cũng thúc đẩy đường bộ nối Lạng Sơn với Hải Phòng."]


def test_a_first_line_cut_inside_its_sentence_runs_on_into_the_body():
    raw = page("Tối 2/4, Phó Thủ tướng đã hội kiến Tổng thống Cộng hòa Séc tại Pra-ha, Cộng hòa",
               "Séc. Hai bên nhất trí tăng cường hợp tác.",
               "Phó Thủ tướng mời Tổng thống thăm Việt Nam.")
    c = clean_page(raw)
    assert c.title == ("Tối 2/4, Phó Thủ tướng đã hội kiến Tổng thống Cộng hòa Séc tại Pra-ha, Cộng hòa Séc. "
                       "Hai bên nhất trí tăng cường hợp tác.")
    assert c.paragraphs == ["Phó Thủ tướng mời Tổng thống thăm Việt Nam."]


def test_a_line_ending_on_a_comma_goes_on():
    raw = page("Tiêu đề", "", "Tham dự buổi tiếp có Thứ trưởng Ngoại giao,",
               "Đại sứ Việt Nam tại Lào và nhiều quan chức hai nước.")
    assert clean_page(raw).paragraphs == [
        "Tham dự buổi tiếp có Thứ trưởng Ngoại giao, Đại sứ Việt Nam tại Lào và nhiều quan chức hai nước."]


def test_paragraph_ends_headings_captions_and_list_items_stay_apart():
    raw = page("Tiêu đề bài", "",
               "Thủ tướng đã tiếp Đại sứ Nhật Bản tại trụ sở Chính phủ.",
               "Thủ tướng và Đại sứ tại buổi tiếp",  # a caption: no punctuation, next line starts a sentence
               "Hai bên trao đổi về hợp tác kinh tế.",
               "CÁC VĂN KIỆN ĐƯỢC KÝ",
               "gồm hai bản ghi nhớ về thương mại.",
               "Hồ sơ gồm",
               "a. đơn đề nghị có chữ ký",
               "b. bản sao hộ chiếu còn hạn")
    c = clean_page(raw)
    assert c.paragraphs == ["Thủ tướng đã tiếp Đại sứ Nhật Bản tại trụ sở Chính phủ.",
                            "Thủ tướng và Đại sứ tại buổi tiếp",
                            "Hai bên trao đổi về hợp tác kinh tế.",
                            "CÁC VĂN KIỆN ĐƯỢC KÝ",
                            "gồm hai bản ghi nhớ về thương mại.",
                            "Hồ sơ gồm",
                            "a. đơn đề nghị có chữ ký",
                            "b. bản sao hộ chiếu còn hạn"]


def test_a_blank_line_or_a_removed_line_between_is_never_joined():
    raw = page("Tiêu đề bài", "", "Bộ trưởng nói rằng hợp tác đang phát triển và", "",
               "những kết quả đạt được rất đáng khích lệ.")
    assert len(clean_page(raw).paragraphs) == 2


def test_a_name_cut_after_its_family_name_is_joined_and_a_whole_name_is_not():
    raw = page("Tiêu đề bài", "", "Chiều 3/5, Thủ tướng đã hội đàm với Bộ trưởng Quốc phòng Đặng",
               "Văn Khoa tại Hà Nội.", "", "Bộ trưởng Ngoại giao Tô Hải", "Chiều nay, ông Tô Hải ký kết hợp tác.")
    c = clean_page(raw)
    assert c.paragraphs == ["Chiều 3/5, Thủ tướng đã hội đàm với Bộ trưởng Quốc phòng Đặng Văn Khoa tại Hà Nội.",
                            "Bộ trưởng Ngoại giao Tô Hải", "Chiều nay, ông Tô Hải ký kết hợp tác."]


def test_a_page_that_is_one_wrapped_paragraph_is_read_as_body():
    from vndiplo.read.loader import _from_text

    line1 = "Chiều 5/6, Thủ tướng đã tiếp Đại sứ Nhật Bản và hai bên đã trao đổi về quan hệ song phương, hợp tác"
    line2 = "kinh tế và các vấn đề khu vực cùng quan tâm."
    for raw in (page(line1, line2), page(line1, line2, "Chia sẻ")):
        doc = _from_text(raw, "x", "x.txt")
        assert doc.text == line1 + " " + line2
