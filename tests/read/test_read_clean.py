"""Cleaning rules on pages built here: each rule keeps the article and drops one kind of clutter."""
from __future__ import annotations

from vndiplo.read.clean import clean_page
from vndiplo.read.metadata import author_name, detect_language, looks_like_author, normalise_date, page_date

BODY = [
    "Ngày 4/3, tại Hà Nội, Thứ trưởng Ngoại giao đã tiếp Đại sứ Nhật Bản tại Việt Nam.",
    "Hai bên nhất trí thúc đẩy hợp tác kinh tế, thương mại và đầu tư trong thời gian tới.",
    "Đại sứ khẳng định Nhật Bản coi trọng quan hệ Đối tác Chiến lược toàn diện với Việt Nam./.",
]


def page(*parts: str) -> str:
    return "\n".join(parts) + "\n"


def test_teaser_pairs_after_the_article_are_removed_with_their_summaries():
    raw = page("Thứ trưởng tiếp Đại sứ Nhật Bản", "", BODY[0], "", BODY[1], "", BODY[2], "",
               "Đối thoại chiến lược lần thứ 5", "", "Đối thoại chiến lược lần thứ 5", "",
               "Hai bên đã trao đổi thẳng thắn về nhiều vấn đề cùng quan tâm...",
               "Hợp tác địa phương khởi sắc", "", "Hợp tác địa phương khởi sắc", "",
               "Các tỉnh đẩy mạnh kết nối.")
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert {r.reason for r in c.removed} == {"related_news"}
    assert "Hợp tác địa phương khởi sắc" not in c.text
    for r in c.removed:
        assert raw[r.start:r.end] == r.text


def test_topic_teasers_are_labelled():
    raw = page("Thứ trưởng tiếp Đại sứ", "", *BODY, "",
               "Tử vi hôm nay 3/5: Tuổi Tý may mắn", "", "Tử vi hôm nay 3/5: Tuổi Tý may mắn", "",
               "Giá vàng hôm nay tăng mạnh", "", "Giá vàng hôm nay tăng mạnh", "", "Vàng miếng tăng 1 triệu...",
               "Kết quả xổ số miền Nam", "", "Kết quả xổ số miền Nam")
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert [r.reason for r in c.removed] == ["horoscope", "gold_price", "lottery"]


def test_related_marker_mid_article_takes_its_list_only():
    raw = page("Tiêu đề bài viết về ngoại giao", "", BODY[0], "", "Tin liên quan",
               "Một bài khác về hợp tác kinh tế", "", BODY[1], "", BODY[2])
    c = clean_page(raw)
    assert c.paragraphs == BODY
    (r,) = c.removed
    assert r.reason == "related_news" and r.text == "Tin liên quan\nMột bài khác về hợp tác kinh tế"


def test_list_marker_at_the_end_takes_single_title_lines_too():
    raw = page("Tiêu đề", "", *BODY, "Xem thêm", "Bài một về Lào", "Bài hai về Campuchia")
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert "Bài một về Lào" not in c.text


def test_headline_repeat_caption_and_credit_lines():
    raw = page("Việt Nam và Nhật Bản thúc đẩy hợp tác", "", BODY[0],
               "Việt Nam và Nhật Bản thúc đẩy hợp tác", "Thứ trưởng (phải) và Đại sứ tại buổi tiếp.",
               "", BODY[1], "", "Quang cảnh buổi tiếp. (Nguồn: TTXVN)", "", BODY[2])
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert [r.reason for r in c.removed] == ["headline_repeat", "photo_caption", "photo_caption"]


def test_old_style_tones_still_count_as_a_repeat():
    raw = page("Thúc đẩy hòa bình và thỏa thuận hợp tác", "", BODY[0],
               "Thúc đẩy hoà bình và thoả thuận hợp tác", "", *BODY[1:])
    c = clean_page(raw)
    assert c.paragraphs == BODY and c.removed[0].reason == "headline_repeat"


def test_a_body_paragraph_citing_a_source_is_not_a_caption():
    cited = ("Theo số liệu thống kê, kim ngạch thương mại song phương năm 2024 đạt 16 tỷ USD, tăng 12% so với "
             "năm trước, trong đó xuất khẩu của Việt Nam đạt hơn 9 tỷ USD và nhập khẩu đạt gần 7 tỷ USD, "
             "mức cao nhất từ trước tới nay theo báo cáo tổng hợp của cơ quan hải quan hai nước công bố đầu "
             "năm, phản ánh đà phục hồi mạnh của chuỗi cung ứng khu vực sau nhiều năm khó khăn liên tiếp "
             "(Nguồn: Tổng cục Hải quan).")
    c = clean_page(page("Tiêu đề", "", BODY[0], "", cited))
    assert cited in c.paragraphs


