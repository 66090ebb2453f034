"""Monitoring over the store: a plan's status in a year, its evaluation report, and the final evaluation of the
previous plan's completion table. What the CLI, the API and the web pages call.

    db = planscope.open(url)
    plan_status(db, "花都区", 2024)            # [IndicatorStatus], one per row of the main indicator table
    build_evaluation(db, "花都区", 2024)       # report.EvaluationReport (render with report.render)
    final_evaluation(db, "广州市")             # the 十三五 completion table of the plan, as a final evaluation

Actuals come from monitor.actuals (other documents of the region, values people entered); the status of each
number from the pure monitor functions (specs_from_row, decompose, assess). How it works: docs/evaluation.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from planscope.catalog import Catalogue
from planscope.ingest.script import to_simplified
from planscope.model import CellValue, Figure, IndicatorRow, IndicatorTable, ParsedValue, Qualifier, Role, Span, Status
from planscope.monitor.actuals import (
    ENTERED,
    ActualRecord,
    RowActuals,
    document_records,
    entered_annual_targets,
    entered_records,
    select,
)
from planscope.monitor.assess import assess
from planscope.monitor.balance import ACCELERATE_LIMIT, balance
from planscope.monitor.cache import memo_catalogue, sync_revisions_once
from planscope.monitor.decompose import Path, decompose, path_for
from planscope.monitor.final import FinalEvaluation, evaluate_completion
from planscope.monitor.goals import ABOUT_PP, ABOUT_RELATIVE, fmt
from planscope.monitor.matching import COMPONENT, RowConcepts, row_concepts
from planscope.monitor.profile import Direction
from planscope.monitor.result import LAGGING_RATIO, ON_TRACK_RATIO, Assessment, Method
from planscope.monitor.revisions import apply_revisions, revisions_of
from planscope.monitor.spec import TargetSpec, specs_from_row, split_cell, target_cell, value_of
from planscope.monitor.synchronous import assess_synchronous, is_synchronous_target
from planscope.report.evaluation import (
    Actual,
    BaseValue,
    EvaluationReport,
    IndicatorEvaluation,
    MethodNote,
    PartEvaluation,
    PlanInfo,
    TargetValue,
    binding_warnings,
)

if TYPE_CHECKING:
    from planscope.store.api import Database, PlanView

Progress = Callable[[str], None]  # told what is being done now ("读取规划", "收集实际值", …)

# Worst first: the status a two-number row ("a/b") shows is that of its worse number.
_SEVERITY = [Status.NOT_ACHIEVED, Status.AT_RISK, Status.LAGGING, Status.ON_TRACK, Status.ACHIEVED,
             Status.QUALITATIVE, Status.NO_DATA]
_DIRECTIONS = {"higher": Direction.HIGHER, "lower": Direction.LOWER}


class NoIndicatorTable(LookupError):
    """The plan has no table of the kind asked for (no main indicator table, no completion table)."""


@dataclass
class IndicatorStatus:
    """One row of the plan's main indicator table in one year: the report's view of it plus the evidence."""

    evaluation: IndicatorEvaluation
    lines: list[int]
    assessments: list[Assessment] = field(default_factory=list)
    sources: list[ActualRecord] = field(default_factory=list)  # the records the actuals came from
    related: list[ActualRecord] = field(default_factory=list)  # context only, not used for the status
    annual_plan_targets: list[ActualRecord] = field(default_factory=list)  # a year's own target (年度计划)
    unused: list[ActualRecord] = field(default_factory=list)  # figures a preferred source overrode
    notes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.evaluation.name

    @property
    def status(self) -> str:
        return str(self.evaluation.status)

    def to_json(self) -> dict[str, Any]:
        return {**self.evaluation.to_json(), "lines": self.lines,
                "assessments": [a.to_json() for a in self.assessments],
                "sources": [r.to_json() for r in self.sources], "related": [r.to_json() for r in self.related],
                "annual_plan_targets": [r.to_json() for r in self.annual_plan_targets],
                "unused": [r.to_json() for r in self.unused], "notes": self.notes}


# ----------------------------------------------------------------------------------------------- status in a year
def plan_status(db: Database, plan_id: int | str, year: int, *, catalogue: Catalogue | None = None,
                progress: Progress | None = None) -> list[IndicatorStatus]:
    """One IndicatorStatus per row of the plan's main indicator table ([] when the plan has none)."""
    return _status(db, db.plan(plan_id), year, memo_catalogue(catalogue), progress)[1]


