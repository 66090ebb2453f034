"""Final evaluation of a finished plan from its completion table (规划主要指标完成情况表).

Each row's target (2020年目标值) is compared with its actual (2020年完成值 or 预计完成值):
  achieved       the actual passes the target's threshold (qualifier and direction aware; every part of "a/b")
  not_achieved   some part misses it
  qualitative    the target is words ("完成省下达目标") or the actual's bound straddles the threshold: a person
                 must judge. "与经济增长(基本)同步" is judged when the table gives the GDP growth: income growth
                 at least GDP growth minus the "about" tolerance counts as in step.
  no_data        no target in the table, or no actual ("暂无核定数", "/"); the change since the base year is
                 still reported when the table has one (改善 / 恶化 / 持平)
An actual for an earlier year ("65.9*(2019年)") is used, and the result says so (`ref_year`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from planscope.ingest.script import to_simplified
from planscope.model import CellValue, IndicatorRow, IndicatorTable, ParsedValue, Qualifier, Role, Status
from planscope.monitor.goals import ABOUT_PP, Goal, Reading, fmt, goal_from_parsed, meets
from planscope.monitor.profile import Direction, Profile, profile
from planscope.monitor.result import STATUS_ZH, Method, jsonable
from planscope.monitor.spec import full_name, split_cell, split_units, value_of

_GDP = re.compile(r"地区生产总值|GDP|经济")
_GROWTH = re.compile(r"增速|增长")


@dataclass
class FinalEvaluation:
    seq: str | None
    name: str
    parent_name: str | None
    attribute: str | None  # simplified: 约束性 | 预期性 | None
    status: Status
    method: Method
    explanation: str
    target_raw: str | None = None
    actual_raw: str | None = None
    ref_year: int | None = None  # the actual is for this earlier year
    expected: bool = False  # the table gives 预计完成值 (an estimate made before the year closed)
    parts: list[dict[str, Any]] = field(default_factory=list)  # per number: unit, target, actual, met
    change: str | None = None  # 改善 | 恶化 | 持平, base → actual
    lines: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "name": self.name, "parent_name": self.parent_name, "attribute": self.attribute,
                "status": str(self.status), "method": str(self.method), "explanation": self.explanation,
                "target_raw": self.target_raw, "actual_raw": self.actual_raw, "ref_year": self.ref_year,
                "expected": self.expected, "parts": jsonable(self.parts), "change": self.change, "lines": self.lines}


@dataclass
class FinalSummary:
    rows: list[FinalEvaluation]
    by_status: dict[str, int]
    by_attribute: dict[str, dict[str, int]]

    def to_json(self) -> dict[str, Any]:
        return {"summary": {"by_status": self.by_status, "by_attribute": self.by_attribute},
                "indicators": [r.to_json() for r in self.rows]}

    def sentence(self) -> str:
        """A one-line summary in the style plans use: 'N项主要指标中，约束性指标x项完成……'."""
        parts = [f"{len(self.rows)}项指标中"]
        for attr, counts in self.by_attribute.items():
            total = sum(counts.values())
            parts.append(f"{attr}指标{total}项，已完成{counts.get('achieved', 0)}项"
                         f"、未完成{counts.get('not_achieved', 0)}项"
                         f"、需人工判断{counts.get('qualitative', 0)}项、无数据{counts.get('no_data', 0)}项")
        return "；".join(parts)


def _simp(text: str | None) -> str:
    return to_simplified(re.sub(r"\s+", "", text or ""))


def gdp_growth_of(rows: list[IndicatorRow]) -> Decimal | None:
    """The realised GDP growth in a completion table: a '%' part of a GDP row, or a GDP row's growth column."""
    for row in rows:
        name = _simp(row.name)
        if not _GDP.search(name) or "人均" in name:
            continue
        actuals = split_cell(row.value(Role.ACTUAL))
        units = split_units(row.unit, len(actuals))
        for pv, unit in zip(actuals, units, strict=False):
            if unit and "%" in unit and _GROWTH.search(name) and (v := value_of(pv)) is not None:
                return v
        growth = row.value(Role.GROWTH)
        if growth is not None and (v := value_of(split_cell(growth)[0])) is not None:
            return v
    return None


