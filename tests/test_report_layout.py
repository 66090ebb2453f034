"""Layout of a large report: 30 indicators, one with a very long name, must paginate without glyphs colliding,
stay inside the page, and render quickly."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from planscope.report import Actual, BaseValue, EvaluationReport, IndicatorEvaluation, PlanInfo, TargetValue, render

LONG = "规模以上工业企业研究与试验发展经费支出占营业收入比重（含国家级和省级认定的高新技术企业及科技型中小企业）"
STATUSES = ["on_track", "lagging", "at_risk", "achieved", "no_data", "qualitative"]


def big_report(n: int = 30) -> EvaluationReport:
    inds = []
    for k in range(1, n + 1):
        status = STATUSES[k % len(STATUSES)]
        base, target = D(100 + 7 * k), D(100 + 7 * k) * D("1.3")
        target = target.quantize(D("0.01"))
        step = (target - base) / 5
        annual = {2020 + j: (base + step * j).quantize(D("0.01")) for j in range(1, 6)}
        actuals = {} if status in ("no_data", "qualitative") else {
            2020 + j: Actual((base + step * j * D("0.8")).quantize(D("0.01")), None, f"统计公报{2020 + j}", 20 + j)
            for j in range(1, 4)}
        name = LONG if k == 7 else f"第{k}项指标名称{'较长' * (k % 4)}"
        inds.append(IndicatorEvaluation(
            seq=str(k), name=name, canonical=name, category=["经济发展", "创新驱动", "民生福祉"][k * 3 // (n + 1)],
            unit="亿元" if k % 2 else "%", attribute="约束性" if k % 5 == 0 else "预期性",
            base=BaseValue(base, str(base), 2020, "规划纲要", 300 + k),
            target=TargetValue(None if status == "qualitative" else target,
                               "完成省下达任务" if status == "qualitative" else f"{target}左右", 2025,
                               "qualitative" if status == "qualitative" else "about", 300 + k),
            annual_targets={} if status == "qualitative" else annual, actuals=actuals, status=status,
            method="time_elapsed" if status not in ("no_data", "qualitative") else "none",
            explanation=f"说明文字：完成进度与时间进度之比为{D('0.8') + D(k) / 100}，据此判断。" * (1 + k % 3)))
    return EvaluationReport(PlanInfo("p-big", "某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要",
                                     "某市", (2021, 2025)), 2023, "mid_term", datetime(2024, 1, 1), inds)


def _collisions(page: pdfplumber.page.Page) -> list[tuple[str, str]]:
    """Pairs of glyphs whose boxes overlap by more than a third of the smaller one: text drawn over text."""
    chars = [c for c in page.chars if c["text"].strip()]
    grid: dict[tuple[int, int], list[dict]] = {}
    hits = []
    for c in chars:
        cell = (int(c["x0"] // 20), int(c["top"] // 20))
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for o in grid.get((cell[0] + dx, cell[1] + dy), []):
                    w = min(c["x1"], o["x1"]) - max(c["x0"], o["x0"])
                    h = min(c["bottom"], o["bottom"]) - max(c["top"], o["top"])
                    small = min((c["x1"] - c["x0"]) * (c["bottom"] - c["top"]),
                                (o["x1"] - o["x0"]) * (o["bottom"] - o["top"]))
                    if w > 0 and h > 0 and w * h > small / 3:
                        hits.append((o["text"], c["text"]))
        grid.setdefault(cell, []).append(c)
    return hits


def test_thirty_indicators_paginate_cleanly(tmp_path: Path) -> None:
    r = big_report(30)
    out = render(r, "pdf", tmp_path / "big.pdf")  # its speed is a benchmark's business, not a test's
    with pdfplumber.open(out) as pdf:
        assert 3 <= len(pdf.pages) <= 14
        text = ""
        for page in pdf.pages:
            assert page.width > page.height  # landscape A4: the wide table needs it
            assert not _collisions(page), (page.page_number, _collisions(page)[:5])
            for c in page.chars:
                assert c["x0"] >= 0 and c["x1"] <= page.width + 0.5 and c["top"] >= 0 and c["bottom"] <= page.height
            text += page.extract_text() or ""
        # the long name is wrapped inside its own table cell, whole: read the 指标 column alone
        page = next(p for p in pdf.pages if p.search("规模以上工业企业"))
        name_head, unit_head = page.search("指标")[0], page.search("单位")[0]
        column = page.crop((name_head["x0"] - 2, name_head["bottom"], unit_head["x0"] - 1, page.height))
        assert LONG in "".join((column.extract_text() or "").split())
    flat = "".join(text.split())
    for k in (1, 15, 30):
        assert f"第{k}项指标名称" in flat
    img = pdfium.PdfDocument(out)[0].render(scale=1.2).to_pil()
    img.save(tmp_path / "page1.png")
    assert img.width > img.height


def test_other_formats_of_a_large_report(tmp_path: Path) -> None:
    r = big_report(30)
    for fmt in ("html", "xlsx", "json"):
        render(r, fmt, tmp_path / f"big.{fmt}")
    assert (tmp_path / "big.html").read_text(encoding="utf-8").count('class="chart"') == 25  # all but the 5 qualitative