def test_author_follow_line_outlet_and_date_stamp():
    raw = page("Thứ trưởng tiếp Đại sứ", "", "Thu Hà", "Thứ Ba, 04/03/2025 15:20", BODY[0],
               "Theo dõi Baoquocte.vn trên", "", BODY[1], "", BODY[2], "Phiên bản di động")
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert c.author == "Thu Hà" and c.outlet == "baoquocte.vn"
    assert (c.published, c.published_source, c.published_confidence) == ("2025-03-04", "page", 0.8)
    assert [r.reason for r in c.removed] == ["author", "dateline", "follow_us", "site"]


def test_date_line_gives_date_and_title():
    c = clean_page(page(" date 2025-08 Thứ trưởng tiếp Đại sứ", "", *BODY))
    assert c.title == "Thứ trưởng tiếp Đại sứ" and c.published == "2025-08"
    assert c.text == "Thứ trưởng tiếp Đại sứ\n\n" + "\n".join(BODY)
    alone = clean_page(page("date 2025-08-02", "Thứ trưởng tiếp Đại sứ", "", *BODY))
    assert alone.text == c.text and alone.published == "2025-08-02"


def test_a_place_is_not_an_author_and_a_sentence_is_not_one():
    assert looks_like_author("Quang Hòa") and looks_like_author("Nguyễn Thị Thu Hằng")
    assert author_name("Quang Hòa/TTXVN") == "Quang Hòa" and author_name("Bài và ảnh: Minh Anh") == "Minh Anh"
    assert author_name("Hà Nội/TTXVN") is None
    assert not looks_like_author("Hà Nội")
    assert not looks_like_author("Hai bên nhất trí.")
    assert not looks_like_author("Gặp Bộ trưởng Ngoại giao Thái Lan")


def test_date_helpers():
    assert page_date("Thứ Hai, 14/07/2025 10:35") == "2025-07-14"
    assert page_date("15/08/2025 | 14:30 GMT+7") == "2025-08-15"
    assert page_date("Ngày 15/8/2025, hai bên đã gặp nhau tại Hà Nội") is None
    assert page_date("31/02/2025") is None
    assert normalise_date("2025-08-15T09:00:00+07:00") == "2025-08-15"
    assert normalise_date("2025-07") == "2025-07" and normalise_date("2025-13") is None


def test_language_check():
    assert detect_language(" ".join(BODY))[0] == "vi"
    en = ("The foreign ministers met in Kuala Lumpur on Tuesday and agreed to expand trade and investment "
          "between the two countries, which they said had grown strongly over the past year.")
    assert detect_language(en)[0] == "en"
    assert detect_language("Thai: การประชุมรัฐมนตรีต่างประเทศอาเซียนครั้งที่ 58 จัดขึ้นที่กัวลาลัมเปอร์")[0] == "th"
    assert detect_language("123 456")[0] is None


def test_inline_related_link_and_closing_byline_or_source():
    raw = page("Tiêu đề bài viết", "", BODY[0], "Xem thêm: Việt Nam và Nhật Bản ký kết hiệp định mới", "",
               BODY[1], "Ảnh minh họa", BODY[2], "Minh Anh")
    c = clean_page(raw)
    assert c.paragraphs == BODY and c.author == "Minh Anh"
    assert [r.reason for r in c.removed] == ["related_news", "photo_caption", "author"]
    c = clean_page(page("Tiêu đề bài viết", "", *BODY, "(Theo TTXVN)"))
    assert c.paragraphs == BODY and c.removed[0].reason == "source_credit"
    # A last paragraph that is a sentence is the article's, not a byline.
    c = clean_page(page("Tiêu đề bài viết", "", *BODY[:2], "Xin cảm ơn Bộ trưởng."))
    assert c.paragraphs[-1] == "Xin cảm ơn Bộ trưởng." and not c.removed


def test_a_paragraph_scraped_twice_is_kept_once():
    c = clean_page(page("Tiêu đề bài viết", "", BODY[0], "", BODY[1], "", BODY[1], "", BODY[2]))
    assert c.paragraphs == BODY and [r.reason for r in c.removed] == ["repeated_paragraph"]


