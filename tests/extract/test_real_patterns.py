"""Patterns met in real articles from many outlets, each written here in other words.

Each test names the pattern it guards; the sentences are ours, not copied from any article.
"""
from __future__ import annotations

from vndiplo.extract.pipeline import extract
from vndiplo.records import Event, Person


def persons(text: str, published: str | None = None) -> dict[str, Person]:
    return {f.name: f for f in extract(text, published) if isinstance(f, Person)}


def events(text: str, published: str | None = None) -> list[Event]:
    return [f for f in extract(text, published) if isinstance(f, Event)]


def test_a_fronted_counterpart_does_not_lend_its_country_to_the_subject():
    text = ("Thủ tướng Nguyễn Văn An tiếp các đại sứ\n"
            "Đại sứ Peru Carlos Mendoza vừa trình Quốc thư.\n"
            "Tiếp Đại sứ Peru, Thủ tướng Nguyễn Văn An đề nghị hai nước mở rộng thương mại.")
    p = persons(text)
    assert p["Nguyễn Văn An"].country == "VN"
    assert p["Carlos Mendoza"].country == "PE"


def test_a_title_ending_in_a_nationality_does_not_chain_to_the_next_name():
    text = ("Bộ trưởng Quốc phòng sẽ thăm Canada\n"
            "Nhận lời mời của ông David Brown, Bộ trưởng Quốc phòng Canada, Thượng tướng Lê Văn Bình, "
            "Thứ trưởng Bộ Quốc phòng sẽ thăm Canada vào tháng tới.")
    p = persons(text)
    assert p["Lê Văn Bình"].country == "VN"
    assert p["David Brown"].country == "CA"
    assert any("Bộ trưởng Quốc phòng" in r for r in p["David Brown"].roles)


def test_a_chain_whose_nationality_ends_it_still_gives_the_name_its_country():
    text = ("Phó Thủ tướng gặp Bộ trưởng Ngoại giao Lào\n"
            "Chiều 5/6, Phó Thủ tướng Trần Văn Cường đã gặp Phó Thủ tướng, Bộ trưởng Ngoại giao Lào "
            "Bounsy Vongsa tại Hà Nội.")
    p = persons(text, "2024-06-06")
    assert p["Bounsy Vongsa"].country == "LA"
    assert p["Bounsy Vongsa"].roles == ["Phó Thủ tướng", "Bộ trưởng Ngoại giao"]


def test_ambassadors_listed_before_presenting_credentials_each_make_a_call_in_the_host_country():
    text = ("Chủ tịch nước nhận Quốc thư\n"
            "Sáng 4/3, Đại sứ Chile Pablo Rojas, Đại sứ Ba Lan Adam Nowak và Đại sứ Kenya Peter Otieno đã "
            "lần lượt trình Quốc thư lên Chủ tịch nước Lê Minh Tâm.")
    evs = events(text, "2022-03-04")
    calls = {next(p.name for p in e.participants if p.country != "VN"): e for e in evs}
    assert set(calls) == {"Pablo Rojas", "Adam Nowak", "Peter Otieno"}
    for e in calls.values():
        assert e.kind == "courtesy_call" and e.date == "2022-03-04"
        assert [p.name for p in e.participants if p.country == "VN"] == ["Lê Minh Tâm"]
        assert e.location is not None and e.location.country == "VN"


def test_credentials_go_to_the_receiver_after_len_not_to_the_sender_of_the_letters():
    text = ("Đại sứ trình Quốc thư\n"
            "Ngày 2/5, Đại sứ Việt Nam tại Brazil Trần Thu Hà đã trình Quốc thư của Chủ tịch nước Lê Minh Tâm "
            "lên Tổng thống Brazil Ana Costa.")
    (e,) = events(text, "2023-05-03")
    assert {p.name for p in e.participants} == {"Trần Thu Hà", "Ana Costa"}
    assert e.location is not None and e.location.country == "BR"


def test_a_foreign_leaders_message_with_no_named_recipient_is_the_senders_event():
    text = ("Lãnh đạo các nước chia buồn\n"
            "Tổng thống Kenya Peter Otieno đã gửi thông điệp chia buồn tới nhân dân Việt Nam về thiệt hại do "
            "lũ lụt gây ra.")
    (e,) = events(text, "2024-09-12")
    assert e.kind == "message" and [p.name for p in e.participants] == ["Peter Otieno"]


def test_initials_and_long_names_with_particles_stay_whole():
    text = ("Tham khảo chính trị\n"
            "Thứ trưởng Ngoại giao Hà Kim Ngọc và Quốc vụ khanh Bộ Ngoại giao Mông Cổ B. Batbayar đã gặp nhau. "
            "Đại sứ Bồ Đào Nha João Maria de Sousa e Castro Lopes cũng có mặt.")
    p = persons(text)
    assert "B. Batbayar" in p and p["B. Batbayar"].country == "MN"
    assert "João Maria de Sousa e Castro Lopes" in p


def test_a_three_word_name_inside_a_longer_one_is_another_person():
    text = ("Điện mừng Quốc khánh\n"
            "Quốc vương Saudi Arabia Salman bin Abdulaziz Al-Saud và Thái tử Mohammed bin Salman bin Abdulaziz "
            "Al-Saud đã gửi điện mừng tới Chủ tịch nước Lê Minh Tâm.")
    p = persons(text)
    assert p["Salman bin Abdulaziz Al-Saud"].roles == ["Quốc vương"]
    assert p["Mohammed bin Salman bin Abdulaziz Al-Saud"].roles == ["Thái tử"]


def test_a_reception_with_no_place_is_in_the_hosts_country_unless_the_host_travels():
    home = ("Phó Thủ tướng tiếp Đại sứ Peru\n"
            "Chiều 7/8, Phó Thủ tướng Trần Văn Cường đã tiếp Đại sứ Peru Carlos Mendoza.")
    (e,) = events(home, "2023-08-08")
    assert e.location is not None and e.location.country == "VN"
    abroad = ("Phó Thủ tướng thăm Peru\n"
              "Từ ngày 5 đến 9/8, Phó Thủ tướng Trần Văn Cường thăm chính thức Peru. "
              "Chiều 7/8, Phó Thủ tướng Trần Văn Cường đã tiếp Chủ tịch Hạ viện Peru Luis Vargas.")
    rec = next(e for e in events(abroad, "2023-08-10") if e.kind == "reception")
    assert rec.location is None or rec.location.country == "PE"


def test_an_interaction_with_no_day_of_its_own_takes_the_month_of_the_date_line_not_its_day():
    text = ("Bộ trưởng Ngoại giao hội đàm với người đồng cấp Peru\n"
            "Bộ trưởng Ngoại giao Hà Văn Lâm đã hội đàm với Bộ trưởng Ngoại giao Peru Luis Vargas tại Lima.")
    (e,) = events(text, "2023-08-10")
    assert e.date == "2023-08"
    (undated,) = events(text)
    assert undated.date is None


def test_a_middle_name_that_is_also_a_country_word_stays_in_the_name():
    text = ("Quan hệ hai nước\n"
            "Ông nhắc lại chuyến thăm Cuba năm ngoái của Chủ tịch Quốc hội Trần Đức Lương.")
    p = persons(text)
    assert "Trần Đức Lương" in p and p["Trần Đức Lương"].country == "VN"
    (e,) = events(text)
    assert e.kind == "visit" and e.location.country == "CU"
    assert [x.name for x in e.participants] == ["Trần Đức Lương"]


def test_the_two_leaders_as_subject_are_the_sides_the_article_named():
    text = ("Chủ tịch nước hội đàm với Tổng thống Peru\n"
            "Sáng 9/5, Chủ tịch nước Lê Minh Tâm chủ trì lễ đón Tổng thống Peru Ana Flores tại Phủ Chủ tịch. "
            "Sau lễ đón, hai nhà lãnh đạo Việt Nam và Peru đã bước vào hội đàm.")
    evs = events(text, "2024-05-10")
    talks = [e for e in evs if e.kind == "talks"]
    assert len(talks) == 1
    assert {p.name for p in talks[0].participants} == {"Lê Minh Tâm", "Ana Flores"}


def test_a_signing_the_two_leaders_witness_is_an_event_apart_from_their_talks():
    text = ("Thủ tướng hội đàm với Thủ tướng Peru\n"
            "Chiều 3/6, Thủ tướng Trần Văn Cường hội đàm với Thủ tướng Peru Luis Vargas. "
            "Sau hội đàm, Thủ tướng Trần Văn Cường và Thủ tướng Luis Vargas chứng kiến lễ ký các văn kiện hợp tác.")
    kinds = sorted(e.kind for e in events(text, "2024-06-04"))
    assert kinds == ["signing", "talks"]


def test_a_call_named_as_a_noun_then_a_main_clause_with_both_sides():
    text = ("Điện đàm cấp cao\n"
            "Tại cuộc điện đàm, Chủ tịch nước Lê Minh Tâm mời Tổng thống Kenya Peter Otieno thăm Việt Nam.")
    (e,) = events(text)
    assert e.kind == "phone_call"
    assert {p.name for p in e.participants} == {"Lê Minh Tâm", "Peter Otieno"}


