"""Evaluation reports: one hand-built report with every status, rendered to HTML, PDF, XLSX and JSON and read back."""

from __future__ import annotations

import itertools
import json
import re
import zipfile
from datetime import datetime
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from planscope.report import (
    Actual,
    BaseValue,
    EvaluationReport,
    IndicatorEvaluation,
    PlanInfo,
    TargetValue,
    default_methods,
    render,
)
from planscope.report.charts import indicator_chart, nice_ticks
from planscope.report.html import to_html

PLAN = PlanInfo("p-demo-14", "示范市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "示范市",
                (2021, 2025), "five_year_plan")
DOC = "示范市2023年国民经济和社会发展统计公报"


def _ind(seq: str, name: str, unit: str, attr: str, base: str | None, target: str | None, status: str, *,
         annual: dict[int, str] | None = None, actuals: dict[int, str] | None = None, method: str | None = None,
         qualifier: str = "exact", category: str | None = None, explanation: str = "",
         numbers: dict[str, str] | None = None, target_raw: str | None = None) -> IndicatorEvaluation:
    return IndicatorEvaluation(
        seq=seq, name=name, canonical=name, category=category, unit=unit, attribute=attr,
        base=BaseValue(D(base), base, 2020, PLAN.title, 40 + int(seq)) if base else None,
        target=TargetValue(D(target) if target else None, target_raw or target or "", 2025, qualifier, 40 + int(seq))
        if target or target_raw else None,
        annual_targets={y: D(v) for y, v in (annual or {}).items()},
        actuals={y: Actual(D(v), v, DOC, 10 + y - 2020 + int(seq)) for y, v in (actuals or {}).items()},
        status=status, method=method, explanation=explanation,
        numbers={k: D(v) for k, v in (numbers or {}).items()})


def sample_report() -> EvaluationReport:
    inds = [
        _ind("1", "地区生产总值", "亿元", "预期性", "25019.11", "35000", "on_track", category="经济发展",
             annual={2021: "26945.58", 2022: "29020.35", 2023: "31254.91", 2024: "33661.54", 2025: "35000"},
             actuals={2021: "28231.97", 2022: "28839.00", 2023: "30355.73"}, method="growth_ratio",
             numbers={"ratio": "0.9612", "required_cagr": "0.0696"}, target_raw="35000左右", qualifier="about",
             explanation="实际年均增长6.69%，为实现目标所需年均增速6.96%的96.1%，进度正常。"),
        _ind("2", "研究与试验发展经费投入强度", "%", "预期性", "3.1", "3.6", "lagging", category="创新驱动",
             annual={2021: "3.2", 2022: "3.3", 2023: "3.4", 2024: "3.5", 2025: "3.6"},
             actuals={2021: "3.12", 2022: "3.20", 2023: "3.27"}, method="time_elapsed",
             numbers={"progress": "0.34", "elapsed": "0.6", "ratio": "0.5667"},
             explanation="完成进度34%，低于时间进度60%，进度滞后。"),
        _ind("3", "单位地区生产总值能源消耗降低", "%", "约束性", None, None, "qualitative", category="绿色生态",
             target_raw="完成省下达目标", qualifier="qualitative", method="none",
             explanation="目标为定性表述“完成省下达目标”，需人工判断"),
        _ind("4", "森林覆盖率", "%", "约束性", "42.31", "42.31", "achieved", category="绿色生态",
             annual={2021: "42.31", 2022: "42.31", 2023: "42.31", 2024: "42.31", 2025: "42.31"},
             actuals={2021: "42.31", 2022: "42.32", 2023: "42.35"}, method="time_elapsed", target_raw="≥42.31",
             qualifier="at_least", explanation="2023年为42.35%，已达到不低于42.31%的目标。"),
        _ind("5", "细颗粒物（PM2.5）年平均浓度", "微克/立方米", "约束性", "23", "22", "at_risk", category="绿色生态",
             annual={2021: "22.8", 2022: "22.6", 2023: "22.4", 2024: "22.2", 2025: "22"},
             actuals={2021: "24", 2022: "22", 2023: "25.6"}, method="time_elapsed",
             numbers={"progress": "-2.6", "elapsed": "0.6"},
             explanation="2023年为25.6，较基期上升，偏离目标方向，难以完成。"),
        _ind("6", "城镇调查失业率", "%", "预期性", None, "5.5", "no_data", category="民生福祉",
             target_raw="<5.5", qualifier="less_than", explanation="无实际值"),
        _ind("7", "每千人口拥有执业（助理）医师数", "人", "预期性", "3.48", "4.0", "on_track", category="民生福祉",
             annual={2021: "3.58", 2022: "3.69", 2023: "3.79"}, method="time_elapsed",
             explanation="完成进度62%，不低于时间进度。"),
    ]
    inds[6].actuals[2022] = Actual(D("3.81"), "3.81", "卫健委填报", None, entered_by="张三", note="快报数")
    return EvaluationReport(plan=PLAN, year=2023, kind="mid_term", generated_at=datetime(2024, 3, 1, 9, 30),
                            indicators=inds, notes=["2023年数据为快报数。"], author="示范市发展和改革委员会",
                            methods=default_methods(D("0.95"), D("0.6")))


