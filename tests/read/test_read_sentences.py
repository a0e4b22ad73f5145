"""Sentence segmentation: abbreviations, dates, numbers, titles, initials, quotes, brackets."""
from __future__ import annotations

import pytest

from tests.read.ingest_paths import EXAMPLES, ROOT, SEEDS
from vndiplo.read import iter_documents
from vndiplo.read.sentences import split_sentences

CASES = [
    ("Chiều 8/7, hai bên gặp nhau. Kim ngạch đạt 1,6 tỷ USD, tăng 8.5%. Hai bên nhất trí.",
     ["Chiều 8/7, hai bên gặp nhau.", "Kim ngạch đạt 1,6 tỷ USD, tăng 8.5%.", "Hai bên nhất trí."]),
    ("TP. Hồ Chí Minh đón đoàn. PGS.TS. Nguyễn Văn An phát biểu.",
     ["TP. Hồ Chí Minh đón đoàn.", "PGS.TS. Nguyễn Văn An phát biểu."]),
    ('Ông nói: "Hợp tác rất tốt." Sau đó, đoàn về nước.',
     ['Ông nói: "Hợp tác rất tốt."', "Sau đó, đoàn về nước."]),
    ("Hội nghị diễn ra tại Washington D.C. vào ngày 5/3. Hai bên ký kết thỏa thuận./.",
     ["Hội nghị diễn ra tại Washington D.C. vào ngày 5/3.", "Hai bên ký kết thỏa thuận./."]),
    ("Đại sứ Hoa Kỳ Marc E. Knapper dự lễ. Hai bên trao đổi.",
     ["Đại sứ Hoa Kỳ Marc E. Knapper dự lễ.", "Hai bên trao đổi."]),
    ("Ông A (nguyên Bộ trưởng. Ngoại giao) phát biểu. Bà B cảm ơn… Ông C đồng ý!",
     ["Ông A (nguyên Bộ trưởng. Ngoại giao) phát biểu.", "Bà B cảm ơn…", "Ông C đồng ý!"]),
    ("Từ ngày 14-15/8/2025, đoàn thăm Lào. 25 doanh nghiệp tham dự. Giá trị đạt 1.000 tỷ đồng.",
     ["Từ ngày 14-15/8/2025, đoàn thăm Lào.", "25 doanh nghiệp tham dự.", "Giá trị đạt 1.000 tỷ đồng."]),
    ("Ông Nguyễn Văn A. cho biết thêm về kế hoạch.", ["Ông Nguyễn Văn A. cho biết thêm về kế hoạch."]),
    ("Xin Bộ trưởng cho biết ý nghĩa của chuyến thăm? Chuyến thăm rất quan trọng.",
     ["Xin Bộ trưởng cho biết ý nghĩa của chuyến thăm?", "Chuyến thăm rất quan trọng."]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_split(text, expected):
    assert [s.text for s in split_sentences(text)] == expected


def test_paragraphs_and_offsets():
    text = "Tiêu đề bài\n\nCâu một. Câu hai.\nCâu ba."
    ss = split_sentences(text)
    assert [(s.text, s.para) for s in ss] == [("Tiêu đề bài", 0), ("Câu một.", 1), ("Câu hai.", 1), ("Câu ba.", 2)]
    for s in ss:
        assert text[s.start:s.end] == s.text


def test_offsets_rebuild_every_sentence_of_real_pages():
    n = 0
    pages = [p for p in (SEEDS, EXAMPLES, ROOT / 'eval' / 'own' / 'corpus') if p.is_dir()]  # the seeds when here
    for doc in iter_documents(pages):
        prev_end = 0
        for s in split_sentences(doc.text):
            assert doc.text[s.start:s.end] == s.text and s.start >= prev_end
            assert s.text == s.text.strip() and "\n" not in s.text
            prev_end = s.end
            n += 1
    assert n > 200


def test_a_full_stop_that_lost_its_space_still_ends_the_sentence():
    from vndiplo.read.sentences import split_sentences

    text = "Hai bên ký hiệp định về hợp tác giáo dục.Tiếp theo, Bộ trưởng thăm Hải Phòng."
    assert [s.text for s in split_sentences(text)] == [
        "Hai bên ký hiệp định về hợp tác giáo dục.", "Tiếp theo, Bộ trưởng thăm Hải Phòng."]
    for kept in ("Lãnh sự quán tại Tp.HCM đã tổ chức lễ.", "Ông gặp Mr.Smith tại Hà Nội.",
                 "Thủ tướng J.Koizumi phát biểu.", "Xem thêm tại baoquocte.vn nhé."):
        assert len(split_sentences(kept)) == 1, kept


def test_an_initial_after_a_title_or_a_name_cue_does_not_end_the_sentence():
    from vndiplo.read.sentences import split_sentences

    text = ("Bộ trưởng chúc mừng ngài K. Shanmugam được tái bổ nhiệm. Thủ tướng R. Tanaka cảm ơn Việt Nam. "
            "Đội tuyển nằm ở bảng B. Trận đấu diễn ra tối nay. Bộ trưởng tiếp Đại sứ Ý. Hai bên trao đổi.")
    assert [s.text for s in split_sentences(text)] == [
        "Bộ trưởng chúc mừng ngài K. Shanmugam được tái bổ nhiệm.", "Thủ tướng R. Tanaka cảm ơn Việt Nam.",
        "Đội tuyển nằm ở bảng B.", "Trận đấu diễn ra tối nay.", "Bộ trưởng tiếp Đại sứ Ý.", "Hai bên trao đổi."]
