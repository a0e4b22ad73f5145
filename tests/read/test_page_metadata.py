"""A page's own metadata: date lines in the forms outlets print, article:published_time, JSON-LD
datePublished, og:url / canonical, and `# source:` / `# published:` header lines of text files."""
from __future__ import annotations

import json

import pytest

from vndiplo.read import read_file
from vndiplo.read.metadata import outlet_from_url, page_date

BODY = ("Chiều 9/4, tại Hà Nội, Bộ trưởng Ngoại giao Lê Minh Khang đã tiếp Đại sứ Nhật Bản tại Việt Nam. "
        "Hai bên trao đổi về hợp tác kinh tế, thương mại và đầu tư giữa hai nước trong thời gian tới.")


@pytest.mark.parametrize("line, day", [
    ("Thứ Bảy, 10-04-2021, 02:00", "2021-04-10"),
    ("10/04/2021 08:15 GMT+7", "2021-04-10"),
    ("Cập nhật: 10/04/2021 08:15", "2021-04-10"),
    ("Cập nhật lúc 08:15, 10/4/2021", "2021-04-10"),
    ("Thứ Bảy, ngày 10/04/2021 02:00 AM (GMT+7)", "2021-04-10"),
    ("10/04/2021 08:15:00 (GMT+07:00)", "2021-04-10"),
    ("14:30 GMT+7, 15/8/2025", "2025-08-15"),
    ("Thứ 7, 10/04/2021 | 08:15", "2021-04-10"),
])
def test_date_lines_in_the_forms_outlets_print(tmp_path, line, day):
    assert page_date(line) == day
    p = tmp_path / "dated.txt"
    p.write_text(f"Bộ trưởng Lê Minh Khang tiếp Đại sứ Nhật Bản\n{line}\n\n{BODY}\n", encoding="utf-8")
    (doc,) = read_file(p)
    assert (doc.published, doc.title) == (day, "Bộ trưởng Lê Minh Khang tiếp Đại sứ Nhật Bản")
    assert line not in doc.text
    assert [r.reason for r in doc.removed] == ["dateline"]


@pytest.mark.parametrize("text", ["Ngày 10/4/2021 có 20 người", "31/02/2021", "Hội nghị 10/04/2021 thành công"])
def test_a_sentence_with_a_date_is_no_date_line(text):
    assert page_date(text) is None


def test_header_lines_are_metadata_not_the_title(tmp_path):
    p = tmp_path / "h1.txt"
    raw = ("# source: https://www.baoquocte.vn/bo-truong-tiep-dai-su-123.html\n# published: 2021-04-10\n\n"
           f"Bộ trưởng Lê Minh Khang tiếp Đại sứ Nhật Bản\n\n{BODY}\n")
    p.write_text(raw, encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.title == "Bộ trưởng Lê Minh Khang tiếp Đại sứ Nhật Bản"
    assert doc.url == "https://www.baoquocte.vn/bo-truong-tiep-dai-su-123.html"
    assert (doc.published, doc.published_source, doc.outlet) == ("2021-04-10", "metadata", "baoquocte.vn")
    assert "# source" not in doc.text and "# published" not in doc.text
    header = [r for r in doc.removed if r.reason == "metadata"]
    assert [r.text for r in header] == [raw.splitlines()[0], raw.splitlines()[1]]
    assert all(raw[r.start:r.end] == r.text for r in doc.removed)  # offsets point into the page as written
    assert doc.text.endswith(BODY)


def test_an_unknown_header_date_leaves_the_date_to_the_page(tmp_path):
    p = tmp_path / "h2.txt"
    p.write_text("# source: https://dantri.com.vn/the-gioi/a-1.htm\n# published: unknown\n\n"
                 f"Bộ trưởng Lê Minh Khang tiếp Đại sứ\nCập nhật: 08:15 12/04/2021\n\n{BODY}\n", encoding="utf-8")
    (doc,) = read_file(p)
    assert (doc.published, doc.published_source) == ("2021-04-12", "page")
    assert (doc.url, doc.outlet, doc.title) == ("https://dantri.com.vn/the-gioi/a-1.htm", "dantri.com.vn",
                                                "Bộ trưởng Lê Minh Khang tiếp Đại sứ")
    p.write_text("# source: unknown\n# published: unknown\n\n" f"Tiêu đề bài\n\n{BODY}\n", encoding="utf-8")
    (doc,) = read_file(p)
    assert (doc.url, doc.published, doc.title) == (None, None, "Tiêu đề bài")


def test_a_header_url_that_is_no_web_address_is_dropped(tmp_path):
    p = tmp_path / "h3.txt"
    p.write_text("# source: javascript:alert(1)\n\n" f"Tiêu đề bài\n\n{BODY}\n", encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.url is None and any("not an http(s) address" in w for w in doc.warnings)


def _html(head: str) -> str:
    return (f"<!doctype html><html><head><title>Trang</title>{head}</head><body><article>"
            f"<h1>Bộ trưởng Lê Minh Khang tiếp Đại sứ Nhật Bản</h1><p>{BODY}</p><p>{BODY}</p>"
            "</article></body></html>")


def test_html_published_time_og_url_and_canonical(tmp_path):
    p = tmp_path / "a.html"
    p.write_text(_html('<meta property="article:published_time" content="2021-04-10T02:00:00+07:00">'
                       '<meta property="og:url" content="https://vnexpress.net/bo-truong-tiep-1.html">'),
                 encoding="utf-8")
    (doc,) = read_file(p)
    assert (doc.published, doc.url, doc.outlet) == ("2021-04-10", "https://vnexpress.net/bo-truong-tiep-1.html",
                                                    "vnexpress.net")
    p.write_text(_html('<link rel="canonical" href="https://tuoitre.vn/bai-2.htm">'), encoding="utf-8")
    (doc,) = read_file(p)
    assert (doc.url, doc.outlet) == ("https://tuoitre.vn/bai-2.htm", "tuoitre.vn")


def test_html_json_ld_graph_date_and_url(tmp_path):
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "url": "https://baochinhphu.vn/"},
        {"@type": ["NewsArticle"], "url": "https://baochinhphu.vn/tiep-dai-su-102.htm",
         "datePublished": "2021-04-10T08:15:00+07:00"}]}
    p = tmp_path / "b.html"
    p.write_text(_html(f'<script type="application/ld+json">{json.dumps(ld)}</script>'), encoding="utf-8")
    (doc,) = read_file(p)
    assert (doc.published, doc.url) == ("2021-04-10", "https://baochinhphu.vn/tiep-dai-su-102.htm")


def test_a_javascript_og_url_gives_way_to_the_canonical(tmp_path):
    p = tmp_path / "c.html"
    p.write_text(_html('<meta property="og:url" content="javascript:alert(document.domain)">'
                       '<link rel="canonical" href="https://nhandan.vn/bai-3">'), encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.url == "https://nhandan.vn/bai-3"


def test_a_jsonl_url_that_is_no_web_address_is_dropped(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"id": "x1", "url": "javascript:alert(1)", "title": "Tiêu đề bài",
                             "text": BODY}, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.url is None and doc.text.endswith(BODY)


def test_outlet_of_a_host_written_with_its_final_dot():
    assert outlet_from_url("https://vietnamembassy-usa.org./vi/tin-tuc/1") == "vietnamembassy-usa.org"
