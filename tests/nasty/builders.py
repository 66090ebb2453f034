"""Nasty inputs, built at test time (nothing hostile is committed): each builder writes one file into the folder
it is given and returns (path, expectation). The expectation is "parsed" (a SourceText that also extracts), or a
regular expression the one-line IngestError message must match."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from docs_factory import pdf_bytes

PARSED = "parsed"
Builder = Callable[[Path], tuple[Path, str]]
BUILDERS: dict[str, Builder] = {}
PLAN = "第一章 发展基础\n“十三五”时期，全区地区生产总值年均增长6.5%，达到1.2万亿元。\n"


def nasty(fn: Builder) -> Builder:
    BUILDERS[fn.__name__] = fn
    return fn


def _w(d: Path, name: str, data: bytes) -> Path:
    p = d / name
    p.write_bytes(data)
    return p


@nasty
def deep_nested_html(d: Path) -> tuple[Path, str]:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + PLAN + "</div>" * depth + "</body></html>"
    return _w(d, "deep.html", html.encode()), PARSED + "|deep|nest|Recursion"


@nasty
def malformed_html(d: Path) -> tuple[Path, str]:
    html = ("<html><body><p>第一章 发展基础<table><tr><td rowspan='abc'>1<td colspan=-5>地区生产总值<tr><td>"
            "<p><b><i>增长6%左右</b></i><<<>>><!-- unclosed comment <script>alert(1)</scr" "ipt><td>&#xD800;&#0;"
            "&bogus;<svg><math><table><tr><td>[14]</table></div></span></body></html></html><p>尾部")
    return _w(d, "malformed.html", html.encode()), PARSED


@nasty
def huge_spans_html(d: Path) -> tuple[Path, str]:
    rows = "".join(f"<tr><td rowspan='100000' colspan='100000'>{i}</td><td>指标{i}</td></tr>" for i in range(25))
    html = f"<html><body><p>{PLAN}</p><table>{rows}</table></body></html>"
    return _w(d, "spans.html", html.encode()), PARSED + "|document too long"


@nasty
def docx_zip_bomb(d: Path) -> tuple[Path, str]:
    """20 MB of zeros packed into ~20 KB: ratio ~1000, refused before python-docx unpacks it."""
    p = d / "bomb.docx"
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as f:
            for _ in range(20):
                f.write(b"\0" * (1 << 20))
    return p, "zip bomb"


def _docx_with_document(d: Path, name: str, document_xml: bytes) -> Path:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    p = d / name
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, document_xml if info.filename == "word/document.xml" else src.read(info.filename))
    return p


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@nasty
def docx_billion_laughs(d: Path) -> tuple[Path, str]:
    ents = '<!ENTITY a0 "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]><w:document {W}><w:body><w:p><w:r><w:t>&a9;'
           "</w:t></w:r></w:p></w:body></w:document>")
    return _docx_with_document(d, "laughs.docx", xml.encode()), r"DOCX|entit"


@nasty
def docx_external_entity(d: Path) -> tuple[Path, str]:
    """XXE: an entity naming a local file; its content must never appear in the text."""
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           f"<w:document {W}><w:body><w:p><w:r><w:t>第一章 总则 &xxe;</w:t></w:r></w:p></w:body></w:document>")
    return _docx_with_document(d, "xxe.docx", xml.encode()), PARSED + "|DOCX"


@nasty
def pdf_huge_page_count_claim(d: Path) -> tuple[Path, str]:
    """A tiny PDF whose page tree claims a billion pages and lists one page 3,000 times."""
    kids = b" ".join([b"3 0 R"] * 3000)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + kids + b"] /Count 1000000000 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    return _w(d, "pages.pdf", pdf_bytes(objs)), r"pages \(limit|no text layer"


@nasty
def pdf_truncated(d: Path) -> tuple[Path, str]:
    return _w(d, "cut.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R"), r"PDF"


@nasty
def million_digits(d: Path) -> tuple[Path, str]:
    return _w(d, "digits.txt", b"1" * 10**6 + b"\n" + PLAN.encode()), r"line 1 holds a number of 1,000,000 digits"


@nasty
def million_digits_in_a_table_cell(d: Path) -> tuple[Path, str]:
    big = "9" * 200  # long, but a float still holds it: parsed, and the JSON stays finite
    text = (f"表1 主要指标\n序号\t指标\t单位\t2025年\t属性\n1\t地区生产总值\t亿元\t{big}\t预期性\n"
            f"2\t人口\t万人\t{big}.{big}\t预期性\n")
    return _w(d, "bigcell.txt", (PLAN + text).encode()), PARSED


@nasty
def over_long_line(d: Path) -> tuple[Path, str]:
    return _w(d, "longline.txt", ("增长" * 1_100_000).encode()), r"line 1 has 2,200,000 characters"


@nasty
def too_many_lines(d: Path) -> tuple[Path, str]:
    return _w(d, "lines.txt", b"a\n" * 200_001), r"200,001 lines; limit 200,000"


@nasty
def huge_txt_file(d: Path) -> tuple[Path, str]:
    p = d / "huge.txt"
    with p.open("wb") as f:  # sparse: 81 MB on paper, nothing on disk; refused before it is read
        f.truncate(81 * 2**20)
    return p, r"file too large \(81 MB"


@nasty
def mixed_encodings(d: Path) -> tuple[Path, str]:
    data = (PLAN.encode("utf-8") + "第二章 主要目标\n".encode("gb18030") + "第三章 國民經濟\n".encode("big5")
            + PLAN.encode())
    return _w(d, "mixed.txt", data), PARSED + "|unknown text encoding"


@nasty
def mostly_utf8_with_a_gbk_line(d: Path) -> tuple[Path, str]:
    data = PLAN.encode("utf-8") * 200 + "第二章 主要目标\n".encode("gb18030") + PLAN.encode() * 200
    return _w(d, "mostly_utf8.txt", data), PARSED


@nasty
def control_characters(d: Path) -> tuple[Path, str]:
    """Every C0 control character but NUL, sparse in a real-sized text: parsed (dense ones: refused as binary)."""
    ctrl = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r") + "\x7f\x85"
    return _w(d, "ctrl.txt", (PLAN * 40 + f"第二章{ctrl}主要目标\n指标\t{ctrl}\t6%\n" + PLAN * 40).encode()), PARSED


@nasty
def nul_byte(d: Path) -> tuple[Path, str]:
    return _w(d, "nul.txt", (PLAN * 40 + "\x00" + PLAN).encode()), r"binary"


@nasty
def control_characters_dense(d: Path) -> tuple[Path, str]:
    ctrl = "".join(chr(c) for c in range(32) if chr(c) not in "\n\r")
    return _w(d, "ctrl_dense.txt", (PLAN + ctrl * 20).encode()), r"binary"


@nasty
def rtl_and_invisible_marks(d: Path) -> tuple[Path, str]:
    marks = "\u202e\u202d\u200f\u200e\u2066\u2069\u061c\u200b\ufeff\u00ad"
    text = f"第一章{marks}发展基础\n地区生产总值{marks}增长6{marks}%左右。\n{marks}\n"
    return _w(d, "rtl.txt", text.encode()), PARSED


@nasty
def lone_surrogates(d: Path) -> tuple[Path, str]:
    # U+D800 as UTF-8 bytes (ED A0 80) is invalid UTF-8; so is a CESU pair for an emoji
    body = PLAN.encode() * 200 + b"\xed\xa0\x80\xed\xb2\xa9 text\n" + PLAN.encode() * 200
    return _w(d, "surrogates.txt", body), PARSED


@nasty
def lone_surrogates_short(d: Path) -> tuple[Path, str]:
    """The same bytes in a two-line text are too large a share to be a stray error: refused, not guessed."""
    return _w(d, "surrogates2.txt", PLAN.encode() + b"\xed\xa0\x80\xed\xb2\xa9\n"), r"encoding"


@nasty
def binary_named_html(d: Path) -> tuple[Path, str]:
    return _w(d, "image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64), r"HTML|binary|no text|encod"


@nasty
def bom_only(d: Path) -> tuple[Path, str]:
    return _w(d, "bom.txt", b"\xef\xbb\xbf\n\n  \n"), r"empty"


@nasty
def utf16_without_bom(d: Path) -> tuple[Path, str]:
    return _w(d, "u16.txt", PLAN.encode("utf-16-le")), PARSED + r"|binary|encod|not a text"
