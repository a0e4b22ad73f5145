"""Readers: plain text, HTML, JSON Lines, encodings; every failure names its input."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.conftest import HAVE_SHARED
from tests.read.ingest_paths import EXAMPLES, seed_path
from vndiplo.read import Document, ReadError, iter_documents, read_file
from vndiplo.read.encoding import DecodeError, decode_bytes

# A real page: the first seed when the shared corpus is here, else one of the repository's examples.
PAGE = seed_path("000") if HAVE_SHARED else EXAMPLES / "vn-fr-2024-10-07-paris.txt"
SEED = PAGE.read_text(encoding="utf-8")
_TONES = "\u0300\u0301\u0309\u0303\u0323"


def to_cp1258(s: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: base letters precomposed, tone marks combining."""
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
        out += base.encode("cp1258") + "".join(c for c in d if c in _TONES).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258"])
def test_encodings_read_back_to_the_same_document(tmp_path, encoding):
    ref = read_file(PAGE)[0]
    data = to_cp1258(SEED) if encoding == "cp1258" else SEED.encode(encoding)
    p = tmp_path / "000_page.txt"
    p.write_bytes(data)
    (doc,) = read_file(p)
    assert doc.text == ref.text
    assert doc.published == ref.published and doc.published
    if encoding in ("cp1258", "utf-16-le", "utf-16-be"):
        assert doc.warnings, "a guessed encoding is reported"


def test_nfd_input_is_normalised_but_offsets_stay_in_the_original(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_text(unicodedata.normalize("NFD", SEED), encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.text == unicodedata.normalize("NFC", doc.text)
    assert doc.text == read_file(PAGE)[0].text
    assert doc.raw_text == unicodedata.normalize("NFD", SEED)
    for r in doc.removed:
        assert doc.raw_text[r.start:r.end] == r.text


def test_mojibake_is_repaired_or_refused(tmp_path):
    twice = SEED.encode("utf-8").decode("cp1252", errors="ignore")
    good = SEED.encode("utf-8").decode("latin-1")
    d = decode_bytes(good.encode("utf-8"))
    assert d.text == SEED and d.warnings
    with pytest.raises(DecodeError, match="garbled"):
        decode_bytes(twice.encode("utf-8"))


def test_bytes_no_encoding_explains_are_refused():
    import random

    rng = random.Random(1)
    with pytest.raises(DecodeError, match="not UTF-8"):
        decode_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))


