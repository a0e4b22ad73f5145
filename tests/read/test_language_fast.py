"""detect_language stops at its first sure answer and counts runs of characters instead of single
characters (faster); its answers must be those of the straightforward version kept here."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from tests.conftest import EXAMPLES, OWN, SHARED
from vndiplo.read import ReadError, iter_documents
from vndiplo.read.metadata import _SCRIPTS, _stoplists, detect_language
from vndiplo.text import fold_diacritics

_LETTER = re.compile(r"[^\W\d_]")
_VI_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ]")
_MARKS = re.compile("[\u0300-\u036f]")


def reference(text: str) -> tuple[str | None, float]:
    """The version before the speed-up: every script, every stop list, then the decision."""
    text = text[:8000]
    n_letters = len(_LETTER.findall(text))
    if n_letters < 20:
        return None, 0.0
    for code, script in _SCRIPTS:
        share = len(script.findall(text)) / n_letters
        if share > 0.3:
            return code, round(share, 3)
    vi_letters = len(_VI_LETTERS.findall(text)) + len(_MARKS.findall(unicodedata.normalize("NFD", text)))
    words = Counter(re.findall(r"[^\W\d_]+", text.lower()))
    total = sum(words.values())
    scores = {code: sum(n for w, n in words.items() if w in stop) / total for code, stop in _stoplists().items()}
    vi_marks = vi_letters / n_letters
    if "vi" in scores and vi_marks > 0.08 and scores["vi"] > 0.15:
        return "vi", round(min(1.0, scores["vi"] + vi_marks), 3)
    code, best = max(scores.items(), key=lambda kv: kv[1]) if scores else (None, 0.0)
    if code == "vi" and vi_marks < 0.02:
        return None, 0.0
    return (code, round(best, 3)) if best > 0.1 else (None, 0.0)


def _texts() -> list[str]:
    folders = [p for p in (EXAMPLES, OWN / "corpus", SHARED / "corpus" / "seeds", SHARED / "corpus" / "dev" / "input")
               if p.is_dir()]
    texts = [d.text for d in iter_documents(folders) if not isinstance(d, ReadError)]
    texts += [fold_diacritics(t) for t in texts[:20]]  # Vietnamese without marks: unknown
    texts += [
        "The minister met his counterpart in Hanoi and they discussed trade and investment. " * 4,
        "Le ministre a rencontré son homologue à Hanoï et ils ont parlé de la coopération. " * 4,
        "Der Minister traf seinen Amtskollegen in Hanoi und sie sprachen über den Handel. " * 4,
        "Министр иностранных дел встретился с коллегой в Ханое. " * 3,
        "Thai: การประชุมรัฐมนตรีต่างประเทศอาเซียนครั้งที่ 58 จัดขึ้นที่กัวลาลัมเปอร์",
        "中国外交部长会见越南副总理，双方讨论了合作。" * 5,
        "Bộ trưởng met the minister of foreign affairs in Hà Nội on Monday morning. " * 3,
        "İSTANBUL İzmir ΣΟΦΟΣ Σ. " * 5, "", "ngắn", "12345 67890 " * 10,
    ]
    return texts


def test_same_answers_as_the_reference():
    texts = _texts()
    assert len(texts) > 20
    for t in texts:
        assert detect_language(t) == reference(t), t[:80]


@pytest.mark.parametrize("text, code", [
    ("Ngày 8/7, Bộ trưởng Ngoại giao Bùi Thanh Sơn đã có cuộc hội đàm với người đồng cấp của Lào. " * 3, "vi"),
    ("The minister met his counterpart in Hanoi and they discussed trade and investment. " * 3, "en"),
])
def test_plain_cases(text, code):
    assert detect_language(text)[0] == code


def test_lower_case_keeps_letterhood():
    """detect_language counts the letters of text.lower() for the text's: no character may gain or lose
    letterhood in lower case (İ, the one character that lower-cases to two, keeps its one letter)."""
    letter = re.compile(r"[^\W\d_]")
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        low = c.lower()
        assert len(letter.findall(low)) == len(letter.findall(c)), hex(cp)
