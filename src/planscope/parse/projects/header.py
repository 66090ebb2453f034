"""The header of a project table (重大项目表 / 工程表): which columns it has and what each one holds.

A project table is recognised by its header, not by its title: a name column (项目名称 / 工程名称 / 项目类别)
and at least one investment column (总投资, “十四五”期间投资, 累计完成投资 …). Labels are matched by the nouns
plan documents use for these columns, so a header seen for the first time still gets its roles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Roles. Amount roles hold figures in the table's money unit; the others hold text.
SEQ, NAME, TOTAL, PERIOD_INV, AMOUNT = "seq", "name", "total", "period_inv", "amount"
CONTENT, PERIOD, STATUS, PLACE, OWNER, NOTES, TEXT = "content", "period", "status", "place", "owner", "notes", "text"
AMOUNT_ROLES = (TOTAL, PERIOD_INV, AMOUNT)

MONEY_UNIT = r"(?:万亿元|亿元|万元|千元|元)"
_UNIT_IN_LABEL = re.compile(rf"[（(]\s*(?:单位[:：]\s*)?({MONEY_UNIT})\s*[)）]")
_UNIT_LINE = re.compile(rf"单位\s*[:：]\s*({MONEY_UNIT})")
_PLAN_PERIOD = r"十[一二三四五六七八九]五|期间|计划|规划期|\d{4}\s*[-—–~至]\s*\d{4}"
# A header fragment that ends with one of these nouns is a complete column label; any other fragment (到2020年底,
# “十四五”计划) continues on the next line.
_HEAD_NOUN = re.compile(r"(号|序|名称|类别|投资|额|内容|期限|年限|周期|性质|单位|地点|备注|进度|规模|资金|"
                        r"来源|状态|时间|项目|类型|阶段|金额|地址|位置|主体|年份|部门|年度|情况)$")
_PAREN_ONLY = re.compile(r"[（(][^()（）]*[)）]")
# Precompiled: role_of and header_like run on every line of every document (table headers are looked for
# everywhere).
_WS = re.compile(r"\s+")
_SEQ_LABEL = re.compile(r"序号?|编号|序列号|No\.?")
_MONEY_WORD = re.compile(r"投资|资金|金额")
_DONE_WORD = re.compile(r"累计|完成|已完成|年底|截至|截止")
_PLAN_PERIOD_RE = re.compile(_PLAN_PERIOD)
_CONTENT_WORD = re.compile(r"内容|规模")
_PERIOD_WORD = re.compile(r"期限|年限|周期|起止|建设年份|建设时间|开工时间|竣工时间")
_STATUS_WORD = re.compile(r"性质|状态|阶段|进度|类型")
_PLACE_WORD = re.compile(r"地点|地址|所在|位置|选址")
_OWNER_WORD = re.compile(r"单位|业主|主体|责任|部门")
_NAME_WORD = re.compile(r"名称|类别|^项目$")
_INDICATOR_WORD = re.compile(r"指标|属性|目标值")
_JOINER = re.compile(r"[及和与、/]")
_FIGURE_ONLY = re.compile(r"[\d,.，]+")
_GROUP_NO = re.compile(r"[（(]?[一二三四五六七八九十]+[)）、]|\d+[、.．]")
_NOT_HEADER = re.compile(r"合计|总计|小计|^单位[:：]")


@dataclass
class Column:
    label: str  # as printed, whitespace removed
    role: str


def squash(s: str) -> str:
    """Remove all whitespace (header cells are often letter-spaced: 工 程 名 称)."""
    return _WS.sub("", s)


@lru_cache(maxsize=4096)
def role_of(label: str) -> str:
    """The role of one column label. Specific nouns are tried before the generic 项目/名称."""
    lab = _UNIT_IN_LABEL.sub("", label)
    if _SEQ_LABEL.fullmatch(lab):
        return SEQ
    if _MONEY_WORD.search(lab) and "来源" not in lab:
        if _DONE_WORD.search(lab):
            return AMOUNT
        if lab.startswith("总") or "总投资" in lab:
            return TOTAL
        if _PLAN_PERIOD_RE.search(lab):
            return PERIOD_INV
        return AMOUNT
    if _CONTENT_WORD.search(lab):
        return CONTENT
    if _PERIOD_WORD.search(lab):
        return PERIOD
    if _STATUS_WORD.search(lab):
        return STATUS
    if _PLACE_WORD.search(lab):
        return PLACE
    if _OWNER_WORD.search(lab):
        return OWNER
    if "备注" in lab:
        return NOTES
    if _NAME_WORD.search(lab):
        return NAME
    return TEXT


def unit_in_labels(labels: list[str]) -> str | None:
    for lab in labels:
        m = _UNIT_IN_LABEL.search(lab)
        if m:
            return m.group(1)
    return None


def unit_in_text(text: str) -> str | None:
    """'单位：亿元' or a title ending '（万元）'."""
    m = _UNIT_LINE.search(squash(text)) or _UNIT_IN_LABEL.search(squash(text))
    return m.group(1) if m else None


def is_project_header(cols: list[Column]) -> bool:
    roles = [c.role for c in cols]
    if any(_INDICATOR_WORD.search(c.label) for c in cols):  # an indicator table, parsed elsewhere
        return False
    return NAME in roles and any(r in AMOUNT_ROLES for r in roles)


def columns(labels: list[str]) -> list[Column]:
    return [Column(lab, role_of(lab)) for lab in labels]


def merge_fragments(fragments: list[str]) -> list[str]:
    """Join header fragments printed one per line into column labels: '到2020年底' + '累计完成投资'; a lone
    '（万元）' belongs to the label before it."""
    out: list[str] = []
    pending = ""
    for frag in fragments:
        if _PAREN_ONLY.fullmatch(frag) and (out or pending):
            if pending:
                pending += frag
            else:
                out[-1] += frag
            continue
        if out and not pending and _JOINER.match(frag):  # '建设内容' + '及规模'
            out[-1] += frag
            continue
        label = pending + frag
        if _HEAD_NOUN.search(_UNIT_IN_LABEL.sub("", label)):
            out.append(label)
            pending = ""
        else:
            pending = label
    if pending:
        out.append(pending)
    return out


def header_like(cell: str) -> bool:
    """Could this one-line cell be a fragment of a header? Short, no figure, no group number, not a total."""
    if len(cell) - cell.count(" ") > 16 and cell.isprintable():
        return False  # cheap, for prose: its only whitespace is plain spaces, so more than 16 characters remain
    s = squash(cell)
    if not s or len(s) > 16:
        return False
    if _FIGURE_ONLY.fullmatch(s) or _GROUP_NO.match(s):
        return False
    return not _NOT_HEADER.search(s)