def _main_table(plan: PlanView) -> tuple[IndicatorTable | None, list[int]]:
    stored = plan.stored_tables()
    main = next((t for t in stored if t.table.kind == "main"), None)
    return (main.table, main.row_ids) if main else (None, [])


GDP_GROWTH = "gdp_growth"  # catalogue id of the economy's growth rate
PROSE = "prose"  # IndicatorTable.kind of the stand-in table built from a plan's prose targets


def _status(db: Database, plan: PlanView, year: int, cat: Catalogue,
            progress: Progress | None) -> tuple[IndicatorTable | None, list[IndicatorStatus], list[ActualRecord]]:
    say = progress or (lambda _m: None)
    say("读取规划指标表")
    summary = plan.summary()
    # a newer version of the document that changes a value is a revision (skipped while the store is unchanged)
    sync_revisions_once(db, plan)
    table, row_ids = _main_table(plan)
    if table is None:  # the table was lost (scraped away): the plan's own prose targets stand in for it
        table = prose_table(plan.targets(), summary.period, cat)
    if table is None:
        return None, [], []
    period = summary.period or _period_of(table)
    revisions = revisions_of(db, plan)
    applied = apply_revisions(table, row_ids, revisions, year)
    rows = row_concepts(table.rows, cat)
    say("收集实际值")
    records = document_records(db, plan, rows, period, cat) + entered_records(db, plan, row_ids, rows, period) + \
        entered_annual_targets(revisions, row_ids, rows, period)
    say("评估指标")
    gdp = _gdp_growth(rows, records)
    out = [_row_status(rc, records, year, period, summary.file_name, cat, gdp) for rc in rows]
    for a in reversed(applied):
        text = a.note()
        ev = out[a.row_index].evaluation
        out[a.row_index].notes.insert(0, text)
        ev.revisions.insert(0, text)
        ev.explanation = f"{text}。{ev.explanation}"
    if table.kind == PROSE:
        for s in out:
            s.evaluation.source = PROSE
            s.evaluation.line = s.lines[0] if s.lines else None
    return table, out, records


def prose_table(targets: list[Figure], period: tuple[int, int] | None, cat: Catalogue) -> IndicatorTable | None:
    """A stand-in indicator table from the plan's prose targets for its last year (the 主要目标 a plan states in
    words), one row per catalogued concept, first statement wins; None when there are none. Prose is noisy, so
    only targets whose phrase the catalogue knows (the same rule alignment uses for prose) become rows."""
    from planscope.align.catalogued import MIN_SCORE, CatalogueHelpers

    helpers = CatalogueHelpers(cat)
    end = period[1] if period else None
    rows: list[IndicatorRow] = []
    seen: set[str] = set()
    for f in targets:
        if f.kind != "target" or (end and f.year and f.year != end):
            continue
        key, score = helpers.prose_key(f)
        if key is None or score < MIN_SCORE or key in seen:
            continue
        seen.add(key)
        q = f.qualifier or (Qualifier.QUALITATIVE if f.value is None else Qualifier.EXACT)
        parsed = ParsedValue(q, value=f.value, text=f.raw if f.value is None else None, unit=f.unit)
        span = Span(f.span.line_start, f.span.line_end or f.span.line_start)
        rows.append(IndicatorRow(name=f.indicator, span=span, unit=f.unit, canonical=key.split(":")[0],
                                 values=[CellValue(Role.TARGET, f.raw, f.year or end, parsed, span=span)]))
    if not rows:
        return None
    lines = [r.span.line_start for r in rows]
    return IndicatorTable("规划文本中的主要目标（指标表缺失）", Span(min(lines), max(lines)), rows, kind=PROSE)