def test_online_exchanges_with_listed_counterparts_are_one_call_each():
    text = ("Bộ trưởng trao đổi trực tuyến\n"
            "Chiều 2/4, Bộ trưởng Ngoại giao Hà Văn Lâm đã có các cuộc trao đổi trực tuyến với Bộ trưởng Ngoại giao "
            "Chile Pablo Rojas; Bộ trưởng Ngoại giao Kenya Peter Otieno.")
    evs = events(text, "2021-04-03")
    assert sorted(next(p.name for p in e.participants if p.country != "VN") for e in evs) == [
        "Pablo Rojas", "Peter Otieno"]
    assert all(e.kind == "phone_call" and e.date == "2021-04-02" for e in evs)


def test_a_delegation_led_by_a_named_head_makes_the_heads_visit_with_the_hosts_met():
    text = ("Đoàn đại biểu tỉnh thăm Lào\n"
            "Sáng 12/5, Đoàn đại biểu tỉnh Nghệ An do đồng chí Lê Quang Huy, Bí thư Tỉnh ủy làm Trưởng đoàn "
            "đã tới Viêng Chăn, bắt đầu chuyến thăm chính thức Lào theo lời mời của Phó Thủ tướng Lào Bounsy Vongsa. "
            "Chiều cùng ngày, Bí thư Tỉnh ủy Lê Quang Huy hội đàm với Phó Thủ tướng Bounsy Vongsa.")
    evs = events(text, "2024-05-13")
    visit = next(e for e in evs if e.kind == "visit")
    assert visit.location.country == "LA" and visit.date == "2024-05-12"
    assert [p.name for p in visit.participants] == ["Lê Quang Huy", "Bounsy Vongsa"]
    assert any(e.kind == "talks" for e in evs)


def test_a_visit_that_names_no_host_takes_the_first_counterpart_met_there():
    text = ("Bộ trưởng thăm Chile\n"
            "Từ ngày 3 đến 5/6, Bộ trưởng Ngoại giao Hà Văn Lâm thăm chính thức Chile. "
            "Ngày 3/6, Bộ trưởng Hà Văn Lâm hội đàm với Bộ trưởng Ngoại giao Chile Pablo Rojas. "
            "Ngày 4/6, Bộ trưởng Hà Văn Lâm chào xã giao Tổng thống Chile Ana Soto.")
    visit = next(e for e in events(text, "2024-06-06") if e.kind == "visit")
    assert [p.name for p in visit.participants] == ["Hà Văn Lâm", "Pablo Rojas"]


def test_co_chairs_each_with_an_apposed_title_both_take_part():
    text = ("Khóa họp Ủy ban liên Chính phủ\n"
            "Phó Thủ tướng Hoàng Văn Hải, Chủ tịch Phân ban Việt Nam và Phó Thủ tướng thứ nhất Igor Petrov, "
            "Chủ tịch Phân ban Nga cùng chủ trì phiên họp toàn thể hôm nay (6/9).")
    (e,) = events(text, "2014-09-06")
    assert e.kind == "conference" and e.date == "2014-09-06"
    roles = {p.name: p.role for p in e.participants}
    assert roles == {"Hoàng Văn Hải": "Phó Thủ tướng, Chủ tịch Phân ban Việt Nam",
                     "Igor Petrov": "Phó Thủ tướng thứ nhất, Chủ tịch Phân ban"}


def test_a_session_held_under_the_co_chairmanship_of_two_ministers():
    text = ("Kỳ họp Ủy ban Hỗn hợp\n"
            "Kỳ họp lần thứ 9 Ủy ban Hỗn hợp Việt Nam - Lào diễn ra dưới sự đồng chủ trì của Bộ trưởng Ngoại giao "
            "Hà Văn Lâm và Bộ trưởng Ngoại giao Lào Bounsy Vongsa.")
    (e,) = events(text, "2025-11-29")
    assert e.kind == "conference" and e.occasion == "Kỳ họp lần thứ 9 Ủy ban Hỗn hợp Việt Nam - Lào"
    assert {p.name: p.country for p in e.participants} == {"Hà Văn Lâm": "VN", "Bounsy Vongsa": "LA"}


def test_a_greeting_passed_on_is_not_a_call():
    text = ("Đại sứ trình Quốc thư\n"
            "Đại sứ Hà Thu Trang đã chuyển lời chào của Chủ tịch nước Lê Minh Tâm tới Tổng thống Kenya Peter Otieno.")
    assert not [e for e in events(text) if e.kind == "courtesy_call"]


def test_speaking_at_the_reception_is_not_a_conference_of_its_own():
    text = ("Thủ tướng tiếp Toàn quyền Canada\n"
            "Chiều 10/9, Thủ tướng Trần Văn Cường tiếp Toàn quyền Canada Mary Simon. "
            "Thủ tướng Trần Văn Cường phát biểu tại cuộc tiếp Toàn quyền Mary Simon.")
    evs = events(text, "2025-09-11")
    assert [e.kind for e in evs] == ["reception"]


def test_a_visit_named_as_a_noun_is_the_occasion_of_what_happened_there_unless_told_as_past():
    during = ("Thủ tướng Lào tiếp Bộ trưởng Công an\n"
              "Ngày 10/2, Thủ tướng Lào Bounsy Vongsa tiếp Bộ trưởng Bộ Công an Lê Văn Bình tại Viêng Chăn. "
              "Thủ tướng Bounsy Vongsa đánh giá cao chuyến thăm Lào của Bộ trưởng Lê Văn Bình.")
    evs = events(during, "2020-02-11")
    assert [e.kind for e in evs] == ["reception"]
    past = ("Quan hệ hai nước\n"
            "Ông nhắc lại chuyến thăm Lào mới đây của Bộ trưởng Lê Văn Bình.")
    (v,) = events(past)
    assert v.kind == "visit" and v.location.country == "LA"


def test_a_delegations_head_may_stand_after_a_bracket_and_a_comma():
    text = ("Tiếp đoàn tỉnh bạn\n"
            "Chiều 23/1, Phó Chủ tịch UBND tỉnh Lê Thị Hoa đã tiếp đoàn đại biểu tỉnh Kandal (Vương quốc "
            "Campuchia), do ngài Hak Sokha, Phó Tỉnh trưởng tỉnh Kandal dẫn đầu.")
    (e,) = events(text, "2024-01-24")
    assert e.kind == "reception"
    assert {p.name: p.country for p in e.participants} == {"Lê Thị Hoa": "VN", "Hak Sokha": "KH"}


def test_the_two_prime_ministers_co_chairing_a_session_are_both_named_from_context():
    text = ("Thủ tướng hội đàm với Thủ tướng Lào\n"
            "Ngày 8/1, Thủ tướng Trần Văn Cường hội đàm với Thủ tướng Lào Bounsy Vongsa. "
            "Sau đó, hai Thủ tướng đồng chủ trì Kỳ họp lần thứ 47 Ủy ban liên Chính phủ Việt Nam - Lào.")
    conf = [e for e in events(text, "2020-01-09") if e.kind == "conference"]
    assert len(conf) == 1 and {p.name for p in conf[0].participants} == {"Trần Văn Cường", "Bounsy Vongsa"}


def test_a_date_in_brackets_closing_an_earlier_clause_is_not_the_next_events():
    text = ("Quan hệ hai nước\n"
            "Tiếp xúc cấp cao được duy trì: Thủ tướng Trần Văn Cường điện đàm với Thủ tướng Lào Bounsy Vongsa "
            "(tháng 9.2021), Chủ tịch nước Lê Minh Tâm hội kiến Thủ tướng Bounsy Vongsa ngày 4/11/2021.")
    evs = {e.kind: e for e in events(text)}
    assert evs["phone_call"].date == "2021-09"
    assert evs["courtesy_call"].date == "2021-11-04"


def test_an_undated_event_without_a_date_line_stays_undated_whatever_else_the_text_dates():
    text = ("Thủ tướng hội đàm với Thủ tướng Lào\n"
            "Ngày 12/3/2021, hai nước ký Hiệp định thương mại. "
            "Thủ tướng Trần Văn Cường đã hội đàm với Thủ tướng Lào Bounsy Vongsa tại Viêng Chăn.")
    (e,) = [e for e in events(text) if e.kind == "talks"]
    assert e.date is None


def test_the_two_leaders_with_no_earlier_interaction_are_the_first_two_sides_named():
    text = ("Lễ đón Tổng thống Peru\n"
            "Chủ tịch nước Lê Minh Tâm chủ trì lễ đón Tổng thống Peru Ana Flores tại Phủ Chủ tịch. "
            "Lãnh đạo hai nước sau đó bước vào cuộc hội đàm.")
    talks = [e for e in events(text, "2023-11-23") if e.kind == "talks"]
    assert len(talks) == 1 and {p.name for p in talks[0].participants} == {"Lê Minh Tâm", "Ana Flores"}


def test_words_fused_by_a_lost_space_are_read_apart():
    from vndiplo.extract.tokens import tokenize
    assert [t.text for t in tokenize("Bộ trưởng Ngoại giaoLê Văn An")] == [
        "Bộ", "trưởng", "Ngoại", "giao", "Lê", "Văn", "An"]
    assert [t.text for t in tokenize("TTXVNSáng 5/6")][:2] == ["TTXVN", "Sáng"]
    assert [t.text for t in tokenize("Todd McClay và iPhone")] == ["Todd", "McClay", "và", "iPhone"]
    p = persons("Tin\nPhó Thủ tướng Trần Văn CườngChủ tịch nước Lê Minh Tâm đã tiếp Đại sứ.")
    assert "Trần Văn Cường" in p


