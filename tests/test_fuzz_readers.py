"""Property tests (hypothesis) for every reader: arbitrary bytes, generated HTML, mutated PDF and DOCX files all give
a `SourceText` or one `IngestError` with a one-line message — never another exception, never a hang.

PDF and DOCX examples start from real files built at test time (tests/docs_factory.py) and are mutated, so the
examples get past the magic-number checks into the format libraries.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docs_factory import write_docx, write_pdf
from planscope.ingest import IngestError, SourceText, read_document
from planscope.parse import extract_source

SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]


def _read(path: Path) -> SourceText | None:
    """The reader's outcome: a SourceText (which must also parse and serialise) or None for a clean refusal."""
    try:
        src = read_document(path)
    except IngestError as e:
        msg = str(e)
        assert msg.startswith(str(path)) and "\n" not in msg and len(msg) < 600, msg
        assert "Traceback" not in msg
        return None
    assert isinstance(src, SourceText)
    assert len(src.lines) == len(src.original_lines)
    json.dumps(extract_source(src).to_json(), ensure_ascii=False, allow_nan=False, default=str)
    return src


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    d = tmp_path_factory.mktemp("seeds")
    return {"pdf": write_pdf(d, rows=8).read_bytes(), "docx": write_docx(d).read_bytes()}


def _write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


@settings(max_examples=120, deadline=3000, suppress_health_check=SLOW)
@given(data=st.one_of(st.binary(max_size=2000),
                      st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")),
                      st.text(max_size=300).map(lambda s: s.encode("gb18030", "replace")),
                      st.text(max_size=300).map(lambda s: s.encode("utf-16"))))
def test_txt_reader_any_bytes(tmp_path: Path, data: bytes) -> None:
    _read(_write(tmp_path, "fuzz.txt", data))


TAGS = ["p", "div", "table", "tr", "td", "th", "br", "span", "h1", "script", "style", "nav", "ul", "li", "pre",
        "tbody", "thead", "font", "center", "iframe", "svg", "math", "template", "noscript", "title", "meta"]
ATTRS = ['rowspan="3"', 'colspan="2"', 'rowspan="99999999"', 'colspan="-1"', 'rowspan="x"', 'colspan="1e9"',
         'charset="gb2312"', 'http-equiv="Content-Type" content="text/html; charset=big5"', 'style="display:none"']
TEXT = ["第一章 发展基础", "地区生产总值增长6%左右", "预期性", "[14]", "&nbsp;", "&#xD800;", "&#0;", "&amp;", "<!--",
        "-->", "<![CDATA[", "]]>", "&lt;", "\x00", "\u202e", "国民經濟"]


@st.composite
def html_docs(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 40))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            tag = draw(st.sampled_from(TAGS))
            attr = draw(st.sampled_from(["", *ATTRS]))
            parts.append(f"<{tag} {attr}>")
        elif kind == 1:
            parts.append(f"</{draw(st.sampled_from(TAGS))}>")
        elif kind == 2:
            parts.append(draw(st.sampled_from(TEXT)))
        else:
            parts.append(draw(st.text(max_size=20)))
    return "<html><body>" + "".join(parts)


@settings(max_examples=120, deadline=3000, suppress_health_check=SLOW)
@given(doc=html_docs())
def test_html_reader_generated_markup(tmp_path: Path, doc: str) -> None:
    _read(_write(tmp_path, "fuzz.html", doc.encode("utf-8", "surrogatepass")))


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    b = bytearray(data)
    for pos, val in edits:
        b[pos % len(b)] = val
    return bytes(b[:cut] if cut else b)


@settings(max_examples=25, deadline=10000, suppress_health_check=SLOW)
@given(edits=st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), max_size=12),
       cut=st.one_of(st.none(), st.integers(10, 20000)))
def test_pdf_reader_mutated(tmp_path: Path, seeds: dict[str, bytes], edits: list[tuple[int, int]],
                            cut: int | None) -> None:
    _read(_write(tmp_path, "fuzz.pdf", _mutate(seeds["pdf"], edits, cut)))


XML_BITS = ["<w:p><w:r><w:t>第一章 总则</w:t></w:r></w:p>", "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>6左右</w:t></w:r></w:p>"
            "</w:tc></w:tr></w:tbl>", '<w:tc><w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr></w:tc>',
            '<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>', '<w:gridSpan w:val="abc"/>', "<w:sdt><w:sdtContent>",
            "</w:sdtContent></w:sdt>", "<w:tr>", "</w:tr>", "<w:br/>", "&amp;", "&xxe;", "<![CDATA[x]]>", "<w:t>",
            "</w:t>"]


def _docx_with_body(seed: bytes, body: str) -> bytes:
    """The seed DOCX with its document part replaced: same package, a body made of `body`."""
    src = zipfile.ZipFile(io.BytesIO(seed))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                head = data.split(b"<w:body>")[0]
                data = head + b"<w:body>" + body.encode("utf-8", "surrogatepass") + b"</w:body></w:document>"
            z.writestr(info, data)
    return out.getvalue()


@settings(max_examples=40, deadline=5000, suppress_health_check=SLOW)
@given(bits=st.lists(st.one_of(st.sampled_from(XML_BITS), st.text(max_size=10)), max_size=30))
def test_docx_reader_fuzzed_document_part(tmp_path: Path, seeds: dict[str, bytes], bits: list[str]) -> None:
    _read(_write(tmp_path, "fuzz.docx", _docx_with_body(seeds["docx"], "".join(bits))))


@settings(max_examples=25, deadline=5000, suppress_health_check=SLOW)
@given(edits=st.lists(st.tuples(st.integers(0, 10**7), st.integers(0, 255)), min_size=1, max_size=8))
def test_docx_reader_mutated_zip(tmp_path: Path, seeds: dict[str, bytes], edits: list[tuple[int, int]]) -> None:
    _read(_write(tmp_path, "fuzz.docx", _mutate(seeds["docx"], edits, None)))


def test_fuzz_seeds_themselves_read(tmp_path: Path, seeds: dict[str, bytes]) -> None:
    """The mutations start from files that do read (else the fuzzing above proves little)."""
    assert _read(_write(tmp_path, "seed.pdf", seeds["pdf"])) is not None
    assert _read(_write(tmp_path, "seed.docx", seeds["docx"])) is not None
