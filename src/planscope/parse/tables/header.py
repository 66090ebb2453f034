"""Table headers: recognise header text, split it into column labels and give each column a role.

Roles: category, seq, name, sub (an unlabelled column after 指标 holding sub-row names), unit, attribute,
remark, extra (an unlabelled column we ignore), and the value roles base / target / actual / growth / status.
A role comes from the header's words (目标 → target, 完成值 of an earlier year → base, 年均增速 → growth, …), never
from a column's position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planscope.model import Role
from planscope.parse.tables.content import squash

VALUE_ROLES = ("base", "target", "actual", "growth", "status")

_YEAR_RANGE = r"(?:(?:19|20)\d{2}\s*年?\s*[—\-–~～至到]\s*)?(?:19|20)\d{2}\s*年"
_STOP = r"类别|类型|领域|序号|编号|指标|单位|属性|备注|说明"
# A bracketed qualifier after a label: 年均增长〔累计〕, 年均增速（%）, 年均增长[%], 目标值（规划值）
_OPEN, _CLOSE = r"[(（\[〔【]", r"[)）\]〕】]"
_QUALIFIER = rf"{_OPEN}(?:%|(?:五年)?累计(?:值|数)?|规划值|预计|预期)%?{_CLOSE}"
_VALUE_QUALIFIER = rf"{_OPEN}(?:%|规划值|预计|预期){_CLOSE}"  # not 累计: 目标 〔累计〕 are two wrapped labels
# The end of an earlier plan period, named by its number: “十四五”末, 十三五期末, “十五五”目标值
_TERM = r"[\"“”]?十[一二三四五六七八九]五[\"“”]?(?:时期|规划)?(?:期末|末)?(?:目标值?|规划值|预期值)?"
# One header label: a column word, or a year-led label ("2020年完成值", "2016—2020年均增速(%)") running to the
# next column word, year or 年均 (2025年 年均增长: two labels).
_LABEL = re.compile(
    rf"(?:{_YEAR_RANGE}(?:(?!(?:19|20)\d{{2}}|{_STOP}|年均).)*)"
    r"|(?:指标名称|指标)[(（]单位[)）]"  # 指标名称（单位）: each name carries its unit, 地区生产总值（亿元）
    r"|指标名称|指标属性|主要指标|指标|类别|类型|领域|序号|编号|名称|计量单位|单位|属性|性质|备注|说明"
    # before 完成 below, which would take their first two characters; 进度: a mid-term table's progress column
    r"|完成情况|实现情况|进展情况|(?:序时)?进度(?:情况)?"
    r"|(?:(?:规划|预期)?目标值?|规划值|计划(?:值|数)?|基期值?|基数|基准值|现状值?|(?:预计)?完成(?:值|数)?(?:[(（]预计[)）])?|实际(?:完成)?(?:值|数)?)"
    # the year after the word, or a qualifier: 基期值(2020年), 目标值（2025年）, 目标值（规划值）
    rf"(?:[(（](?:19|20)\d{{2}}年?[)）]|{_VALUE_QUALIFIER})?"
    rf"|年均增[长速](?:{_QUALIFIER})?(?:[/或]累计(?:值|数)?)?|增速|年均|(?:五年)?累计(?:值|数)?|{_QUALIFIER}"
    rf"|{_TERM}"
)
_WORDS = re.compile(r"类别|序号|指标|单位|属性|目标|完成|基期|基数|现状|增速|增长|(?:19|20)\d{2}年")
# What a header's squashed text can start with, one entry per alternative of _LABEL: a year's 1 or 2, the first
# characters of the column words, a bracket. A new _LABEL alternative must add its first character here.
_LABEL_FIRST = frozenset("12指主类领序编名计单属性备说规预目基现完实进年增五累(（[〔【\"“”十")


def header_labels(text: str) -> list[str] | None:
    """Split a header (one line or several fragments joined) into labels; None if any text is not header."""
    s = squash(text)
    if not s:
        return None
    labels, pos = [], 0
    while pos < len(s):
        m = _LABEL.match(s, pos)
        if not m or m.end() == pos:
            return None
        labels.append(m.group(0))
        pos = m.end()
    return labels


def may_be_labels(text: str) -> bool:
    """False only when header_labels(text) is surely None, told without normalising the text: its first character
    is a CJK ideograph no label starts with. (NFKC keeps U+4E00–9FFF as they are and never composes them, and
    turns whitespace into whitespace, so that character is also the first of the squashed text.)"""
    first = text.lstrip()[:1]
    return not ("\u4e00" <= first <= "\u9fff") or first in _LABEL_FIRST


def is_header_fragment(text: str) -> bool:
    """A line that holds only header words (a piece of a header split over lines, or a repeat)."""
    return header_labels(text) is not None and not re.fullmatch(r"\d+", squash(text))


def header_cells(line: str) -> list[str] | None:
    """The cells (squashed) of a TAB line holding only header words and empty cells; None otherwise."""
    cells = [squash(c) for c in line.split("\t")]
    if any(cells) and all(not c or header_labels(c) is not None for c in cells):
        return cells
    return None


def sub_header(top: list[str], line: str) -> list[str] | None:
    """The second row of a two-row header under `top`: header words only, some of them under a cell that
    spans several columns (left empty in the row above). None when `line` is not one."""
    bottom = header_cells(line)
    if bottom is None or "\t" not in line:
        return None
    holes = any(b and (j >= len(top) or not top[j]) for j, b in enumerate(bottom))
    return bottom if holes else None


def header_continuation(top: list[str], line: str) -> list[str] | None:
    """The labels of a one-row header whose cells wrap onto a second tab row (2020年 / 基数, 年均增长 / 〔累计〕):
    every word of `line` sits under a label of `top` and carries no year or column word of its own. None when
    `line` is not such a row."""
    bottom = header_cells(line)
    if bottom is None or "\t" not in line or not any(bottom):
        return None
    for j, b in enumerate(bottom):
        if b and (j >= len(top) or not top[j] or _years(b) or b in _COLUMN_WORDS):
            return None
    return [t + (bottom[j] if j < len(bottom) else "") for j, t in enumerate(top)]


def merge_header_rows(top: list[str], bottom: list[str]) -> list[str]:
    """One label per column of a header printed on two rows (a group cell over its sub-columns: 2020年 over
    目标/完成, 规划值 over 2020年/2025年). A year in the group is kept before the sub-label (2020年目标); a group
    word without a year (规划值, 指标值) says nothing the sub-labels' years do not."""
    n = max(len(top), len(bottom))
    top, bottom = top + [""] * (n - len(top)), bottom + [""] * (n - len(bottom))
    out: list[str] = []
    group = ""
    for t, b in zip(top, bottom, strict=True):
        if t:
            group = t if b else ""
        if not b:
            out.append(t)
        else:
            out.append(group + b if _years(group) and not _years(b) else b)
    return out


