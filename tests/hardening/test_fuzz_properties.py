"""Whatever the input, a reader gives Documents or a ReadError naming the input, never another
exception; cleaned text is NFC; removed spans point into the raw page (property-based, short:
scripts/fuzz.py runs the long version). Fixed examples are inputs the fuzzer once broke."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from vndiplo.read import Document, ReadError, read_file
from vndiplo.read.clean import clean_page
from vndiplo.read.loader import iter_file
from vndiplo.read.rows import document_from_row, row_from_line

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.function_scoped_fixture])

VI = ["Bộ trưởng Ngoại giao", "Việt Nam", "gặp", "hội đàm", "chiều 8/7", "ngày 14-15/8/2025", "kim ngạch",
      "1,6 tỷ USD", " date 2025-07-08 ", "Tin liên quan", "Ảnh: TTXVN", "Theo dõi Baoquocte.vn trên", "./.",
      "\n", "\n\n", "\r\n", "\u00a0", "\u200b", "\ufeff", "\x00", "ơ\u0301", "o\u031b\u0301", "Ô", "Đ"]
HTML = ["<html>", "<head>", "<title>", "</title>", "<body>", "<p>", "</p>", "<div>", "</div>", "<script>",
        "</script>", "<style>", "<!--", "-->", "&nbsp", "&nbsp;", "&#xD800;", "&#0;", "<br>", "<a href='",
        "'>", "<link rel=\"canonical\" href=\"http://[bad\">", "<meta property=\"og:url\" content=\"",
        "<meta property=\"article:published_time\" content=\"2025-07-08\">", "<", ">", "\""]

vi_text = st.one_of(st.text(max_size=300), st.lists(st.sampled_from(VI), max_size=80).map(" ".join),
                    st.lists(st.sampled_from(VI), max_size=80).map("".join))
html_text = st.lists(st.one_of(st.sampled_from(HTML), st.sampled_from(VI), st.text(max_size=20)),
                     max_size=60).map("".join)
json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                        st.sampled_from(["2025-07-08", "8/7/2025", "http://[bad", "https://baoquocte.vn/a"]))
json_value = st.recursive(json_scalar, lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
    st.text(max_size=5), kids, max_size=3), max_leaves=6)
record = st.fixed_dictionaries({}, optional={
    "id": json_value, "title": st.one_of(json_value, vi_text), "url": json_value, "published": json_value,
    "text": st.one_of(vi_text, json_value), "html": st.one_of(html_text, json_value), "author": json_value})
jsonl_line = st.one_of(record.map(json.dumps), json_value.map(json.dumps), st.text(max_size=80))


def check_document(doc: Document) -> None:
    assert doc.text == unicodedata.normalize("NFC", doc.text)
    for r in doc.removed:
        assert 0 <= r.start <= r.end <= len(doc.raw_text) and doc.raw_text[r.start:r.end] == r.text, r


def read_or_refuse(path: Path) -> list[Document]:
    """read_file's answer; a ReadError must name the file, any other exception fails the test."""
    try:
        docs = read_file(path)
    except ReadError as e:
        assert str(path) in str(e)
        return []
    for d in docs:
        check_document(d)
    return docs


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@FAST
@given(data=st.binary(max_size=3000) | vi_text.map(lambda s: s.encode("utf-8", "surrogatepass")),
       suffix=st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_bytes_in_any_kind_of_file(folder, data, suffix):
    path = folder / f"bytes{suffix}"
    path.write_bytes(data)
    read_or_refuse(path)


@FAST
@given(html=html_text)
@example(html="&nbsp<html><script>")  # once an AssertionError from deep inside trafilatura/lxml
@example(html="<html><head><link rel='canonical' href='http://[bad'></head><body><p>"
              + "Bộ trưởng Ngoại giao gặp Đại sứ tại Hà Nội. " * 5 + "</p></body></html>")  # once a ValueError
def test_any_html_string(folder, html):
    path = folder / "page.html"
    path.write_text(html, encoding="utf-8", errors="surrogatepass")
    read_or_refuse(path)


@FAST
@given(lines=st.lists(jsonl_line, min_size=1, max_size=4))
@example(lines=[json.dumps({"text": "Bộ trưởng Ngoại giao gặp Đại sứ tại Hà Nội chiều 8/7.", "url": {}})])
@example(lines=[json.dumps({"text": "Bộ trưởng Ngoại giao gặp Đại sứ tại Hà Nội chiều 8/7.", "url": "http://[x"})])
def test_any_jsonl_lines_give_documents_or_errors_naming_their_line(folder, lines):
    path = folder / "rows.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    for item in iter_file(path):
        if isinstance(item, ReadError):
            assert str(path) in item.source
        else:
            check_document(item)


@FAST
@given(line=jsonl_line)
@example(line=json.dumps({"id": "a", "text": "Bộ trưởng Ngoại giao gặp Đại sứ tại Hà Nội chiều 8/7.", "url": {"a": 1}}))
def test_any_row_for_spark_gives_a_document_or_an_error_naming_it(line):
    source = "part-0.jsonl:7"
    try:
        doc = document_from_row(row_from_line(line, source), source)
    except ReadError as e:
        assert source in str(e)
        return
    check_document(doc)


@FAST
@given(raw=vi_text | vi_text.map(lambda s: unicodedata.normalize("NFD", s)))
def test_cleaner_gives_nfc_text_and_removed_spans_inside_the_raw_page(raw):
    c = clean_page(raw)
    assert c.text == unicodedata.normalize("NFC", c.text)
    for r in c.removed:
        assert raw[r.start:r.end] == r.text, r


PAGE = ("Bộ trưởng Ngoại giao tiếp Đại sứ Nhật Bản\n\n"
        "Chiều 8/7, tại Hà Nội, Bộ trưởng Ngoại giao đã tiếp Đại sứ Nhật Bản tại Việt Nam./.")


def test_a_record_with_a_url_that_is_not_a_string_is_refused_by_name(tmp_path):
    path = tmp_path / "rows.jsonl"
    good = {"id": "ok", "text": PAGE}
    path.write_text(json.dumps({**good, "id": "bad", "url": {"x": 1}}) + "\n" + json.dumps(good) + "\n",
                    encoding="utf-8")
    items = list(iter_file(path))
    assert isinstance(items[0], ReadError) and items[0].source == f"{path}:1" and "url" in items[0].reason
    assert isinstance(items[1], Document) and items[1].doc_id == "ok"


def test_a_malformed_url_gives_no_outlet_but_keeps_the_page(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text(json.dumps({"id": "a", "text": PAGE, "url": "http://[::1"}), encoding="utf-8")
    (doc,) = read_file(path)
    assert "Chiều 8/7" in doc.text and doc.outlet is None


def test_extraction_spans_point_into_the_callers_text_even_when_nfc_lengthens_it():
    """U+0B5C is a composition exclusion: NFC decomposes it, so the NFC text is longer (fuzzer find).
    Facts are found in the NFC form and their spans mapped back to the text as given."""
    import vndiplo
    from vndiplo.text import nfc

    text = "Phó Thủ tướng Bùi Thanh Sơn gặp Bộ trưởng Ngoại giao Thái Lan Maris Sangiampongsa tại Hà Nội \u0b5c"
    assert len(nfc(text)) == len(text) + 1
    facts = vndiplo.extract(text, "2025-07-08")
    assert facts
    for f in facts:
        a, b = f.span
        assert 0 <= a <= b <= len(text) and f.evidence == text[a:b]