def _period_of(table: IndicatorTable) -> tuple[int, int]:
    years = [v.year for r in table.rows for v in r.values if v.year]
    end = max(years) if years else date.today().year
    return end - 4, end


def _gdp_growth(rows: list[RowConcepts], records: list[ActualRecord]) -> dict[int, Decimal]:
    """The economy's growth each year, from the table's GDP-growth row (what "与经济增长同步" is judged against)."""
    rc = next((rc for rc in rows if any(c.id == GDP_GROWTH for c in rc.concepts)), None)
    if rc is None:
        return {}
    return select(records, rc.index, [c.part for c in rc.concepts]).series.get(rc.concepts[0].part, {})


def _row_status(rc: RowConcepts, records: list[ActualRecord], year: int, period: tuple[int, int],
                plan_file: str, cat: Catalogue | None = None,
                gdp: dict[int, Decimal] | None = None) -> IndicatorStatus:
    row = rc.row
    parts: list[int | None] = [c.part for c in rc.concepts] or [None]
    ra = select(records, rc.index, parts)
    ev = IndicatorEvaluation(seq=row.seq or "", name=row.name, canonical=rc.canonical, category=row.category,
                             unit=row.unit, attribute=_simp(row.attribute) or None,
                             base=_base(row, plan_file), target=_target(row))
    entry = cat.get(rc.canonical) if cat is not None and rc.canonical else None
    ev.canonical_name = entry.name if entry is not None else None
    st = IndicatorStatus(ev, row.span.lines(), related=ra.related, annual_plan_targets=ra.target_records,
                         unused=ra.others)
    st.sources = [r for part in ra.used.values() for rs in part.values() for r in rs]
    labels = _part_labels(rc, cat)
    ev.actuals = _report_actuals(ra, rc, labels)
    specs = _specs(rc, period)
    target = target_cell(row)
    parsed = split_cell(target)
    known = [y for part in ra.series.values() for y in part if y <= year]
    if not specs:
        qualitative = bool(parsed) and parsed[0] is not None and parsed[0].qualifier == Qualifier.QUALITATIVE
        text = (parsed[0].text if qualitative and parsed[0] is not None else None) or (target.raw if target else "")
        in_step = assess_synchronous(text, ra.series.get(parts[0], {}), gdp or {}, year, period[1]) \
            if qualitative and is_synchronous_target(text) else None
        if in_step is not None:
            st.assessments.append(in_step)
            ev.status, ev.method, ev.explanation = str(in_step.status), str(in_step.method), in_step.explanation
            ev.explanation += _evidence_text(st, year)
            return st
        if qualitative and known:
            ev.status, ev.method = str(Status.QUALITATIVE), str(Method.NONE)
            ev.explanation = f"目标为定性表述“{text}”，需人工判断"
        elif qualitative:
            ev.explanation = f"目标为定性表述“{text}”，{period[0]}—{year}年无实际数据"
        else:
            ev.explanation = "无可计算的目标值" if target is not None else "指标表未列目标值"
        ev.explanation += _evidence_text(st, year)
        return st
    pair = len(specs) > 1
    texts: list[str] = []
    for k, spec in enumerate(specs):
        # the series of this number; a single-number row whose catalogue reading is unknown uses part None
        part = spec.part if spec.part in ra.series or pair else parts[0]
        series = {y: v for y, v in ra.series.get(part, {}).items() if y <= year}
        running = ra.running_total.get(part, False) and spec.cumulative
        if running:  # a total since the plan began: only the latest one counts
            series = {max(series): series[max(series)]} if series else {}
        try:
            a = assess(spec, series, year, running_total=running)
        except (ValueError, ArithmeticError) as e:  # a degenerate spec (zero target …): say so, do not stop
            a = Assessment(Status.NO_DATA, Method.NONE, year, f"无法计算：{e}")
        st.assessments.append(a)
        label = labels[k] if pair and k < len(labels) else None
        texts.append(f"{label}：{a.explanation}" if label else a.explanation)
        if part == parts[0] or len(specs) == 1:
            _annual_targets(ev, spec, ra, part, st)
        check = _balance(spec, series, running, year, label)
        if check is not None:
            ev.balance.append(check)
        if pair:
            target_pv = parsed[k] if k < len(parsed) else None
            ev.parts.append(PartEvaluation(
                part=k, name=label or spec.name, unit=spec.unit,
                target=_fmt_part(target_pv), actuals=_part_actuals(ra, part), status=str(a.status),
                method=str(a.method), explanation=a.explanation))
    worst = min(st.assessments, key=lambda a: _SEVERITY.index(a.status))
    ev.status, ev.method = str(worst.status), str(worst.method)
    texts = list(dict.fromkeys(texts))  # two parts often share a "no data" text
    ev.explanation = "；".join(texts)
    paced = [b["explanation"] for b in ev.balance if b.get("verdict") not in (None, "met")]
    if paced:
        ev.explanation += "。年度间平衡：" + "；".join(paced)
    ev.explanation += _evidence_text(st, year)
    ev.numbers = {k: v for k, v in worst.ratios.items() if isinstance(v, Decimal)}
    st.notes = [n for a in st.assessments for n in a.notes]
    return st


