"""“与经济增长（基本）同步”: a qualitative target judged year by year against the economy's growth.

Income growth is in step when it is not below the same year's GDP growth by more than ABOUT_PP (half a
percentage point, the band used for 左右): the rule the final evaluation of a completion table applies
(monitor.final), here applied to each year an execution report gives both growth rates for.
"""

from __future__ import annotations

import re
from decimal import Decimal

from planscope.model import Status
from planscope.monitor.goals import ABOUT_PP, fmt
from planscope.monitor.result import STATUS_ZH, Assessment, Method

_IN_STEP = re.compile(r"同步")
_WITH_ECONOMY = re.compile(r"经济|GDP|生产总值")


def is_synchronous_target(text: str | None) -> bool:
    return bool(text and _IN_STEP.search(text) and _WITH_ECONOMY.search(text))


def assess_synchronous(text: str, series: dict[int, Decimal], gdp: dict[int, Decimal], year: int,
                       target_year: int) -> Assessment | None:
    """Assessment of an in-step target in `year` from the years both growth rates are known (None: no such year).
    The latest common year decides: in step → on_track (achieved once the target year is reached), else lagging."""
    common = sorted(y for y in series if y in gdp and y <= year)
    if not common:
        return None
    texts, verdicts = [], {}
    for y in common:
        verdicts[y] = series[y] >= gdp[y] - ABOUT_PP
        verdict = "同步" if verdicts[y] else "低于经济增长"
        texts.append(f"{y}年增长{fmt(series[y])}%，同期经济增长{fmt(gdp[y])}%，{verdict}")
    last = common[-1]
    in_step = Status.ACHIEVED if last >= target_year else Status.ON_TRACK
    status = in_step if verdicts[last] else Status.LAGGING
    explanation = (f"按同步性比较：目标“{text}”；" + "；".join(texts)
                   + f"（允许低于经济增长{fmt(ABOUT_PP)}个百分点），{STATUS_ZH[status]}")
    inputs: dict[str, object] = {"target_text": text, "actuals": {y: series[y] for y in common},
                                 "gdp_growth": {y: gdp[y] for y in common}}
    ratios = {"actual": series[last], "gdp_growth": gdp[last], "tolerance": ABOUT_PP}
    return Assessment(status, Method.SYNCHRONOUS, year, explanation, inputs, ratios)
