"""tokenize() remembers each token text's shape; its tokens must be those of the plain loop kept here."""
from __future__ import annotations

from tests.conftest import EXAMPLES, OWN
from vndiplo.extract import tokens as T
from vndiplo.extract.tokens import Token, _split_fused, _split_hyphens, _fused_at, key, tokenize
from vndiplo.read import ReadError, iter_documents
from vndiplo.text import fold_tones


def reference(text: str) -> list[Token]:
    """The tokenizer before the shapes were remembered."""
    low = fold_tones(text).lower()
    if len(low) != len(text):
        low = None
    out = []
    for m in T._TOKEN.finditer(text):
        s, e = m.span()
        t = m.group()
        if len(t) > 3 and not t[1:].islower() and not t.isupper() and _fused_at(t):
            spans = list(_split_fused(t, s))
        elif "-" in t and len(t) > 2:
            spans = list(_split_hyphens(text, s, e))
        else:
            spans = [(s, e)]
        for a, b in spans:
            w = text[a:b]
            out.append(Token(a, b, w, low[a:b] if low else key(w), w[0].isalnum(), w[0].isupper()))
    return out


TRICKY = [
    "", "a", "Ki-moon Lào-Việt Nam TTXVNChiều Ngoại giaoLê DũngChủ tịch McLiesh iPhone _A a_B x-Y AB2Cd AB-Cd",
    "İstanbul ǅ ß 𝐀bc Đa-ni-en Ki-Moon-Park İ-Anh giaoLê-Việt 2025 8/7 Thủ tướng Phạm Minh Chính",
]


def test_same_tokens_as_the_plain_loop():
    texts = TRICKY + [d.text for d in iter_documents([p for p in (EXAMPLES, OWN / "corpus") if p.is_dir()])
                      if not isinstance(d, ReadError)]
    for text in texts:
        assert tokenize(text) == reference(text)
        assert tokenize(text) == reference(text)  # (shapes remembered the second time)


def test_the_shape_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(T, "_MAX_SHAPES", 3)
    T._SHAPES.clear()
    text = "một hai ba bốn năm Sáu-Bảy TTXVNChiều"
    assert tokenize(text) == reference(text)
    assert len(T._SHAPES) <= 3
