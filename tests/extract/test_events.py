"""Events: kind, date, participants, place and occasion of each interaction, one per counterpart."""
from __future__ import annotations

import importlib.util
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import require_shared
from tests.extract.actors_helpers import GOLD, SEEDS, SHARED, article, facts_of, has_country, seed
from vndiplo.extract import events as events_mod
from vndiplo.extract import persons as persons_mod
from vndiplo.extract.doc import analyze
from vndiplo.records import Event


def events(facts) -> list[Event]:
    return [f for f in facts if isinstance(f, Event)]


def with_counterpart(evs, name):
    found = [e for e in evs if any(p.name == name for p in e.participants)]
    assert len(found) == 1, (name, evs)
    return found[0]


def names(e: Event) -> dict[str, str | None]:
    return {p.name: p.country for p in e.participants}


def test_phone_call_between_prime_ministers():
    (e,) = events(article("phone_call"))  # "sẽ gặp nhau ... sắp tới" is no event
    assert e.kind == "phone_call" and e.date == "2024-03-11"
    assert names(e) == {"Phạm Minh Chính": "VN", "Kishida Fumio": "JP"}


def test_state_visit_with_talks_and_courtesy_call():
    evs = events(article("state_visit"))
    visit = [e for e in evs if e.kind == "visit"]
    assert len(visit) == 1
    assert visit[0].location.country == "LA" and visit[0].date == "2024-09-09/2024-09-10"
    assert names(visit[0]) == {"Tô Lâm": "VN", "Thongloun Sisoulith": "LA"}
    talks = [e for e in evs if e.kind == "talks"]
    assert len(talks) == 1 and talks[0].date == "2024-09-09"
    call = with_counterpart(evs, "Sonexay Siphandone")
    assert call.kind == "courtesy_call" and call.date == "2024-09-09"  # "Cùng ngày"
    assert len(evs) == 3  # "các chuyến thăm lẫn nhau" is generic


def test_deputy_minister_receives_an_ambassador_in_hanoi():
    (e,) = events(article("deputy_minister"))
    assert e.kind == "reception" and e.date == "2025-01-14"
    assert names(e) == {"Nguyễn Minh Vũ": "VN", "Meynardo Montealegre": "PH"}
    assert e.location.country == "VN" and "trụ sở Bộ Ngoại giao" in e.location.place


def test_courtesy_calls_on_two_vietnamese_leaders_are_two_events():
    evs = events(article("courtesy_call"))
    assert len(evs) == 2 and {e.kind for e in evs} == {"courtesy_call"}
    first = with_counterpart(evs, "Phạm Minh Chính")
    assert first.date == "2025-05-19" and first.location.country == "VN"
    second = with_counterpart(evs, "Trần Thanh Mẫn")
    assert second.date == "2025-05-20" and names(second)["Maris Sangiampongsa"] == "TH"


def test_bilateral_meetings_on_the_sidelines_share_place_and_occasion():
    evs = events(article("sidelines"))
    assert len(evs) == 3
    for who, country in [("Takaichi Sanae", "JP"), ("Ferdinand Marcos", "PH"), ("Hun Manet", "KH")]:
        e = with_counterpart(evs, who)
        assert e.kind == "meeting" and e.date == "2025-10-26"
        assert names(e) == {"Phạm Minh Chính": "VN", who: country}
        assert e.location.country == "MY"
        assert e.occasion == "Hội nghị Cấp cao ASEAN lần thứ 47"


def test_signing_and_congratulatory_message():
    evs = events(article("signing_message"))
    sign = with_counterpart(evs, "Cham Nimul")
    assert sign.kind == "signing" and sign.date == "2025-04-02" and sign.location.country == "VN"
    assert names(sign)["Nguyễn Hồng Diên"] == "VN"
    msg = with_counterpart(evs, "Norodom Sihamoni")
    assert msg.kind == "message" and names(msg) == {"Lương Cường": "VN", "Norodom Sihamoni": "KH"}


def test_future_visits_and_invitations_are_no_events():
    assert events(article("future")) == []


@pytest.mark.skipif(not has_country("US"), reason="needs the world country table")
def test_western_counterpart_and_occasion_after_the_verb():
    (e,) = events(article("western"))
    assert names(e) == {"Bùi Thanh Sơn": "VN", "Antony Blinken": "US"}
    assert e.occasion == "Hội nghị Bộ trưởng Ngoại giao ASEAN lần thứ 56" and e.date == "2023-07-13"