def evaluate_completion(table: IndicatorTable, *, profiles: Mapping[str, Profile] | None = None) -> FinalSummary:
    """Evaluate every row of a completion table. `profiles` (by row name) override the measure/direction guess."""
    expected = any(re.search(r"预计|預計", c) for c in table.columns)
    gdp = gdp_growth_of(table.rows)
    rows = [evaluate_row(r, gdp_growth=gdp, expected=expected, profile_=(profiles or {}).get(r.name))
            for r in table.rows]
    by_status = dict(Counter(str(r.status) for r in rows))
    by_attribute: dict[str, dict[str, int]] = {}
    for r in rows:
        attr = r.attribute or "未标注"
        by_attribute.setdefault(attr, {})
        by_attribute[attr][str(r.status)] = by_attribute[attr].get(str(r.status), 0) + 1
    return FinalSummary(rows, by_status, by_attribute)


def _reading(pv: ParsedValue | None) -> Reading | None:
    v = value_of(pv)
    if pv is None or v is None:
        return None
    q = pv.qualifier if pv.qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN, Qualifier.AT_MOST,
                                         Qualifier.LESS_THAN) else Qualifier.EXACT
    return Reading(v, q)


def evaluate_row(row: IndicatorRow, *, gdp_growth: Decimal | None = None, expected: bool = False,
                 profile_: Profile | None = None) -> FinalEvaluation:
    target, actual = row.value(Role.TARGET), row.value(Role.ACTUAL)
    ev = FinalEvaluation(row.seq, row.name, row.parent_name, _simp(row.attribute) or None, Status.NO_DATA,
                         Method.FINAL, "", target.raw if target else None, actual.raw if actual else None,
                         expected=expected, lines=row.span.lines())
    actuals = split_cell(actual)
    ev.ref_year = next((pv.ref_year for pv in actuals if pv is not None and pv.ref_year), None)
    tail = _tail(ev)
    if target is None:
        ev.change = _change(row, profile_)
        ev.explanation = "完成情况表未列目标值，无法判断是否完成" + _movement(row, ev.change) + tail
        return ev
    targets = split_cell(target)
    if not any(value_of(pv) is not None or (pv and pv.qualifier == Qualifier.QUALITATIVE) for pv in actuals):
        ev.explanation = f"无完成值（原文“{actual.raw if actual else '空'}”）" + tail
        return ev
    if targets and targets[0] is not None and targets[0].qualifier == Qualifier.QUALITATIVE:
        return _qualitative(ev, row, targets[0], actuals, gdp_growth, tail)
    if len(targets) != len(actuals):
        ev.status = Status.QUALITATIVE
        ev.explanation = f"目标值“{target.raw}”与完成值“{ev.actual_raw}”项数不一致，需人工判断" + tail
        return ev
    units = split_units(row.unit, len(targets))
    labels = _labels(row.name, len(targets))
    verdicts, texts = [], []
    for tpv, apv, unit, label in zip(targets, actuals, units, labels, strict=True):
        prof = profile_ or profile(full_name(row), unit, target_qualifier=tpv.qualifier if tpv else None)
        goal = goal_from_parsed(tpv, prof, unit)
        reading = _reading(apv)
        met = meets(reading, goal, prof) if goal is not None and reading is not None else None
        verdicts.append(met)
        ev.parts.append({"label": label, "unit": unit, "target": goal.value if goal else None,
                         "target_qualifier": str(goal.qualifier) if goal else None,
                         "actual": reading.value if reading else None,
                         "actual_qualifier": str(reading.qualifier) if reading else None, "met": met,
                         "measure": str(prof.measure), "direction": str(prof.direction), "guessed": prof.guessed})
        texts.append(_part_text(label if len(targets) > 1 else "", goal, reading, apv, prof, met))
    if any(v is False for v in verdicts):
        ev.status = Status.NOT_ACHIEVED
    elif all(v is True for v in verdicts):
        ev.status = Status.ACHIEVED
    else:
        ev.status = Status.QUALITATIVE
    ev.explanation = "；".join(texts) + f"，{STATUS_ZH[ev.status]}" + tail
    return ev