def _specs(rc: RowConcepts, period: tuple[int, int]) -> list[TargetSpec]:
    """The row's targets, with the catalogue's measure and direction when the row is catalogued."""
    measures = [c.measure for c in rc.concepts] or None
    dirs = {c.direction for c in rc.concepts}
    direction = _DIRECTIONS.get(dirs.pop()) if len(dirs) == 1 else None
    return specs_from_row(rc.row, base_year=period[0] - 1, target_year=period[1], measures=measures,
                          direction=direction)


def _part_labels(rc: RowConcepts, cat: Catalogue | None) -> list[str]:
    """A name per number of an a/b row: the catalogue's names of its parts, else the row name split at "/"."""
    if len(rc.concepts) > 1 and cat is not None:
        names = [cat[c.id].name if cat.get(c.id) else "" for c in rc.concepts]
        if all(names):
            return names
    pieces = rc.row.name.split("/")
    return pieces if len(pieces) > 1 else []


def _fmt_part(pv: ParsedValue | None) -> str | None:
    if pv is None:
        return None
    number = value_of(pv)
    return pv.text if number is None else fmt(number)


def _part_actuals(ra: RowActuals, part: int | None) -> dict[int, Actual]:
    out = {}
    for y, recs in sorted(ra.used.get(part, {}).items()):
        first = recs[0]
        out[y] = Actual(value=ra.series[part][y], raw="+".join(r.raw for r in recs), source=first.source,
                        line=first.line, entered_by=first.entered_by, note=_record_note(recs))
    return out


def _balance(spec: TargetSpec, series: dict[int, Decimal], running: bool, year: int,
             label: str | None) -> dict[str, Any] | None:
    """年度间综合平衡 for one number with actuals: the pace the remaining years need (monitor.balance), or why
    it cannot be computed. None when there is nothing to say (no actual, or the plan's last year is reached)."""
    if not series or year >= spec.target_year:
        return None
    head: dict[str, Any] = {"part": spec.part, "name": label or spec.name,
                            "limit": float(ACCELERATE_LIMIT), "exceeds_limit": False}
    try:
        path = path_for(spec)
    except (ValueError, ArithmeticError) as e:
        return {**head, "verdict": None, "explanation": f"无法测算：{e}"}
    years = range(spec.base_year + 1, max(series) + 1)
    if running:  # a total to date: the years before it are done, the total is their sum
        fixed = {y: Decimal(0) for y in years} | {max(series): series[max(series)]}
    else:
        fixed = dict(series)
        missing = [y for y in years if y not in fixed]
        if missing and path not in (Path.COMPOUND, Path.LINEAR):  # a level needs only the latest value
            gap = "、".join(map(str, missing))
            return {**head, "verdict": None,
                    "explanation": f"缺少{gap}年数据，无法测算余下年份所需速度"}
    if path in (Path.COMPOUND, Path.LINEAR) and spec.base is None:
        return {**head, "verdict": None, "explanation": "无基期值，无法测算余下年份所需速度"}
    try:
        check = balance(spec, fixed)
    except (ValueError, ArithmeticError, AssertionError) as e:
        return {**head, "verdict": None, "explanation": f"无法测算：{e}"}
    strained = check.verdict in ("strained", "unreachable")
    return {**head, **check.to_json(), "exceeds_limit": strained}


