"""Faster text helpers give what the plain versions they replace gave (find_whole_words, squash_spaces)."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from vndiplo.text import find_whole_words


def by_regex(text: str, words: list[str]) -> list[tuple[int, int]]:
    rx = re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(w) for w in words) + r")(?![^\W_])")
    return [m.span() for m in rx.finditer(text)]


_ALPHABET = "ab Aá_-1.’\nễ"
_words = st.lists(st.text(_ALPHABET, min_size=1, max_size=5), min_size=1, max_size=5)


@settings(max_examples=400, deadline=None)
@given(st.text(_ALPHABET, max_size=60), _words)
def test_same_as_the_regex(text, words):
    assert find_whole_words(text, words) == by_regex(text, words)


@settings(max_examples=200, deadline=None)
@given(_words, st.lists(st.sampled_from([" ", ", ", "a", "_", "1", " và "]), max_size=8), st.randoms())
def test_same_as_the_regex_on_texts_made_of_the_words(words, glue, rnd):
    parts = []
    for g in glue:
        parts += [rnd.choice(words), g]
    text = "".join(parts)
    assert find_whole_words(text, words) == by_regex(text, words)


def test_examples():
    text = "Ông Nguyễn Văn An và Nguyễn Văn Anh; Nguyễn Văn An."
    assert find_whole_words(text, ["Nguyễn Văn Anh", "Nguyễn Văn An"]) == [(4, 17), (21, 35), (37, 50)]
    assert find_whole_words("An_An", ["An"]) == by_regex("An_An", ["An"])


_SPACE_ALPHABET = "a \t\u00a0\u2003\u200b\u202f\u205f\u3000\nb"


@settings(max_examples=400, deadline=None)
@given(st.text(_SPACE_ALPHABET, max_size=40))
def test_squash_spaces_collapses_every_run(text):
    from vndiplo.text import squash_spaces

    assert squash_spaces(text) == re.sub(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", text)


_TONE_ALPHABET = "qQoOuUaàảAÀeẻEyỳYỷ xđ.-1"


@settings(max_examples=600, deadline=None)
@given(st.text(_TONE_ALPHABET, max_size=30))
def test_fold_tones_same_as_the_lookbehind_first_pattern(text):
    """The tone-moving pattern tests "not after q" after the vowel: the same matches as before."""
    from vndiplo import text as T

    old = re.compile(r"(?<![qQ])([oOuU])([^\W\d_])(?![^\W\d_])")
    assert T._OPEN_DIPHTHONG.sub(T._move_tone, text) == old.sub(T._move_tone, text)
    assert [m.span() for m in T._OPEN_DIPHTHONG.finditer(text)] == [m.span() for m in old.finditer(text)]
