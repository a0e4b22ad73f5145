"""On-demand fuzzing of the read stage, the cleaner and the extractor (not a test: run it for minutes).

    python scripts/fuzz.py --seconds 300            # until 5 minutes have passed
    python scripts/fuzz.py --examples 2000 --seed 7 # 2000 inputs per target, reproducibly

Inputs are random mutations of real pages (the examples and seed pages: bytes flipped, cut,
spliced, re-encoded, wrapped in broken HTML or JSON) and purely random ones. Each target is
checked for what must always hold:

- readers (bytes in a .txt/.html/.jsonl file, HTML strings, JSON Lines lines): a Document or a
  ReadError naming the input, never another exception; the text is NFC; removed spans point
  into the raw page;
- cleaner: never raises; its text is NFC; removed spans point into the raw page;
- extractor: never raises; every span is inside the text; every record is valid (SCHEMA.md).

Each failure is saved in --out (the input, the target, the traceback) and one line is printed;
re-run one with `python scripts/fuzz.py --replay FILE`. Exit code 1 if anything failed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import signal
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vndiplo.extract.pipeline import extract  # noqa: E402
from vndiplo.read import ReadError, read_file  # noqa: E402
from vndiplo.read.clean import clean_page  # noqa: E402
from vndiplo.read.rows import document_from_row, row_from_line  # noqa: E402
from vndiplo.records import validate_record  # noqa: E402

PAGES = [ROOT / "examples" / "corpus", Path("/work/shared/corpus/seeds")]
HANG_SECONDS = 30  # one input taking longer than this is reported as a hang
TARGETS = ("bytes", "html", "jsonl", "row", "clean", "extract")

# pieces that steer generated text towards what the extractors look for
VI = ["Bộ trưởng", "Ngoại giao", "Việt Nam", "Lào", "gặp", "hội đàm", "tiếp", "chiều 8/7",
      "ngày 14-15/8/2025", "kim ngạch", "đạt", "1,6 tỷ USD", "tăng", "100,4%", "kỷ niệm", "80 năm",
      "(19/8/1945-19/8/2025)", "Kỳ họp lần thứ 21", "Ủy ban Hỗn hợp", "Đối tác Chiến lược toàn diện",
      "Phó Thủ tướng", "Chủ tịch nước", "Tổng Bí thư", ",", ".", ";", "\n", "\n\n", "./.", "(", ")",
      "–", "-", "2026 - 2030", "hoà", "Thoả thuận", " date 2025-07-08 ", "Tin liên quan", "Ảnh:",
      "TTXVN", "\u00a0", "\u200b", "\ufeff", "\r\n", "\t", "ngày 31/2/2025", "năm 0", "quý IV/2024",
      "https://example.vn/a.html", "999999999999 tỷ USD", "lần thứ 0", "Ô", "ơ", "ư\u0303", "\u0301"]
HTML_BITS = ["<html>", "<head>", "<title>", "</title>", "<meta property=\"article:published_time\" content=\"",
             "2025-07-08T10:00:00\">", "<script type=\"application/ld+json\">", "{\"datePublished\":",
             "</script>", "<body>", "<p>", "</p>", "<div>", "</div>", "<br>", "<!--", "-->", "<![CDATA[",
             "&amp;", "&#x0;", "&#xD800;", "&nbsp;", "<link rel=\"canonical\" href=\"", "\">", "<table>",
             "<td>", "<style>", "</style>", "<a href='", "'>", "</a>", "<", ">", "\"", "'"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1258", "latin-1", "cp1252"]


class Hang(Exception):
    pass


class Broken(Exception):
    """A property that must hold did not."""


def _alarm(_sig, _frame):
    raise Hang(f"no answer within {HANG_SECONDS} s")


# ---------------------------------------------------------------- generation

def load_pages() -> list[str]:
    pages = []
    for folder in PAGES:
        if folder.is_dir():
            pages += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not pages:
        sys.exit("no example pages found")
    return pages


def random_text(rng: random.Random, pages: list[str]) -> str:
    kind = rng.random()
    if kind < 0.35:  # a real page, mutated
        return mutate_text(rng, rng.choice(pages))
    if kind < 0.65:  # Vietnamese-looking word salad
        return rng.choice(["", " "]).join(rng.choice(VI) for _ in range(rng.randint(0, 200)))
    if kind < 0.8:  # arbitrary code points, surrogates excluded
        return "".join(chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF), rng.randint(0xE000, 0x10FFFF)]))
                       for _ in range(rng.randint(0, 300)))
    # a slice of a real page, decomposed or not
    p = rng.choice(pages)
    a = rng.randint(0, len(p))
    s = p[a:a + rng.randint(0, 3000)]
    return unicodedata.normalize(rng.choice(["NFC", "NFD", "NFKD"]), s)


def mutate_text(rng: random.Random, s: str) -> str:
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(6)
        i = rng.randint(0, len(s))
        if op == 0:  # cut
            s = s[:i] + s[i + rng.randint(0, 500):]
        elif op == 1:  # insert a piece
            s = s[:i] + rng.choice(VI) + s[i:]
        elif op == 2:  # duplicate a stretch
            j = rng.randint(i, min(len(s), i + 400))
            s = s[:j] + s[i:j] * rng.randint(1, 4) + s[j:]
        elif op == 3:  # random characters
            s = s[:i] + "".join(chr(rng.randint(1, 0x2000)) for _ in range(rng.randint(1, 10))) + s[i:]
        elif op == 4:  # decompose a stretch
            j = rng.randint(i, min(len(s), i + 400))
            s = s[:i] + unicodedata.normalize("NFD", s[i:j]) + s[j:]
        else:  # truncate
            s = s[:i]
    return s


def random_bytes(rng: random.Random, pages: list[str]) -> bytes:
    kind = rng.random()
    if kind < 0.15:
        return rng.randbytes(rng.randint(0, 2000))
    text = random_text(rng, pages)
    enc = rng.choice(ENCODINGS)
    data = text.encode(enc, errors=rng.choice(["replace", "ignore", "xmlcharrefreplace"]))
    for _ in range(rng.randint(0, 6)):  # byte-level damage
        if not data:
            break
        i = rng.randrange(len(data))
        op = rng.randrange(4)
        if op == 0:
            data = data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]
        elif op == 1:
            data = data[:i]
        elif op == 2:
            data = data[:i] + rng.randbytes(rng.randint(1, 8)) + data[i:]
        else:
            data = data[:i] + b"\x00" * rng.randint(1, 4) + data[i:]
    return data


def random_html(rng: random.Random, pages: list[str]) -> str:
    parts = []
    text = random_text(rng, pages)
    paras = text.split("\n")
    for _ in range(rng.randint(0, 60)):
        r = rng.random()
        if r < 0.5:
            parts.append(rng.choice(HTML_BITS))
        elif paras:
            parts.append(rng.choice(paras))
    if rng.random() < 0.5:  # a well-formed page around the text
        return (f"<html><head><title>{rng.choice(paras)}</title></head><body>"
                + "".join(f"<p>{p}</p>" for p in paras) + "</body></html>")
    return "".join(parts)


def random_json_value(rng: random.Random, pages: list[str], depth: int = 0):
    r = rng.random()
    if r < 0.4 or depth > 2:
        return rng.choice([None, True, False, 0, -1, 1.5, 10**30, float("nan"), "", "2025-07-08", "7/2025",
                           random_text(rng, pages)[:200]])
    if r < 0.7:
        return [random_json_value(rng, pages, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["id", "text", "title", "url", "published", "html", "x"]): random_json_value(rng, pages, depth + 1)
            for _ in range(rng.randint(0, 4))}


def random_jsonl_line(rng: random.Random, pages: list[str]) -> str:
    rec: dict = {}
    for key in ("id", "title", "url", "published", "text", "html", "outlet", "author", "language"):
        if rng.random() < 0.6:
            rec[key] = random_json_value(rng, pages)
    if rng.random() < 0.7:
        rec["text"] = random_text(rng, pages)
    if rng.random() < 0.2:
        rec["html"] = random_html(rng, pages)
    line = json.dumps(rec if rng.random() < 0.9 else random_json_value(rng, pages), ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.1:  # broken JSON
        i = rng.randint(0, len(line))
        line = line[:i] + rng.choice(["", "}", "\"", "\\u", "\n"]) + line[i + rng.randint(0, 5):]
    return line


# ---------------------------------------------------------------- checks

def check_documents(docs, source: str) -> None:
    for d in docs:
        if d.text != unicodedata.normalize("NFC", d.text):
            raise Broken(f"{d.doc_id}: text is not NFC")
        for r in d.removed:
            if not (0 <= r.start <= r.end <= len(d.raw_text)) or d.raw_text[r.start:r.end] != r.text:
                raise Broken(f"{d.doc_id}: removed span {r.start}:{r.end} ({r.reason}) does not point into the raw page")
        check_facts(d.text, d.published, d.title)


def check_facts(text: str, published: str | None, title: str | None) -> None:
    # the extractor reads the NFC form (the read stage's text always is): spans are offsets in it,
    # and NFC can lengthen a string (composition exclusions such as U+0B5C decompose)
    text = unicodedata.normalize("NFC", text)
    for f in extract(text, published, title):
        a, b = f.span
        if not (0 <= a <= b <= len(text)):
            raise Broken(f"{f.type} span {a}:{b} outside a text of {len(text)} characters")
        rec = json.loads(json.dumps(f.to_record("fuzz"), ensure_ascii=False))
        problems = validate_record(rec)
        if problems:
            raise Broken(f"invalid {f.type} record: {problems}")


def read_through_file(data: bytes, suffix: str, folder: Path) -> None:
    path = folder / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        docs = read_file(path)
    except ReadError as e:
        if str(path) not in str(e):
            raise Broken(f"ReadError does not name the input: {e}") from None
        return
    check_documents(docs, str(path))


def run_one(target: str, payload, folder: Path) -> None:
    if target == "bytes":
        data, suffix = payload
        read_through_file(data, suffix, folder)
    elif target == "html":
        read_through_file(payload.encode("utf-8", "surrogatepass"), ".html", folder)
    elif target == "jsonl":
        read_through_file(payload.encode("utf-8", "surrogatepass"), ".jsonl", folder)
    elif target == "row":  # the Spark path: one JSON Lines line -> row -> Document
        try:
            doc = document_from_row(row_from_line(payload, "fuzz.jsonl:1"), "fuzz.jsonl:1")
        except ReadError as e:
            if "fuzz.jsonl:1" not in str(e):
                raise Broken(f"ReadError does not name the input: {e}") from None
            return
        check_documents([doc], "fuzz.jsonl:1")
    elif target == "clean":
        c = clean_page(payload)
        if c.text != unicodedata.normalize("NFC", c.text):
            raise Broken("cleaned text is not NFC")
        for r in c.removed:
            if payload[r.start:r.end] != r.text:
                raise Broken(f"removed span {r.start}:{r.end} ({r.reason}) does not point into the raw page")
    elif target == "extract":
        text, published = payload
        check_facts(text, published, None)


def generate(target: str, rng: random.Random, pages: list[str]):
    if target == "bytes":
        return random_bytes(rng, pages), rng.choice([".txt", ".html", ".jsonl", ".txt"])
    if target == "html":
        return random_html(rng, pages)
    if target in ("jsonl", "row"):
        return "\n".join(random_jsonl_line(rng, pages) for _ in range(rng.randint(1, 3))) if target == "jsonl" \
            else random_jsonl_line(rng, pages)
    if target == "clean":
        return random_text(rng, pages)
    return random_text(rng, pages), rng.choice([None, "2025", "2025-07", "2025-07-08", "1999-12-31"])


# ---------------------------------------------------------------- reproducers

def _encode(target: str, payload) -> dict:
    if target == "bytes":
        return {"target": target, "bytes_hex": payload[0].hex(), "suffix": payload[1]}
    if target == "extract":
        return {"target": target, "text": payload[0], "published": payload[1]}
    return {"target": target, "text": payload}


def _decode(rec: dict):
    t = rec["target"]
    if t == "bytes":
        return t, (bytes.fromhex(rec["bytes_hex"]), rec["suffix"])
    if t == "extract":
        return t, (rec["text"], rec["published"])
    return t, rec["text"]


def save(out: Path, target: str, payload, tb: str) -> Path:
    rec = _encode(target, payload)
    rec["traceback"] = tb
    name = hashlib.sha1(json.dumps(rec, sort_keys=True).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{target}-{name}.json"
    path.write_text(json.dumps(rec, ensure_ascii=True, indent=1))
    return path


def signature(exc: BaseException) -> str:
    """Where it failed: the exception type and the innermost vndiplo frame (groups repeats)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/vndiplo/" in f.filename]
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
    msg = str(exc).split(":")[0][:60] if isinstance(exc, Broken) else ""
    return f"{type(exc).__name__} at {where} {msg}".strip()


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=None, help="inputs per target (default: until --seconds)")
    ap.add_argument("--seconds", type=float, default=60.0, help="time budget for the whole run")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock; printed)")
    ap.add_argument("--targets", default=",".join(TARGETS), help=f"comma-separated, of {', '.join(TARGETS)}")
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"), help="folder for reproducers")
    ap.add_argument("--replay", type=Path, help="re-run one saved reproducer and show its traceback")
    args = ap.parse_args()
    signal.signal(signal.SIGALRM, _alarm)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.replay:
            target, payload = _decode(json.loads(args.replay.read_text()))
            run_one(target, payload, folder)
            print("no failure")
            return 0

        seed = args.seed if args.seed is not None else int(time.time())
        targets = [t.strip() for t in args.targets.split(",") if t.strip()]
        unknown = set(targets) - set(TARGETS)
        if unknown:
            ap.error(f"unknown targets: {', '.join(sorted(unknown))}")
        rng = random.Random(seed)
        pages = load_pages()
        tried: Counter = Counter()
        failed: Counter = Counter()
        seen: dict[str, Path] = {}
        start = time.monotonic()
        print(f"seed {seed}; targets {', '.join(targets)}", file=sys.stderr)
        i = 0
        while True:
            if args.examples is not None and all(tried[t] >= args.examples for t in targets):
                break
            if args.examples is None and time.monotonic() - start >= args.seconds:
                break
            target = targets[i % len(targets)]
            i += 1
            if args.examples is not None and tried[target] >= args.examples:
                continue
            payload = generate(target, rng, pages)
            tried[target] += 1
            signal.alarm(HANG_SECONDS)
            try:
                run_one(target, payload, folder)
            except Exception as e:  # anything escaping a target is a finding
                failed[target] += 1
                sig = f"{target}: {signature(e)}"
                if sig not in seen:
                    seen[sig] = save(args.out, target, payload, traceback.format_exc())
                    print(f"FAIL {sig} -> {seen[sig]}", file=sys.stderr)
            finally:
                signal.alarm(0)
        took = time.monotonic() - start

    print(f"fuzz: seed {seed}, {sum(tried.values())} inputs in {took:.0f} s")
    for t in targets:
        print(f"  {t:8} {tried[t]:7} tried, {failed[t]:5} failed")
    print(f"  {len(seen)} distinct failure(s)" + (f", reproducers in {args.out}/" if seen else ""))
    for sig, path in seen.items():
        print(f"    {sig}  ({path.name})")
    return 1 if seen else 0


if __name__ == "__main__":
    sys.exit(main())