def _annual_targets(ev: IndicatorEvaluation, spec: TargetSpec, ra: RowActuals, part: int | None,
                    st: IndicatorStatus) -> None:
    """Annual targets from the five-year one; an annual plan's own target for a year is kept (年度间综合平衡).
    Both are shown: the plan's even path (`planned_path`) and the path re-planned around the annual plans'
    own targets (`annual_targets`), with those targets and their sources (`annual_plan_targets`)."""
    overrides = {y: v for y, v in ra.annual_targets.get(part, {}).items()
                 if not any(r.running_total for r in ra.target_records if r.year == y)}
    try:
        plain = decompose(spec)
        dec = decompose(spec, overrides=overrides) if overrides else plain
    except (ValueError, ArithmeticError) as e:
        st.notes.append(f"未能分解年度目标：{e}")
        return
    ev.planned_path = {y: _display(v) for y, v in plain.by_year().items()}
    ev.annual_targets = {y: _display(v) for y, v in dec.by_year().items()}
    for y, v in sorted(overrides.items()):
        recs = [r for r in ra.target_records if r.year == y and r.part == part]
        entered = [r for r in recs if r.relation == ENTERED]
        recs = entered[-1:] or [r for r in recs if r.relation != ENTERED]
        if not recs:
            continue
        first = recs[0]
        ev.annual_plan_targets[y] = Actual(value=v, raw="+".join(r.raw for r in recs), source=first.source,
                                           line=first.line, entered_by=first.entered_by, note=_record_note(recs))
    st.notes += dec.notes


def _display(v: Decimal) -> Decimal:
    """An annual target as a report prints it: two decimals, whole numbers without them (compound paths carry
    28 digits; the exact values stay available from monitor.decompose)."""
    q = v.quantize(Decimal("0.01"))
    return q.to_integral_value() if q == q.to_integral_value() else q


def _report_actuals(ra: RowActuals, rc: RowConcepts, labels: list[str] | None = None) -> dict[int, Actual]:
    """One actual per year. For a two-number row the value is the first number's and `raw` shows every number
    known that year ("7000万人次 / 300万吨"); each number on its own is in IndicatorEvaluation.parts."""
    out: dict[int, Actual] = {}
    labels = labels if labels is not None else (rc.row.name.split("/") if len(rc.concepts) > 1 else [])
    pair = len(rc.concepts) > 1
    years = sorted({y for part in ra.used.values() for y in part})
    for y in years:
        got = [(part, ra.used[part][y]) for part in ra.used if y in ra.used[part]]
        part, recs = got[0]
        first = recs[0]
        raw = "+".join(r.raw for r in recs)
        note = _record_note(recs)
        if pair:
            named = [(labels[p] if p is not None and p < len(labels) else "", "+".join(r.raw for r in rs))
                     for p, rs in got]
            raw = " / ".join(f"{n}{v}" for n, v in named)
            note = "；".join(f"（{labels[p] if p is not None and p < len(labels) else ''}）{_record_note(rs)}"
                            for p, rs in got)
        out[y] = Actual(value=ra.series[part][y], raw=raw, source=first.source, line=first.line,
                        entered_by=first.entered_by, note=note)
    return out


def _record_note(recs: list[ActualRecord]) -> str:
    if len(recs) > 1 or recs[0].relation == COMPONENT:
        items = "、".join(f"{r.indicator}{r.raw}（第{r.line}行）" for r in recs)
        head = f"由{len(recs)}项合计：" if len(recs) > 1 else "分项："
        return f"{head}{items}；原文：{recs[0].sentence}"
    r = recs[0]
    if r.relation == ENTERED:
        return "；".join(x for x in (f"{r.entered_by}录入于{r.entered_at}", r.note or "") if x)
    return r.sentence or ""


