"""Monitoring: annual targets, progress assessment, balance between years, and final evaluation.

Pure functions over the domain types (planscope.model): no store, no I/O. The store, reports and CLI call these.

    specs = specs_from_row(row)                     # one TargetSpec per targeted number of a table row
    decompose(spec, weights=..., overrides=...)     # annual targets (年度分解)
    balance(spec, {2021: v, 2022: v})               # can the remaining years still make it? (年度间综合平衡)
    assess(spec, {2024: actual}, 2024)              # status with method, numbers and a Chinese explanation
    evaluate_completion(table)                      # final evaluation of a finished plan's completion table

Methods, formulas and thresholds: docs/monitoring.md.
"""

from planscope.model import Status
from planscope.monitor.assess import assess, assess_row, default_method
from planscope.monitor.balance import ACCELERATE_LIMIT, BalanceCheck, balance
from planscope.monitor.decompose import AnnualTarget, Decomposition, Path, decompose, path_for
from planscope.monitor.final import FinalEvaluation, FinalSummary, evaluate_completion, evaluate_row, gdp_growth_of
from planscope.monitor.goals import ABOUT_PP, ABOUT_RELATIVE, Goal, Reading, goal_from_parsed, meets
from planscope.monitor.methods import (
    average_growth,
    cagr,
    cumulative,
    geometric_mean_rate,
    growth_ratio,
    projection,
    time_elapsed,
)
from planscope.monitor.profile import Direction, Profile, guess_direction, guess_measure, profile
from planscope.monitor.result import LAGGING_RATIO, ON_TRACK_RATIO, Assessment, Method, status_from_ratio
from planscope.monitor.spec import TargetSpec, specs_from_row, split_cell

__all__ = [
    "ABOUT_PP",
    "ABOUT_RELATIVE",
    "ACCELERATE_LIMIT",
    "LAGGING_RATIO",
    "ON_TRACK_RATIO",
    "AnnualTarget",
    "Assessment",
    "BalanceCheck",
    "Decomposition",
    "Direction",
    "FinalEvaluation",
    "FinalSummary",
    "Goal",
    "Method",
    "Path",
    "Profile",
    "Reading",
    "Status",
    "TargetSpec",
    "assess",
    "assess_row",
    "average_growth",
    "balance",
    "cagr",
    "cumulative",
    "decompose",
    "default_method",
    "evaluate_completion",
    "evaluate_row",
    "gdp_growth_of",
    "geometric_mean_rate",
    "goal_from_parsed",
    "growth_ratio",
    "guess_direction",
    "guess_measure",
    "meets",
    "path_for",
    "profile",
    "projection",
    "specs_from_row",
    "split_cell",
    "status_from_ratio",
    "time_elapsed",
]
