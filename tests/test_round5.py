"""Round 5: four whole documents of regions no fixture had (Sichuan, Henan, Chengdu, Gansu), with expectations
written by hand before the extractor was first run on them (tests/fixtures_round5/expected.py).

HELD-OUT FIGURES, measured BEFORE any fix (`.venv/bin/python tests/fixtures_round5/measure.py [-v] [--rendered]`):
  document                      meta  headings P/R (ok/pred/gold)  rows P/R (ok/pred/gold)  figures P/R (ok/pred/gold),
                                                                                               year right/found
  A nanchong_fyp14.txt          4/4   0.97/0.97 (36/37/37)         1.00/1.00 (20/20/20)     0.91/1.00 (32/35/32), 30/32
  B gushi_work_report_2025.txt  4/4   1.00/0.60 (12/12/20)         none expected, 0 pred    0.95/1.00 (40/42/40), 40/40
  C pidu_midterm_2023.html      4/4   0.00/0.00 (0/14/13)          -/0.00 (0/0/12)          0.00/0.00 (0/1/30)
    same, HTML lines as rendered  -   0.93/1.00 (13/14/13)         -/0.00 (0/0/12)          0.94/0.97 (29/31/30), 29/29
  D gansu_bulletin_2024.txt     4/4   1.00/1.00 (11/11/11)         none expected, 0 pred    1.00/1.00 (22/22/22), 22/22
  pooled (C by file lines)      16/16 0.80/0.73                    1.00/0.63                0.94/0.76
  pooled (C by rendered lines)  16/16 0.97/0.89                    1.00/0.63                0.95/0.99
AFTER the fixes: A headings 0.97/1.00 (序言 found), A years 32/32, C rows 1.00/1.00 (12/12); the rest unchanged.
Extras by design, counted against precision above: 注 entries in the outline (A, C), qualitative targets with no
number (翻一番以上, 完成省下达目标, 与经济增长同步: A 3, B 2, C 1). C by file lines is 0 because PlanScope numbers an
HTML page's lines as rendered (tests/test_outline_round3.py), where CONTRACT.md says the file's own lines.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from planscope.ingest import read_document
from planscope.ingest.toc import find_toc
from planscope.parse.extract import extract
from planscope.parse.tables.header import classify, header_labels

FIXTURES = Path(__file__).resolve().parent / "fixtures_round5"
sys.path.insert(0, str(FIXTURES))
from expected import DOCS  # noqa: E402
from measure import measure, rendering_lines  # noqa: E402

# What is known still to fail, per document (see the module docstring): run-in headings of a work report
# ((一)聚焦…。text on one line: by design a numbered paragraph, tests/test_outline.py), and a plan target restated
# in an evaluation's prose (低于《纲要》确定的年均增长7%左右的目标: its subject is lost).
KNOWN_MISSED_HEADINGS = {"gushi_work_report_2025.txt": {17, 19, 21, 23, 25, 27, 29, 31}}
KNOWN_MISSED_FIGURES = {"pidu_midterm_2023.html": {("T", "地区生产总值年均增长", 7)}}


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    out = {}
    for name, exp in DOCS.items():
        if name.endswith(".html"):  # PlanScope numbers an HTML page by its rendered lines
            exp = rendering_lines(FIXTURES / name, exp)
        out[name] = measure(extract(FIXTURES / name).to_json(), exp)
    return out


@pytest.mark.parametrize("name", list(DOCS))
def test_metadata(results: dict[str, dict], name: str) -> None:
    assert results[name]["meta"] == (4, 4)


@pytest.mark.parametrize("name", list(DOCS))
def test_headings(results: dict[str, dict], name: str) -> None:
    res = results[name]["outline"]
    assert {line for _, _, line in res["missed"]} == KNOWN_MISSED_HEADINGS.get(name, set())
    assert all(title == "注" for _, title, _ in res["extra"])  # a table's notes, by design


@pytest.mark.parametrize("name", list(DOCS))
def test_indicator_rows(results: dict[str, dict], name: str) -> None:
    res = results[name]["rows"]
    assert (res["correct"], res["n_pred"]) == (res["n_gold"], res["n_gold"]), res["missed"]


@pytest.mark.parametrize("name", list(DOCS))
def test_figures(results: dict[str, dict], name: str) -> None:
    res = results[name]["figures"]
    assert {m[:3] for m in res["missed"]} == KNOWN_MISSED_FIGURES.get(name, set())
    assert res["year_ok"] == res["correct"]
    # anything else found in the scoped lines is a qualitative target or the restated plan target
    assert all((raw and not any(c.isdigit() for c in raw)) or "《纲要》" in ind for _, ind, raw, _ in res["extra"])


# ---------------------------------------------------------------- the fixes, one by one
def test_midterm_table_columns() -> None:
    """2023年完成 beside 2025年目标 is progress (actual), 进度 a status column; 2020年完成 stays the base."""
    labels = ["序号", "指标", "单位", "属性", "2025年目标", "2023年完成", "进度"]
    assert all(header_labels(lab) == [lab] for lab in labels)
    cols = classify(labels, False, merge=False)
    assert [(c.role, c.year) for c in cols[4:]] == [("target", 2025), ("actual", 2023), ("status", None)]
    base = classify(["指标", "2020年完成", "2025年目标"], False, merge=False)
    assert [c.role for c in base] == ["name", "base", "target"]


def test_midterm_table_extracted() -> None:
    (t,) = extract(FIXTURES / "pidu_midterm_2023.html").indicator_tables
    assert t.title == "表1 郫都区“十四五”规划主要指标中期完成情况" and len(t.rows) == 12


def test_spaced_preface_after_toc_is_the_body(tmp_path: Path) -> None:
    lines = ["目    录", "序    言……………1", "第一章  发展基础……3", "第二章  总体要求……7", "", "序    言",
             "“十四五”时期是关键时期。", "第一章  发展基础"]
    assert find_toc(lines) == [0, 1, 2, 3]
    p = tmp_path / "plan.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_document(p).lines[5] == "序    言"


def test_long_range_opening_dates_the_paragraph() -> None:
    ex = extract(FIXTURES / "nanchong_fyp14.txt")
    line58 = {f.raw: f.year for f in ex.targets if f.span.line_start == 58}
    assert line58["6000亿元"] == line58["70%左右"] == 2035


def test_phone_number_is_not_a_figure() -> None:
    ex = extract(FIXTURES / "pidu_midterm_2023.html")
    assert not any("87921234" in f.sentence for f in ex.targets + ex.observations)