def _evidence_text(st: IndicatorStatus, year: int) -> str:
    out = []
    used = sorted({(r.year, r.provenance()) for r in st.sources if r.year <= year})
    if used:
        out.append("数据来源：" + "；".join(f"{y}年 {p}" for y, p in used))
    if st.related:
        out.append("相关数据（口径不同，不参与评价）：" + "；".join(
            f"{r.year}年{r.indicator}{r.raw}（{r.provenance()}）" for r in st.related))
    return "。" + "。".join(out) if out else ""


def _base(row: IndicatorRow, plan_file: str) -> BaseValue | None:
    cell = row.value(Role.BASE)
    if cell is None:
        return None
    pvs = split_cell(cell)
    value = value_of(pvs[0]) if len(pvs) == 1 else None
    ref = next((p.ref_year for p in pvs if p is not None and p.ref_year), None)
    line = cell.span.line_start if cell.span else row.span.line_start
    return BaseValue(value=value, raw=cell.raw, year=ref or cell.year, source=plan_file, line=line)


def _target(row: IndicatorRow) -> TargetValue | None:
    cell = target_cell(row)
    if cell is None:
        return None
    pvs = split_cell(cell)
    single = pvs[0] if len(pvs) == 1 else None
    qualifier = str(single.qualifier) if single is not None and single.qualifier else None
    line = cell.span.line_start if cell.span else row.span.line_start
    return TargetValue(value=value_of(single), raw=cell.raw, year=cell.year, qualifier=qualifier, line=line)


def _simp(text: str | None) -> str:
    return to_simplified((text or "").replace(" ", "").strip())


# ----------------------------------------------------------------------------------------------- the report
def evaluation_kind(period: tuple[int, int], year: int) -> str:
    """final once the target year is reached; mid_term in the middle year (2023 of 2021–2025); else annual."""
    start, end = period
    if year >= end:
        return "final"
    if year == start + (end - start) // 2:
        return "mid_term"
    return "annual"


def latest_year(statuses: list[IndicatorStatus]) -> int | None:
    """The latest year any actual is known for (the default year to evaluate)."""
    years = [y for s in statuses for y in s.evaluation.actuals]
    return max(years) if years else None


def default_year(db: Database, plan_id: int | str, *, catalogue: Catalogue | None = None) -> int:
    """The year to show or evaluate when none is given, the same in the CLI, the API and the web pages: the
    latest year with data within the plan's period, else the period's first year (this year for a plan whose
    period is unknown). Read from the evaluation of the period's last year, which sees every year's actuals;
    that report is cached until the store changes, so a page asking again costs nothing."""
    from planscope.monitor.cache import cached_evaluation

    summary = db.plan(plan_id).summary()
    start, end = summary.period or (date.today().year, date.today().year)
    if catalogue is None:
        report = cached_evaluation(db, summary.id, end)
    else:  # a caller's own catalogue is not what the cache was built with
        report = build_evaluation(db, summary.id, end, catalogue=catalogue)
    years = [y for i in report.indicators for y in i.actuals if summary.period is None or start <= y <= end]
    return max(years) if years else start


def build_evaluation(db: Database, plan_id: int | str, year: int | None = None, kind: str | None = None, *,
                     catalogue: Catalogue | None = None, progress: Progress | None = None) -> EvaluationReport:
    """The evaluation report of a plan in `year` (default: the latest year with data). kind: annual | mid_term |
    final (default from the year: final once the period's last year is evaluated)."""
    plan = db.plan(plan_id)
    summary = plan.summary()
    cat = memo_catalogue(catalogue)  # matches remembered by name (monitor.cache)
    if year is None:
        year = default_year(db, summary.id, catalogue=catalogue)
    table, statuses, records = _status(db, plan, year, cat, progress)
    period = summary.period or (_period_of(table) if table else (year - 4, year))
    kind = kind or evaluation_kind(period, year)
    info = PlanInfo(id=summary.id, title=summary.title or summary.file_name, region=summary.region or "",
                    period=period, kind=summary.kind)
    notes = _report_notes(table, statuses, records, period, year)
    if kind == "final" and year < period[1]:
        notes.insert(0, f"规划期至{period[1]}年，本终期评估按截至{year}年的数据作出")
    indicators = [s.evaluation for s in statuses]
    warnings = binding_warnings(indicators, year) + pace_warnings(indicators, year)
    return EvaluationReport(plan=info, year=year, kind=kind, indicators=indicators, notes=notes,
                            warnings=warnings, methods=methods_appendix())