def test_a_family_name_in_capitals_is_part_of_the_name():
    p = persons("Tin\nNgày 3/5, Ngài SATO Kenji, Tổng Lãnh sự Nhật Bản tại Đà Nẵng đã chào xã giao lãnh đạo tỉnh.")
    assert "SATO Kenji" in p and p["SATO Kenji"].country == "JP"
    assert "ASEAN Việt Nam" not in persons("Tin\nQuyền Trưởng SOM ASEAN Việt Nam Trần Hà dẫn đầu đoàn.")


def test_the_late_and_names_inside_monuments_and_places_are_not_actors():
    text = ("Tin\nĐoàn đã viếng Lăng Chủ tịch Hồ Chí Minh và thăm quê Cố Thủ tướng Phạm Văn Sơn. "
            "Tổng Lãnh sự Nhật Bản tại Thành phố Hồ Chí Minh Sato Kenji dự lễ. "
            "Cố vấn An ninh Quốc gia Hoa Kỳ John Miller cũng có mặt.")
    p = persons(text)
    assert "Hồ Chí Minh" not in p and "Phạm Văn Sơn" not in p
    assert "Sato Kenji" in p and "John Miller" in p


def test_relation_frameworks_met_in_real_articles():
    from vndiplo.records import Relation
    text = ("Tin\nHai bên nhất trí làm sâu sắc hơn quan hệ hữu nghị đặc biệt, hợp tác toàn diện giữa Việt Nam và Lào. "
            "Việt Nam và Nhật Bản là Đối tác chiến lược sâu rộng vì hòa bình và phồn vinh ở châu Á.")
    rel = {(tuple(f.parties), f.level) for f in extract(text) if isinstance(f, Relation)}
    assert (("LA", "VN"), "special_relationship") in rel
    assert (("JP", "VN"), "strategic_partnership") in rel


def test_each_event_date_says_how_it_was_known():
    from vndiplo.records import validate_record
    met = "Bộ trưởng Ngoại giao Hà Văn Lâm gặp Bộ trưởng Ngoại giao Lào Bounsy Vongsa."
    cases = [("Tin\nChiều 8/7, " + met, "2025-07-09", "2025-07-08", "date_line"),
             # a year the body cites is another time, not the event's: unknown
             ("Tin\nNăm 2019 hai nước ký hiệp định. Chiều 8/7, " + met, None, None, None),
             # a day the text writes whole gives its year to the text's other days
             ("Tin\nNgày 7/7/2019 đoàn tới Viêng Chăn. Chiều 8/7, " + met, None, "2019-07-08", "inferred_year"),
             ("Tin\nNgày 8/7/2024, " + met, None, "2024-07-08", "text"),
             ("Tin\n" + met, "2025-07-09", "2025-07", "date_line_month"),
             ("Tin\n" + met, None, None, None)]
    for text, published, date, basis in cases:
        (e,) = events(text, published)
        assert (e.date, e.date_basis) == (date, basis), text
        assert validate_record(e.to_record("d")) == []


def test_a_past_visit_told_as_visitor_then_host_is_an_event_with_its_relative_month():
    text = ("Quan hệ hai nước\n"
            "Trong chuyến thăm của Thủ tướng Trần Văn Cường tới Vương quốc Anh hồi tháng 3 năm ngoái, "
            "hai bên đã ký Tuyên bố chung.")
    (v,) = [e for e in events(text, "2009-05-02") if e.kind == "visit"]
    assert v.location.country == "GB" and v.date == "2008-03"
    assert [p.name for p in v.participants] == ["Trần Văn Cường"]


def test_a_further_predicate_after_a_comma_shares_the_sentence_subject():
    text = ("Chủ tịch Quốc hội dự IPU\n"
            "Ngày 6/4, Chủ tịch Quốc hội Lê Thị Hoa và Đoàn đại biểu cấp cao Quốc hội Việt Nam đến Doha, "
            "tham dự Đại hội đồng lần thứ 140 Liên minh Nghị viện thế giới.")
    (e,) = events(text, "2019-04-07")
    assert e.kind == "conference" and [p.name for p in e.participants] == ["Lê Thị Hoa"]
    assert e.occasion.startswith("Đại hội đồng lần thứ 140")


def test_an_eth_typed_for_d_is_read_as_d_and_names_keep_the_texts_spelling():
    text = "Tin\nChủ tịch nước Lê Ðức Tâm hội đàm với Tổng thống Ấn Ðộ Ravi Kumar tại Hà Nội."
    p = persons(text)
    assert p["Ravi Kumar"].country == "IN"
    assert "Lê Ðức Tâm" in p and p["Lê Ðức Tâm"].country == "VN"
    (e,) = events(text)
    assert "Ấn Ðộ" in e.evidence  # the evidence quotes the text as written


def test_a_country_named_after_an_organisation_is_the_nationality():
    p = persons("Tin\nQuyền Trưởng SOM ASEAN Việt Nam Trần Thu Hà dẫn đầu đoàn dự hội nghị.")
    assert p["Trần Thu Hà"].country == "VN"


def test_one_foreign_name_spelt_two_ways_in_an_article_is_one_person():
    text = ("Tin\nThủ tướng Lào Bounthong Sisoulath tiếp Bộ trưởng Lê Văn Bình. "
            "Thủ tướng Bounthông Sisulath đánh giá cao kết quả chuyến thăm.")
    p = persons(text)
    assert len([n for n in p if n.startswith("Bounth")]) == 1
    assert next(v for n, v in p.items() if n.startswith("Bounth")).country == "LA"
    # two Vietnamese names that differ in one syllable stay two persons
    q = persons("Tin\nThứ trưởng Nguyễn Văn Nam và Thứ trưởng Nguyễn Văn Năm cùng dự.")
    assert {"Nguyễn Văn Nam", "Nguyễn Văn Năm"} <= set(q)


def test_a_plan_stays_a_plan_in_the_clause_that_goes_on_from_it():
    text = ("Ngoại trưởng Trung Quốc thăm Việt Nam\n"
            "Ông Vương Minh cũng dự kiến chào Chủ tịch nước Lê Minh Tâm, cũng như hội đàm với Bộ trưởng Ngoại giao "
            "Hà Văn Lâm.")
    assert events(text) == []


def test_an_envoy_touring_a_province_makes_no_visit_but_the_call_there_counts():
    text = ("Tin\nNgày 18/5, Đại sứ Lào tại Việt Nam Bounsy Vongsa đến thăm và làm việc tại tỉnh Lạng Sơn. "
            "Phó Chủ tịch UBND tỉnh Lê Thị Hoa đã tiếp Đại sứ Bounsy Vongsa.")
    kinds = [e.kind for e in events(text, "2023-05-19")]
    assert "visit" not in kinds and "reception" in kinds


def test_an_occasion_cue_before_the_subject_of_a_visit_names_an_occasion():
    text = ("Thủ tướng tiếp Toàn quyền Australia\n"
            "Chiều 10/9, Thủ tướng Trần Văn Cường tiếp Toàn quyền Australia Mary Brown, nhân dịp Toàn quyền thăm "
            "cấp nhà nước tới Việt Nam.")
    assert [e.kind for e in events(text, "2025-09-11")] == ["reception"]


def test_an_event_an_institution_holds_takes_its_sides_from_the_attendees_listed():
    text = ("Gặp mặt hữu nghị\n"
            "Ngày 27/10, tại Hà Nội, Hội hữu nghị Việt Nam - Peru tổ chức gặp mặt hữu nghị nhân dịp Quốc khánh Peru.\n"
            "Tham dự sự kiện có Chủ tịch Liên hiệp các tổ chức hữu nghị Việt Nam Lê Thị Hoa, Đại sứ Peru tại "
            "Việt Nam Carlos Mendoza và Đại sứ Chile Pablo Rojas.")
    evs = events(text, "2022-10-28")
    assert sorted(next(p.name for p in e.participants if p.country != "VN") for e in evs) == [
        "Carlos Mendoza", "Pablo Rojas"]
    assert all(e.kind == "meeting" and "Lê Thị Hoa" in [p.name for p in e.participants] for e in evs)


def test_a_held_dialogue_takes_the_heads_of_delegation_named_after_it():
    text = ("Đối thoại chiến lược\n"
            "Australia và Việt Nam tổ chức Đối thoại Chiến lược quan chức cấp cao tại Hà Nội ngày 21/11/2015.\n"
            "Đoàn Australia do ông Peter Jones, Thứ trưởng Bộ Ngoại giao và Thương mại làm trưởng đoàn. "
            "Trưởng đoàn phía Việt Nam là Thứ trưởng Bộ Ngoại giao Hà Văn Lâm.")
    (e,) = events(text)
    assert e.kind == "conference" and e.occasion.startswith("Đối thoại Chiến lược")
    assert {p.name for p in e.participants} == {"Peter Jones", "Hà Văn Lâm"}
    assert e.date == "2015-11-21"


def test_a_ceremony_held_with_nobody_named_is_no_event():
    text = "Tin\nTối 23/9, Tổng Lãnh sự quán Peru tại Đà Nẵng tổ chức lễ kỷ niệm Quốc khánh Peru."
    assert events(text, "2025-09-24") == []