def test_clutter_table_is_well_formed():
    import unicodedata

    from vndiplo.data.gazetteer import table

    rows = table("clutter")
    assert len(rows) > 40
    kinds = {"list_marker", "site_line", "credit", "topic"}
    keys = [(r["kind"], r["phrase"]) for r in rows]
    assert len(keys) == len(set(keys)), "no duplicate phrases"
    for r in rows:
        assert r["kind"] in kinds and r["phrase"] and r["reason"]
        assert r["phrase"] == unicodedata.normalize("NFC", r["phrase"]) == r["phrase"].lower()


def test_image_placeholders_copyright_credits_and_file_names_are_captions():
    raw = page("Chủ tịch nước gửi điện mừng", "",
               "![]() Nhân dịp Quốc khánh Peru, Thủ tướng đã gửi điện mừng tới Thủ tướng Peru. |",
               BODY[0],
               "© Ảnh : Báo Nhân Dân Thứ trưởng và Đại sứ Nhật Bản tại buổi tiếp.",
               "anh_tiep_dai_su_03.jpg",
               BODY[1], BODY[2])
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert [r.reason for r in c.removed] == ["photo_caption"] * 3
    assert "Peru" not in c.text


def test_a_paragraph_pointing_at_a_photo_below_is_not_a_caption():
    para = ("Đón đoàn có các đồng chí: Lê Văn A, Phó Chủ tịch UBND tỉnh; Trần Thị B, Giám đốc Sở Ngoại vụ; "
            "lãnh đạo một số sở, ngành của tỉnh. (Ảnh dưới)")
    raw = page("Đoàn công tác của tỉnh về nước", "", BODY[0], "", para, "", BODY[1])
    c = clean_page(raw)
    assert para in c.paragraphs
    raw2 = page("Đoàn công tác của tỉnh về nước", "", BODY[0], "", "Lãnh đạo tỉnh đón đoàn. (Ảnh: Minh Anh)", "",
                BODY[1])
    assert "Lãnh đạo tỉnh đón đoàn. (Ảnh: Minh Anh)" not in clean_page(raw2).paragraphs


def test_arrow_links_and_unintroduced_runs_of_headline_bullets_are_other_stories():
    raw = page("Thứ trưởng tiếp Đại sứ Nhật Bản", "", BODY[0],
               ">> Hợp tác lao động Việt - Nhật bước sang giai đoạn mới",
               "- Khai mạc Diễn đàn doanh nghiệp Việt Nam - Nhật Bản",
               "- Những con số ấn tượng về đầu tư Nhật Bản năm qua",
               BODY[1], BODY[2])
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert {r.reason for r in c.removed} == {"related_news"}


def test_a_page_opening_with_link_bullets_keeps_the_first_as_title_and_drops_the_rest():
    raw = page("* Thủ tướng hội đàm với Tổng thống Hàn Quốc", "* Tuyên bố chung giữa Việt Nam và Hàn Quốc",
               "", BODY[0], BODY[1])
    c = clean_page(raw)
    assert c.title == "* Thủ tướng hội đàm với Tổng thống Hàn Quốc"
    assert c.paragraphs == BODY[:2]


def test_an_introduced_list_and_a_lone_bullet_stay():
    items = ["- Bản ghi nhớ về hợp tác giáo dục", "- Hiệp định về vận tải biển"]
    raw = page("Tiêu đề", "", BODY[0], "Hai bên đã ký các văn kiện:", *items, BODY[1],
               "- Hai bên nhất trí tăng cường hợp tác quốc phòng", BODY[2])
    c = clean_page(raw)
    assert c.paragraphs == [BODY[0], "Hai bên đã ký các văn kiện:", *items, BODY[1],
                            "- Hai bên nhất trí tăng cường hợp tác quốc phòng", BODY[2]]
    assert not c.removed


def test_other_story_markers_at_the_end():
    raw = page("Tiêu đề", "", *BODY, "Phản hồi", "Các bản tin khác", "- Giá đất tăng mạnh ở ven biển",
               "- Khai trương tuyến phố đi bộ mới")
    c = clean_page(raw)
    assert c.paragraphs == BODY