def rejoin_wrapped(labels: list[str]) -> list[str]:
    """One label per column of a one-row header whose cells wrap, read line after line (PDF text): the first
    line ends at a column word (属性, 备注) and the next holds the rest of each value cell, in column order
    (2020年 2025年 年均增长 | 基数 目标 〔累计〕). Told from a group cell over sub-columns (unflatten) by a growth
    column among the cells continued and one continuation for each value cell."""
    k = len(labels)
    while k and _role(labels[k - 1]) != "blank" and labels[k - 1] not in _COLUMN_WORDS and not _years(labels[k - 1]):
        k -= 1
    top, bottom = labels[:k], labels[k:]
    if not bottom or not top or _role(top[-1]) not in ("attribute", "remark"):
        return labels
    values = [i for i, lab in enumerate(top) if _role(lab) in ("value", "target", "growth")]
    if len(values) != len(bottom) or not any(_role(top[i]) == "growth" for i in values):
        return labels
    out = list(top)
    for i, b in zip(values, bottom, strict=True):
        out[i] = top[i] + b
    return out


def unflatten(labels: list[str]) -> list[str]:
    """One label per column of a two-row header read row after row (PDF text, a flattened HTML table): the top
    row ends at a column word (属性, 备注), after which only the sub-labels of one group cell follow (规划值 over
    2020年/2025年, 2020年 over 目标/完成). They replace the group: a yearless group word (规划值, 指标值) when there
    is one, else the last year label of the top row, whose year is kept before each yearless sub-label."""
    if not labels or _role(labels[-1]) not in ("value", "target"):
        return labels
    k = len(labels)
    while k and _role(labels[k - 1]) in ("value", "target"):
        k -= 1
    top, bottom = labels[:k], labels[k:]
    if not top or _role(top[-1]) not in ("attribute", "remark"):
        return labels
    groups = [i for i, lab in enumerate(top) if _role(lab) in ("value", "target")]
    if not groups:
        return labels
    yearless = [i for i in groups if not _years(top[i])]
    g = yearless[0] if yearless else groups[-1]
    if yearless and not all(_years(b) for b in bottom):
        return labels
    subs = [b if _years(b) else top[g] + b for b in bottom]
    return top[:g] + subs + top[g + 1:]


def header_strength(text: str) -> int:
    """How many distinct header words a line holds: 3 or more makes a header line."""
    return len(set(_WORDS.findall(squash(text))))


@dataclass
class Column:
    label: str
    role: str
    year: int | None = None


_TERM_END = re.compile(r"十([一二三四五六七八九])五")


def _years(label: str) -> list[int]:
    """Years a label names: 2020, 2016—2020, and the last year of a numbered plan (“十四五”末: 2025)."""
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", label)]
    if not years and (m := _TERM_END.search(label)):
        years.append(1955 + 5 * (10 + "一二三四五六七八九".index(m.group(1)) + 1))  # 十一五 ends 2010
    return years


