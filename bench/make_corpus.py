"""Make a synthetic corpus of N documents (JSON Lines) from the real example pages, for benchmarks.

Each document is one of the template pages (the shared seeds, and examples/corpus/ when
present) with its person names, dates and figures varied at random, so corpora of 10^3
to 10^6 documents can be made without real data. Written line by line: memory stays flat.

    python bench/make_corpus.py 10000 -o /tmp/corpus-1e4.jsonl [--seed 1] [--templates DIR ...]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vndiplo.read import ReadError, iter_documents  # noqa: E402

# Common Vietnamese family names, middle names and given names: material for fake people.
SURNAMES = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Lương Mai".split()
MIDDLE = "Văn Thị Hữu Đức Minh Thanh Quốc Xuân Ngọc Hồng Thế Trọng Công Đình Kim Anh Bảo Gia".split()
GIVEN = ("An Bình Cường Dũng Giang Hà Hải Hiếu Hoa Hùng Huy Khánh Lan Linh Long Mai Nam Nga Phong "
         "Phúc Quân Sơn Tâm Thảo Thắng Trung Tuấn Tùng Việt Vinh Yến").split()

# A person's name: a common family name followed by one to three capitalised syllables
# (the words are matched here, their capitals checked in Varier.name).
NAME = re.compile(rf"\b(?:{'|'.join(SURNAMES)})(?: [^\W\d_]+){{1,3}}")
# Dates and figures: d/m[/yyyy], a year, any other number (1,6 / 100,4 / 2.500).
NUMBER = re.compile(r"\b(\d{1,2})/(\d{1,2})(/(?:19|20)\d{2})?\b|\b(19|20)\d{2}\b|\d+(?:[.,]\d+)*")

DEFAULT_TEMPLATES = [ROOT.parent / "shared" / "corpus" / "seeds", ROOT.parent.parent / "shared" / "corpus" / "seeds",
                     ROOT / "examples" / "corpus"]


def load_templates(dirs: list[Path]) -> list[dict]:
    """The template documents (title, body) read by the read stage."""
    out = []
    for d in dirs:
        if not d.is_dir():
            continue
        for doc in iter_documents([d]):
            if isinstance(doc, ReadError):
                print(f"skipped {doc}", file=sys.stderr)
                continue
            body = doc.text[len(doc.title):].strip() if doc.title and doc.text.startswith(doc.title) else doc.text
            out.append({"title": doc.title, "text": body})
    return out


class Varier:
    """Random but consistent-within-a-document replacements of names and numbers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names: dict[str, str] = {}

    def name(self, m: re.Match) -> str:
        words = m.group(0).split(" ")
        k = 1
        while k < len(words) and words[k][:1].isupper():
            k += 1
        if k == 1:
            return m.group(0)
        old, rest = " ".join(words[:k]), words[k:]
        return " ".join([self._fake(old), *rest])

    def _fake(self, old: str) -> str:
        if old not in self.names:
            r = self.rng
            self.names[old] = " ".join([r.choice(SURNAMES), r.choice(MIDDLE), r.choice(GIVEN)][: 2 + (len(old.split()) > 2)])
        return self.names[old]

    def number(self, m: re.Match) -> str:
        r = self.rng
        if m.group(1):  # d/m[/yyyy]
            year = f"/{r.randint(1995, 2026)}" if m.group(3) else ""
            return f"{r.randint(1, 28)}/{r.randint(1, 12)}{year}"
        if m.group(4):
            return str(r.randint(1995, 2026))
        s = m.group(0)
        return "".join(c if not c.isdigit() else str(r.randint(1 if i == 0 else 0, 9)) for i, c in enumerate(s))

    def vary(self, text: str) -> str:
        return NUMBER.sub(self.number, NAME.sub(self.name, text))


def generate(n: int, templates: list[dict], seed: int = 0) -> Iterator[dict]:
    """N document rows {"id","url","title","published","text"} made from the templates."""
    rng = random.Random(seed)
    for i in range(n):
        t = templates[i % len(templates)]
        v = Varier(rng)
        published = None if rng.random() < 0.05 else \
            f"{rng.randint(2010, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield {"id": f"syn-{i:07d}", "url": f"https://example.invalid/bao/{i}.html",
               "title": v.vary(t["title"]) if t["title"] else None, "published": published,
               "text": v.vary(t["text"])}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("-o", "--output", type=Path, help="JSON Lines file (default: stdout)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--templates", type=Path, nargs="*", help="folders of template pages")
    a = ap.parse_args(argv)
    templates = load_templates(a.templates or DEFAULT_TEMPLATES)
    if not templates:
        sys.exit("no template pages found (give --templates DIR)")
    out = a.output.open("w", encoding="utf-8") if a.output else sys.stdout
    try:
        for row in generate(a.n, templates, a.seed):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if a.output:
            out.close()


if __name__ == "__main__":
    main()