def test_site_chrome_above_the_headline_and_a_byline_with_the_date_stamp():
    raw = page("Tạp chí Hữu nghị điện tử", "Chuyên mục", "Quan hệ quốc tế và hợp tác phát triển", "",
               "Thứ trưởng Ngoại giao tiếp Đại sứ Nhật Bản tại Hà Nội", "Thanh Hà - 09:15, 04/03/2022",
               *BODY)
    c = clean_page(raw)
    assert c.title == "Thứ trưởng Ngoại giao tiếp Đại sứ Nhật Bản tại Hà Nội"
    assert c.paragraphs == BODY
    assert c.published == "2022-03-04" and c.author == "Thanh Hà"
    assert [r.reason for r in c.removed] == ["site", "dateline"]


def test_a_site_bar_with_today_s_date_is_not_the_headline():
    raw = page("Đăng ký| Báo in| Chủ Nhật, ngày 5 tháng 1 năm 2025,",
               "Thủ tướng tiếp Đại sứ Nhật Bản", "Minh Châu | 12/03/2019, 08:30", *BODY,
               "Thủ tướng tiếp Đại sứ Nhật Bản | Chính trị | Báo Hữu nghị")
    c = clean_page(raw)
    assert c.title == "Thủ tướng tiếp Đại sứ Nhật Bản"
    assert c.published == "2019-03-12"
    assert c.paragraphs == BODY
    assert "2025" not in c.text


def test_a_headline_over_an_outlet_line_and_several_authors_stays_the_headline():
    raw = page("Chủ tịch nước tiếp Đại sứ Cu-ba chào từ biệt", "Báo Hữu nghị",
               "Minh Anh – Thu Hà – Văn Bình", "04-03-2022", *BODY)
    c = clean_page(raw)
    assert c.title == "Chủ tịch nước tiếp Đại sứ Cu-ba chào từ biệt"
    assert "Minh Anh" not in c.text
    assert c.paragraphs[-3:] == BODY


def test_a_caption_sentence_given_twice_is_not_kept_as_a_second_headline():
    caption = "Sáng 4/3, Thứ trưởng tiếp Đại sứ Pháp tại trụ sở Bộ. - Báo Hữu nghị"
    heading = "Hợp tác văn hóa và giáo dục"
    raw = page("Tiêu đề bài", "", BODY[0], caption, BODY[1], heading, caption, heading, BODY[2])
    c = clean_page(raw)
    assert caption not in c.paragraphs
    assert c.paragraphs.count(heading) == 1


def test_site_buttons_and_forms_are_site_lines():
    raw = page("Tiêu đề bài", "", "Skip to main content", BODY[0], "Đăng nhập", BODY[1], BODY[2], "Gửi ý kiến",
               "In trang này", "Tìm kiếm:")
    c = clean_page(raw)
    assert c.paragraphs == BODY
    assert {r.reason for r in c.removed} == {"site"}


def test_a_site_bar_on_top_is_chrome_even_without_a_date_stamp_and_a_table_row_is_no_bar():
    row = "Xuất khẩu | 12 tỷ USD | tăng 8%"
    raw = page("Trang chủ | Chính trị | Ngoại giao", "Thủ tướng tiếp Đại sứ Nhật Bản", "", BODY[0], row, BODY[1])
    c = clean_page(raw)
    assert c.title == "Thủ tướng tiếp Đại sứ Nhật Bản"
    assert c.paragraphs == [BODY[0], row, BODY[1]]


def test_a_photo_credit_under_the_title_is_no_byline():
    raw = page("Hai Bộ trưởng đồng chủ trì kỳ họp", "Hai Bộ trưởng tại lễ khai mạc kỳ họp.", "Ảnh: Thu Hương",
               *BODY)
    c = clean_page(raw)
    assert c.author is None
    assert c.paragraphs[-3:] == BODY


def test_another_story_s_headline_inside_the_body_is_dropped_but_captions_of_the_article_stay():
    teaser = "Chủ tịch nước Lê Văn Khánh tiếp Đại sứ Thái Lan"
    caption = "Thứ trưởng Phạm Quang Hòa và Đại sứ Nhật Bản tại buổi tiếp"
    body = [BODY[0], "Thứ trưởng Phạm Quang Hòa cảm ơn Đại sứ.", BODY[1], BODY[2]]
    raw = page("Thứ trưởng tiếp Đại sứ Nhật Bản", "", body[0], body[1], caption, body[2], teaser, body[3])
    c = clean_page(raw)
    assert c.paragraphs == [body[0], body[1], caption, body[2], body[3]]
    assert [r.reason for r in c.removed] == ["related_news"]