def test_view_model_computes_summary_warnings_and_no_data() -> None:
    r = sample_report()
    assert r.summary is not None
    assert r.summary.by_status == {"achieved": 1, "on_track": 2, "lagging": 1, "at_risk": 1, "qualitative": 1,
                                   "no_data": 1}
    assert r.summary.by_attribute["约束性"] == {"achieved": 1, "at_risk": 1, "qualitative": 1}
    assert r.summary.by_attribute["预期性"]["on_track"] == 2
    # only the binding indicator that is at risk is warned about; the lagging one is 预期性
    warnings = r.warnings or [""]
    assert len(warnings) == 1 and "细颗粒物" in warnings[0] and "难以完成" in warnings[0]
    assert r.no_data == ["城镇调查失业率"]
    assert r.title.startswith("《示范市") and r.title.endswith("中期评估报告")


def test_nice_ticks_are_round_and_cover_the_range() -> None:
    t = nice_ticks(D("22"), D("25.6"))
    assert t[0] <= 22 and t[-1] >= D("25.6") and len(t) <= 6
    assert all((b - a) == (t[1] - t[0]) for a, b in itertools.pairwise(t))
    assert nice_ticks(D("42.31"), D("42.31"))[0] < D("42.31")  # a flat series still gets a visible range


def test_chart_marks_base_target_path_and_actuals() -> None:
    svg = indicator_chart(sample_report().indicators[0])
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<polyline") == 2  # target path and actual line
    assert "<polygon" in svg and "<rect" in svg  # target diamond and base square
    assert "30355.73" in svg and "35000" in svg  # the latest actual and the target are labelled exactly
    assert indicator_chart(sample_report().indicators[2]) == ""  # qualitative: nothing to draw


def test_html_has_every_row_the_svg_and_sources(tmp_path: Path) -> None:
    r = sample_report()
    out = render(r, "html", tmp_path / "r.html")
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html
    for i in r.indicators:
        assert i.name.replace("（", "（") in html
    assert len(re.findall(r'<tr id="ind-\d+"', html)) == 7
    assert html.count('class="chart"') == 5  # one per numeric indicator (not the qualitative or no-data ones)
    assert "summary-chart" in html
    for label in ("已完成", "进度正常", "进度滞后", "难以完成", "需定性判断", "无数据"):
        assert label in html
    assert "增长比率法" in html and "序时进度" in html
    assert f"来源：{DOC}" in html and "30355.73</span> <span class=\"ref\">第14行</span>" in html  # document and line
    assert "录入：张三" in html
    assert "30355.73" in html and "25019.11" in html and "35000左右" in html
    assert "约束性指标“细颗粒物（PM2.5）年平均浓度”" in html
    assert "示范市发展和改革委员会" in html


