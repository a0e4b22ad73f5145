"""CPU time of extraction as a page grows: it should grow in proportion (linear in the text).

    python bench/bench_scaling.py [--sizes 100,200,400,800]

A paragraph dense with diplomatic phrases (talks, "the two leaders", a visit, co-chairs, an event an
institution holds, attendees) is repeated N times, as paragraphs and as one run-on sentence; each
line prints the size, the facts found and the CPU seconds, and the ratio to the previous size.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vndiplo.extract.pipeline import extract  # noqa: E402

PARAGRAPH = (
    "Chiều 8/7, Bộ trưởng Ngoại giao Hà Văn Lâm hội đàm với Bộ trưởng Ngoại giao Lào Bounsy Vongsa tại Viêng "
    "Chăn. Sau đó, hai nhà lãnh đạo chứng kiến lễ ký Bản ghi nhớ. Tổng thống Chile Ana Soto thăm cấp Nhà nước "
    "Việt Nam. Phó Thủ tướng Trần Văn Cường và Phó Thủ tướng Campuchia Sok Chenda đồng chủ trì Hội nghị Hợp tác "
    "lần thứ 13. Tỉnh Lào Cai tổ chức gặp mặt hữu nghị. Tham dự sự kiện có Đại sứ Peru Carlos Mendoza. ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,200,400,800")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    extract("Tin\n" + PARAGRAPH, "2025-07-09")  # load the tables before timing
    for name, sep in (("paragraphs", "\n"), ("one sentence", " ")):
        prev = None
        for n in sizes:
            text = "Tin\n" + sep.join([PARAGRAPH] * n)
            t = time.process_time()
            facts = extract(text, "2025-07-09")
            cpu = time.process_time() - t
            ratio = f"  x{cpu / prev:.2f} for x{n // sizes[sizes.index(n) - 1]}" if prev else ""
            print(f"{name:13s} {len(text):>9,d} chars {len(facts):>6d} facts {cpu:7.2f} s CPU{ratio}")
            prev = cpu


if __name__ == "__main__":
    main()
