"""Small articles written for the store and resolve tests, with the records a careful reader takes from them.

They are our own text (not from the seed pages): a second report of a meeting
the seeds report, a mention of the Vietnam-Thailand trade target in August
2025, and places with đ/Đ for search.
"""
from __future__ import annotations

from vndiplo.records import Event, Figure, Location, Participant, Person, Relation

# A second outlet's report of the 27 October 2025 meeting with Thailand's foreign minister.
# It calls it talks (hội đàm) and places it in Kuala Lumpur: both are kept beside the seed's version.
TALKS_TEXT = """Bộ trưởng Ngoại giao Lê Hoài Trung hội đàm với Bộ trưởng Ngoại giao Thái Lan

Ngày 27/10 tại Kuala Lumpur, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm với Bộ trưởng Ngoại giao Thái Lan Sihasak Phuangketkeow.
Hai Bộ trưởng nhất trí thúc đẩy quan hệ Đối tác Chiến lược toàn diện Việt Nam - Thái Lan.
Ông Sihasak Phuangketkeow cho biết Thái Lan sẵn sàng phối hợp tổ chức các hoạt động tại Đà Nẵng và Thành phố Hồ Chí Minh."""


def talks_facts() -> list:
    return [
        Event(kind="talks", date="2025-10-27",
              participants=[Participant("Lê Hoài Trung", "VN", "Bộ trưởng Ngoại giao"),
                            Participant("Sihasak Phuangketkeow", "TH", "Bộ trưởng Ngoại giao")],
              location=Location("Kuala Lumpur", "MY"),
              evidence="Ngày 27/10 tại Kuala Lumpur, Bộ trưởng Ngoại giao Lê Hoài Trung đã hội đàm với Bộ trưởng "
                       "Ngoại giao Thái Lan Sihasak Phuangketkeow."),
        Person(name="Lê Hoài Trung", country="VN", roles=["Bộ trưởng Ngoại giao"],
               evidence="Bộ trưởng Ngoại giao Lê Hoài Trung"),
        Person(name="ông Sihasak Phuangketkeow", country="TH", roles=["Bộ trưởng Ngoại giao"],
               evidence="Ông Sihasak Phuangketkeow"),
        Relation(parties=["TH", "VN"], level="comprehensive_strategic_partnership",
                 evidence="quan hệ Đối tác Chiến lược toàn diện Việt Nam - Thái Lan"),
    ]


# An August 2025 article with the Vietnam-Thailand target and the latest turnover beside it.
TARGET_TEXT = """Thúc đẩy hợp tác kinh tế Việt Nam - Thái Lan

Ngày 20/8, tại Hà Nội, Thứ trưởng Bộ Công Thương Phan Thị Thắng tiếp Đại sứ Thái Lan Urawadee Sriphiromya.
Kim ngạch thương mại song phương 7 tháng đầu năm 2025 đạt 12,1 tỷ USD, tăng 6,5% so với cùng kỳ.
Hai bên nhất trí phấn đấu sớm đưa kim ngạch thương mại hai chiều lên 25 tỷ USD."""


def target_facts() -> list:
    return [
        Event(kind="reception", date="2025-08-20",
              participants=[Participant("Phan Thị Thắng", "VN", "Thứ trưởng Bộ Công Thương"),
                            Participant("Urawadee Sriphiromya", "TH", "Đại sứ Thái Lan")],
              location=Location("Hà Nội", "VN"),
              evidence="Ngày 20/8, tại Hà Nội, Thứ trưởng Bộ Công Thương Phan Thị Thắng tiếp Đại sứ Thái Lan "
                       "Urawadee Sriphiromya."),
        Figure(metric="trade_turnover", parties=["TH", "VN"], value=12_100_000_000, unit="USD",
               period="2025-01/2025-07", change_pct=6.5, is_target=False,
               evidence="Kim ngạch thương mại song phương 7 tháng đầu năm 2025 đạt 12,1 tỷ USD"),
        Figure(metric="trade_turnover", parties=["TH", "VN"], value=25_000_000_000, unit="USD",
               is_target=True, evidence="phấn đấu sớm đưa kim ngạch thương mại hai chiều lên 25 tỷ USD"),
    ]


def with_spans(text: str, facts: list) -> list:
    """Give each fact the span of its evidence in `text` (the evidence must occur in it)."""
    for f in facts:
        i = text.find(f.evidence)
        assert i >= 0, f"evidence not in text: {f.evidence!r}"
        f.span = (i, i + len(f.evidence))
    return facts
