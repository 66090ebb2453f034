"""Bytes → str for Chinese plan documents: UTF-8 (BOM or not), GB18030 (covers GBK/GB2312), Big5.

Cheap strict decodes first; charset-normalizer only when they are ambiguous (Big5 bytes are always valid
GB18030, so a file that decodes as both needs a real guess). Binary data and foreign encodings are refused.
"""

from __future__ import annotations

import codecs

import charset_normalizer

from planscope.ingest.errors import IngestError
from planscope.ingest.script import to_simplified

# charset-normalizer / WHATWG / <meta> labels → the codec we decode with. GB2312 and GBK pages are
# decoded as GB18030, their superset (pages labelled GB2312 routinely contain GBK characters).
_ALIASES = {
    "utf_8": "utf-8", "utf8": "utf-8", "utf-8": "utf-8", "utf_8_sig": "utf-8-sig", "utf-8-sig": "utf-8-sig",
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030", "euc-cn": "gb18030",
    "x-gbk": "gb18030", "hz": "hz", "hz_gb_2312": "hz",
    "big5": "big5", "big5hkscs": "big5hkscs", "big5-hkscs": "big5hkscs", "cp950": "cp950", "x-big5": "big5",
}  # UTF-16 only with a BOM: detectors guess it for short GBK samples
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CTRL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def normalise_label(label: str | None) -> str | None:
    """A declared or detected charset label → a codec we accept, or None when it is not a Chinese/Unicode one."""
    if not label:
        return None
    key = label.strip().lower().replace(" ", "")
    return _ALIASES.get(key) or _ALIASES.get(key.replace("-", "_"))


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _control_share(text: str) -> float:
    """Share of characters that never occur in a text document (C0 controls other than tab/CR/LF/FF, U+FFFD)."""
    if not text:
        return 0.0
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\t\r\n\f") or c == "\ufffd")
    return bad / len(text)


def _is_han(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uac00" <= c <= "\ud7af"


def _level1(c: str) -> bool:
    b = c.encode("gb2312", errors="ignore")
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def commonness(text: str) -> float:
    """Share of CJK characters (in simplified form) among the 3755 common ones of GB2312 level 1. Real
    Chinese text scores ~0.99; bytes decoded with the wrong Chinese codec give rare characters (~0.4)."""
    han = "".join(c for c in text[:20000] if _is_han(c))
    if not han:
        return 0.0
    ok = sum(1 for c in to_simplified(han) if _level1(c))
    return ok / len(han)


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside a UTF-16 BOM file) or a high share of control bytes: not a text document."""
    sample = data[:65536]
    if any(sample.startswith(bom) for bom, enc in _BOMS if enc == "utf-16"):
        return False
    if b"\x00" in sample:
        return True
    ctrl = len(sample) - len(sample.translate(None, _CTRL_BYTES))  # bytes < 32 but tab, LF, FF, CR
    return ctrl / max(len(sample), 1) > 0.05


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """(text, encoding name). `declared` is a charset a container announced (HTML meta), tried after UTF-8."""
    if not data.strip():
        raise IngestError(path, "empty file")
    if looks_binary(data):
        raise IngestError(path, "not a text document (binary data)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is not None:
                return text, enc
    # Valid UTF-8 first, even against a declared charset: non-ASCII GBK/Big5 text is practically never valid
    # UTF-8, while pages re-saved as UTF-8 often keep their old 'gb2312' meta tag.
    text = _strict(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    codec = normalise_label(declared)
    if codec:
        text = _strict(data, codec)
        if text is not None:
            return text, codec
    gb, big5 = _strict(data, "gb18030"), _strict(data, "big5")
    if gb is not None and big5 is None:
        return gb, "gb18030"
    if big5 is not None and gb is None:
        return big5, "big5"
    # Ambiguous (both decode) or neither: ask the statistical detector, and check its answer reads as
    # ordinary Chinese; short samples fool it (Big5 taken for Shift-JIS), so fall back on that check alone.
    best = charset_normalizer.from_bytes(data).best()
    guess = normalise_label(best.encoding) if best is not None else None
    if guess:
        text = _strict(data, guess)
        if text is not None and commonness(text) >= 0.8:
            return text, guess
    scored = sorted(((commonness(t), enc, t) for enc, t in (("gb18030", gb), ("big5", big5)) if t is not None),
                    reverse=True)
    if scored and scored[0][0] >= 0.8 and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.35):
        return scored[0][2], scored[0][1]
    # A few broken bytes (a truncated scrape) in otherwise clean text: keep it, marking the bad bytes.
    for enc in ("utf-8", "gb18030", "big5"):
        lossy = data.decode(enc, errors="replace")
        bad = lossy.count("\ufffd")  # 0: decoded strictly, and was judged above
        if 0 < bad <= max(3, len(lossy) // 1000) and (enc == "utf-8" or commonness(lossy) >= 0.8):
            return lossy, enc
    lossy = data.decode("utf-8", errors="replace")
    if min(_control_share(lossy), _control_share(data.decode("gb18030", errors="replace"))) > 0.2:
        raise IngestError(path, "not a text document (binary data)")
    found = best.encoding if best is not None else "undetectable"
    raise IngestError(path, f"unknown text encoding ({found}; expected UTF-8, GB18030/GBK or Big5)")