def _merge_fragments(labels: list[str]) -> list[str]:
    """Join labels split across header lines: 指标+名称, 指标+属性, 2020年+完成值, 年均+增速, 增速+(%)."""
    out: list[str] = []
    for lab in labels:
        prev = out[-1] if out else ""
        if prev and (
            (prev == "指标" and lab in ("名称", "属性"))
            or (re.fullmatch(rf"{_YEAR_RANGE}", prev) and not _years(lab) and lab not in _COLUMN_WORDS
                and not (len(_years(prev)) == 1 and lab.startswith("年均")))  # 2025年 | 年均增长: two columns
            or (prev.endswith("年均") and lab.startswith(("增", "(", "（")))
            or (lab in ("(%)", "（%）"))
        ):
            out[-1] = prev + lab
        else:
            out.append(lab)
    return out


_COLUMN_WORDS = {"类别", "类型", "领域", "序号", "编号", "指标", "指标名称", "名称", "单位", "计量单位", "属性",
                 "指标属性", "性质", "备注", "说明", "主要指标"}


def classify(labels: list[str], completion: bool, merge: bool = True) -> list[Column]:
    """Columns with roles. `completion`: the table reports a finished plan (完成情况), so a 完成值 of the
    final year is the actual, not a base. `merge`: labels are fragments of a header split over lines."""
    labels = unflatten(rejoin_wrapped(_merge_fragments(labels))) if merge else [squash(lab) for lab in labels]
    cols: list[Column] = []
    for lab in labels:
        cols.append(Column(lab, _role(lab), (_years(lab) or [None])[-1]))
    value_years = [c.year for c in cols if c.year and c.role in ("value", "target")]
    last = _plan_year(value_years)
    target_years = {c.year for c in cols if c.role == "target"}
    for i, c in enumerate(cols):
        if c.role == "value":  # 完成值 / 预计 / 基期 / a bare year
            done = re.search(r"完成|预计|实际|实现", c.label)
            if done and (c.year in target_years or (completion and c.year == last)
                         or _mid_term(c.year, target_years)):
                c.role = "actual"
            elif not done and not re.search(r"基|现状", c.label) and c.year and last and (
                    c.year > last or (c.year == last and c.year not in target_years)):
                c.role = "target"  # a bare "2025年" beside "2020年"; a 2035 远景 column after it
            else:
                c.role = "base"
        elif c.role == "blank":
            c.role = "sub" if i and cols[i - 1].role == "name" else "extra"
    return cols


def _mid_term(year: int | None, target_years: set[int]) -> bool:
    """A 完成 column of a year inside a target's five-year period (2023年完成 beside 2025年目标, as a mid-term
    evaluation prints it) is progress so far, not the base: the base is the year before the period starts (or, in
    an annual plan, the year before the target: 2023年完成 beside 2024年目标)."""
    return bool(year) and any(t - 5 < year < t - 1 for t in target_years if t)  # t - 1: an annual base


def _plan_year(years: list[int]) -> int | None:
    """The year a table's plan period ends: the last value year, unless the columns run on past the end of the
    five years after the first (2020, 2025, 2035: the 2035 column is the long-range vision, 2025 the plan's)."""
    if not years:
        return None
    first = min(years)
    return first + 5 if first + 5 in years and max(years) > first + 5 else max(years)


def _role(lab: str) -> str:
    if not lab:
        return "blank"
    if lab in ("类别", "类型", "领域"):
        return "category"
    if lab in ("序号", "编号"):
        return "seq"
    if re.sub(r"[(（]单位[)）]$", "", lab) in ("指标", "指标名称", "名称", "主要指标"):
        return "name"
    if lab in ("单位", "计量单位"):
        return "unit"
    if lab in ("属性", "指标属性", "性质"):
        return "attribute"
    if lab in ("备注", "说明"):
        return "remark"
    if re.search(r"情况|进展|进度", lab) and not re.search(r"(?:19|20)\d{2}.*完成情况", lab):
        return "status"  # 完成情况: a verdict (完成, 超额完成); 2020年完成情况 is the year's value (below)
    if re.search(r"增速|增长|年均|累计", lab):  # 累计: a five-year change printed in [ ] beside the targets
        return "growth"
    if re.search(r"目标|计划|规划值", lab):  # 2023年计划 in an annual report: that year's target
        return "target"
    if re.search(r"完成|预计|实际|基期|基数|基准|现状|实现|(?:19|20)\d{2}|十[一二三四五六七八九]五", lab):
        return "value"
    return "extra"


def table_roles(cols: list[Column]) -> set[str]:
    return {c.role for c in cols}


def is_indicator_header(cols: list[Column]) -> bool:
    roles = table_roles(cols)
    values = roles & {"base", "target", "actual", "growth"}
    return "name" in roles and bool(values) and bool(roles & {"unit", "attribute", "seq"} or len(values) >= 2)


def role(name: str) -> Role:
    return Role(name)
