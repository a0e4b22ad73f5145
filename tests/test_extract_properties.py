"""Whatever string comes in, extraction yields valid records or none: never an exception,
never an offset outside the text (property-based, over awkward generated inputs)."""
import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vndiplo
from vndiplo.records import validate_record

VI_WORDS = ["Bộ trưởng", "Ngoại giao", "Việt Nam", "Lào", "Campuchia", "gặp", "hội đàm", "tiếp",
            "chiều 8/7", "ngày 14-15/8/2025", "kim ngạch", "đạt", "1,6 tỷ USD", "tăng", "100,4%",
            "kỷ niệm", "80 năm", "(19/8/1945-19/8/2025)", "Kỳ họp lần thứ 21", "Ủy ban Hỗn hợp",
            "Đối tác Chiến lược toàn diện", "Phó Thủ tướng", "Prak", "Sokhonn", ",", ".", ";", "\n",
            "<p>", "</div>", "Đ", "đ", "\u00a0", "./.", "(", ")", "–", "2026 - 2030", "hoà", "Thoả thuận"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(VI_WORDS), max_size=120).map(" ".join),
    st.lists(st.sampled_from(VI_WORDS), max_size=60).map("".join),
    # decomposed input: facts are found in its NFC form and their spans mapped back to it
    st.lists(st.sampled_from(VI_WORDS), max_size=120).map(lambda ws: unicodedata.normalize("NFD", " ".join(ws))),
)
published = st.one_of(st.none(), st.sampled_from(["2025", "2025-07", "2025-10-27", "1999-01-01"]))


def check(text, pub):
    facts = vndiplo.extract(text, published=pub)
    for f in facts:
        a, b = f.span
        assert 0 <= a <= b <= len(text), (f, len(text))
        assert f.evidence == text[a:b]
        rec = json.loads(json.dumps(f.to_record("d"), ensure_ascii=False))
        assert validate_record(rec) == [], (rec, validate_record(rec))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, published)
def test_any_text_gives_valid_records_inside_the_text(text, pub):
    check(text, pub)


def test_huge_single_sentence_and_empty_text():
    check("", None)
    check(" ".join(["Bộ trưởng Ngoại giao gặp Đại sứ"] * 20000), "2025-07-08")
    check("Bộ trưởng " * 50000 + "./.", None)