def test_html_escapes_text() -> None:
    r = sample_report()
    r.indicators[0].explanation = "<b>x</b> & y"
    html = to_html(r)
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in html


def test_pdf_embeds_chinese_glyphs_and_numbers(tmp_path: Path) -> None:
    r = sample_report()
    out = render(r, "pdf", tmp_path / "r.pdf")
    assert out.read_bytes()[:5] == b"%PDF-"
    with pdfplumber.open(out) as pdf:
        text = "".join((p.extract_text() or "") for p in pdf.pages)
        fonts = {c["fontname"] for p in pdf.pages for c in p.chars}
    flat = re.sub(r"\s+", "", text)
    for needle in ("中期评估报告", "地区生产总值", "研究与试验发展经费投入强度", "森林覆盖率", "30355.73", "25019.11",
                   "难以完成", "进度滞后", "城镇调查失业率", "序时进度"):
        assert needle in flat, needle
    assert any("WenQuanYi" in f for f in fonts), fonts


def test_xlsx_indicator_sheet_values_and_charts(tmp_path: Path) -> None:
    r = sample_report()
    out = render(r, "xlsx", tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["概况", "指标", "走势", "方法"]
    ws = wb["指标"]
    head = [c.value for c in ws[1]]
    rows = {row[2]: dict(zip(head, row, strict=True)) for row in ws.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 7
    gdp = rows["地区生产总值"]
    assert D(str(gdp["基期值"])) == D("25019.11") and gdp["目标原文"] == "35000左右"
    assert D(str(gdp["2023年实际"])) == D("30355.73") and D(str(gdp["2023年目标"])) == D("31254.91")
    assert gdp["状态"] == "进度正常" and gdp["状态代码"] == "on_track" and gdp["方法"] == "增长比率法"
    assert f"2023：{DOC} 第14行" in gdp["实际值来源"]
    assert rows["城镇调查失业率"]["状态"] == "无数据" and rows["城镇调查失业率"]["2023年实际"] is None
    assert "录入：张三" in rows["每千人口拥有执业（助理）医师数"]["实际值来源"]
    summary = wb["概况"]
    counts = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0] in ("已完成", "进度正常")}
    assert counts == {"已完成": 1, "进度正常": 2}
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 1 + 5  # the summary bar chart and one line chart per numeric indicator


def test_json_matches_contract_shape(tmp_path: Path) -> None:
    r = sample_report()
    data = json.loads(render(r, "json", tmp_path / "r.json").read_text(encoding="utf-8"))
    assert set(data) >= {"plan", "year", "summary", "indicators"}
    assert data["year"] == 2023 and data["plan"]["period"] == [2021, 2025] and data["plan"]["region"] == "示范市"
    assert set(data["summary"]) == {"by_status", "by_attribute"}
    assert data["summary"]["by_attribute"]["约束性"]["at_risk"] == 1
    for ind in data["indicators"]:
        assert set(ind) >= {"seq", "name", "canonical", "attribute", "base", "target", "annual_targets", "actuals",
                            "status", "method", "explanation"}
        assert all(re.fullmatch(r"\d{4}", y) for y in ind["annual_targets"])
        for a in ind["actuals"].values():
            assert set(a) >= {"value", "source", "line"}
    gdp = data["indicators"][0]
    assert gdp["actuals"]["2023"] == {"value": 30355.73, "raw": "30355.73", "source": DOC, "line": 14,
                                      "entered_by": None, "note": None}
    assert gdp["annual_targets"]["2025"] == 35000 and isinstance(gdp["annual_targets"]["2025"], int)
    assert gdp["base"]["value"] == 25019.11 and gdp["target"]["raw"] == "35000左右"
    assert gdp["numbers"]["ratio"] == 0.9612
    # exact decimals: the JSON text has the numbers as printed, never a float artefact
    text = (tmp_path / "r.json").read_text(encoding="utf-8")
    assert "3.27" in text and "3.2699" not in text and "3.2700000" not in text
    assert data["no_data"] == ["城镇调查失业率"]


def test_render_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render(sample_report(), "docx", tmp_path / "r.docx")