def _qualitative(ev: FinalEvaluation, row: IndicatorRow, tpv: ParsedValue, actuals: list[ParsedValue | None],
                 gdp_growth: Decimal | None, tail: str) -> FinalEvaluation:
    text = tpv.text or ""
    value = value_of(actuals[0]) if actuals else None
    if "同步" in text and re.search(r"经济|GDP|生产总值", text) and gdp_growth is not None and value is not None:
        ev.method, ok = Method.SYNCHRONOUS, value >= gdp_growth - ABOUT_PP
        ev.status = Status.ACHIEVED if ok else Status.NOT_ACHIEVED
        ev.parts.append({"label": row.name, "unit": row.unit, "target": gdp_growth, "target_qualifier": "synchronous",
                         "actual": value, "actual_qualifier": "exact", "met": ok})
        ev.explanation = (f"目标“{text}”：实际增长{fmt(value)}%，同期经济增长{fmt(gdp_growth)}%"
                          f"（允许低于{fmt(ABOUT_PP)}个百分点），{STATUS_ZH[ev.status]}" + tail)
        return ev
    ev.status, ev.method = Status.QUALITATIVE, Method.NONE
    got = f"完成值“{ev.actual_raw}”" if ev.actual_raw else "无完成值"
    ev.explanation = f"目标为定性表述“{text}”，{got}，需人工判断" + tail
    return ev


def _labels(name: str, n: int) -> list[str]:
    pieces = name.split("/")
    return pieces if n > 1 and len(pieces) == n else [name] * n


def _part_text(label: str, goal: Goal | None, reading: Reading | None, apv: ParsedValue | None, prof: Profile,
               met: bool | None) -> str:
    head = f"{label}：" if label else ""
    if goal is None or reading is None:
        return f"{head}数值不全"
    got = {Qualifier.AT_LEAST: "≥", Qualifier.MORE_THAN: ">", Qualifier.AT_MOST: "≤",
           Qualifier.LESS_THAN: "<"}.get(reading.qualifier, "")
    approx = "约" if apv is not None and apv.qualifier == Qualifier.ABOUT else ""
    verdict = {True: "达到", False: "未达到", None: "无法判断是否达到"}[met]
    return f"{head}目标{goal.describe(prof)}，完成{approx}{got}{fmt(reading.value)}，{verdict}目标"


def _tail(ev: FinalEvaluation) -> str:
    out = ""
    if ev.ref_year:
        out += f"（完成值为{ev.ref_year}年数据）"
    if ev.expected:
        out += "（预计完成值）"
    return out


def _change(row: IndicatorRow, profile_: Profile | None) -> str | None:
    """改善 / 恶化 / 持平 from base to actual, when both are single comparable numbers."""
    base, actual = row.value(Role.BASE), row.value(Role.ACTUAL)
    if base is None or actual is None:
        return None
    bpv, apv = _single(base), _single(actual)
    if bpv is None or apv is None or bpv.cumulative != apv.cumulative:
        return None  # a previous plan's five-year total is not comparable with a level
    if bpv.unit and bpv.unit != apv.unit:
        return None  # "113.4(亿美元)" against 亿元
    b, a = value_of(bpv), value_of(apv)
    if b is None or a is None:
        return None
    prof = profile_ or profile(full_name(row), row.unit)
    if a == b:
        return "持平"
    better = (a > b) == (prof.direction == Direction.HIGHER)
    return "改善" if better else "恶化"


def _movement(row: IndicatorRow, change: str | None) -> str:
    """'；基期1608.78，完成2278.28，较基期改善，年均增长5.7%' from whatever the row has."""
    out = []
    base, actual, growth = row.value(Role.BASE), row.value(Role.ACTUAL), row.value(Role.GROWTH)
    if base is not None:
        out.append(f"{base.year or ''}{'年' if base.year else ''}基期“{base.raw}”")
    if actual is not None:
        out.append(f"完成“{actual.raw}”")
    if change:
        out.append(f"较基期{change}")
    if growth is not None and (g := value_of(split_cell(growth)[0])) is not None:
        out.append(f"年均增长{fmt(g)}%（表列）")
    return "；" + "，".join(out) if out else ""


def _single(cell: CellValue) -> ParsedValue | None:
    pvs = split_cell(cell)
    return pvs[0] if len(pvs) == 1 else None
