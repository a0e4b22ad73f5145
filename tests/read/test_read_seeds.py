"""The five real seed pages: the article body stays, every teaser, horoscope and site line goes."""
from __future__ import annotations

import json

import pytest

from tests.conftest import needs_shared
from tests.read.ingest_paths import GOLD, SEEDS, seed_path

pytestmark = needs_shared  # the five shared seed pages
from vndiplo.read import Document, read_file
from vndiplo.text import nfc


@pytest.fixture(scope="module")
def seeds() -> dict[str, Document]:
    out = {}
    for p in sorted(SEEDS.glob("*.txt")):
        (doc,) = read_file(p)
        out[p.name[:3]] = doc
    return out


def _doubled_lines(raw: str) -> set[str]:
    """Lines given twice in a row (blank lines between): the teaser titles of a page."""
    lines = [" ".join(x.split()) for x in raw.splitlines() if x.strip()]
    return {a for a, b in zip(lines, lines[1:]) if a == b}


def test_every_seed_reads_as_one_vietnamese_document(seeds):
    assert len(seeds) == 5
    for doc in seeds.values():
        assert doc.language == "vi"
        title, blank, body = doc.text.partition("\n\n")
        assert title == doc.title and blank and body
        assert "\n\n" not in body, "one paragraph per line"
        assert doc.text == nfc(doc.text)


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_no_teaser_title_survives(seeds, prefix):
    doc = seeds[prefix]
    doubled = _doubled_lines(doc.raw_text)
    if prefix in ("003", "004"):
        assert len(doubled) > 10  # these pages end in long related lists
    body_lines = set(doc.text.split("\n"))
    for title in doubled:
        assert title not in body_lines, title


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_site_lines_and_page_furniture_are_removed(seeds, prefix):
    text = seeds[prefix].text
    for junk in ("Phiên bản di động", "Theo dõi Baoquocte.vn", "Đọc thêm", "Tin liên quan", "Tử vi",
                 "Lịch âm", "Giá vàng", "ASEAN Cup", "(Nguồn: TTXVN", "Ảnh: Dương Giang"):
        assert junk not in text, junk


def test_the_bodys_last_paragraph_is_kept(seeds):
    # The last line of the article body (before any list) stays, in every seed.
    assert seeds["001"].text.endswith("hòa bình, ổn định, hợp tác và phát triển thịnh vượng./.")
    assert seeds["002"].text.endswith("Bộ trưởng Motegi bày tỏ cảm ơn và vui vẻ nhận lời./.")
    assert seeds["003"].text.split("\n")[-1].startswith(
        "Hai bên cũng chia sẻ quan điểm về tình hình thế giới và khu vực")
    assert seeds["004"].text.endswith("Xin cảm ơn Bộ trưởng.")
    assert seeds["004"].text.split("\n")[-2].startswith("Tóm lại, chuyến thăm đã đạt được")
    assert seeds["000"].text.split("\n")[-1].startswith("Sau khi Phó Thủ tướng Prak Sokhonn đề cập")


def test_lead_and_mid_article_subheadings_are_kept(seeds):
    assert "\nChiều ngày 2/6, tại trụ sở Bộ Ngoại giao" in seeds["003"].text
    assert "\nGặp Bộ trưởng Ngoại giao Thái Lan Maris Sangiampongsa\n" in seeds["000"].text
    # A related block in the middle of the article goes, the paragraph after it stays.
    assert "Liên minh Việt - Miên - Lào" not in seeds["004"].text
    assert "\nĐây là chuyến thăm nước ngoài đầu tiên của Chủ tịch nước Tô Lâm" in seeds["004"].text


def test_dates_metadata_and_authors(seeds):
    assert (seeds["000"].published, seeds["000"].published_source) == ("2025-07", "date_line")
    assert (seeds["002"].published, seeds["002"].published_source) == ("2025-10-27", "date_line")
    assert seeds["000"].published_confidence == 1.0
    for p in ("001", "003", "004"):  # no date line or stamp: extraction infers the year
        assert seeds[p].published is None
    assert seeds["003"].author == "Quang Hòa" and seeds["004"].author == "Chu Văn"
    assert "Quang Hòa" not in seeds["003"].text.split("\n")
    assert seeds["003"].outlet == seeds["004"].outlet == "baoquocte.vn"
    # The date line is metadata; its title is the document title, without the photo credit.
    assert seeds["002"].title.endswith("Prak Sokhonn")
    assert not seeds["000"].text.startswith(" date") and not seeds["000"].text.startswith("date")


def test_removed_spans_point_into_the_raw_page(seeds):
    reasons = set()
    for doc in seeds.values():
        for r in doc.removed:
            assert doc.raw_text[r.start:r.end] == r.text
            reasons.add(r.reason)
    assert {"related_news", "horoscope", "gold_price", "follow_us", "site", "headline_repeat",
            "photo_caption", "author", "metadata", "photo_credit"} <= reasons


def test_gold_evidence_is_in_the_cleaned_text(seeds):
    """Nearly all gold evidence must survive cleaning (captions the gold quotes may go)."""
    total = missing = 0
    for f in sorted(GOLD.glob("*.json")):
        doc = seeds[f.name[:3]]
        for rec in json.loads(f.read_text(encoding="utf-8")):
            ev = nfc(rec.get("evidence") or "")
            if ev:
                total += 1
                missing += ev not in doc.text
    assert total > 50
    assert missing / total < 0.05


def test_seed_path_helper_matches_reader():
    (doc,) = read_file(seed_path("003"))
    assert doc.doc_id == seed_path("003").stem