def test_further_predicates_after_commas_share_the_subject_not_the_object_before_them():
    text = ("Chủ tịch Quốc hội thăm Thái Lan\n"
            "Chiều 3/12, Chủ tịch Quốc hội Nguyễn Văn An hội kiến Thủ tướng Thái Lan Somchai Wong, hội đàm với "
            "Chủ tịch Quốc hội Thái Lan Chuan Leek.")
    evs = {e.kind: e for e in events(text, "2012-12-04")}
    assert {p.name for p in evs["talks"].participants} == {"Nguyễn Văn An", "Chuan Leek"}
    assert {p.name for p in evs["courtesy_call"].participants} == {"Nguyễn Văn An", "Somchai Wong"}


def test_a_bare_title_as_subject_carries_to_the_predicates_after_it():
    text = ("Phó Thủ tướng thăm Hy Lạp\n"
            "Phó Thủ tướng Trần Văn Cường thăm chính thức Hy Lạp. Trong thời gian chuyến thăm, Phó Thủ tướng ta "
            "đã hội đàm với Bộ trưởng Ngoại giao Hy Lạp Nikos Dendias, tiếp kiến Tổng thống Hy Lạp Maria Sakella, "
            "Thủ tướng Hy Lạp Kostas Pappas.")
    evs = [e for e in events(text, "2009-06-24") if e.kind != "visit"]
    assert sorted((e.kind, next(p.name for p in e.participants if p.country == "GR")) for e in evs) == [
        ("reception", "Kostas Pappas"), ("reception", "Maria Sakella"), ("talks", "Nikos Dendias")]
    assert all("Trần Văn Cường" in [p.name for p in e.participants] for e in evs)


def test_a_place_fused_to_the_title_before_it_is_still_the_place():
    p = persons("Tin\nÔng Hy Tuệ, Tổng Lãnh sựTrung Quốc tại Đà Nẵng, cho biết kế hoạch.")
    assert "Trung Quốc" not in p


def test_an_acronym_before_a_country_is_no_family_name():
    p = persons("Tin\nChủ tịch Ủy ban MTTQ Việt Nam thành phố Lê Văn Trung tặng quà lưu niệm.")
    assert "Lê Văn Trung" in p and not any(n.startswith("MTTQ") for n in p)


def test_a_conference_named_in_full_and_by_its_head_noun_is_one_event():
    text = ("Hội nghị các tỉnh biên giới\n"
            "Trong khuôn khổ Hội nghị, Phó Thủ tướng Trần Văn Cường cùng Phó Thủ tướng Campuchia Sok Chenda đồng "
            "chủ trì Hội nghị.\n"
            "Chiều 28/11, Phó Thủ tướng Trần Văn Cường và Phó Thủ tướng Campuchia Sok Chenda đồng chủ trì Hội nghị "
            "Hợp tác và phát triển các tỉnh biên giới Việt Nam - Campuchia lần thứ 13.")
    conf = [e for e in events(text, "2025-11-29") if e.kind == "conference"]
    assert len(conf) == 1 and conf[0].occasion.endswith("lần thứ 13")


def test_a_welcomed_guests_attendance_and_a_guard_of_honour_are_no_conferences():
    text = ("Thủ tướng gặp Thủ tướng Campuchia\n"
            "Tại cuộc gặp, Thủ tướng Campuchia Hun Manet chào mừng Thủ tướng Trần Văn Cường sang Campuchia dự Hội "
            "nghị Ủy hội Mekong quốc tế. Hai Bộ trưởng duyệt Đội danh dự Công an Lào.")
    assert not [e for e in events(text) if e.kind == "conference"]


def test_an_undated_interaction_told_after_a_visit_by_the_visitor_is_in_the_host_country():
    text = ("Tổng thống Chile thăm Việt Nam\n"
            "Tổng thống Chile Ana Soto thăm cấp Nhà nước Việt Nam. Chủ tịch nước Lê Minh Tâm hội đàm với Tổng thống "
            "Ana Soto. Hai nhà lãnh đạo chứng kiến lễ ký các văn kiện hợp tác.")
    evs = [e for e in events(text) if e.kind != "visit"]
    assert evs and all(e.location is not None and e.location.country == "VN" for e in evs)
    # told before the visit and dated outside it: unplaced
    before = ("Tin\nNăm 2019, Chủ tịch nước Lê Minh Tâm hội đàm với Tổng thống Chile Ana Soto. "
              "Tháng 3/2024, Tổng thống Chile Ana Soto thăm Việt Nam.")
    talks = next(e for e in events(before) if e.kind == "talks")
    assert talks.location is None


def test_a_title_after_a_dash_is_the_persons():
    p = persons("Tin\nNgày 11/11/2019, ông SATO Kenji – Tổng Lãnh sự Nhật Bản tại Thành phố Hồ Chí Minh, đã đến "
                "thăm tỉnh Đồng Tháp và hội đàm với ông Lê Văn Dương - Chủ tịch Ủy ban Nhân dân Tỉnh.")
    assert p["SATO Kenji"].country == "JP" and p["SATO Kenji"].roles
    assert p["Lê Văn Dương"].roles == ["Chủ tịch Ủy ban Nhân dân Tỉnh"]


def test_a_known_person_named_without_a_title_keeps_the_texts_spelling():
    # persons.tsv knows "Tập Cận Bình" with the alias "Xi Jinping": the table gives the country, the
    # text the name
    p = persons("Tin\nÔng cho biết Xi Jinping sẽ dự hội nghị vào tháng tới.")
    assert "Xi Jinping" in p and p["Xi Jinping"].country == "CN"


def test_a_day_that_opens_a_sentence_dates_its_later_semicolon_clauses():
    text = ("Lãnh đạo Việt Nam gửi thư mừng Quốc khánh Peru\n"
            "Nhân dịp Quốc khánh Peru, ngày 28/7, Chủ tịch nước Lê Minh Tâm đã gửi điện mừng tới Tổng thống "
            "Peru Ana Flores; Thủ tướng Trần Văn Hải gửi điện mừng tới Thủ tướng Peru Luis Castro.")
    evs = events(text, "2023-07-29")
    dated = {next(p.name for p in e.participants if p.country != "VN"): e.date for e in evs}
    assert dated == {"Ana Flores": "2023-07-28", "Luis Castro": "2023-07-28"}


def test_an_undated_interaction_of_the_same_people_takes_the_day_the_narrative_set():
    text = ("Tổng thống Kenya thăm Việt Nam\n"
            "Sáng 14/5, Chủ tịch nước Lê Minh Tâm chủ trì lễ đón Tổng thống Kenya William Otieno tại Phủ Chủ tịch.\n"
            "Sau lễ đón, Chủ tịch nước Lê Minh Tâm hội đàm với Tổng thống William Otieno.\n"
            "Hai nhà lãnh đạo đã chứng kiến lễ ký ba văn kiện hợp tác.")
    evs = events(text, "2024-05-15")
    talks = [e for e in evs if e.kind == "talks"]
    assert talks and all(e.date == "2024-05-14" for e in talks)
    assert talks[0].date_basis == "context"


def test_a_day_cited_inside_a_sentence_does_not_date_the_next_interaction():
    # "ngày 2/4" dates the agreement, not the meeting told after it with no day
    text = ("Bộ trưởng Ngoại giao gặp người đồng cấp Chile\n"
            "Chiều 9/4, Bộ trưởng Ngoại giao Trần Văn Hải gặp Bộ trưởng Ngoại giao Chile Pablo Rojas.\n"
            "Hai bên hoan nghênh Hiệp định được ký tại Santiago ngày 2/4 giữa hai Chính phủ.\n"
            "Bộ trưởng Trần Văn Hải cũng đã tiếp Đại sứ Chile Ana Flores.")
    evs = events(text, "2024-04-10")
    rec = next(e for e in evs if any(p.name == "Ana Flores" for p in e.participants))
    assert rec.date in ("2024-04-09", "2024-04")


def test_a_predicate_after_a_comma_and_a_linking_verb_shares_the_subject():
    # "..., bắt đầu tham dự X và thăm chính thức Y": both predicates are the subject's
    text = ("Phó Chủ tịch nước tới Lima\n"
            "Phó Chủ tịch nước Lê Thị Hoa đã tới sân bay quốc tế, thủ đô Lima, bắt đầu tham dự Hội nghị "
            "Phụ nữ Thái Bình Dương lần thứ 5 (PWF 5) và thăm chính thức nước Cộng hòa Peru.")
    evs = events(text, "2021-05-03")
    kinds = {e.kind: e for e in evs}
    assert set(kinds) == {"conference", "visit"}
    assert [p.name for p in kinds["conference"].participants] == ["Lê Thị Hoa"]
    assert kinds["conference"].occasion == "Hội nghị Phụ nữ Thái Bình Dương lần thứ 5 (PWF 5)"
    assert kinds["visit"].location is not None and kinds["visit"].location.country == "PE"


def test_a_conference_named_by_its_bracketed_short_name_is_the_same_conference():
    text = ("Phó Chủ tịch nước dự PWF 5\n"
            "Phó Chủ tịch nước Lê Thị Hoa tới Lima, bắt đầu tham dự PWF 5.\n"
            "Sáng nay, Phó Chủ tịch nước Lê Thị Hoa tới Lima, bắt đầu tham dự Hội nghị Phụ nữ Thái Bình Dương "
            "lần thứ 5 (PWF 5).")
    confs = [e for e in events(text, "2021-05-03") if e.kind == "conference"]
    assert len(confs) == 1


