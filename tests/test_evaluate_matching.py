"""Actual → indicator matching rules (strict), and values entered by people, on small inputs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import planscope
from conftest import corpus_file
from planscope.model import CellValue, Figure, IndicatorRow, Measure, Role, Span
from planscope.monitor.matching import COMPONENT, RELATED, SAME, link_figure, restore_shared_verb, row_concepts
from planscope.monitor.service import plan_status
from planscope.store import entries


def _row(name: str, unit: str, base: str, target: str, seq: str = "1") -> IndicatorRow:
    return IndicatorRow(name=name, span=Span(10, 10), seq=seq, unit=unit, attribute="预期性",
                        values=[CellValue(Role.BASE, base, 2020), CellValue(Role.TARGET, target, 2025)])


def _fig(indicator: str, raw: str, value: str, unit: str | None, measure: Measure, sentence: str = "",
         line: int = 5) -> Figure:
    return Figure(indicator=indicator, raw=raw, value=Decimal(value), unit=unit, qualifier=None, measure=measure,
                  year=2023, sentence=sentence or f"{indicator}{raw}", span=Span(line, line), kind="observation")


ROWS = row_concepts([_row("地区生产总值年均增速", "%", "5", "6左右"),
                     _row("累计城镇新增就业人数", "人", "9000", "[50000]", "2"),
                     _row("每千人拥有3岁以下婴幼儿托位数", "位", "1.4", "2", "3"),
                     _row("新增基础教育公办学位数", "个", "100", "30000", "4")])


def test_same_kind_of_number_only() -> None:
    growth = _fig("地区生产总值增长", "5.2%", "5.2", "%", Measure.GROWTH_RATE)
    [link] = link_figure(growth, ROWS)
    assert (link.row_index, link.relation, link.value) == (0, SAME, Decimal("5.2"))
    # the level of GDP, and a rank of its growth, are not actuals of the growth-rate indicator
    assert link_figure(_fig("地区生产总值", "3000亿元", "3000", "亿元", Measure.LEVEL), ROWS) == []
    assert link_figure(_fig("地区生产总值增速", "全市第3", "3", None, Measure.RANK), ROWS) == []


def test_units_are_converted_or_the_link_is_refused() -> None:
    [link] = link_figure(_fig("城镇新增就业", "1.2万人", "1.2", "万人", Measure.COUNT), ROWS)
    assert (link.row_index, link.value) == (1, Decimal("12000"))
    assert link_figure(_fig("城镇新增就业", "12000", "12000", None, Measure.COUNT), ROWS) == []  # unit unknown


def test_related_figures_are_context_and_parts_add_up() -> None:
    [ctx] = link_figure(_fig("建成幼儿托位", "5000个", "5000", "个", Measure.COUNT), ROWS)
    assert (ctx.row_index, ctx.relation, ctx.value) == (2, RELATED, None)  # a numerator, not the ratio
    [part] = link_figure(_fig("新增中小学学位", "800个", "800", "个", Measure.COUNT), ROWS)
    assert (part.row_index, part.relation, part.value) == (3, COMPONENT, Decimal("800"))


def test_shared_verb_of_an_enumeration() -> None:
    s = "全年新增中小学学位数500个、幼儿园学位200个,另有学位100个。"
    first = _fig("新增中小学学位数", "500个", "500", "个", Measure.COUNT, s)
    second = _fig("幼儿园学位", "200个", "200", "个", Measure.COUNT, s)
    assert restore_shared_verb(second, first) == "新增幼儿园学位"
    s2 = "力争新增90个公办中小学学位、40个公办幼儿园学位。"
    a = _fig("新增公办中小学学位", "90个", "90", "个", Measure.COUNT, s2)
    b = _fig("公办幼儿园学位", "40个", "40", "个", Measure.COUNT, s2)
    assert restore_shared_verb(b, a) == "新增公办幼儿园学位"
    # not adjacent: the verb does not carry over
    far = _fig("学位", "100个", "100", "个", Measure.COUNT, s)
    assert restore_shared_verb(far, second) == "学位"


def test_entered_values_win_and_corrections_supersede(tmp_path: Path) -> None:
    db = planscope.open(f"sqlite:///{tmp_path / 'e.db'}")
    db.ingest([corpus_file("000")])
    with db.session() as s:
        entries.add_observation(s, "花都区", "2", 2023, "23.0", by="wang", source="区统计局公报")
        entries.add_observation(s, "花都区", "2", 2023, "23.9", by="li", note="更正")
        s.commit()
    labour = next(x for x in plan_status(db, "花都区", 2023) if x.evaluation.seq == "2")  # 全员劳动生产率 21.2 → 24.8
    actual = labour.evaluation.actuals[2023]
    assert actual.value == Decimal("23.9") and actual.entered_by == "li" and actual.line is None
    assert [r.raw for r in labour.sources] == ["23.9"]
    # (23.9/21.2)^(1/3) − 1 = 4.08 % a year against the 3.19 % required: on track
    assert labour.status == "on_track" and labour.evaluation.method == "growth_ratio"
    assert "li录入" in labour.evaluation.explanation


def test_revised_target_replaces_the_printed_one(tmp_path: Path) -> None:
    db = planscope.open(f"sqlite:///{tmp_path / 'r.db'}")
    db.ingest([corpus_file("000")])
    with db.session() as s:
        entries.add_observation(s, "花都区", "1", 2024, "3", by="wang")
        entries.revise_target(s, "花都区", "1", 2025, "5左右", by="zhao", source="中期评估调整")
        s.commit()
    gdp = next(x for x in plan_status(db, "花都区", 2024) if x.evaluation.seq == "1")
    assert gdp.evaluation.target.raw == "5左右" and "原目标“6左右”" in gdp.evaluation.explanation
    assert gdp.status == "lagging"  # 3 % against 5 (≥4.5 with the tolerance): ratio 0.6
