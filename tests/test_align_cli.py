"""`planscope align PARENT CHILD --json/--html/--xlsx` on the corpus."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from typer.testing import CliRunner

from conftest import corpus_file
from planscope.cli import app

runner = CliRunner()


def test_align_json_shape() -> None:
    r = runner.invoke(app, ["align", str(corpus_file("001")), str(corpus_file("000")), "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["parent"]["region"] == "广州市" and out["children"][0]["region"] == "花都区"
    assert isinstance(out["indicators"], list)
    t = next(t for t in out["tasks"] if "2500" in t["parent_text"])
    assert set(t) >= {"parent_text", "parent_lines", "child", "child_text", "child_lines", "score"}
    assert t["parent_lines"] == [1281, 1281] and t["child"] == "花都区"
    assert t["figures"][0]["child"] == "两千亿级"
    assert {c["verdict"] for c in out["coverage"]} == {"covered", "weak", "not_covered"}


def test_align_html_and_xlsx(tmp_path) -> None:
    html, xlsx = tmp_path / "a.html", tmp_path / "a.xlsx"
    r = runner.invoke(app, ["align", str(corpus_file("001")), str(corpus_file("000")), "--html", str(html),
                            "--xlsx", str(xlsx), "--no-coverage"])
    assert r.exit_code == 0, r.output
    page = html.read_text(encoding="utf-8")
    assert "2500 亿级汽车产业集群" in page and "两千亿级" in page
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["indicators", "tasks", "coverage"]
    rows = list(wb["tasks"].iter_rows(values_only=True))
    assert rows[0][0] == "parent text" and any("2500" in (r[0] or "") for r in rows[1:])


def test_align_missing_file_is_one_line_error(tmp_path) -> None:
    r = runner.invoke(app, ["align", str(tmp_path / "nope.txt"), str(corpus_file("000"))])
    assert r.exit_code != 0
    assert "Traceback" not in r.output
