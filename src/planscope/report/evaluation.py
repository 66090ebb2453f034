"""The evaluation report's view model: what a 中期评估 / 终期评估 / 年度监测 report shows, and nothing else.

Plain typed dataclasses, filled by whoever assesses (monitor, store, CLI) and read by every renderer (HTML, PDF,
XLSX, JSON), so the formats cannot disagree. Numbers are exact Decimals; every actual value carries its source
(document and line, or the person who entered it) so a reader can check it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from planscope.model import STATUS_LABELS, dec_json

KIND_LABELS: dict[str, str] = {"mid_term": "中期评估", "final": "终期评估", "annual": "年度监测"}

# The monitor's method keys (planscope.monitor.Method values) in Chinese; unknown keys are shown as given.
METHOD_LABELS: dict[str, str] = {
    "time_elapsed": "序时进度",
    "growth_ratio": "增长比率法",
    "projection_linear": "趋势外推（线性）",
    "projection_cagr": "趋势外推（复合增速）",
    "average_growth": "年均增速",
    "cumulative": "累计进度",
    "final": "终期对比",
    "synchronous": "同步性比较",
    "none": "—",
}

ATTRIBUTES = ("预期性", "约束性")
WARN_STATUSES = ("at_risk", "lagging", "not_achieved")


def status_label(status: str) -> str:
    return STATUS_LABELS.get(str(status), str(status))


def method_label(method: str | None) -> str:
    if not method:
        return "—"
    return METHOD_LABELS.get(str(method), str(method))


def fmt_dec(d: Decimal | None) -> str:
    """A Decimal as printed, exactly: no exponent, no float noise, trailing zeros kept as entered."""
    if d is None:
        return ""
    return format(d, "f")


@dataclass
class PlanInfo:
    id: int | str  # the store's plan id (an int, as everywhere else); a name for a report built by hand
    title: str
    region: str
    period: tuple[int, int]
    kind: str = "five_year_plan"

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "region": self.region, "period": list(self.period),
                "kind": self.kind}


@dataclass
class BaseValue:
    value: Decimal | None
    raw: str
    year: int | None = None
    source: str | None = None  # document name (the plan itself by default)
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": dec_json(self.value), "raw": self.raw, "year": self.year, "source": self.source,
                "line": self.line}


@dataclass
class TargetValue:
    value: Decimal | None
    raw: str
    year: int | None = None
    qualifier: str | None = None  # exact | about | at_least | … | qualitative (CONTRACT.md)
    line: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": dec_json(self.value), "raw": self.raw, "year": self.year, "qualifier": self.qualifier,
                "line": self.line}


@dataclass
class Actual:
    value: Decimal | None
    raw: str | None = None
    source: str | None = None  # document name, or the person's name for a manual entry
    line: int | None = None
    entered_by: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"value": dec_json(self.value), "raw": self.raw, "source": self.source, "line": self.line,
                "entered_by": self.entered_by, "note": self.note}

    def provenance(self) -> str:
        """Where the number came from, in Chinese: 《document》第N行, or 录入：person."""
        parts = []
        if self.source:
            parts.append(f"{self.source}" + (f" 第{self.line}行" if self.line else ""))
        elif self.line:
            parts.append(f"第{self.line}行")
        if self.entered_by:
            parts.append(f"录入：{self.entered_by}")
        return "；".join(parts)


@dataclass
class IndicatorEvaluation:
    seq: str
    name: str
    canonical: str | None = None  # catalogue id (gdp_growth)
    category: str | None = None
    unit: str | None = None
    attribute: str | None = None  # 预期性 | 约束性 | None
    base: BaseValue | None = None
    target: TargetValue | None = None
    annual_targets: dict[int, Decimal] = field(default_factory=dict)
    actuals: dict[int, Actual] = field(default_factory=dict)
    status: str = "no_data"
    canonical_name: str | None = None  # the catalogue's Chinese name for `canonical`
    method: str | None = None
    explanation: str = ""
    numbers: dict[str, Decimal] = field(default_factory=dict)  # ratio, elapsed, progress … as the method computed
    source: str = "table"  # table | prose (a target stated in the text: the plan's table was not found)
    line: int | None = None  # prose: the line of the sentence the target comes from
    # The five-year target's even path, before any annual plan's own target (annual_targets is the path re-planned
    # around those); and the annual plans' own targets (年度计划目标) with where they come from.
    planned_path: dict[int, Decimal] = field(default_factory=dict)
    annual_plan_targets: dict[int, Actual] = field(default_factory=dict)
    parts: list[PartEvaluation] = field(default_factory=list)  # an a/b row: each number on its own
    balance: list[dict[str, Any]] = field(default_factory=list)  # 年度间综合平衡 per number (monitor.balance)
    revisions: list[str] = field(default_factory=list)  # what was revised, in force in the year evaluated

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def method_label(self) -> str:
        return method_label(self.method)

    def is_numeric(self) -> bool:
        """Worth a chart: at least two numbers to draw (a path, or a base and an actual…)."""
        pts = [v for v in self.annual_targets.values() if v is not None]
        pts += [a.value for a in self.actuals.values() if a.value is not None]
        if self.base and self.base.value is not None:
            pts.append(self.base.value)
        if self.target and self.target.value is not None:
            pts.append(self.target.value)
        return len(pts) >= 2 and bool(self.annual_targets or self.actuals)

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "name": self.name, "canonical": self.canonical, "canonical_name": self.canonical_name,
            "category": self.category,
            "unit": self.unit, "attribute": self.attribute,
            "base": self.base.to_json() if self.base else None,
            "target": self.target.to_json() if self.target else None,
            "annual_targets": {str(y): dec_json(v) for y, v in sorted(self.annual_targets.items())},
            "actuals": {str(y): a.to_json() for y, a in sorted(self.actuals.items())},
            "status": str(self.status), "status_label": self.status_label,
            "method": str(self.method) if self.method else None, "method_label": self.method_label,
            "explanation": self.explanation,
            "numbers": {k: dec_json(v) for k, v in self.numbers.items()},
            "source": self.source, "line": self.line,
            "planned_path": {str(y): dec_json(v) for y, v in sorted(self.planned_path.items())},
            "annual_plan_targets": {str(y): a.to_json() for y, a in sorted(self.annual_plan_targets.items())},
            "parts": [p.to_json() for p in self.parts], "balance": list(self.balance),
            "revisions": list(self.revisions),
        }


@dataclass
class PartEvaluation:
    """One number of a two-number row ("机场旅客/货邮吞吐量 10000/350"): its own actuals and status."""

    part: int
    name: str
    unit: str | None
    target: str | None
    actuals: dict[int, Actual] = field(default_factory=dict)
    status: str = "no_data"
    method: str | None = None
    explanation: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"part": self.part, "name": self.name, "unit": self.unit, "target": self.target,
                "actuals": {str(y): a.to_json() for y, a in sorted(self.actuals.items())},
                "status": str(self.status), "status_label": status_label(self.status),
                "method": self.method, "method_label": method_label(self.method), "explanation": self.explanation}


@dataclass
class Summary:
    by_status: dict[str, int]
    by_attribute: dict[str, dict[str, int]]

    def to_json(self) -> dict[str, Any]:
        return {"by_status": dict(self.by_status), "by_attribute": {k: dict(v) for k, v in self.by_attribute.items()}}


@dataclass
class MethodNote:
    """One entry of the methods appendix; the monitor fills these with its own formulas and thresholds."""

    key: str
    name: str
    description: str

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "description": self.description}


def default_methods(on_track: Decimal = Decimal("0.95"), lagging: Decimal = Decimal("0.6")) -> list[MethodNote]:
    """A short methods appendix; thresholds are parameters so the monitor's own constants are what gets printed."""
    on, lag = f"{fmt_dec((on_track * 100).normalize())}%", f"{fmt_dec((lagging * 100).normalize())}%"
    scale = f"比值≥{on}为进度正常，{lag}–{on}为进度滞后，低于{lag}为难以完成；已达到目标值为已完成。"
    return [
        MethodNote("time_elapsed", "序时进度",
                   "完成进度 =（实际值−基期值）/（目标值−基期值），与时间进度 =（评估年−基期年）/（目标年−基期年）"
                   "相比。" + scale),
        MethodNote("growth_ratio", "增长比率法",
                   "实际年均增速与实现目标所需年均增速之比（联合国与欧盟可持续发展目标进展评估采用的方法）。" + scale),
        MethodNote("projection", "趋势外推",
                   "按已有年份的线性或复合增长趋势推算目标年的值，与目标值相比。" + scale),
    ]