def test_a_title_over_a_list_of_countries_is_one_side_per_country_named_later():
    text = ("Chủ tịch nước nhận Quốc thư\n"
            "Sáng 12/9 tại Phủ Chủ tịch, Chủ tịch nước Lê Văn Tâm tiếp Đại sứ các nước Peru, Chile và Kenya "
            "trình Quốc thư.\n"
            "Đại sứ Peru Ana Flores khẳng định sẽ thúc đẩy quan hệ hai nước.\n"
            "Về phần mình, Đại sứ Chile Pablo Rojas cho biết ưu tiên của ông là thương mại.")
    evs = events(text, "2019-09-13")
    pairs = {tuple(sorted(p.name for p in e.participants)): e for e in evs}
    assert set(pairs) == {("Ana Flores", "Lê Văn Tâm"), ("Lê Văn Tâm", "Pablo Rojas")}
    assert all(e.kind == "reception" and e.date == "2019-09-12" for e in pairs.values())


def test_leaders_who_witness_a_signing_take_part_in_it():
    text = ("Chủ tịch nước hội đàm với Tổng thống Peru\n"
            "Chiều 5/9, tại Lima, Chủ tịch nước Lê Văn An hội đàm với Tổng thống Peru Dina Ruiz.\n"
            "Hai nhà lãnh đạo đã chứng kiến Bộ trưởng Y tế Trần Văn Hải và Bộ trưởng Y tế Peru Ana Flores ký "
            "Bản ghi nhớ về hợp tác y tế.")
    (s,) = [e for e in events(text, "2023-09-06") if e.kind == "signing"]
    assert {p.name for p in s.participants} == {"Trần Văn Hải", "Ana Flores", "Lê Văn An", "Dina Ruiz"}
    assert s.date == "2023-09-05"


def test_a_witnessed_ceremony_is_the_signings_listed_after_it():
    text = ("Hai Thủ tướng chứng kiến lễ ký các văn kiện\n"
            "Sáng 2/6, tại Hà Nội, sau khi hội đàm, Thủ tướng Lê Văn Tâm và Thủ tướng Peru Luis Castro đã chứng "
            "kiến lễ ký kết các văn kiện hợp tác.\n"
            "Bộ trưởng Bộ Tài chính Trần Văn Hải và Bộ trưởng Kinh tế Peru Ana Flores ký Bản ghi nhớ về tài chính.\n"
            "Bộ trưởng Bộ Công Thương Nguyễn Văn Bình và Bộ trưởng Thương mại Peru Pablo Rojas ký Hiệp định "
            "thương mại.")
    evs = events(text, "2022-06-03")
    talks = [e for e in evs if e.kind == "talks"]
    assert len(talks) == 1 and {p.name for p in talks[0].participants} == {"Lê Văn Tâm", "Luis Castro"}
    signings = [e for e in evs if e.kind == "signing"]
    assert len(signings) == 2  # no third signing of the two Prime Ministers' own
    for s in signings:
        assert {"Lê Văn Tâm", "Luis Castro"} <= {p.name for p in s.participants}
        assert s.date == "2022-06-02"


def test_talks_a_province_holds_with_a_delegation_are_one_event_per_foreign_country_at_the_province():
    text = ("Cao Bằng hội đàm với các tỉnh của Lào\n"
            "Ngày 25-12, tỉnh Cao Bằng (Việt Nam) và đoàn đại biểu các tỉnh Bắc Lào tổ chức hội đàm.\n"
            "Dự hội đàm có ông Trần Văn Hải, Bí thư Tỉnh ủy Cao Bằng; ông Bounsy Vongsa, Tỉnh trưởng tỉnh "
            "Udomxay, Lào và ông Khamla Sone, Tỉnh trưởng tỉnh Phongsaly, Lào.")
    (t,) = [e for e in events(text, "2024-12-26") if e.kind == "talks"]
    assert {p.name for p in t.participants} == {"Trần Văn Hải", "Bounsy Vongsa", "Khamla Sone"}
    assert t.location is not None and t.location.country == "VN" and "Cao Bằng" in t.location.place


def test_a_gathering_held_with_guests_of_two_countries_is_one_event_per_country():
    text = ("Gặp mặt hữu nghị\n"
            "Ngày 27/10, tại Hà Nội, Hội hữu nghị Việt Nam - Peru tổ chức gặp mặt hữu nghị.\n"
            "Tham dự có bà Nguyễn Thị Lan, Chủ tịch Hội hữu nghị Việt Nam - Peru; Đại sứ Peru Ana Flores "
            "và Đại sứ Chile Pablo Rojas.")
    evs = [e for e in events(text, "2022-10-28") if e.kind == "meeting"]
    sides = sorted(tuple(sorted(p.name for p in e.participants)) for e in evs)
    assert sides == [("Ana Flores", "Nguyễn Thị Lan"), ("Nguyễn Thị Lan", "Pablo Rojas")]


def test_a_state_banquet_and_a_speech_at_the_ceremony_are_not_conferences():
    text = ("Chủ tịch nước chủ trì Quốc yến\n"
            "Tối 9/11, tại Hà Nội, Chủ tịch nước Lê Văn An chủ trì Quốc yến chào mừng Tổng thống Peru Dina Ruiz.\n"
            "Đại sứ Trần Văn Hải phát biểu tại buổi lễ.")
    assert [e for e in events(text, "2019-11-10") if e.kind == "conference"] == []


def test_a_headline_wording_of_a_session_merges_with_the_body_wording():
    text = ("Hai Thủ tướng đồng chủ trì kỳ họp Ủy ban liên Chính phủ\n"
            "Sáng 4/1, tại Hà Nội, Thủ tướng Lê Văn Tâm và Thủ tướng Lào Bounsy Vongsa đồng chủ trì Kỳ họp lần "
            "thứ 30 Ủy ban liên Chính phủ Việt Nam - Lào.")
    confs = [e for e in events(text, "2021-01-05") if e.kind == "conference"]
    assert len(confs) == 1 and {p.name for p in confs[0].participants} == {"Lê Văn Tâm", "Bounsy Vongsa"}


def test_attending_that_explains_why_a_guest_came_is_not_the_hosts_conference():
    text = ("Thủ tướng tiếp các trưởng đoàn\n"
            "Chiều 4/5, Thủ tướng Lê Văn Tâm đã tiếp Trưởng đoàn các nước dự Hội nghị thường niên lần thứ 9 "
            "của Diễn đàn Kinh tế Mekong tổ chức tại Hà Nội.")
    assert [e for e in events(text, "2021-05-05") if e.kind == "conference"] == []


def test_co_chairs_with_long_titles_naming_an_institution_after_a_person_are_both_sides():
    text = ("Hội thảo lý luận giữa hai Đảng\n"
            "Chiều 17/9, Đảng Cộng sản Việt Nam và Đảng NDCM Lào tổ chức Hội thảo lý luận lần thứ 9.\n"
            "Đồng chí Trần Văn Hải, Ủy viên Bộ Chính trị, Giám đốc Học viện Chính trị Quốc gia Hồ Chí Minh và "
            "đồng chí Bounsy Vongsa, Bí thư Trung ương Đảng, Trưởng ban Tuyên huấn Trung ương Đảng NDCM Lào "
            "đồng chủ trì hội thảo.")
    evs = events(text, "2021-09-18")
    (c,) = [e for e in evs if e.kind == "conference"]
    assert {(p.name, p.country) for p in c.participants} == {("Trần Văn Hải", "VN"), ("Bounsy Vongsa", "LA")}
    assert c.date == "2021-09-17"
    assert "Hồ Chí Minh" not in persons(text, "2021-09-18")


def test_a_foreign_name_with_no_nationality_takes_the_articles_one_foreign_country():
    text = ("Phó Thủ tướng thăm Hy Lạp\n"
            "Phó Thủ tướng Trần Văn Hải thăm chính thức Hy Lạp từ ngày 22 đến 24/6.\n"
            "Trong thời gian chuyến thăm, Phó Thủ tướng đã hội đàm với Bộ trưởng Ngoại giao Eleni Markou.\n"
            "Hai bên nhất trí tăng cường hợp tác giữa Việt Nam và Hy Lạp.")
    assert persons(text, "2009-06-25")["Eleni Markou"].country == "GR"


def test_old_hyphenated_spellings_of_country_names_are_countries():
    text = ("Chủ tịch Quốc hội hội kiến Thủ tướng Thái-lan\n"
            "Chiều 3-12, Chủ tịch Quốc hội Trần Văn Hải hội kiến Thủ tướng Thái-lan Xổm-xắc Pan-ya.")
    assert persons(text, "2012-12-04")["Xổm-xắc Pan-ya"].country == "TH"


def test_a_party_named_in_words_after_a_title_is_no_person():
    p = persons("Tin\nThủ tướng Lê Văn Tâm chúc mừng ngài Taro Sato được bầu làm Chủ tịch Đảng Tự do Dân chủ và "
                "giữ chức Thủ tướng. Chủ tịch Đảng Cánh tả Pierre Morel gửi thư.", "2021-01-01")
    assert "Tự do Dân" not in p and not any(n.startswith("Tự do") for n in p)
    assert "Pierre Morel" in p and p["Pierre Morel"].roles == ["Chủ tịch Đảng Cánh tả"]


def test_spelling_variants_and_abbreviations_inside_titles():
    p = persons("Tin\nChủ tịch Nhóm Nghị sỹ hữu nghị Việt Nam - Peru Trần Văn Hải tiếp Đại sứ. Ủy viên T.Ư Đảng, "
                "Bí thư Tỉnh ủy Lê Văn Bình dự.", "2021-01-01")
    assert set(p) == {"Trần Văn Hải", "Lê Văn Bình"}
    assert p["Trần Văn Hải"].roles == ["Chủ tịch Nhóm Nghị sỹ hữu nghị Việt Nam - Peru"]