@pytest.mark.skipif(not has_country("KR"), reason="needs the world country table")
def test_korean_counterpart():
    (e,) = events(article("korea"))
    assert e.kind == "talks" and names(e) == {"Trần Lưu Quang": "VN", "Cho Tae-yul": "KR"}


def test_list_of_receptions_and_past_phone_call_in_passing():
    evs = events(facts_of(seed("001")))
    rec = [e for e in evs if e.kind == "reception"]
    assert len(rec) == 3 and all(e.date == "2025-08-14/2025-08-15" for e in rec)
    assert all(e.location.country == "CN" for e in rec)
    call = with_counterpart(evs, "Hun Sen")
    assert call.kind == "phone_call" and call.date == "2025-08-14" and call.location is None


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_seed_scores_for_events_and_persons():
    require_shared()
    score = _scorer()
    pred = {}
    for path in sorted(SEEDS.glob("*.txt")):
        pred[path.stem] = [f.to_record(path.stem) for f in facts_of(path)]
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in GOLD.glob("*.json")}
    rep = score.score(gold, pred)
    assert rep["event"]["f1"] >= 0.85, rep["event"]
    assert rep["person"]["f1"] >= 0.85, rep["person"]
    assert rep["event"]["fields"]["kind"] >= 0.9


words = st.sampled_from(["Bộ trưởng", "Ngoại giao", "Lào", "ông", "Tô Lâm", "Thái Lan", ",", ";", ".", "và",
                         "Phó", "Thủ tướng", "đồng chí", "Prak Sokhonn", "Việt Nam", "gặp", "hội đàm", "tiếp",
                         "chiều 8/7", "tại", "Hà Nội", "cuộc gặp", "với", "thăm", "chuyến thăm", "của", "sẽ",
                         "Nhân dịp dự", "Hội nghị", "bên lề", "điện đàm", "giữa", "dự", "Lễ", "\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=50).map(" ".join) | st.text(max_size=200))
def test_events_never_raise_and_stay_inside_the_text(text):
    doc = analyze(text, "2025-07")
    persons_mod.annotate(doc)
    for e in events_mod.extract(doc):
        assert 0 <= e.span[0] <= e.span[1] <= len(doc.text)
        assert e.kind in {"talks", "meeting", "courtesy_call", "reception", "phone_call", "visit",
                          "interview", "conference", "message", "signing"}
        assert all(p.name for p in e.participants)


def test_delegation_head_untitled_subject_both_sides_and_phone_talks():
    evs = events(article("delegation"))
    head = with_counterpart(evs, "Vương Hỗ Ninh")
    assert head.kind == "reception" and head.date == "2025-03-05" and head.location.country == "VN"
    assert names(head) == {"Tô Lâm": "VN", "Vương Hỗ Ninh": "CN"}
    amb = with_counterpart(evs, "Ito Naoki")  # "Tiếp đó, Tổng Bí thư tiếp ...": same principal, same day
    assert amb.kind == "reception" and amb.date == "2025-03-05" and names(amb)["Tô Lâm"] == "VN"
    # the welcome ceremony is no conference: it is the guest's visit, reported, and then the talks
    (talks,) = [e for e in evs if e.kind == "talks" and "Anwar Ibrahim" in names(e)]
    assert talks.date == "2025-03-06" and names(talks)["Phạm Minh Chính"] == "VN"
    (visit,) = [e for e in evs if e.kind == "visit"]
    assert names(visit) == {"Anwar Ibrahim": "MY", "Phạm Minh Chính": "VN"} and visit.location.country == "VN"
    call = with_counterpart(evs, "Ferdinand Marcos")
    assert call.kind == "phone_call" and call.date == "2025-03-06"
    assert len(evs) == 5


def test_incoming_state_visit_with_calls_on_each_leader():
    evs = events(article("incoming_visit"))
    talks = [e for e in evs if e.kind == "talks"]
    assert len(talks) == 1 and talks[0].date == "2025-06-10" and talks[0].location.country == "VN"
    assert names(talks[0]) == {"Lương Cường": "VN", "Prabowo Subianto": "ID"}
    assert talks[0].participants[0].role == "Chủ tịch nước"  # "Phủ Chủ tịch" is a building, not a title
    visits = {(e.location.country, e.date) for e in evs if e.kind == "visit"}
    # the earlier visit, mentioned in passing, is an event; the guest's ongoing visit is the talks' occasion
    assert visits == {("ID", "2025-03")}
    assert "thăm cấp Nhà nước tới Việt Nam" in talks[0].occasion
    calls = [e for e in evs if e.kind == "courtesy_call"]
    assert sorted(p.name for e in calls for p in e.participants if p.country == "VN") == ["Trần Thanh Mẫn", "Tô Lâm"]
    assert all(e.date == "2025-06-10" for e in calls)  # "Cùng ngày" is the talks' day, not March's
    rec = with_counterpart(evs, "Phạm Minh Chính")  # "Tổng thống Indonesia" is the one named earlier
    assert rec.kind == "reception" and names(rec)["Prabowo Subianto"] == "ID"
    assert len(evs) == 5  # the wish to visit Indonesia is no event


def test_conference_attended_and_interview_given():
    from vndiplo.extract.pipeline import extract

    text = ("Thủ tướng dự hội nghị\n\n"
            "Sáng 1/9, Thủ tướng Phạm Minh Chính dự và phát biểu tại Hội nghị Thượng đỉnh Tổ chức Hợp tác "
            "Thượng Hải tại Thiên Tân, Trung Quốc.\n"
            "Trong cuộc phỏng vấn dành cho phóng viên TTXVN, Đại sứ Việt Nam tại Nhật Bản Phạm Quang Hiệu "
            "cho biết quan hệ hai nước đang phát triển.")
    evs = events(extract(text, "2025-09-02"))
    conf = [e for e in evs if e.kind == "conference"]
    assert len(conf) == 1 and conf[0].date == "2025-09-01" and conf[0].location.country == "CN"
    assert conf[0].occasion == "Hội nghị Thượng đỉnh Tổ chức Hợp tác Thượng Hải"
    (inter,) = [e for e in evs if e.kind == "interview"]
    assert names(inter) == {"Phạm Quang Hiệu": "VN"}


def test_delegation_without_a_named_head_is_a_reception_of_its_country():
    from vndiplo.extract.pipeline import extract

    text = ("Chủ tịch Quốc hội tiếp đoàn Lào\n\n"
            "Chiều 10/4, tại Nhà Quốc hội, Chủ tịch Quốc hội Trần Thanh Mẫn tiếp Đoàn đại biểu Quốc hội Lào "
            "đang thăm Việt Nam.\nSáng 11/4, Phó Chủ tịch nước Võ Thị Ánh Xuân tiếp đoàn doanh nghiệp.")
    (e,) = events(extract(text, "2025-04-11"))
    assert e.kind == "reception" and e.date == "2025-04-10" and e.location.country == "VN"
    assert names(e) == {"Trần Thanh Mẫn": "VN"}


def test_role_then_cued_name_is_one_counterpart():
    from vndiplo.extract.pipeline import extract

    text = ("Thứ trưởng tiếp Đại sứ\n\nChiều 5/8, Thứ trưởng Ngoại giao Nguyễn Minh Vũ tiếp Đại sứ Nhật Bản "
            "tại Việt Nam, ông Ito Naoki.")
    (e,) = events(extract(text, "2025-08-06"))
    assert e.kind == "reception" and names(e) == {"Nguyễn Minh Vũ": "VN", "Ito Naoki": "JP"}


def test_a_guests_ongoing_visit_is_the_occasion_of_their_meetings_not_an_event():
    import vndiplo
    from vndiplo.records import Event

    text = ("Chủ tịch nước hội đàm với Tổng thống Chile\n\n"
            "Sáng 5/6, tại Phủ Chủ tịch, Chủ tịch nước Lương Cường đã hội đàm với Tổng thống Chile "
            "Gabriel Boric Font, đang thăm cấp Nhà nước Việt Nam từ ngày 4-6/6/2025.\n"
            "Cùng ngày, Thủ tướng Phạm Minh Chính đã hội kiến Tổng thống Gabriel Boric Font.")
    events = [f for f in vndiplo.extract(text, "2025-06-05") if isinstance(f, Event)]
    assert sorted(e.kind for e in events) == ["courtesy_call", "talks"]
    assert all(e.date == "2025-06-05" for e in events)  # "cùng ngày" is the talks' day, not the visit's range
    assert all("thăm cấp Nhà nước Việt Nam" in (e.occasion or "") for e in events if e.kind == "talks")


def test_a_bare_title_and_this_occasion_take_the_holder_and_the_time_set_earlier():
    """'Cũng nhân dịp này, Bộ trưởng hội kiến X': no event names the minister, so the one Vietnamese
    holder of that title in the article is the host; the date is the time the lead set ('cuối tuần qua')."""
    import vndiplo
    from vndiplo.records import Event

    text = ("Bộ trưởng Ngoại giao dự Hội nghị ở Geneva\n\n"
            "Cuối tuần qua, tại Geneva, Bộ trưởng Ngoại giao Trần Văn Khải đã có nhiều hoạt động bên lề "
            "phiên họp của Hội đồng Nhân quyền.\n"
            "Cũng nhân dịp này, Bộ trưởng hội kiến Ngoại trưởng Thụy Sĩ Ignazio Cassis.")
    (e,) = [f for f in vndiplo.extract(text, "2025-03-04") if isinstance(f, Event)]
    assert e.kind == "courtesy_call"
    assert [p.name for p in e.participants] == ["Trần Văn Khải", "Ignazio Cassis"]
    assert e.date == "2025-03-01/2025-03-02"  # 2025-03-04 is a Tuesday


def test_an_interaction_on_this_occasion_takes_the_occasions_dates_not_the_date_line():
    import vndiplo
    from vndiplo.records import Event

    text = ("Thứ trưởng Ngoại giao thăm Mông Cổ\n\n"
            "Từ ngày 3-5/4, Thứ trưởng Bộ Ngoại giao Lê Minh Quân đã hội đàm với Thứ trưởng Ngoại giao "
            "Mông Cổ Munkhjin Batsumber tại Ulaanbaatar.\n"
            "Nhân dịp này, Thứ trưởng Lê Minh Quân đã chào xã giao Chủ tịch Quốc hội Mông Cổ Dashzegve Amarbayasgalan.")
    events = {e.kind: e for e in vndiplo.extract(text, "2025-04-07") if isinstance(e, Event)}
    assert events["courtesy_call"].date == events["talks"].date == "2025-04-03/2025-04-05"


def test_a_co_chair_named_after_the_conference_takes_part_and_ends_its_name():
    import vndiplo
    from vndiplo.records import Event

    text = ("Đối thoại chiến lược Việt Nam - Ấn Độ\n\n"
            "Ngày 8/11, tại New Delhi, Thứ trưởng Bộ Ngoại giao Đỗ Hùng Việt đã đồng chủ trì Đối thoại Chiến lược "
            "Việt Nam - Ấn Độ lần thứ 12 với Thứ trưởng Ngoại giao Ấn Độ Vikram Misri.")
    (e,) = [f for f in vndiplo.extract(text, "2025-11-09") if isinstance(f, Event)]
    assert e.kind == "conference"
    assert [p.name for p in e.participants] == ["Đỗ Hùng Việt", "Vikram Misri"]
    assert e.occasion == "Đối thoại Chiến lược Việt Nam - Ấn Độ lần thứ 12"


def test_the_delegation_as_subject_is_the_principals_interaction():
    import vndiplo
    from vndiplo.records import Event

    text = ("Chủ tịch Quốc hội thăm Kazakhstan\n\n"
            "Sáng 20/6, tại Astana, Chủ tịch Quốc hội Trần Thanh Mẫn đã hội đàm với Chủ tịch Hạ viện Kazakhstan "
            "Yerlan Koshanov.\n"
            "Chiều cùng ngày, đoàn đã làm việc với Phó Thủ tướng Kazakhstan Serik Zhumangarin.")
    events = [f for f in vndiplo.extract(text, "2025-06-21") if isinstance(f, Event)]
    work = next(e for e in events if any(p.name == "Serik Zhumangarin" for p in e.participants))
    assert work.kind == "meeting"
    assert [p.name for p in work.participants] == ["Trần Thanh Mẫn", "Serik Zhumangarin"]


def test_a_same_day_sentence_carries_its_day_to_the_next_sentence_of_its_paragraph():
    import vndiplo
    from vndiplo.records import Event

    text = ("Việt Nam - Chile ký nhiều văn kiện\n\n"
            "Chiều 3/11, tại Santiago, Chủ tịch nước Lương Cường đã hội đàm với Tổng thống Chile Gabriel Boric.\n\n"
            "Sau hội đàm, hai nhà lãnh đạo chứng kiến lễ trao văn kiện. Bộ trưởng Ngoại giao Bùi Thanh Sơn và "
            "Bộ trưởng Ngoại giao Chile Alberto van Klaveren đã ký Bản ghi nhớ về hợp tác giáo dục.")
    events = {e.kind: e for e in vndiplo.extract(text, "2025-11-05") if isinstance(e, Event)}
    assert events["talks"].date == "2025-11-03"
    assert events["signing"].date == "2025-11-03"  # not the date line's 5 November


def test_a_bare_year_in_a_later_clause_is_not_the_events_date():
    import vndiplo
    from vndiplo.records import Event

    text = ("Thủ tướng tiếp Đại sứ Peru\n\n"
            "Tiếp Đại sứ Peru Luis Quesada Incháustegui, Thủ tướng Phạm Minh Chính đánh giá cao Hiệp định Đối tác "
            "toàn diện và tiến bộ xuyên Thái Bình Dương có hiệu lực với Peru từ năm 2021.")
    (e,) = [f for f in vndiplo.extract(text, "2025-02-14") if isinstance(f, Event)]
    assert e.kind == "reception" and e.date == "2025-02"  # the date line's month: the text gives no day


def test_tiep_x_then_a_bare_title_the_title_is_the_host_not_the_guests_role():
    """'Tiếp Đại sứ X, Chủ tịch nước đánh giá ...': the title after the comma opens the main clause; it is
    the host (the one Vietnamese holder named earlier), not a second role of the ambassador."""
    import vndiplo
    from vndiplo.records import Event

    text = ("Chủ tịch nước tiếp các Đại sứ chào từ biệt\n\n"
            "Sáng 10/4, tại Hà Nội, Chủ tịch nước Lương Cường đã tiếp các Đại sứ đến chào từ biệt.\n"
            "Tiếp Đại sứ Ai Cập Ahmed Ali Kamal, Chủ tịch nước đánh giá cao những đóng góp của Đại sứ.")
    facts = vndiplo.extract(text, "2025-04-10")
    (e,) = [f for f in facts if isinstance(f, Event)]
    assert [(p.name, p.role) for p in e.participants] == [("Lương Cường", "Chủ tịch nước"),
                                                          ("Ahmed Ali Kamal", "Đại sứ")]
    (guest,) = [f for f in facts if f.type == "person" and f.name == "Ahmed Ali Kamal"]
    assert "Chủ tịch nước" not in guest.roles


def test_a_host_country_title_keeps_its_holder_as_counterpart():
    import vndiplo
    from vndiplo.records import Event

    text = ("Thủ tướng dự Hội nghị Thượng đỉnh G20 tại Brazil\n\n"
            "Sáng 18/11, tại Rio de Janeiro, Thủ tướng Phạm Minh Chính đã hội kiến Tổng thống nước chủ nhà "
            "Luiz Inácio Lula da Silva.")
    (e,) = [f for f in vndiplo.extract(text, "2024-11-18") if isinstance(f, Event)]
    assert e.kind == "courtesy_call"
    assert [p.name for p in e.participants] == ["Phạm Minh Chính", "Luiz Inácio Lula da Silva"]


def test_thanking_another_for_attending_is_no_attendance_of_ones_own():
    import vndiplo
    from vndiplo.records import Event

    text = ("Bộ trưởng Ngoại giao dự Hội nghị tại Jakarta\n\n"
            "Chiều 5/3, tại Jakarta, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã gặp Ngoại trưởng Indonesia Retno Marsudi. "
            "Ngoại trưởng Retno Marsudi cảm ơn Việt Nam đã cử đoàn cấp cao dự Hội nghị và mong hai bên tăng cường hợp tác.")
    events = [f for f in vndiplo.extract(text, "2024-03-06") if isinstance(f, Event)]
    assert [e.kind for e in events] == ["meeting"]


def test_a_second_sender_after_a_semicolon_is_not_the_first_messages_counterpart():
    import vndiplo
    from vndiplo.records import Event

    text = ("Điện mừng Quốc khánh Hungary\n\n"
            "Nhân dịp Quốc khánh Hungary, ngày 20/8, Tổng Bí thư Tô Lâm đã gửi điện mừng tới Tổng thống Tamás Sulyok; "
            "Chủ tịch Quốc hội Trần Thanh Mẫn đã gửi điện mừng tới Chủ tịch Quốc hội Hungary László Kövér.")
    events = [f for f in vndiplo.extract(text, "2025-08-20") if isinstance(f, Event)]
    assert sorted([p.name for p in e.participants] for e in events) == sorted([
        ["Tô Lâm", "Tamás Sulyok"], ["Trần Thanh Mẫn", "László Kövér"]])


def test_those_listed_as_also_attending_join_the_interaction_just_reported():
    import vndiplo
    from vndiplo.records import Event

    text = ("Thứ trưởng Ngoại giao tiếp Đại sứ Phần Lan\n\n"
            "Chiều 12/5, Thứ trưởng Bộ Ngoại giao Nguyễn Minh Vũ đã tiếp Đại sứ Phần Lan Keijo Norvanto.\n\n"
            "Cùng tham dự buổi tiếp có Vụ trưởng Vụ Châu Âu Trần Văn Tuấn.")
    (e,) = [f for f in vndiplo.extract(text, "2025-05-13") if isinstance(f, Event)]
    assert [p.name for p in e.participants] == ["Nguyễn Minh Vũ", "Keijo Norvanto", "Trần Văn Tuấn"]


def test_a_place_unknown_to_the_gazetteer_is_placed_by_the_country_named_after_it():
    import vndiplo
    from vndiplo.records import Event

    text = ("Thủ tướng dự Hội nghị Cấp cao\n\n"
            "Ngày 5/6, tại đảo Langkawi, Malaysia, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Malaysia "
            "Anwar Ibrahim.")
    (e,) = [f for f in vndiplo.extract(text, "2025-06-06") if isinstance(f, Event)]
    assert e.location is not None and (e.location.place, e.location.country) == ("đảo Langkawi", "MY")


def test_an_unlisted_place_before_a_country_is_the_location():
    import vndiplo
    from vndiplo.records import Event

    text = ("Chủ tịch nước gặp Tổng thống Nga\n\n"
            "Ngày 9/8, tại Zavidovo, Nga, Chủ tịch nước Lương Cường đã gặp Tổng thống Nga Vladimir Putin.")
    (e,) = [f for f in vndiplo.extract(text, "2025-08-10") if isinstance(f, Event)]
    assert e.location is not None and (e.location.place, e.location.country) == ("Zavidovo", "RU")


def test_two_days_across_the_new_year_and_not_the_commemorated_date():
    # the event's days span 31/12-1/1 (not a long period); the bracketed date is what is commemorated
    from vndiplo.extract.pipeline import extract
    text = ("Trong hai ngày 31/12/2024 và 1/1/2025, Chủ tịch Quốc hội Trần Thanh Mẫn sang Viêng Chăn dự lễ "
            "kỷ niệm 50 năm Quốc khánh Lào (2/12/1975) và hội kiến Chủ tịch Quốc hội Lào Saysomphone Phomvihane.")
    evs = events(extract(text, "2025-01-03"))
    assert evs and all(e.date == "2024-12-31/2025-01-01" for e in evs)


def test_meetings_listed_in_verbless_clauses_each_count_and_take_the_conference():
    # "có các cuộc gặp ... với A, <comment>; với B, <comment>; và với C": one meeting per counterpart,
    # and "bên lề Hội nghị" (a bare noun) is the conference reported before, with its days and place
    from vndiplo.extract.pipeline import extract
    text = ("Phó Thủ tướng dự Hội nghị Bộ trưởng Ngoại giao Đông Á\n\n"
            "Trong hai ngày 10-11/7, tại Jakarta (Indonesia), Phó Thủ tướng Bùi Thanh Sơn dự Hội nghị Bộ trưởng "
            "Ngoại giao Đông Á lần thứ 15.\n\n"
            "Bên lề Hội nghị, Phó Thủ tướng Bùi Thanh Sơn đã có các cuộc gặp với Ngoại trưởng Australia Penny Wong, "
            "hai bên nhất trí tăng cường hợp tác giáo dục; với Bộ trưởng Ngoại giao Hàn Quốc Cho Tae-yul, trong "
            "bối cảnh Hàn Quốc tiếp tục là nhà đầu tư lớn; và với Bộ trưởng Ngoại giao Indonesia Sugiono.")
    evs = [e for e in events(extract(text, "2025-07-12")) if e.kind == "meeting"]
    assert {n for e in evs for n in names(e)} == {"Bùi Thanh Sơn", "Penny Wong", "Cho Tae-yul", "Sugiono"}
    assert len(evs) == 3
    for e in evs:
        assert e.date == "2025-07-10/2025-07-11" and e.location is not None and e.location.country == "ID"
        assert e.occasion and e.occasion.startswith("Hội nghị Bộ trưởng Ngoại giao Đông Á")


def test_plural_meetings_without_named_counterparts_stay_generic():
    from vndiplo.extract.pipeline import extract
    text = ("Ngày 3/4, Phó Thủ tướng Bùi Thanh Sơn cho biết các cuộc gặp với lãnh đạo các nước đối tác "
            "đã đạt kết quả tốt.")
    assert [e for e in events(extract(text, "2025-04-04")) if e.kind == "meeting"] == []


def test_a_meeting_on_a_day_of_a_conference_takes_its_place_and_name():
    from vndiplo.extract.pipeline import extract
    text = ("Chủ tịch nước dự Hội nghị Cấp cao\n\n"
            "Trong hai ngày 4-5/6, tại Lima, Peru, Chủ tịch nước Lương Cường dự Hội nghị Cấp cao Diễn đàn Hợp tác "
            "Kinh tế châu Á - Thái Bình Dương.\n\n"
            "Chiều 5/6, Chủ tịch nước Lương Cường đã gặp Tổng thống Chile Gabriel Boric.")
    e = with_counterpart(events(extract(text, "2025-06-06")), "Gabriel Boric")
    assert e.date == "2025-06-05" and e.location is not None and e.location.country == "PE"
    assert e.occasion and e.occasion.startswith("Hội nghị Cấp cao Diễn đàn")


def test_an_unplaced_interaction_during_a_visit_abroad_is_in_the_host_country():
    from vndiplo.extract.pipeline import extract
    text = ("Chủ tịch Quốc hội thăm chính thức Hàn Quốc\n\n"
            "Chủ tịch Quốc hội Trần Thanh Mẫn thăm chính thức Hàn Quốc từ 3/12 đến 6/12.\n\n"
            "Ngày 5/12, Chủ tịch Quốc hội Trần Thanh Mẫn hội kiến Tổng thống Hàn Quốc Yoon Suk Yeol.\n\n"
            "Ngày 9/12, Chủ tịch Quốc hội Trần Thanh Mẫn tiếp Đại sứ Pháp Olivier Brochet.")
    evs = [e for e in events(extract(text, "2024-12-10")) if e.kind != "visit"]  # the visit names its host too
    call = with_counterpart(evs, "Yoon Suk Yeol")
    assert call.location is not None and call.location.country == "KR"
    later = with_counterpart(evs, "Olivier Brochet")  # after the visit's days: no place is known
    assert later.location is None


def test_an_unplaced_interaction_of_a_guest_visiting_vietnam_is_in_vietnam():
    from vndiplo.extract.pipeline import extract
    text = ("Tổng thống Indonesia thăm cấp Nhà nước Việt Nam\n\n"
            "Tổng thống Indonesia Prabowo Subianto thăm cấp Nhà nước Việt Nam từ ngày 9/3 đến 11/3.\n\n"
            "Ngày 10/3, Thủ tướng Phạm Minh Chính hội kiến Tổng thống Indonesia Prabowo Subianto.")
    e = with_counterpart([e for e in events(extract(text, "2025-03-12")) if e.kind != "visit"], "Prabowo Subianto")
    assert e.location is not None and e.location.country == "VN"


def test_the_city_travelled_to_right_before_the_interaction_is_its_place():
    from vndiplo.extract.pipeline import extract
    text = ("Ngày 2/9, Phó Chủ tịch nước Võ Thị Ánh Xuân sang Viêng Chăn dự lễ kỷ niệm Quốc khánh Lào "
            "và hội kiến Phó Chủ tịch nước Lào Bounthong Chitmany.")
    (conf,) = [e for e in events(extract(text, "2025-09-03")) if e.kind == "conference"]
    assert conf.location is not None and conf.location.country == "LA"
