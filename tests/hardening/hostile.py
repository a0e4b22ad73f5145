"""Builders of hostile input files (made by the tests, never downloaded)."""
from __future__ import annotations

import gzip
import io
import os
import zipfile
from pathlib import Path

GOOD = (" date 2025-07-08 Bộ trưởng Ngoại giao gặp Đại sứ Nhật Bản\n\n"
        "Chiều 8/7, tại Hà Nội, Bộ trưởng Ngoại giao Lê Hoài Trung đã tiếp Đại sứ Nhật Bản tại Việt Nam "
        "Ito Naoki. Hai bên nhất trí thúc đẩy quan hệ Đối tác Chiến lược toàn diện Việt Nam - Nhật Bản./.\n")


def build(folder: Path) -> dict[str, Path]:
    """Every kind of hostile file the issue names, plus one good page; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        p = folder / name
        p.write_bytes(data)
        files[name] = p

    put("good.txt", GOOD.encode("utf-8"))
    put("empty.txt", b"")
    put("binary.txt", bytes(range(256)) * 64)
    put("nul_bytes.txt", GOOD.encode("utf-8").replace(b" ", b"\x00", 30))
    put("invalid_utf8.txt", b"Chi\xe1\xbb\x81u 8/7 \xff\xfe\xfa\xc3\x28 B\xe1\xbb\x99 tr\xff\xff\xff" * 40)
    put("utf16_bom.txt", GOOD.replace("8/7", "9/7").encode("utf-16"))
    put("utf16_nobom.txt", GOOD.replace("8/7", "10/7").encode("utf-16-le"))
    put("windows1258.txt", _cp1258(GOOD.replace("8/7", "11/7")))
    put("big_50mb.txt", ((GOOD.replace("8/7", "12/7") + "\n") * (50 * 1024 * 1024 // len(GOOD.encode()))).encode())
    put("one_5mb_line.txt", (" date 2025-07-13 Một dòng dài\n\n" + "Hợp tác song phương, " * 240000).encode())
    put("nested.html", b"<html><body>" + b"<div>" * 100000 + "Bộ trưởng gặp Đại sứ.".encode() + b"</div>" * 10)
    put("unclosed.html", "<html><head><title>Tin ngoại giao</title></head><body><p>Chiều 8/7, Bộ trưởng".encode()
        + b"<p><p><div><span><table><tr><td>" * 2000)
    put("script_only.html", b"<html><head><script>var x = 1;" + b"x++;" * 5000 + b"</script><style>p{}</style>"
        b"</head><body><script>alert(1)</script></body></html>")
    put("zipbomb.txt", _zip_bomb())
    put("gzipbomb.txt", gzip.compress(b"\0" * (64 * 1024 * 1024)))
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "again").exists():
        os.symlink(folder, loop / "again")
    files["symlink_loop"] = loop
    put("unreadable.txt", GOOD.replace("8/7", "14/7").encode())
    os.chmod(files["unreadable.txt"], 0)
    return files


def _cp1258(text: str) -> bytes:
    """Windows-1258 bytes (combining tone marks: decompose what cp1258 lacks)."""
    import unicodedata

    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:  # cp1258 has ô, ơ, ư... precomposed and the five tones as combining marks
            d = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in d[1:] if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
            out += (base + tones).encode("cp1258")
    return bytes(out)


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(4):
            z.writestr(f"part{i}.txt", b"0" * (32 * 1024 * 1024))
    return buf.getvalue()