def summarize(indicators: list[IndicatorEvaluation]) -> Summary:
    by_status = Counter(str(i.status) for i in indicators)
    by_attr: dict[str, Counter[str]] = {}
    for i in indicators:
        by_attr.setdefault(i.attribute or "未标注", Counter())[str(i.status)] += 1
    order = list(STATUS_LABELS)

    def ordered(c: Counter[str]) -> dict[str, int]:
        return {s: c[s] for s in sorted(c, key=lambda s: order.index(s) if s in order else len(order))}

    attrs = [a for a in (*ATTRIBUTES, "未标注") if a in by_attr] + sorted(set(by_attr) - {*ATTRIBUTES, "未标注"})
    return Summary(ordered(by_status), {a: ordered(by_attr[a]) for a in attrs})


def binding_warnings(indicators: list[IndicatorEvaluation], year: int) -> list[str]:
    """约束性 indicators that are lagging, at risk or missed: the warnings a report must put first."""
    out = []
    for i in indicators:
        if i.attribute == "约束性" and str(i.status) in WARN_STATUSES:
            out.append(f"约束性指标“{i.name}”{year}年评估为{i.status_label}" + (f"：{i.explanation}" if i.explanation
                                                                              else "。"))
    return out


@dataclass
class EvaluationReport:
    plan: PlanInfo
    year: int
    kind: str = "mid_term"  # mid_term | final | annual
    generated_at: datetime = field(default_factory=lambda: datetime.now().replace(microsecond=0))
    indicators: list[IndicatorEvaluation] = field(default_factory=list)
    summary: Summary | None = None  # computed from indicators when not given
    warnings: list[str] | None = None  # binding indicators at risk/lagging; computed when not given
    no_data: list[str] | None = None  # names of indicators with no data; computed when not given
    notes: list[str] = field(default_factory=list)
    methods: list[MethodNote] = field(default_factory=default_methods)
    author: str | None = None  # who prepared the report (organisation), shown in the metadata

    def __post_init__(self) -> None:
        if self.summary is None:
            self.summary = summarize(self.indicators)
        if self.warnings is None:
            self.warnings = binding_warnings(self.indicators, self.year)
        if self.no_data is None:
            self.no_data = [i.name for i in self.indicators if str(i.status) == "no_data"]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def subtitle(self) -> str:
        if self.kind == "annual":
            return f"{self.year}年实施情况监测报告"
        return f"实施情况{self.kind_label}报告"

    @property
    def title(self) -> str:
        return f"《{self.plan.title}》{self.subtitle}"

    def to_json(self) -> dict[str, Any]:
        assert self.summary is not None
        return {
            "plan": self.plan.to_json(), "year": self.year, "kind": self.kind, "kind_label": self.kind_label,
            "title": self.title, "subtitle": self.subtitle, "generated_at": self.generated_at.isoformat(),
            "author": self.author,
            "summary": self.summary.to_json(),
            "indicators": [i.to_json() for i in self.indicators],
            "warnings": list(self.warnings or []), "no_data": list(self.no_data or []), "notes": list(self.notes),
            "methods": [m.to_json() for m in self.methods],
            "status_labels": dict(STATUS_LABELS),
        }