def test_a_consort_listed_with_a_monarch_is_one_counterpart_with_them():
    text = ("Thủ tướng hội kiến Nhà vua Na Uy\n"
            "Sáng 2/11, Thủ tướng Lê Văn Tâm đã hội kiến với Nhà vua Harald Olsen và Hoàng hậu Sonja Olsen của Na Uy.")
    (e,) = events(text, "2011-11-03")
    assert e.kind == "courtesy_call"
    assert {p.name for p in e.participants} == {"Lê Văn Tâm", "Harald Olsen", "Sonja Olsen"}


def test_a_welcome_ceremony_is_the_guests_visit_to_the_host_country():
    text = ("Lễ đón Tổng thống Peru\n"
            "Sáng 9/11, Chủ tịch nước Lê Văn An chủ trì lễ đón chính thức Tổng thống Peru Dina Ruiz tại Phủ Chủ tịch.\n"
            "Tổng thống Dina Ruiz thăm cấp Nhà nước Việt Nam từ ngày 8 đến 10/11.")
    (v,) = [e for e in events(text, "2023-11-10") if e.kind == "visit"]
    assert {p.name for p in v.participants} == {"Dina Ruiz", "Lê Văn An"}
    assert v.location is not None and v.location.country == "VN"
    abroad = ("Lễ đón Tổng Bí thư tại Bắc Kinh\n"
              "Hãng tin đưa tin lễ đón Tổng Bí thư Trần Văn Hải tại Bắc Kinh, Trung Quốc.")
    (v,) = [e for e in events(abroad, "2015-04-08") if e.kind == "visit"]
    assert v.location.country == "CN" and [p.name for p in v.participants] == ["Trần Văn Hải"]


def test_past_visits_dated_in_brackets_are_one_visit_per_date_with_only_their_own_clauses_people():
    text = ("Quan hệ Việt Nam - Peru\n"
            "Hai nước thường xuyên trao đổi đoàn cấp cao như chuyến thăm Peru của Thủ tướng Lê Văn Tâm "
            "(11/2009, 4/2012); Tổng thống Peru Dina Ruiz thăm Việt Nam (2/2013).")
    visits = sorted((e.date, tuple(sorted(p.name for p in e.participants)), e.location.country)
                    for e in events(text, "2014-01-10") if e.kind == "visit")
    assert visits == [("2009-11", ("Lê Văn Tâm",), "PE"), ("2012-04", ("Lê Văn Tâm",), "PE"),
                      ("2013-02", ("Dina Ruiz",), "VN")]


def test_a_past_visit_of_a_bare_title_is_the_visit_of_the_one_holder_of_that_title():
    text = ("Tổng Bí thư tiếp Đại sứ Nga\n"
            "Chiều 8/12, Tổng Bí thư Trần Văn Hải tiếp Đại sứ Nga Ivan Petrov.\n"
            "Tổng Bí thư cảm ơn Đại sứ đã góp phần vào thành công của chuyến thăm chính thức Liên bang Nga vừa "
            "qua của Tổng Bí thư.")
    (v,) = [e for e in events(text, "2018-12-09") if e.kind == "visit"]
    assert [p.name for p in v.participants] == ["Trần Văn Hải"] and v.location.country == "RU"


def test_academic_abbreviations_introduce_a_name_and_a_visit_to_a_capital_is_a_visit_to_its_country():
    evs = events("Tin\nTrong ngày 10/3, Thủ tướng Lê Văn Tâm đã tiếp GS. Neil Quigley, Hiệu trưởng Đại học Lima, Peru.",
                 "2021-03-11")
    assert any({p.name for p in e.participants} == {"Lê Văn Tâm", "Neil Quigley"} for e in evs)
    evs = events("Tin\nChủ tịch nước Trần Văn Hải hôm nay viếng thăm thủ đô Colombo và gặp gỡ Tổng thống Sri Lanka "
                 "Mahinda Perera.", "2011-10-16")
    (v,) = [e for e in evs if e.kind == "visit"]
    assert v.location.country == "LK" and v.date == "2011-10-16"


def test_a_message_with_no_addressee_congratulates_the_person_its_occasion_names():
    text = ("Bộ trưởng gửi thư chúc mừng\n"
            "Nhân dịp ông Luis Castro được bổ nhiệm làm Ngoại trưởng Peru, ngày 27/1, Bộ trưởng Ngoại giao Trần "
            "Văn Hải đã gửi thư chúc mừng.")
    (m,) = events(text, "2021-01-28")
    assert m.kind == "message" and m.date == "2021-01-27"
    assert {(p.name, p.country) for p in m.participants} == {("Trần Văn Hải", "VN"), ("Luis Castro", "PE")}


def test_those_who_welcome_a_delegation_host_its_visit_and_receiving_then_working_is_a_reception():
    text = ("Đoàn tỉnh Cao Bằng thăm Quảng Tây\n"
            "Sáng 27/2, Đoàn đại biểu tỉnh Cao Bằng do đồng chí Trần Văn Hải, Bí thư Tỉnh ủy làm Trưởng đoàn bắt "
            "đầu chuyến thăm và làm việc tại Quảng Tây, Trung Quốc. Đón đoàn tại cửa khẩu có đồng chí Lý Minh, "
            "Phó Bí thư Thành ủy thành phố Sùng Tả, Quảng Tây, Trung Quốc.")
    (v,) = [e for e in events(text, "2024-02-28") if e.kind == "visit"]
    assert {p.name for p in v.participants} == {"Trần Văn Hải", "Lý Minh"}
    text = ("Lạng Sơn tiếp đoàn Đại sứ quán Lào\n"
            "Ngày 18/5, Phó Chủ tịch UBND tỉnh Đoàn Thu Hà tiếp, làm việc với Đại sứ Lào Bounsy Vongsa.")
    (r,) = events(text, "2023-05-19")
    assert r.kind == "reception"


def test_co_chairs_of_plural_activities_and_a_fronted_range_beats_a_year_inside_the_name():
    text = ("Giao lưu quốc phòng biên giới\n"
            "Từ ngày 19 đến 21-11, Đại tướng Trần Văn Hải, Bộ trưởng Bộ Quốc phòng Việt Nam và Thượng tướng Lý "
            "Minh, Bộ trưởng Bộ Quốc phòng Trung Quốc đồng chủ trì các hoạt động Giao lưu hữu nghị Quốc phòng "
            "biên giới lần thứ 5 năm 2018.")
    (c,) = events(text, "2018-11-19")
    assert c.kind == "conference" and c.date == "2018-11-19/2018-11-21"
    assert {p.name for p in c.participants} == {"Trần Văn Hải", "Lý Minh"}


def test_attendees_of_a_signing_held_by_a_province_are_its_participants():
    text = ("Tây Ninh ký kết hợp tác\n"
            "Ngày 3.11, UBND tỉnh Tây Ninh tổ chức lễ ký kết biên bản hợp tác với tỉnh Svay Rieng của Campuchia.\n"
            "Tham dự buổi ký kết có ông Trần Văn Hải, Bí thư Tỉnh ủy Tây Ninh và ông Hun Sokha, Tỉnh trưởng tỉnh "
            "Svay Rieng, Campuchia.")
    (s,) = [e for e in events(text, "2025-11-04") if e.kind == "signing"]
    assert {p.name for p in s.participants} == {"Trần Văn Hải", "Hun Sokha"} and s.date == "2025-11-03"


def test_an_interaction_noun_opening_the_sentence_takes_its_sides_past_a_thay_mat_phrase():
    text = ("Hội đàm cấp cao hai Quốc hội\n"
            "Bước vào cuộc hội đàm, thay mặt lãnh đạo Quốc hội Việt Nam, Chủ tịch Quốc hội Trần Văn Hải hoan "
            "nghênh Chủ tịch Quốc hội Lào Bounsy Vongsa.")
    (t,) = [e for e in events(text, "2021-12-07") if e.kind == "talks"]
    assert {p.name for p in t.participants} == {"Trần Văn Hải", "Bounsy Vongsa"}


def test_an_anniversary_marked_now_gives_an_undated_page_its_year_and_nhan_dip_nay_its_day():
    text = ("Thư mừng 30 năm quan hệ ngoại giao Việt Nam - Peru\n"
            "Nhân dịp kỷ niệm 30 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Peru (14/11/1994-14/11/2024), "
            "ngày 14/11, Chủ tịch nước Lê Văn An đã gửi thư mừng đến Tổng thống Peru Dina Ruiz.\n"
            "Nhân dịp này, Bộ trưởng Ngoại giao Trần Văn Hải đã gửi thư mừng đến Ngoại trưởng Peru Luis Castro.")
    evs = events(text)  # no date line
    assert sorted(e.date for e in evs) == ["2024-11-14", "2024-11-14"]
    assert all(e.date_basis in ("inferred_year", "context") for e in evs)
    # a mere citation of a past anniversary gives no year
    cited = ("Tin\nHai nước từng long trọng kỷ niệm 20 năm quan hệ (1994-2014). Chiều 8/7, Chủ tịch nước Lê Văn "
             "An tiếp Đại sứ Peru Luis Castro.")
    assert [e.date for e in events(cited)] == [None]


