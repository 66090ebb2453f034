"""Every nasty input (tests/nasty/builders.py) is refused with a clear one-line message or parsed — never a
traceback, never a hang: each gets a time budget, and a parsed one must extract and serialise as JSON."""

from __future__ import annotations

import json
import re
import resource
import time
from pathlib import Path

import pytest
from builders import BUILDERS, PARSED

from planscope.ingest import IngestError, read_document
from planscope.parse import extract_source

BUDGET_S = 20.0


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_refused_clearly_or_parsed(name: str, tmp_path: Path) -> None:
    path, expect = BUILDERS[name](tmp_path)
    t = time.perf_counter()
    try:
        src = read_document(path)
    except IngestError as e:
        msg = str(e)
        assert "\n" not in msg and msg.startswith(str(path)) and len(msg) < 400, msg
        assert re.search(expect, e.problem), f"{name}: refused with {e.problem!r}, expected /{expect}/"
        assert expect != PARSED, f"{name} should have been parsed: {e.problem}"
    else:
        assert expect.startswith(PARSED), f"{name} was parsed, expected a refusal matching /{expect}/"
        ex = extract_source(src)
        json.dumps(ex.to_json(), ensure_ascii=False, allow_nan=False, default=str).encode("utf-8")
        assert "root:" not in "\n".join(src.original_lines), "a local file's content reached the text (XXE)"
    assert time.perf_counter() - t < BUDGET_S, f"{name} took {time.perf_counter() - t:.1f}s"


def test_billion_laughs_does_not_expand(tmp_path: Path) -> None:
    """Ten levels of ten: 10^10 characters if expanded. Memory must stay far below that."""
    path, _ = BUILDERS["docx_billion_laughs"](tmp_path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        src = read_document(path)
        assert sum(map(len, src.original_lines)) < 10**6
    except IngestError:
        pass
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 500, f"peak memory grew {grown_mb:.0f} MB"


def test_stored_nasty_documents_round_trip(tmp_path: Path) -> None:
    """What parses also stores: odd characters and 100,000-digit numbers survive the store (SQLite)."""
    import planscope

    data = tmp_path / "in"
    data.mkdir()
    names = ("million_digits_in_a_table_cell", "control_characters", "rtl_and_invisible_marks", "lone_surrogates",
             "mostly_utf8_with_a_gbk_line", "malformed_html")
    for name in names:
        BUILDERS[name](data)
    db = planscope.open(tmp_path / "s.db")
    report = db.ingest([data])
    assert report.count("error") == 0, [f.to_json() for f in report.errors]
    assert report.count("loaded") + report.count("new_version") == len(names)
    for doc in db.documents(include_old_versions=True):
        assert db.plan(doc.id).text(original=True)
    db.close()