def pace_warnings(indicators: list[IndicatorEvaluation], year: int) -> list[str]:
    """Indicators whose remaining years need more than ACCELERATE_LIMIT times the planned pace (年度间综合平衡)."""
    out = []
    for i in indicators:
        for b in i.balance:
            if b.get("exceeds_limit"):
                name = i.name if b.get("part") is None else f"{i.name}（{b.get('name')}）"
                out.append(f"“{name}”截至{year}年，{b['explanation']}（超过规划均速的{fmt(ACCELERATE_LIMIT)}倍）")
    return out


def _report_notes(table: IndicatorTable | None, statuses: list[IndicatorStatus], records: list[ActualRecord],
                  period: tuple[int, int], year: int) -> list[str]:
    if table is None:
        return ["规划文本中未找到主要指标表，也未找到可作为指标的文字目标，无法逐项评估（表格可能在转换时丢失，"
                "见文档的表注）"]
    if table.kind == PROSE:
        lines = "、".join(str(s.lines[0]) for s in statuses if s.lines)
        notes = [f"规划文本中未找到主要指标表（可能在转换时丢失），改以规划文本中{period[1]}年的文字目标作为评估指标"
                 f"（第{lines}行，source=prose），共{len(statuses)}项；指标表中的其他指标无法评估"]
    else:
        notes = [f"评估对象：{table.title or '主要指标表'}（第{table.span.line_start}—{table.span.line_end}行），"
                 f"共{len(statuses)}项指标"]
    revised = [f"{s.name}：{r}" for s in statuses for r in s.evaluation.revisions]
    if revised:
        notes.append(f"按{year}年有效的目标与基期值评估：" + "；".join(revised))
    docs = sorted({(r.source, r.title) for r in records if r.document_id is not None and r.year <= year})
    if docs:
        notes.append("实际值来源：" + "；".join(f"{s}（{t}）" if t else str(s) for s, t in docs))
    if any(r.relation == ENTERED for r in records):
        notes.append("部分实际值为人工录入，录入人与时间见各指标数据来源")
    missing = [y for y in range(period[0], year + 1)
               if not any(y in s.evaluation.actuals for s in statuses)]
    if missing:
        notes.append(f"{'、'.join(map(str, missing))}年无任何实际值，依赖多年数据的方法结果偏保守")
    return notes


def _pct(ratio: Decimal) -> str:
    return format((ratio * 100).normalize(), "f") + "%"


def methods_appendix() -> list[MethodNote]:
    """The methods appendix, written from the monitor's own constants (docs/monitoring.md has the long form)."""
    on, lag = _pct(ON_TRACK_RATIO), _pct(LAGGING_RATIO)
    scale = (f"比值≥{on}为进度正常，{lag}–{on}为进度滞后，低于{lag}为难以完成，小于0为与目标方向相反；"
             "已达到目标值为已完成，目标年已有实际值时为已完成或未完成。")
    return [MethodNote("time_elapsed", "序时进度",
                       "完成进度 =（实际值−基期值）/（目标值−基期值），与时间进度 =（评估年−基期年）/（目标年−基期年）"
                       "相比。" + scale),
            MethodNote("growth_ratio", "增长比率法",
                       "实际年均增速与实现目标所需年均增速之比（联合国亚太经社会、欧盟统计局可持续发展目标进展评估"
                       "采用的方法）。用于总量、数量类指标。" + scale),
            MethodNote("projection", "趋势外推",
                       "按已有年份的线性或复合增长趋势推算目标年的值，与目标值相比。" + scale),
            MethodNote("average_growth", "年均增速",
                       "增速类目标：已知各年增速的几何平均与目标增速相比；“左右”允许低于目标"
                       f"{fmt(ABOUT_PP)}个百分点（非百分比指标为目标值的{fmt(ABOUT_RELATIVE * 100)}%）。" + scale),
            MethodNote("cumulative", "累计进度",
                       "累计类（[ ]、新增、累计）目标：各年增量之和占五年目标的比例，与时间进度相比；"
                       "缺少年份时累计值偏小。" + scale),
            MethodNote("final", "终期对比", "规划期末：完成值与目标值比较（考虑“以上”“左右”等限定和指标方向），"
                                          "达到为已完成，否则为未完成。"),
            MethodNote("synchronous", "同步性比较",
                       f"“与经济增长同步”：收入增速不低于同期经济增速减{fmt(ABOUT_PP)}个百分点即为同步。"),
            MethodNote("matching", "实际值的来源与匹配",
                       "实际值取自同一地区其他文件（年度计划执行报告、统计公报等）中规划期内的数据，以及人工录入值"
                       "（优先）。只有指标目录认定为同一指标、同类数值（增速对增速、总量对总量）、单位可换算时才采用；"
                       "分项（如中小学与幼儿园新增学位）按年合计为累计类指标的当年增量；口径不同的相关数据只列示，"
                       "不参与评价。")]


