"""Who is the same person: full names, marks, spelling variants, countries (our own records, both stores)."""
from __future__ import annotations

import pytest

from tests.store_helpers import ingest_article, ingest_people as _article
from vndiplo.records import Event, Participant, Person
from vndiplo.resolve.names import clean_name, is_unmarked, role_key, similar_foreign, split_roles
from vndiplo.store import query


def _persons(store) -> list[tuple[str, str | None, int]]:
    with store.session() as s:
        return sorted((p["label"], p["country"], p["n_sources"]) for p in query.find_persons(s, limit=100)["items"])


def test_shared_family_name_and_marks_keep_people_apart(store, tmp_path):
    _article(store, tmp_path, "a1", "2025-03-01", [("Nguyễn Minh Vũ", "VN", ["Thứ trưởng Ngoại giao"]),
                                                    ("Nguyễn Minh Hằng", "VN", ["Thứ trưởng Ngoại giao"]),
                                                    ("Lê Văn Thành", "VN", ["Phó Thủ tướng"])])
    _article(store, tmp_path, "a2", "2025-04-01", [("Nguyễn Minh Vũ", "VN", ["Thứ trưởng Thường trực"]),
                                                    ("Lê Văn Thanh", "VN", ["Phó Chủ tịch"]),
                                                    ("Nguyễn Văn An", "VN", []), ("Nguyễn Văn Anh", "VN", [])])
    assert _persons(store) == [("Lê Văn Thanh", "VN", 1), ("Lê Văn Thành", "VN", 1), ("Nguyễn Minh Hằng", "VN", 1),
                               ("Nguyễn Minh Vũ", "VN", 2), ("Nguyễn Văn An", "VN", 1), ("Nguyễn Văn Anh", "VN", 1)]


def test_titles_honorifics_unmarked_and_variant_spellings_join(store, tmp_path):
    _article(store, tmp_path, "b1", "2025-05-01", [("Thongsavanh Phomvihane", "LA", ["Bộ trưởng Ngoại giao"]),
                                                    ("Motegi Toshimitsu", "JP", ["Bộ trưởng Ngoại giao"]),
                                                    ("Bùi Thanh Sơn", "VN", ["Bộ trưởng Ngoại giao"])])
    _article(store, tmp_path, "b2", "2025-06-01", [("ông Thongsavan Phomvihan", "LA", []),
                                                    ("Toshimitsu Motegi", "JP", []),
                                                    ("Bui Thanh Son", None, []),
                                                    ("Phó Thủ tướng Bùi Thanh Sơn", "VN", ["Phó Thủ tướng"])])
    people = _persons(store)
    assert people == [("Bùi Thanh Sơn", "VN", 3), ("Motegi Toshimitsu", "JP", 2),
                      ("Thongsavanh Phomvihane", "LA", 2)]


def test_same_name_in_another_country_is_another_person(store, tmp_path):
    _article(store, tmp_path, "c1", "2025-05-01", [("Kim Young Sam", "KR", ["Đại sứ"])])
    _article(store, tmp_path, "c2", "2025-06-01", [("Kim Young Sam", "KP", ["Đại sứ"]),
                                                    ("Maris Sangiampongsa", "TH", []),
                                                    ("Marise Sangiampongsa", "PH", [])])
    assert _persons(store) == [("Kim Young Sam", "KP", 1), ("Kim Young Sam", "KR", 1),
                               ("Maris Sangiampongsa", "TH", 1), ("Marise Sangiampongsa", "PH", 1)]


def test_a_surname_alone_joins_the_full_name_of_the_same_article(store, tmp_path):
    text = "Tin đối ngoại\nBộ trưởng Sihasak Phuangketkeow tới Hà Nội. Ông Sihasak cảm ơn phía Việt Nam."
    facts = [Person(name="Sihasak Phuangketkeow", country="TH", roles=["Bộ trưởng"],
                    evidence="Bộ trưởng Sihasak Phuangketkeow tới Hà Nội."),
             Event(kind="meeting", date="2025-11-02", participants=[Participant("Sihasak", "TH", None)],
                   evidence="Ông Sihasak cảm ơn phía Việt Nam.")]
    ingest_article(store, tmp_path, "d1", "2025-11-02", text, facts)
    assert _persons(store) == [("Sihasak Phuangketkeow", "TH", 2)]


@pytest.mark.parametrize("written, clean", [
    ("ông Prak Sokhonn", "Prak Sokhonn"), ("Phó Thủ tướng Prak Sokhonn", "Prak Sokhonn"),
    ("Ngài  Prak Sokhonn", "Prak Sokhonn"), ("đồng chí Bounleua Phandanouvong", "Bounleua Phandanouvong"),
    ("Ông", "Ông"), ("Bà Rịa", "Rịa"),
])
def test_clean_name(written, clean):
    assert clean_name(written) == clean


def test_name_and_role_helpers():
    assert is_unmarked("Prak Sokhonn") and not is_unmarked("Bùi Thanh Sơn")
    assert similar_foreign("Thongsavanh Phomvihane", "Thongsavan Phomvihan")
    assert not similar_foreign("Nguyen Van An", "Nguyen Van Anh")
    assert not similar_foreign("Prak Sokhonn", "Prak")
    assert split_roles(["Phó Thủ tướng, Bộ trưởng Ngoại giao và Hợp tác quốc tế"]) == [
        "Phó Thủ tướng", "Bộ trưởng Ngoại giao và Hợp tác quốc tế"]
    assert split_roles("Tổng Bí thư kiêm Chủ tịch nước") == ["Tổng Bí thư", "Chủ tịch nước"]
    assert role_key("Bộ trưởng Bộ Ngoại giao") == role_key("Bộ trưởng Ngoại giao") == "bo truong ngoai giao"
    assert role_key("Phó Thủ tướng Chính phủ") == "pho thu tuong"
