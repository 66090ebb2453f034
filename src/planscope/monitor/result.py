"""The result of one assessment: status, method, every number that went into it, and a Chinese explanation.

Inputs and ratios are exact Decimals, so anyone can recompute the status from them; only the explanation rounds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planscope.model import STATUS_LABELS, Status, dec_json

# The growth-ratio thresholds of Eurostat's SDG progress assessment (quantitative targets): ≥95 % of the required
# pace is on track ("substantial progress"), 60–95 % moderate, 0–60 % insufficient, below 0 movement away.
# The same scale is used for the time-elapsed ratio and the projection so that the three methods read alike.
ON_TRACK_RATIO = Decimal("0.95")
LAGGING_RATIO = Decimal("0.6")


class Method(StrEnum):
    TIME_ELAPSED = "time_elapsed"  # 序时进度
    GROWTH_RATIO = "growth_ratio"  # actual CAGR / required CAGR (SDG progress reports)
    PROJECTION_LINEAR = "projection_linear"
    PROJECTION_CAGR = "projection_cagr"
    AVERAGE_GROWTH = "average_growth"  # growth-rate targets: geometric mean of observed annual rates
    CUMULATIVE = "cumulative"  # [ ] five-year totals: sum of annual increments vs elapsed share
    FINAL = "final"  # a finished plan's completion table: actual vs target
    SYNCHRONOUS = "synchronous"  # "与经济增长同步": compared with the GDP growth in the same table
    NONE = "none"  # nothing could be computed (qualitative target, no data)


STATUS_ZH = {Status(k): v for k, v in STATUS_LABELS.items()}  # one label set: model.STATUS_LABELS


def status_from_ratio(ratio: Decimal) -> Status:
    if ratio >= ON_TRACK_RATIO:
        return Status.ON_TRACK
    if ratio >= LAGGING_RATIO:
        return Status.LAGGING
    return Status.AT_RISK


def jsonable(v: Any) -> Any:
    if isinstance(v, Decimal):
        return dec_json(v)
    if isinstance(v, dict):
        return {str(k): jsonable(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [jsonable(x) for x in v]
    return v


@dataclass
class Assessment:
    status: Status
    method: Method
    year: int | None
    explanation: str
    inputs: dict[str, Any] = field(default_factory=dict)  # base, target, actuals, years, qualifier, direction …
    ratios: dict[str, Decimal] = field(default_factory=dict)  # progress, elapsed, ratio, cagr …
    regression: bool = False  # moving away from the target
    guessed_profile: bool = False  # measure/direction came from the heuristic, not the catalogue
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"status": str(self.status), "method": str(self.method), "year": self.year,
                "explanation": self.explanation, "inputs": jsonable(self.inputs), "ratios": jsonable(self.ratios),
                "regression": self.regression, "guessed_profile": self.guessed_profile, "notes": self.notes}