# ----------------------------------------------------------------------------------------------- final evaluation
def five_year_ordinal(start: int) -> str:
    """“十三五” for a plan starting in 2016 (the 3rd plan began in 1966; one plan every five years since)."""
    n = (start - 1966) // 5 + 3
    digits = "零一二三四五六七八九"
    tens, ones = divmod(n, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")) + (digits[ones] if ones else "")
    return f"“{text}五”"


def completion_table(plan: PlanView) -> IndicatorTable:
    table = next((t for t in plan.indicator_tables() if t.kind == "completion"), None)
    if table is None:
        raise NoIndicatorTable(f"plan {plan.id} has no completion table of the previous plan (完成情况表)")
    return table


def final_evaluation(db: Database, plan_id: int | str) -> EvaluationReport:
    """The final evaluation of the previous plan, from the completion table printed in this plan."""
    plan = db.plan(plan_id)
    summary = plan.summary()
    table = completion_table(plan)
    start = summary.period[0] if summary.period else _period_of(table)[0]
    period = (start - 5, start - 1)
    result = evaluate_completion(table)
    indicators = [_final_indicator(r, row, summary.file_name, period[1]) for r, row in zip(result.rows, table.rows,
                                                                                            strict=True)]
    title = f"{summary.region or ''}{five_year_ordinal(period[0])}规划"
    info = PlanInfo(id=summary.id, title=title, region=summary.region or "", period=period,
                    kind="five_year_plan")
    notes = [f"依据{summary.title or summary.file_name}中的{table.title or '完成情况表'}"
             f"（第{table.span.line_start}—{table.span.line_end}行）", result.sentence()]
    if any(r.expected for r in result.rows):
        notes.append("表列为预计完成值（规划编制时的估计），终期结论以统计部门最终数据为准")
    if not any(row.value(Role.TARGET) for row in table.rows):
        notes.append("完成情况表未列目标值：各项只能报告较基期的变化，无法判断是否完成")
    return EvaluationReport(plan=info, year=period[1], kind="final", indicators=indicators, notes=notes,
                            methods=methods_appendix())


def _final_indicator(r: FinalEvaluation, row: IndicatorRow, plan_file: str, end: int) -> IndicatorEvaluation:
    name = f"{r.parent_name}：{r.name}" if r.parent_name and r.parent_name not in r.name else r.name
    ev = IndicatorEvaluation(seq=r.seq or "", name=name, category=row.category, unit=row.unit,
                             attribute=r.attribute, base=_base(row, plan_file), target=_target(row),
                             status=str(r.status), method=str(r.method), explanation=r.explanation)
    cell = row.value(Role.ACTUAL)
    if cell is not None:
        pvs = split_cell(cell)
        value = value_of(pvs[0]) if len(pvs) == 1 else None
        line = cell.span.line_start if cell.span else row.span.line_start
        ev.actuals = {r.ref_year or cell.year or end: Actual(value=value, raw=cell.raw, source=plan_file, line=line,
                                                             note="预计完成值" if r.expected else None)}
    return ev
