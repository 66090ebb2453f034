"""The progress methods, each a pure function (spec, actuals by year, year) → Assessment.

  time_elapsed    序时进度: progress (a−b)/(t−b) against the elapsed share of the period (y−y0)/(T−y0)
  growth_ratio    SDG method: actual CAGR since the base over the CAGR the target requires
  projection      the observations extended to the target year (least-squares line, or CAGR from the base)
  average_growth  growth-rate targets: geometric mean of the observed annual rates against the target rate
  cumulative      [ ] targets: sum of the annual increments (or compounded annual % changes) vs elapsed share

All ratios are on one scale (result.ON_TRACK_RATIO / LAGGING_RATIO). A value that already passes the target is
`achieved`; once the target year is observed the verdict is final: `achieved` or `not_achieved`.
Formulas, thresholds and worked examples: docs/monitoring.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from planscope.model import Measure, Status
from planscope.monitor.decompose import HUNDRED, factor_rate, power, rate_factor
from planscope.monitor.goals import fmt, meets, pct
from planscope.monitor.profile import Direction
from planscope.monitor.result import STATUS_ZH, Assessment, Method, status_from_ratio
from planscope.monitor.spec import TargetSpec

Actuals = Mapping[int, Decimal]
_SEVERITY = [Status.ON_TRACK, Status.LAGGING, Status.AT_RISK]


def _inputs(spec: TargetSpec) -> dict[str, object]:
    return {"name": spec.name, "unit": spec.unit, "part": spec.part, "base": spec.base, "base_year": spec.base_year,
            "target": spec.goal.value, "target_qualifier": str(spec.goal.qualifier), "target_low": spec.goal.low,
            "target_high": spec.goal.high, "tolerance": spec.goal.tolerance, "target_year": spec.target_year,
            "cumulative": spec.cumulative, "measure": str(spec.profile.measure),
            "direction": str(spec.profile.direction), "reduction": spec.profile.reduction}


def _observed(actuals: Actuals, year: int, after: int) -> dict[int, Decimal]:
    return {y: Decimal(v) for y, v in sorted(actuals.items()) if after < y <= year}


def _no_data(spec: TargetSpec, method: Method, year: int, why: str) -> Assessment:
    return Assessment(Status.NO_DATA, method, year, why, _inputs(spec), guessed_profile=spec.profile.guessed)


def _missing(spec: TargetSpec, obs: Actuals, year: int) -> str:
    """What a method lacks, named exactly: the base value, the actual values since the base year, or both."""
    first = spec.base_year + 1
    gaps = ["基期值"] if spec.base is None else []
    if not obs:
        gaps.append(f"{first}年实际值" if first >= year else f"{first}—{year}年实际值")
    return "缺少" + "和".join(gaps)


def _result(spec: TargetSpec, method: Method, year: int, status: Status, text: str, inputs: dict[str, object],
            ratios: dict[str, Decimal], regression: bool = False, notes: list[str] | None = None) -> Assessment:
    label = {Method.TIME_ELAPSED: "按序时进度", Method.GROWTH_RATIO: "按增长比率法",
             Method.PROJECTION_LINEAR: "按线性趋势外推", Method.PROJECTION_CAGR: "按年均增速外推",
             Method.AVERAGE_GROWTH: "按年均增速", Method.CUMULATIVE: "按累计进度"}.get(method, "")
    explanation = f"{label}：{text}，{STATUS_ZH[status]}"
    if regression:
        explanation += "（与目标方向相反）"
    notes = list(notes or [])
    if spec.profile.guessed:
        way = "越高越好" if spec.profile.higher_is_better else "越低越好"
        notes.append(f"指标类型与方向为推断（{spec.profile.measure}，{way}）")
    return Assessment(status, method, year, explanation, inputs, ratios, regression, spec.profile.guessed, notes)


def _final_or_achieved(spec: TargetSpec, method: Method, year: int, obs_year: int, value: Decimal,
                       inputs: dict[str, object], ratios: dict[str, Decimal],
                       early: bool = True) -> Assessment | None:
    """The verdict when the value already passes the target, or when the target year itself is observed."""
    ok = meets(value, spec.goal, spec.profile)
    want = spec.goal.describe(spec.profile)
    if obs_year >= spec.target_year:
        status = Status.ACHIEVED if ok else Status.NOT_ACHIEVED
        return _result(spec, method, year, status, f"{obs_year}年实际{fmt(value)}，目标{want}", inputs, ratios)
    if ok and early:
        return _result(spec, method, year, Status.ACHIEVED, f"{obs_year}年实际{fmt(value)}，已达到目标{want}",
                       inputs, ratios)
    return None


def time_elapsed(spec: TargetSpec, actuals: Actuals, year: int) -> Assessment:
    obs = _observed(actuals, year, spec.base_year)
    if spec.base is None or not obs:
        why = _missing(spec, obs, year) + ("，无法计算序时进度" if spec.base is None else "")
        return _no_data(spec, Method.TIME_ELAPSED, year, why)
    y, a = max(obs.items())
    b, t = spec.base, spec.goal.value
    inputs = {**_inputs(spec), "actual": a, "actual_year": y}
    elapsed = Decimal(y - spec.base_year) / Decimal(spec.periods)
    ratios: dict[str, Decimal] = {"elapsed": elapsed}
    if t == b:  # "keep the level": no gap to close, only the threshold matters
        done = _final_or_achieved(spec, Method.TIME_ELAPSED, year, y, a, inputs, ratios)
        return done or _result(spec, Method.TIME_ELAPSED, year, Status.AT_RISK,
                               f"目标为保持{fmt(t)}，{y}年实际{fmt(a)}未达到", inputs, ratios, regression=True)
    progress = (a - b) / (t - b)
    ratio = progress / elapsed
    ratios |= {"progress": progress, "ratio": ratio}
    done = _final_or_achieved(spec, Method.TIME_ELAPSED, year, y, a, inputs, ratios)
    if done:
        return done
    text = (f"{y}年实际{fmt(a)}（基期{fmt(b)}，目标{fmt(t)}），已完成目标进度的{pct(progress)}，"
            f"时间进度{pct(elapsed)}（{y - spec.base_year}/{spec.periods}年），进度比{fmt(ratio)}")
    return _result(spec, Method.TIME_ELAPSED, year, status_from_ratio(ratio), text, inputs, ratios,
                   regression=progress < 0)


def cagr(start: Decimal, end: Decimal, years: int) -> Decimal:
    """Compound annual growth rate as a fraction (0.06 for 6 %)."""
    return power(end / start, Decimal(1) / years) - 1


def growth_ratio(spec: TargetSpec, actuals: Actuals, year: int) -> Assessment:
    obs = _observed(actuals, year, spec.base_year)
    b, t = spec.base, spec.goal.value
    if b is None or not obs:
        return _no_data(spec, Method.GROWTH_RATIO, year, _missing(spec, obs, year))
    y, a = max(obs.items())
    if b <= 0 or a <= 0 or t <= 0 or t == b:
        res = time_elapsed(spec, actuals, year)
        res.notes.append("增长比率法要求基期、目标与实际值均为正且目标不等于基期，改用序时进度")
        return res
    actual_cagr, required_cagr = cagr(b, a, y - spec.base_year), cagr(b, t, spec.periods)
    ratio = actual_cagr / required_cagr
    inputs = {**_inputs(spec), "actual": a, "actual_year": y}
    ratios = {"actual_cagr": actual_cagr, "required_cagr": required_cagr, "ratio": ratio}
    done = _final_or_achieved(spec, Method.GROWTH_RATIO, year, y, a, inputs, ratios)
    if done:
        return done
    text = (f"{spec.base_year}—{y}年实际年均变动{fmt(actual_cagr * HUNDRED)}%，实现目标需年均"
            f"{fmt(required_cagr * HUNDRED)}%，比率{fmt(ratio)}")
    return _result(spec, Method.GROWTH_RATIO, year, status_from_ratio(ratio), text, inputs, ratios,
                   regression=ratio < 0)


def projection(spec: TargetSpec, actuals: Actuals, year: int, kind: str = "linear") -> Assessment:
    """Extend the observations to the target year: kind 'linear' (least squares) or 'cagr' (from the base)."""
    method = Method.PROJECTION_CAGR if kind == "cagr" else Method.PROJECTION_LINEAR
    obs = _observed(actuals, year, spec.base_year)
    b, t = spec.base, spec.goal.value
    if b is None or not obs:
        return _no_data(spec, method, year, f"{_missing(spec, obs, year)}，无法外推")
    y, a = max(obs.items())
    inputs = {**_inputs(spec), "actuals": obs}
    if kind == "cagr":
        if b <= 0 or a <= 0:
            res = projection(spec, actuals, year, "linear")
            res.notes.append("基期或实际值不为正，无法按年均增速外推，改用线性外推")
            return res
        g = cagr(b, a, y - spec.base_year)
        projected = a * power(1 + g, Decimal(spec.target_year - y))
        ratios = {"cagr": g}
    else:
        points = [(Decimal(spec.base_year), b), *((Decimal(k), v) for k, v in obs.items())]
        mx = sum((p[0] for p in points), Decimal(0)) / len(points)
        my = sum((p[1] for p in points), Decimal(0)) / len(points)
        sxx = sum(((p[0] - mx) ** 2 for p in points), Decimal(0))
        slope = sum(((p[0] - mx) * (p[1] - my) for p in points), Decimal(0)) / sxx
        projected = my + slope * (spec.target_year - mx)
        ratios = {"slope": slope}
    ratios["projected"] = projected
    done = _final_or_achieved(spec, method, year, y, a, inputs, ratios)
    if done:
        return done
    if t == b:
        ok = meets(projected, spec.goal, spec.profile)
        status = Status.ON_TRACK if ok else Status.AT_RISK
        return _result(spec, method, year, status, f"预计{spec.target_year}年{fmt(projected)}，目标保持{fmt(t)}",
                       inputs, ratios)
    share = (projected - b) / (t - b)
    ratios["projected_progress"] = share
    status = Status.ON_TRACK if meets(projected, spec.goal, spec.profile) else status_from_ratio(share)
    text = (f"据{len(obs)}个观测值，预计{spec.target_year}年达到{fmt(projected)}"
            f"（目标{spec.goal.describe(spec.profile)}），可完成目标增量的{pct(share)}")
    return _result(spec, method, year, status, text, inputs, ratios, regression=share < 0)


def geometric_mean_rate(rates: list[Decimal]) -> Decimal:
    """Average annual rate in % of annual rates in %: (Π(1+r/100))^(1/k) − 1."""
    factor = Decimal(1)
    for r in rates:
        factor *= 1 + r / HUNDRED
    if factor <= 0:
        return Decimal(-100)
    return (power(factor, Decimal(1) / len(rates)) - 1) * HUNDRED


def average_growth(spec: TargetSpec, actuals: Actuals, year: int) -> Assessment:
    """A growth-rate target ('年均增长6%左右'): actuals are the annual rates in % of each year."""
    obs = _observed(actuals, year, spec.base_year)
    if not obs:
        return _no_data(spec, Method.AVERAGE_GROWTH, year, f"{spec.base_year + 1}—{year}年无实际增速")
    avg = geometric_mean_rate(list(obs.values()))
    t = spec.goal.value
    years_all = list(range(spec.base_year + 1, max(obs) + 1))
    missing = [y for y in years_all if y not in obs]
    inputs = {**_inputs(spec), "actuals": obs, "missing_years": missing}
    ratios: dict[str, Decimal] = {"average": avg}
    higher = spec.profile.direction == Direction.HIGHER
    if t != 0 and avg != 0:
        ratios["ratio"] = avg / t if higher else t / avg
    if len(obs) > 1:
        text = f"{min(obs)}—{max(obs)}年实际增速几何平均{fmt(avg)}%（{len(obs)}年）"
    else:
        text = f"{max(obs)}年实际增速{fmt(avg)}%"
    text += f"，目标{spec.goal.describe(spec.profile)}"
    notes = [f"缺少{'、'.join(map(str, missing))}年增速，按已有年份计算"] if missing else []
    ok = meets(avg, spec.goal, spec.profile)
    if max(obs) >= spec.target_year and not missing:
        return _result(spec, Method.AVERAGE_GROWTH, year, Status.ACHIEVED if ok else Status.NOT_ACHIEVED, text,
                       inputs, ratios, notes=notes)
    if not missing and max(obs) < spec.target_year:  # what the years left must average (年度间综合平衡)
        left = spec.target_year - max(obs)
        need = power(power(1 + t / HUNDRED, Decimal(spec.periods)) / _factor(obs.values()), Decimal(1) / left)
        ratios["required_remaining"] = (need - 1) * HUNDRED
        text += f"，余下{left}年需年均{fmt(ratios['required_remaining'])}%"
    if ok:
        status = Status.ON_TRACK
    elif "ratio" in ratios and (avg > 0 or not higher):
        # below the threshold is never on track: the target rate (with its tolerance) is the bar itself
        status = max(status_from_ratio(ratios["ratio"]), Status.LAGGING, key=_SEVERITY.index)
    else:
        status = Status.AT_RISK
    if "ratio" in ratios:
        text += f"，比率{fmt(ratios['ratio'])}"
    return _result(spec, Method.AVERAGE_GROWTH, year, status, text, inputs, ratios,
                   regression=higher and avg < 0 < t, notes=notes)


def _factor(rates: object) -> Decimal:
    f = Decimal(1)
    for r in rates:  # type: ignore[attr-defined]
        f *= 1 + r / HUNDRED
    return f


def cumulative(spec: TargetSpec, actuals: Actuals, year: int, *, running_total: bool = False) -> Assessment:
    """A [ ] target. Actuals are each year's increment (or each year's % change for a rate), or, with
    running_total, the total since the base year as reported that year."""
    obs = _observed(actuals, year, spec.base_year)
    if not obs:
        return _no_data(spec, Method.CUMULATIVE, year, f"{spec.base_year + 1}—{year}年无实际值")
    rate = spec.profile.measure == Measure.GROWTH_RATE
    y = max(obs)
    missing = [] if running_total else [k for k in range(spec.base_year + 1, y + 1) if k not in obs]
    if running_total:
        total = obs[y]
    elif rate:
        f = Decimal(1)
        for v in obs.values():
            f *= rate_factor(spec, v)
        total = factor_rate(spec, f)
    else:
        total = sum(obs.values(), Decimal(0))
    t = spec.goal.value
    elapsed = Decimal(y - spec.base_year) / Decimal(spec.periods)
    inputs = {**_inputs(spec), "actuals": obs, "running_total": running_total, "missing_years": missing}
    ratios: dict[str, Decimal] = {"total": total, "elapsed": elapsed}
    notes = [f"缺少{'、'.join(map(str, missing))}年数据，累计值偏小"] if missing else []
    if t == 0:
        return _no_data(spec, Method.CUMULATIVE, year, "累计目标为0，无法计算进度")
    if rate and rate_factor(spec, total) > 0 and rate_factor(spec, t) > 0 and rate_factor(spec, t) != 1:
        # compounded rates: progress on the log scale, so an even annual pace reads as exactly on schedule
        progress = rate_factor(spec, total).ln() / rate_factor(spec, t).ln()
    else:
        progress = total / t
    ratio = progress / elapsed
    ratios |= {"progress": progress, "ratio": ratio}
    done = _final_or_achieved(spec, Method.CUMULATIVE, year, y, total, inputs, ratios)
    if done:
        done.notes.extend(notes)
        return done
    text = (f"{spec.base_year + 1}—{y}年累计{fmt(total)}（目标[{fmt(t)}]），已完成{pct(progress)}，"
            f"时间进度{pct(elapsed)}，进度比{fmt(ratio)}")
    if notes:  # the reader must see that the total lacks years before trusting the status
        text += f"（{notes[0]}）"
    return _result(spec, Method.CUMULATIVE, year, status_from_ratio(ratio), text, inputs, ratios,
                   regression=progress < 0, notes=notes)
