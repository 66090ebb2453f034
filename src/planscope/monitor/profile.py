"""What kind of number an indicator is (its measure) and which way is better (its direction).

The catalogue (planscope.catalog) is the authority on this; callers pass `measure` and `direction` when they know
them. Without them a small heuristic reads the unit, the name and the target's qualifier, so monitoring works
on a plan nobody has catalogued yet. Every profile says whether it was guessed, and the explanation says so too.

Direction is about the printed number. "单位地区生产总值能耗累计下降 [19.3]%" prints a reduction: the energy
intensity is lower-is-better, but the printed reduction is higher-is-better (more reduction is better), so such
rows are `reduction=True`, `measure=growth_rate` (a negative growth of the underlying quantity) and HIGHER.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from planscope.ingest.script import to_simplified
from planscope.model import Measure, Qualifier


class Direction(StrEnum):
    HIGHER = "higher_is_better"
    LOWER = "lower_is_better"


@dataclass(frozen=True)
class Profile:
    measure: Measure
    direction: Direction
    reduction: bool = False  # the printed number is a % decrease of something (能耗降低, 排放减少)
    guessed: bool = False  # inferred by the heuristic below rather than given

    @property
    def higher_is_better(self) -> bool:
        return self.direction == Direction.HIGHER


_REDUCTION = re.compile(r"降低|下降|减少|削减|减排|压减")
_GROWTH = re.compile(r"增速|增长|增幅|增长率")
# Quantities where less is better: mortality, unemployment, pollution, intensity of resource use, accidents.
_LOWER = re.compile(r"死亡率|失业率|PM_?\{?2\.5|PM2\.5|浓度|能耗|用水量|排放量|排放强度|劣[ⅤV]|劣五类|事故|发生率"
                    r"|恩格尔|贫困|负债率|犯罪|污染|超标|黑臭|不良贷款率|碳排放")
_RANK = re.compile(r"排名|位次|排位")
_COUNT_UNITS = {"个", "件", "人", "家", "项", "所", "张", "位", "套", "座", "条", "户", "次", "间", "床", "辆"}
_PERCENT = re.compile(r"%|％|‰|百分点")


def _simplify(text: str | None) -> str:
    return to_simplified(re.sub(r"\s+", "", text or ""))


def guess_measure(name: str, unit: str | None) -> tuple[Measure, bool]:
    """(measure, reduction) from the name and unit: '%' + 增速 → growth rate, '%' + 下降 → reduction, '%' → share."""
    n, u = _simplify(name), _simplify(unit)
    percent = bool(_PERCENT.search(u))
    if _RANK.search(n):
        return Measure.RANK, False
    if percent and _REDUCTION.search(n):
        return Measure.GROWTH_RATE, True
    if percent and _GROWTH.search(n):
        return Measure.GROWTH_RATE, False
    # a name ending in 率 is a share only when no other unit says otherwise (劳动生产率 is 万元/人, a level)
    if percent or (not u and n.endswith(("率", "比重", "比例", "占比"))):
        return Measure.SHARE, False
    if u.strip("万亿") in _COUNT_UNITS or (u.startswith("万") and u[1:] in _COUNT_UNITS):
        return Measure.COUNT, False
    return Measure.LEVEL, False


def guess_direction(name: str, reduction: bool = False, target_qualifier: Qualifier | None = None) -> Direction:
    """Lower-is-better for caps (≤, 以下) and for the quantities in _LOWER; a printed reduction is higher-is-better."""
    if reduction:
        return Direction.HIGHER
    if target_qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return Direction.LOWER
    if target_qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return Direction.HIGHER
    n = _simplify(name)
    if _RANK.search(n) or _LOWER.search(n):
        return Direction.LOWER
    return Direction.HIGHER


def profile(name: str, unit: str | None, *, measure: Measure | None = None, direction: Direction | None = None,
            reduction: bool | None = None, target_qualifier: Qualifier | None = None) -> Profile:
    """The indicator's profile: given values win, the heuristic fills the rest (and marks the result guessed)."""
    g_measure, g_reduction = guess_measure(name, unit)
    red = g_reduction if reduction is None else reduction
    m = measure or g_measure
    if measure is not None and reduction is None and measure != Measure.GROWTH_RATE:
        red = False
    d = direction or guess_direction(name, red, target_qualifier)
    return Profile(measure=m, direction=d, reduction=red, guessed=measure is None or direction is None)
