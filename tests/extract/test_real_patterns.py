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
