"""Numbers as printed in Chinese documents → exact `Decimal`s.

Handles Arabic digits with thousands separators and full-width forms, Chinese numerals (一百二十三点五, 两千),
and the scale words 万 / 亿 / 万亿 after either (1.45亿, 3.5万亿, 7339万). Never goes through float.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000),
          "百": Decimal(100)}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "十百千万亿点"

ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
ARABIC_RE = re.compile(ARABIC)
CN_NUMBER_RE = re.compile(r"[零〇一二两三四五六七八九十百千万亿][零〇一二两三四五六七八九十百千万亿点]*")


# The full-width punctuation of Chinese prose with its NFKC form: the characters that make most lines fail NFKC's
# quick check and take its slow path.
_FULL_WIDTH = (("，", ","), ("（", "("), ("）", ")"), ("：", ":"), ("；", ";"), ("！", "!"), ("？", "?"), ("％", "%"))
_SUPERSCRIPTS = tuple(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True))


def nfkc(s: str) -> str:
    """unicodedata.normalize("NFKC", s), faster for Chinese text. Replacing a character by its compatibility
    decomposition leaves the NFKD form, hence the NFKC form, unchanged; so when the text with full-width punctuation
    replaced is already NFKC, that text is the NFKC form."""
    if s.isascii():
        return s
    t = s
    for wide, narrow in _FULL_WIDTH:
        t = t.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", t):
        return t
    for sup, digit in _SUPERSCRIPTS:  # footnote marks (¹⁴³), next most common
        t = t.replace(sup, digit)
    return t if unicodedata.is_normalized("NFKC", t) else unicodedata.normalize("NFKC", s)


def normalize_digits(s: str) -> str:
    """Full-width digits and punctuation to ASCII (NFKC), keeping Chinese characters."""
    return nfkc(s)


_WS = re.compile(r"\s+")


def compact(s: str) -> str:
    """NFKC and no whitespace at all: the comparison form of names and labels (PDF text spaces out 工 程 名 称)."""
    t = nfkc(s)
    if " " not in t and t.isprintable():  # cheap: every other whitespace character is unprintable
        return t
    return _WS.sub("", t)


def to_chinese(n: int) -> str:
    """0–99 as a Chinese numeral the way item numbers and plan numbers are printed: 十, 十四, 二十, 九十九."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def arabic(s: str) -> Decimal:
    """'1,860.06' -> Decimal('1860.06')."""
    try:
        return Decimal(normalize_digits(s).replace(",", ""))
    except InvalidOperation as e:
        raise ValueError(f"not a number: {s!r}") from e


def _cn_section(s: str) -> int:
    """A numeral below 万: 三千二百零五 -> 3205, 十五 -> 15."""
    total, digit = 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL_UNITS:
            total += (1 if digit is None else digit) * CN_SMALL_UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {s!r}")
    return total + (digit or 0)


def chinese(s: str) -> Decimal:
    """Chinese numerals: 一百二十三点五 -> 123.5, 三万二千 -> 32000, 两亿 -> 200000000, 二〇二五 -> 2025."""
    if s and all(ch in CN_DIGITS for ch in s) and len(s) > 1:  # digit-by-digit: 二〇二五
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in s))
    integer, _, frac = s.partition("点")
    total = Decimal(0)
    rest = integer
    for word, scale in (("亿", 10**8), ("万", 10**4)):
        if word in rest:
            head, rest = rest.split(word, 1)
            total += Decimal(_cn_section(head) if head else 1) * scale if head != "" else Decimal(scale)
    total += _cn_section(rest) if rest else 0
    if frac:
        total += Decimal("0." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    return total


def to_decimal(s: str) -> Decimal:
    """A printed quantity without its unit: '1.45亿' -> 145000000, '7339万' -> 73390000, '十五' -> 15."""
    t = normalize_digits(s).strip().replace(",", "")
    scale = Decimal(1)
    for word in ("万亿", "亿", "万"):
        if t.endswith(word) and len(t) > len(word) and (t[-len(word) - 1].isdigit()):
            t, scale = t[: -len(word)], SCALES[word]
            break
    if ARABIC_RE.fullmatch(t):
        return arabic(t) * scale
    if CN_NUMBER_RE.fullmatch(t):
        return chinese(t) * scale
    raise ValueError(f"not a number: {s!r}")