def test_a_title_of_a_bilateral_body_takes_the_side_after_phia_and_an_inviter_is_no_subject():
    text = ("Hội nghị trực tuyến hai Tổng thư ký\n"
            "Ngày 16/7, Thứ trưởng Bộ Ngoại giao Trần Văn Hải, Tổng thư ký Ủy ban chỉ đạo hợp tác song phương "
            "Việt Nam-Trung Quốc phía Việt Nam đã tiến hành hội nghị trực tuyến với Thứ trưởng Bộ Ngoại giao "
            "Trung Quốc, Tổng thư ký Ủy ban chỉ đạo hợp tác song phương Việt Nam-Trung Quốc phía Trung Quốc "
            "Lý Minh.")
    p = persons(text, "2021-07-17")
    assert p["Trần Văn Hải"].country == "VN" and p["Lý Minh"].country == "CN"
    (call,) = events(text, "2021-07-17")
    assert call.kind == "phone_call" and {x.name for x in call.participants} == {"Trần Văn Hải", "Lý Minh"}
    p = persons("Tin\nChủ tịch Nhóm Nghị sĩ hữu nghị Việt Nam - Thái Lan Phạm Văn Toàn phát biểu.", "2020-01-01")
    assert p["Phạm Văn Toàn"].country == "VN"
    text = ("Tin\nTừ ngày 24-28/9, nhận lời mời của Tổng Thư ký Liên hợp quốc Ban Ki-moon, Chủ tịch nước Trần "
            "Văn Hải đã tham dự Hội nghị Thượng đỉnh Liên hợp quốc.")
    (c,) = events(text, "2015-09-29")
    assert [x.name for x in c.participants] == ["Trần Văn Hải"]


def test_an_envoy_posted_abroad_hosting_a_dinner_receives_each_guest_in_the_country_of_the_post():
    text = ("Đại sứ quán mời cơm các Đại sứ\n"
            "Ngày 13/3/2019, Đại sứ Việt Nam tại Ukraina Trần Văn Hải đã tổ chức mời cơm đối ngoại Đại sứ Ấn Độ "
            "Partha Rao và phu nhân, Đại sứ Malaysia Raja Shah và phu nhân.")
    evs = events(text, "2019-03-14")
    assert sorted((e.kind, next(p.name for p in e.participants if p.country != "VN"), e.location.country)
                  for e in evs) == [("reception", "Partha Rao", "UA"), ("reception", "Raja Shah", "UA")]


def test_the_main_clause_subject_after_a_long_fronted_phrase_and_senders_with_a_lost_comma():
    text = ("Thứ trưởng hội đàm với Trợ lý Ngoại trưởng Trung Quốc\n"
            "Trong cuộc hội đàm với ông Lý Minh, Trợ lý Ngoại trưởng Trung Quốc, tại Hà Nội hồi tháng 9, Thứ "
            "trưởng Ngoại giao Trần Văn Hải khẳng định hai bên cần thúc đẩy hợp tác.")
    (t,) = events(text, "2023-10-01")
    assert {p.name for p in t.participants} == {"Trần Văn Hải", "Lý Minh"}
    text = ("Tin\nTiếp kiến Thứ trưởng Bộ Ngoại giao Mỹ David Hale đến chào xã giao, Phó Thủ tướng Phạm Văn "
            "Minh khẳng định quan hệ hai nước phát triển tốt.")
    (r,) = events(text, "2019-09-30")
    assert {p.name for p in r.participants} == {"Phạm Văn Minh", "David Hale"}
    text = ("Tin\nNgày 30-11, Tổng Bí thư Nguyễn Văn An, Chủ tịch nước Trần Văn Bình, Thủ tướng Lê Văn "
            "CườngChủ tịch Quốc hội Phạm Văn Dũng đã gửi điện mừng tới Chủ tịch nước Lào Bounsy Vongsa.")
    (m,) = events(text, "2015-12-01")
    assert {p.name for p in m.participants if p.country == "VN"} == {
        "Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"}


def test_a_headline_in_capitals_gives_its_names_and_titles_and_evidence_keeps_the_capitals():
    text = ("CHỦ TỊCH NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM TRẦN VĂN HẢI VIẾNG THĂM SRI LANKA\n"
            "Chủ tịch nước Trần Văn Hải hôm nay viếng thăm thủ đô Colombo và gặp Tổng thống Sri Lanka Mahinda Perera.")
    p = persons(text, "2011-10-16")
    assert "Trần Văn Hải" in p and "TRẦN VĂN HẢI" not in p
    assert p["Trần Văn Hải"].roles and p["Trần Văn Hải"].country == "VN"
    for f in extract(text, "2011-10-16"):
        assert text[f.span[0]:f.span[1]] == f.evidence
    from vndiplo.extract.casing import recase_capital_lines
    line = "TTXVN: PHÓ THỦ TƯỚNG PHẠM BÌNH MINH GẶP NGOẠI TRƯỞNG HOA KỲ"
    assert recase_capital_lines(line) == "TTXVN: Phó Thủ Tướng Phạm Bình Minh gặp Ngoại Trưởng Hoa Kỳ"
    assert recase_capital_lines("Một dòng bình thường.") == "Một dòng bình thường."


def test_a_national_day_marked_now_gives_an_undated_page_its_year():
    text = ("Điện mừng Quốc khánh Lào\n"
            "Nhân dịp kỷ niệm lần thứ 40 Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào (2-12), ngày 30-11, Chủ "
            "tịch nước Trần Văn Hải đã gửi điện mừng tới Chủ tịch nước Lào Bounsy Vongsa.")
    (m,) = events(text)
    assert m.date == "2015-11-30"


def test_kỷ_niệm_tròn_n_năm_is_an_anniversary():
    facts = extract("Tin\nNăm nay, Việt Nam và Peru kỷ niệm tròn 30 năm thiết lập quan hệ ngoại giao.", "2024-05-01")
    (a,) = [f for f in facts if f.type == "anniversary"]
    assert a.years == 30 and a.parties == ["PE", "VN"]


def test_receiving_credentials_and_a_call_on_a_guest_visiting_vietnam_take_place_in_vietnam():
    (c,) = events("Tin\nChiều 9/6, tại Phủ Chủ tịch, Chủ tịch nước Lê Văn An nhận Quốc thư của Đại sứ Peru Ana "
                  "Flores.", "2025-06-10")
    assert c.kind == "courtesy_call" and {p.name for p in c.participants} == {"Lê Văn An", "Ana Flores"}
    assert c.location.country == "VN"
    (k,) = events("Tin\nSáng 9/6, Chủ tịch Quốc hội Trần Văn Hải hội kiến Chủ tịch Hạ viện Peru Ana Flores đang "
                  "thăm chính thức Việt Nam.", "2025-06-10")
    assert k.kind == "courtesy_call" and k.location is not None and k.location.country == "VN"


def test_attending_someones_ceremony_takes_them_as_a_participant():
    (c,) = events("Tin\nChiều 9/6, Phó Chủ tịch nước Trần Thị Lan dự lễ nhậm chức của Tổng thống Peru Ana Flores.",
                  "2025-06-10")
    assert c.kind == "conference" and {p.name for p in c.participants} == {"Trần Thị Lan", "Ana Flores"}


def test_a_banquet_in_honour_of_a_guest_is_a_reception():
    (r,) = events("Tin\nTối 9/6, Thủ tướng Lê Văn Tâm và Phu nhân đã chủ trì tiệc chiêu đãi trọng thể Thủ tướng Peru "
                  "Luis Castro.", "2025-06-10")
    assert r.kind == "reception" and {p.name for p in r.participants} == {"Lê Văn Tâm", "Luis Castro"}


def test_those_listed_as_attending_a_call_take_part_in_it():
    (c,) = events("Điện đàm\nChiều 9/6, Bộ trưởng Ngoại giao Trần Văn Hải điện đàm với Ngoại trưởng Peru Luis Castro.\n"
                  "Tham dự điện đàm có Thứ trưởng Ngoại giao Lê Văn Bình.", "2025-06-10")
    assert {p.name for p in c.participants} == {"Trần Văn Hải", "Luis Castro", "Lê Văn Bình"}


def test_a_title_taken_by_appointment_and_a_lost_space_inside_a_title():
    p = persons("Tin\nNhân dịp ông Antony Blake được bổ nhiệm làm Ngoại trưởng Hoa Kỳ, Phó Thủ tướng Trần Văn Hải "
                "gửi thư chúc mừng. Phát biểu tại lễ, bà Hy Tuệ,Tổng Lãnh sựTrung Quốc tại Đà Nẵng cho biết.",
                "2021-01-28")
    assert p["Antony Blake"].roles == ["Ngoại trưởng"] and p["Antony Blake"].country == "US"
    assert p["Hy Tuệ"].roles == ["Tổng Lãnh sự Trung Quốc tại Đà Nẵng"]


def test_the_named_head_of_a_nameless_delegation_is_the_counterpart():
    (r,) = events("Tin\nNgày 9/6, Phó Chủ tịch Quốc hội Trần Văn Hải tiếp Đoàn Nghị sĩ hữu nghị Nhật Bản - Việt Nam "
                  "do Hạ nghị sĩ Takebe Tsutomu dẫn đầu.", "2025-06-10")
    assert r.kind == "reception" and {(p.name, p.country) for p in r.participants} == {
        ("Trần Văn Hải", "VN"), ("Takebe Tsutomu", "JP")}


