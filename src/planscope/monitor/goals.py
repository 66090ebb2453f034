"""What a target demands and whether a value meets it, with qualifiers and direction taken into account.

A target ("6左右", "≥88", "30以下", "5-8", "[≥110]") becomes one threshold on the good side: a floor for
higher-is-better indicators, a ceiling for lower-is-better ones. An actual value can carry a qualifier too
("[>27.6]", "98以上", "约14"), so it is an interval; `meets` answers True, False, or None when the interval
straddles the threshold and nobody can tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planscope.model import Measure, ParsedValue, Qualifier
from planscope.monitor.profile import Direction, Profile

# "左右" (about) is read as the target give or take this much. Percentage measures: half a percentage point, the
# band statistical offices use when they call a growth rate "in line with" a target; other numbers: 1 % of the target.
ABOUT_PP = Decimal("0.5")
ABOUT_RELATIVE = Decimal("0.01")


@dataclass(frozen=True)
class Goal:
    """A numeric target: nominal value (for paths), qualifier, and the threshold an actual must pass."""

    value: Decimal  # the nominal number: the value, or the good-side end of a range
    qualifier: Qualifier
    low: Decimal | None = None
    high: Decimal | None = None
    cumulative: bool = False
    tolerance: Decimal = Decimal(0)  # used by `about` only

    def threshold(self, profile: Profile) -> tuple[str, Decimal, bool]:
        """(kind, number, strict): kind 'min' (actual must be ≥/>) or 'max' (≤/<)."""
        q = self.qualifier
        if q == Qualifier.AT_LEAST:
            return "min", self.value, False
        if q == Qualifier.MORE_THAN:
            return "min", self.value, True
        if q == Qualifier.AT_MOST:
            return "max", self.value, False
        if q == Qualifier.LESS_THAN:
            return "max", self.value, True
        higher = profile.direction == Direction.HIGHER
        if q == Qualifier.RANGE and self.low is not None and self.high is not None:
            return ("min", self.low, False) if higher else ("max", self.high, False)
        if q == Qualifier.ABOUT:
            tol = self.tolerance
            return ("min", self.value - tol, False) if higher else ("max", self.value + tol, False)
        return ("min", self.value, False) if higher else ("max", self.value, False)

    def describe(self, profile: Profile) -> str:
        kind, num, strict = self.threshold(profile)
        sign = (">" if strict else "≥") if kind == "min" else ("<" if strict else "≤")
        text = f"{sign}{fmt(num)}"
        if self.qualifier == Qualifier.ABOUT:
            text += f"（{fmt(self.value)}左右，容差±{fmt(self.tolerance)}）"
        return text


@dataclass(frozen=True)
class Reading:
    """An observed value as an interval: 'exact' and 'about' are points, '≥97' is [97, ∞)."""

    value: Decimal
    qualifier: Qualifier = Qualifier.EXACT

    def bounds(self) -> tuple[Decimal | None, bool, Decimal | None, bool]:
        """(low, low_strict, high, high_strict); None means unbounded."""
        q, v = self.qualifier, self.value
        if q == Qualifier.AT_LEAST:
            return v, False, None, False
        if q == Qualifier.MORE_THAN:
            return v, True, None, False
        if q == Qualifier.AT_MOST:
            return None, False, v, False
        if q == Qualifier.LESS_THAN:
            return None, False, v, True
        return v, False, v, False


def about_tolerance(profile: Profile, unit: str | None, value: Decimal) -> Decimal:
    percent = unit is not None and ("%" in unit or "％" in unit)
    if percent or profile.measure in (Measure.GROWTH_RATE, Measure.SHARE):
        return ABOUT_PP
    return abs(value) * ABOUT_RELATIVE


def goal_from_parsed(pv: ParsedValue | None, profile: Profile, unit: str | None = None,
                     number: Decimal | None = None) -> Goal | None:
    """A Goal from a parsed target cell; None for qualitative or empty cells. `number` picks one part of 'a/b'."""
    if pv is None or pv.qualifier == Qualifier.QUALITATIVE:
        return None
    if pv.qualifier == Qualifier.RANGE and pv.low is not None and pv.high is not None:
        nominal = pv.low if profile.direction == Direction.HIGHER else pv.high
        return Goal(nominal, Qualifier.RANGE, low=pv.low, high=pv.high, cumulative=pv.cumulative)
    value = number if number is not None else pv.value
    if value is None:
        return None
    tol = about_tolerance(profile, unit or pv.unit, value) if pv.qualifier == Qualifier.ABOUT else Decimal(0)
    return Goal(value, pv.qualifier, cumulative=pv.cumulative, tolerance=tol)


def meets(actual: Reading | Decimal, goal: Goal, profile: Profile) -> bool | None:
    """Does the actual pass the goal's threshold? None when the actual's interval straddles it."""
    reading = actual if isinstance(actual, Reading) else Reading(actual)
    lo, lo_strict, hi, hi_strict = reading.bounds()
    kind, t, strict = goal.threshold(profile)
    if kind == "min":
        if lo is not None and (lo > t or (lo == t and (not strict or lo_strict))):
            return True
        if hi is not None and (hi < t or (hi == t and (strict or hi_strict))):
            return False
        return None
    if hi is not None and (hi < t or (hi == t and (not strict or hi_strict))):
        return True
    if lo is not None and (lo > t or (lo == t and (strict or lo_strict))):
        return False
    return None


def fmt(d: Decimal | None, places: int = 2) -> str:
    """A Decimal for an explanation: at most `places` decimals, no trailing zeros (rounding only happens here)."""
    if d is None:
        return "—"
    q = d.quantize(Decimal(1).scaleb(-places))
    s = format(q.normalize(), "f")
    return "0" if s in ("-0", "") else s


def pct(d: Decimal) -> str:
    """A ratio as a whole percentage for explanations: 0.6234 → '62%'."""
    return f"{fmt(d * 100, 0)}%"