def test_binary_and_empty_bytes_are_refused():
    with pytest.raises(DecodeError, match="NUL"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(b"  \n\t ")


def test_html_page_main_text_and_metadata():
    (doc,) = read_file(EXAMPLES / "vn-sg-2025-03-balakrishnan.html")
    assert doc.title == "Việt Nam và Singapore thúc đẩy hợp tác kinh tế xanh, kinh tế số"
    assert (doc.published, doc.published_source, doc.published_confidence) == ("2025-03-13", "metadata", 1.0)
    assert doc.outlet == "baoquocte.vn" and doc.url.startswith("https://baoquocte.vn/")
    assert doc.author == "Thu Trang"
    assert "giảm 4,5% so với năm 2023" in doc.text
    for junk in ("Trang chủ", "Tin liên quan", "Bản quyền", "(Ảnh: Tuấn Anh)", "Lawrence Wong"):
        assert junk not in doc.text, junk
    assert doc.text.count(doc.title) == 1  # the <h1> repeat is removed


def test_html_date_from_json_ld_and_outlet_from_canonical():
    (doc,) = read_file(EXAMPLES / "vn-th-2025-10-27-asean-47.html")
    assert doc.published == "2025-10-27" and doc.outlet == "dangcongsan.vn"
    assert "25 tỷ USD" in doc.text and "Từ khóa" not in doc.text and "Giá vàng" not in doc.text


def test_jsonl_records_are_documents_with_their_ids(tmp_path):
    docs = [d for d in iter_documents([EXAMPLES / "readouts-2025.jsonl"])]
    assert all(isinstance(d, Document) for d in docs) and len(docs) == 3
    by_id = {d.doc_id: d for d in docs}
    la = by_id["vn-la-2025-01-08-thongsavanh"]
    assert la.published == "2025-01-08" and la.published_source == "metadata"
    assert la.outlet == "mofa.gov.vn" and la.source.endswith("readouts-2025.jsonl:1")
    assert la.text.startswith(la.title + "\n\n")
    assert "Tin liên quan" not in la.text and "Viêng Chăn" in la.text
    kh = by_id["vn-kh-2025-06-tiep-dai-su"]
    assert kh.text.count(kh.title) == 1 and "Google News" not in kh.text
    my = by_id["vn-my-2025-08-html"]  # a record carrying HTML
    assert "18 tỷ USD" in my.text and my.published == "2025-08-05"
    for d in docs:
        for r in d.removed:
            assert d.raw_text[r.start:r.end] == r.text


def test_bad_jsonl_lines_fail_alone(tmp_path):
    p = tmp_path / "mixed.jsonl"
    good = {"id": "ok-1", "title": "Bộ trưởng tiếp Đại sứ", "text": "Ngày 2/6, Bộ trưởng Ngoại giao đã tiếp Đại sứ "
            "Nhật Bản tại Hà Nội. Hai bên nhất trí tăng cường hợp tác kinh tế và giao lưu nhân dân."}
    p.write_text("\n".join([json.dumps(good, ensure_ascii=False), "{not json", json.dumps({"id": "x"}),
                            json.dumps([1, 2])]) + "\n", encoding="utf-8")
    out = list(iter_documents([p]))
    assert [type(x).__name__ for x in out] == ["Document", "ReadError", "ReadError", "ReadError"]
    assert out[1].source == f"{p}:2" and "invalid JSON" in out[1].reason
    assert out[2].source == f"{p}:3" and "neither" in out[2].reason
    assert out[3].source == f"{p}:4"


def test_text_file_without_date_line_takes_its_first_line_as_title(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("Bộ trưởng Ngoại giao tiếp Đại sứ Hàn Quốc\n\nNgày 3/4, tại Hà Nội, Bộ trưởng Ngoại giao đã "
                 "tiếp Đại sứ Hàn Quốc. Hai bên nhất trí thúc đẩy hợp tác đầu tư.\n", encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.title == "Bộ trưởng Ngoại giao tiếp Đại sứ Hàn Quốc" and doc.published is None
    assert doc.doc_id == "plain"


def test_a_text_of_one_paragraph_is_an_article_with_no_headline(tmp_path):
    body = ("Sáng 12/3, tại Hà Nội, Phó Chủ tịch nước đã tiếp Đại sứ Chile đến chào từ biệt. Hai bên "
            "nhất trí tăng cường trao đổi đoàn các cấp và thúc đẩy hợp tác thương mại, đầu tư.")
    p = tmp_path / "one.txt"
    p.write_text(body + "\n", encoding="utf-8")
    (doc,) = read_file(p)
    assert doc.title is None and doc.text.strip() == body
    # a metadata prefix before the paragraph is read as the date, not kept in the body
    q = tmp_path / "dated.txt"
    q.write_text(" date 2019-03 " + body, encoding="utf-8")
    (dated,) = read_file(q)
    assert dated.published == "2019-03" and dated.text.strip() == body
    # a headline alone is still refused: there is no article under it
    r = tmp_path / "headline.txt"
    r.write_text("Phó Chủ tịch nước tiếp Đại sứ Chile\n", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_file(r)
    assert "only a title line" in e.value.reason


def test_a_file_of_html_with_a_txt_name_is_read_as_html(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text((EXAMPLES / "vn-sg-2025-03-balakrishnan.html").read_text(encoding="utf-8"), encoding="utf-8")
    (doc,) = read_file(p)
    assert "<p>" not in doc.text and doc.published == "2025-03-13"


def test_read_errors_name_the_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ReadError) as e:
        read_file(p)
    assert str(p) in str(e.value) and "empty" in e.value.reason


def test_example_corpus_ids_are_unique():
    ids = [d.doc_id for d in iter_documents([EXAMPLES])]
    assert len(ids) == len(set(ids)) >= 12
    assert len([p for p in Path(EXAMPLES).glob("*.html")]) >= 2


def test_windows_line_endings_read_like_unix_ones(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(SEED.replace("\n", "\r\n").encode("utf-8"))
    (doc,) = read_file(p)
    assert doc.text == read_file(PAGE)[0].text
    for r in doc.removed:
        assert doc.raw_text[r.start:r.end] == r.text


def test_directory_walk_skips_hidden_and_unknown_files_and_survives_loops(tmp_path):
    from vndiplo.read.loader import walk

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "page.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "b.html").write_text("x", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    found = list(walk([tmp_path]))
    files = sorted(str(f.relative_to(tmp_path)) for f in found if isinstance(f, Path))
    errors = [f for f in found if isinstance(f, ReadError)]
    assert files == ["a/page.txt", "b.html"]
    assert len(errors) == 1 and "broken symlink" in errors[0].reason