def test_a_bare_title_attending_a_conference_is_the_articles_principal():
    text = ("Thủ tướng dự Hội nghị Cấp cao\n"
            "Chiều 26/10, tại Kuala Lumpur, Thủ tướng Lê Văn Tâm gặp Thủ tướng Thái Lan Anan Suk.\n"
            "Trước đó, sáng cùng ngày, Thủ tướng đã dự Lễ khai mạc Hội nghị Cấp cao ASEAN lần thứ 47.")
    (c,) = [e for e in events(text, "2025-10-27") if e.kind == "conference"]
    assert [p.name for p in c.participants] == ["Lê Văn Tâm"] and c.date == "2025-10-26"
    assert "Hội nghị Cấp cao ASEAN lần thứ 47" in c.occasion


def test_tai_buoi_tiep_with_one_side_named_takes_the_reported_counterpart_and_day():
    text = ("Tổng Lãnh sự Nhật Bản chào xã giao Liên hiệp các tổ chức hữu nghị\n"
            "Ngày 31 tháng 5 năm 2024, Ngài Sato Ken, tân Tổng Lãnh sự Nhật Bản tại Đà Nẵng đã đến chào xã giao "
            "Lãnh đạo Liên hiệp các tổ chức hữu nghị tỉnh.\n"
            "Tại buổi tiếp, ông Trần Văn Hải, Chủ tịch Liên hiệp các tổ chức hữu nghị đã bày tỏ mong muốn hợp tác.")
    evs = events(text, "2024-06-01")
    assert any({p.name for p in e.participants} == {"Trần Văn Hải", "Sato Ken"} and e.date == "2024-05-31"
               for e in evs)
    # with nobody on the other side anywhere, no event
    assert events("Tin\nTại buổi tiếp, ông Trần Văn Hải, Chủ tịch Hội hữu nghị đã bày tỏ mong muốn hợp tác.",
                  "2024-06-01") == []


def test_the_result_of_talks_with_someone_is_talks_of_the_sentences_subject():
    text = ("Tin\nThủ tướng Hàn Quốc Lee Hae-chan thông báo khái quát tình hình Hàn Quốc, kết quả hội đàm với "
            "Thủ tướng Lê Văn Tâm.")
    (t,) = events(text, "2005-04-21")
    assert t.kind == "talks" and {p.name for p in t.participants} == {"Lee Hae-chan", "Lê Văn Tâm"}


def test_attending_two_meetings_joined_by_va_is_two_conferences():
    text = ("Tin\nNgày 6/3, tại Jakarta, Đại sứ Trần Văn Hải dẫn đầu đoàn Việt Nam dự Hội nghị Quan chức cao cấp "
            "ASEAN (SOM) và Cuộc họp lần thứ 15 Nhóm công tác Hội đồng điều phối ASEAN.")
    confs = [e for e in events(text, "2023-03-07") if e.kind == "conference"]
    assert sorted(c.occasion for c in confs) == [
        "Cuộc họp lần thứ 15 Nhóm công tác Hội đồng điều phối ASEAN", "Hội nghị Quan chức cao cấp ASEAN (SOM)"]
    assert all([p.name for p in c.participants] == ["Trần Văn Hải"] for c in confs)


def test_a_foreign_leader_meeting_vietnams_unnamed_leaders_is_an_event_of_theirs():
    (m,) = events("Tin\nTrước thềm Hội nghị, Tổng thống Peru Ana Flores đã có cuộc gặp với các lãnh đạo cấp cao của "
                  "Việt Nam.", "2019-02-27")
    assert m.kind == "meeting" and [p.name for p in m.participants] == ["Ana Flores"]


def test_a_past_visit_with_no_visitor_named_is_the_speakers():
    (v,) = events("Tin\nTổng thống Peru Ana Flores nói rằng bà có ấn tượng rất sâu sắc về chuyến thăm Việt Nam hồi "
                  "tháng 9 vừa qua.", "2013-10-22")
    assert v.kind == "visit" and [p.name for p in v.participants] == ["Ana Flores"]
    assert v.location.country == "VN" and v.date == "2013-09"


def test_a_call_on_an_embassy_is_a_call_on_its_ambassador_named_in_the_article():
    text = ("Thứ trưởng chúc mừng Quốc khánh Lào\n"
            "Chiều 01/12, Thứ trưởng Bộ Ngoại giao Trần Văn Hải đến chúc mừng Đại sứ quán Lào tại Hà Nội.\n"
            "Về phía Đại sứ quán Lào, Đại sứ Bounsy Vongsa khẳng định sẽ phối hợp chặt chẽ.")
    (c,) = events(text, "2021-12-02")
    assert c.kind == "courtesy_call" and {p.name for p in c.participants} == {"Trần Văn Hải", "Bounsy Vongsa"}
    assert c.location.country == "VN" and c.date == "2021-12-01"


def test_a_bracket_left_on_the_line_before_does_not_hide_a_fronted_day():
    text = ("Đại sứ Trần Văn Hải dự Hội nghị (\n\n"
            "Ngày 6/3, tại Jakarta (Indonesia), Đại sứ Trần Văn Hải dẫn đầu đoàn Việt Nam dự Hội nghị Quan chức "
            "cao cấp ASEAN.")
    (c,) = [e for e in events(text, "2023-03") if e.kind == "conference"]
    assert c.date == "2023-03-06"


def test_an_undated_headline_interaction_takes_the_leads_day():
    text = ("Thủ tướng tiếp Bộ trưởng Tài chính Nhật Bản Taro Sato\n"
            "Chiều 4/5 tại Trụ sở Chính phủ, Thủ tướng Lê Văn Tâm đã tiếp trưởng đoàn các nước dự Hội nghị "
            "thường niên của Ngân hàng Phát triển châu Á.")
    evs = [e for e in events(text, "2011-05-05") if any(p.name == "Taro Sato" for p in e.participants)]
    assert evs and evs[0].date == "2011-05-04"


def test_a_visit_named_as_the_occasion_with_a_pronoun_is_no_event_of_its_own():
    evs = events("Tin\nNgày 9/6, Bộ trưởng Bộ Công an Trần Văn Hải đã có buổi làm việc với Bộ trưởng Bộ Nội vụ Peru "
                 "Luis Castro nhân dịp ông sang thăm và làm việc tại Việt Nam.", "2025-06-10")
    assert [e.kind for e in evs] == ["meeting"]


def test_a_vietnamese_envoy_posted_abroad_works_in_the_country_of_the_post():
    (m,) = events("Tin\nChiều 9/6, Đại sứ Việt Nam tại Peru Trần Văn Hải đã có buổi làm việc với Thống đốc bang Lima "
                  "Ana Flores.", "2025-06-10")
    assert m.kind == "meeting" and m.location.country == "PE"
    # a minister at home with no post abroad stays unplaced
    (n,) = events("Tin\nChiều 9/6, Bộ trưởng Trần Văn Hải đã có buổi làm việc với Bộ trưởng Peru Ana Flores.",
                  "2025-06-10")
    assert n.location is None


def test_a_weekdays_bracketed_day_and_times_that_span_or_precede_other_days():
    text = ("Chủ tịch Quốc hội hội đàm với Chủ tịch Thượng viện Peru\n"
            "Sáng thứ Hai (8/6), tại Nhà Quốc hội, Chủ tịch Quốc hội Trần Văn Hải đã hội đàm với Chủ tịch Thượng "
            "viện Peru Ana Flores.\n"
            "Trước khi tới Việt Nam, bà Ana Flores thăm Chile và hội đàm với Tổng thống Chile Pablo Rojas.")
    evs = events(text, "2026-06-09")
    talks = {next(p.name for p in e.participants if p.name != "Ana Flores"): e.date for e in evs
             if e.kind == "talks"}
    assert talks == {"Trần Văn Hải": "2026-06-08", "Pablo Rojas": None}
    text = ("Bộ trưởng Trung Quốc thăm Việt Nam\n"
            "Sáng 7/5, Thường trực Ban Bí thư Trần Văn Hải hội kiến Bộ trưởng Lý Minh.\n"
            "Trong thời gian ở Việt Nam, Bộ trưởng Lý Minh đã chào Thủ tướng Lê Văn Tâm.")
    call = next(e for e in events(text, "2024-05-08") if any(p.name == "Lê Văn Tâm" for p in e.participants))
    assert call.date == "2024-05"  # a stay of several days: no single day from the narrative


def test_a_reception_of_a_group_is_one_reception_per_guest_named_next():
    text = ("Thủ tướng tiếp các trưởng đoàn\n"
            "Chiều 4/5 tại Trụ sở Chính phủ, Thủ tướng Lê Văn Tâm đã tiếp Trưởng đoàn các nước dự Hội nghị thường "
            "niên của Ngân hàng Phát triển châu Á.\n"
            "Thủ tướng nhiệt liệt chào mừng Bộ trưởng Tài chính Nhật Bản Taro Sato; Bộ trưởng Tài chính Ấn Độ Raj "
            "Kumar; Bộ trưởng Kinh tế Pháp Anne Morel đến Việt Nam dự Hội nghị.")
    evs = events(text, "2011-05-05")
    guests = sorted(next(p.name for p in e.participants if p.country != "VN") for e in evs)
    assert guests == ["Anne Morel", "Raj Kumar", "Taro Sato"]
    assert all(e.kind == "reception" and e.date == "2011-05-04" for e in evs)
