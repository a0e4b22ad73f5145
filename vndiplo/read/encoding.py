"""Bytes to text: UTF-8 first, then BOMs, UTF-16 without a BOM, then legacy code pages.

A page is never decoded into silent garbage: binary content (NUL bytes
outside UTF-16), text that no encoding explains, and UTF-8 read twice
("mojibake": "Viá»‡t" for "Việt") are either repaired with a warning or
refused with a reason.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "DecodeError", "decode_bytes"]

# Code pages in which Vietnamese pages were commonly saved, tried in this order
# when UTF-8 fails (charset-normalizer picks among them by coherence).
LEGACY_ENCODINGS = ("cp1258", "cp1252", "latin_1", "cp1250", "utf_16", "utf_32")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# UTF-8 bytes of Vietnamese letters read as Windows-1252: "á»", "Ã¡", "Ä‘", "Æ°".
_MOJIBAKE = re.compile("(?:á»|áº|Ã[\u00a0-\u00bf]|Ä[\u0080-\u00bf‘]|Æ[°¡])")
# Control characters that never occur in text (tab, newline, CR, FF excluded).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can vouch for."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 LE/BE guessed from the NUL byte pattern of mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def repair_mojibake(text: str) -> str | None:
    """UTF-8 that was decoded as Windows-1252 (or Latin-1), decoded back; None if not that."""
    if len(_MOJIBAKE.findall(text)) < 2:
        return None
    for enc in ("cp1252", "latin_1"):
        try:
            fixed = text.encode(enc).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(text)):
            return fixed
    return None


def _check_text(text: str, encoding: str) -> None:
    bad = len(_CONTROL.findall(text)) + text.count("\ufffd")
    if bad > max(2, len(text) // 200):
        raise DecodeError(f"binary or garbled content ({bad} control characters after decoding as {encoding})")


def decode_bytes(data: bytes) -> Decoded:
    """Decode a page's bytes; raises DecodeError with the reason if they are not text."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as e:
                raise DecodeError(f"invalid {enc} after its byte-order mark: {e.reason} at byte {e.start}") from e
            _check_text(text, enc)
            return Decoded(text.lstrip("\ufeff"), enc)
    enc16 = _utf16_without_bom(data)
    if enc16:
        try:
            text = data.decode(enc16)
        except UnicodeDecodeError:
            text = None
        if text is not None:
            _check_text(text, enc16)
            return Decoded(text, enc16, ("UTF-16 without byte-order mark",))
    if b"\x00" in data:
        raise DecodeError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data)
    _check_text(text, "utf-8")
    fixed = repair_mojibake(text)
    if fixed is not None:
        return Decoded(fixed, "utf-8", ("repaired UTF-8 that had been decoded as Windows-1252",))
    if len(_MOJIBAKE.findall(text)) >= 5:
        raise DecodeError("garbled text: UTF-8 that was read as Windows-1252 and cannot be repaired")
    return Decoded(text, "utf-8")


def _decode_legacy(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise DecodeError("not UTF-8 and no known encoding explains the bytes")
    text = str(best)
    _check_text(text, best.encoding)
    from vndiplo.read.metadata import detect_language

    if detect_language(text)[0] is None:
        raise DecodeError(f"unreadable text: not UTF-8, and as {best.encoding} it reads as no language "
                          "(an unsupported encoding such as TCVN3 or VNI?)")
    return Decoded(text, best.encoding, (f"decoded as {best.encoding} (not UTF-8)",))
