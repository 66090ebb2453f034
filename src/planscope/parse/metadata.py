"""Document metadata from the grammar of Chinese plan titles: title, issuing region, level, kind, period.

Titles follow a few patterns, whatever the region:
  [关于]<region chain><国民经济和社会发展>第十四个五年规划和二〇三五年远景目标纲要
  [关于]<region chain>2024年国民经济和社会发展计划执行情况与2025年…计划草案的报告
  <region chain>2024年政府工作报告 · <region chain>2023年国民经济和社会发展统计公报 · …规划中期评估报告
  <region chain>2025年国民经济和社会发展计划 (an annual plan) · <region chain>“十四五”<topic>规划 (a special plan)
where the region chain is names ending in administrative suffixes (省 自治区 市 州 盟 地区 区 县 旗 镇 乡 街道). The
title is the first line that is such a title (skipping web chrome, breadcrumbs and covering notices 关于印发…的通知),
joined with the line before or after it when it was wrapped there; failing that, a title quoted in 《》 near the
start (a PDF that opens with its 前言). A title that names no region takes the issuing body's (泰和县人民政府).
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import islice

from planscope.ingest import SourceText
from planscope.model import DocumentKind, DocumentMeta, Level
from planscope.parse.numbers import to_chinese
from planscope.parse.outline_lines import numeral

_HAN = r"\u4e00-\u9fff"
# Longest suffixes first; a suffix directly followed by another (杭州|市, 广州|市) is part of a longer name.
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "街道", "省", "市", "州", "盟", "区", "县",
             "旗", "镇", "乡")
_REGION_TOKEN = re.compile(rf"([{_HAN}]+?(?:{'|'.join(_SUFFIXES)}))(?![市州区县省旗盟])")
_PROVINCE_LEVEL_CITIES = ("北京市", "天津市", "上海市", "重庆市")  # 直辖市: province-level
_PARENT_SUFFIX = "市省州盟区"

# Where the region chain stops and the title proper begins.
_TITLE_BODY = re.compile(r"(国民经济和社会发展|[12]\d{3}年|第[一二三四五六七八九十]+个五年"
                         r"|“?十[一二三四五六七八九]五|[一二三四五六七八九十]+五(?:规划|时期)|政府工作报告|统计公报|人民政府)")
# 十四五 names the period of a special plan (宁德市“十四五”数字经济发展规划) as 第十四个五年 does a plan's
_TITLE_KEYS = re.compile(r"(国民经济和社会发展|第[一二三四五六七八九十]+个五年|十[一二三四五六七八九]五"
                         r"|政府工作报告|统计公报|评估报告)")
_TITLE_END = re.compile(r"(纲要|规划|计划|报告|公报)([（(]草案[)）])?$")
_NOTICE = re.compile(r"印发|转发|通知|批复")
_FIRST_PART = re.compile(r"[\u4e00-\u9fff]+")  # no brackets, digits or marks: a region and the like
# The second line of a title that is already one on its first line: …规划 / 和二〇三五年远景目标纲要,
# …规划纲要 / 实施中期评估报告, …计划 / （草案）
_TITLE_TAIL = re.compile(r"(?:和|暨|实施|执行|[（(]草案[)）])|[\u4e00-\u9fff]{0,10}报告$")
_BREADCRUMB = re.compile(r"[>＞›»|｜]")  # 首页>政务公开>政府工作报告: web page chrome naming the title, not it
# Who issued the document, on a line of its own near the title: 泰和县人民政府, 宁德市发展和改革委员会, 塘厦镇统计办公室
_ISSUER = re.compile(r"(?:人民政府|政府办公室|发展和改革|发展改革|统计局|统计办公室"
                     r"|[\u4e00-\u9fff]{0,12}(?:委员会|局))$")
_EVALUATION_TITLE = re.compile(r"评估|实施情况(?:的)?报告|年度实施情况")  # a report on how a plan is carried out
# the year's plan itself: 芜湖市2025年国民经济和社会发展计划
_ANNUAL_PLAN = re.compile(r"[12]\d{3}年度?[\u4e00-\u9fff]*计划(?:[（(]草案[)）])?$")
_QUOTED = re.compile(r"《([^《》]{6,80})》")
_PLAN_N = re.compile(r"第([一二三四五六七八九十]+)个五年|([一二三四五六七八九十]+)五(?:规划|时期|期间|”|\")")
_EXPLICIT_SPAN = re.compile(r"[（(]([12]\d{3})\s*[—–\-~至]+\s*([12]\d{3})年?[)）]")
_YEAR = re.compile(r"([12]\d{3})\s*年")
_SPEECH_DATE = re.compile(r"([12]\d{3})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*在")

# The congress a report was delivered to names the region when the title does not (政府工作报告):
# ——2024年1月16日在攸县第十八届人民代表大会第三次会议上
_CONGRESS = re.compile(r"在([\u4e00-\u9fff]{2,30}?)第[一二三四五六七八九十]+届人民代表大会")
_LEADING_YEAR = re.compile(r"^[12]\d{3}\s*年(?:度)?")

_HEAD_LINES = 150


def _squeeze(s: str) -> str:
    # str.split() splits at exactly the characters \s matches (NBSP and U+3000 among them), at C speed
    return "".join(s.split())


def _is_title(t: str) -> bool:
    if not (6 <= len(t) <= 100 and (m := _TITLE_KEYS.search(t)) and _TITLE_END.search(t)
            and not _NOTICE.search(t) and not re.search(r"[，。；,;]", t) and not t.startswith("《")
            and not _BREADCRUMB.search(t)):
        return False
    if not m.group(1).startswith("十"):
        return True
    # a special plan's title opens with its region's full name (聚焦广州“十四五”规划 is a link, not a title)
    chain = region_chain(t)
    return bool(chain) and (not chain[-1].endswith("州") or chain[-1].endswith("自治州"))


def _title_part(t: str) -> bool:
    """A line that can be one part of a title wrapped over lines: short, no sentence, and not a notice."""
    return len(t) <= 40 and not re.search(r"[，。；,;：:]", t) and not _NOTICE.search(t) and not _BREADCRUMB.search(t)


def _whole_title(head: list[str], k: int) -> str:
    """The title found on line k, with the line before or after it when the title was wrapped there:
    江西省国民经济和社会发展 / 第十五个五年规划纲要, or …第十四个五年规划 / 和二〇三五年远景目标纲要."""
    t = head[k]
    # the line before holds the title's first part: the region, and perhaps 国民经济和社会发展, nothing else
    if k > 0 and _title_part(prev := head[k - 1]) and _is_title(prev + t) and not region_chain(t) \
            and _FIRST_PART.fullmatch(prev) and region_chain(prev + t):
        t = prev + t
    if k + 1 < len(head) and _TITLE_TAIL.match(head[k + 1]) and _title_part(head[k + 1]) \
            and _is_title(t + head[k + 1]):
        t += head[k + 1]
    return t


def find_title(lines: list[str]) -> str | None:
    head = list(islice((_squeeze(s) for s in lines[:_HEAD_LINES * 3] if s.strip()), _HEAD_LINES))
    for k, t in enumerate(head):
        if _is_title(t):
            return _whole_title(head, k)
    # a long title wrapped over two or three lines (a PDF cover or a narrow page): 汉中市…二〇三五 + 年远景目标纲要
    for k in range(min(len(head), 40)):
        for m in (2, 3):
            parts = head[k:k + m]
            if len(parts) == m and all(len(p) <= 40 for p in parts) and _is_title("".join(parts)) \
                    and not _TITLE_END.search(parts[0]):
                return "".join(parts)
    flat = "".join(head[:60])  # a title quoted in the preface, possibly wrapped over two lines
    for m in _QUOTED.finditer(flat):
        if _is_title(m.group(1)):
            return m.group(1)
    return None


def region_chain(title: str) -> list[str]:
    """['广州市', '花都区'] from '广州市花都区国民经济…'; [] when the title does not start with regions."""
    t = _LEADING_YEAR.sub("", title.removeprefix("关于"))  # 2023年衡阳市…统计公报
    m = _TITLE_BODY.search(t)
    prefix = t[: m.start()] if m else ""
    out: list[str] = []
    pos = 0
    while pos < len(prefix):
        tok = _REGION_TOKEN.match(prefix, pos)
        if not tok:
            break
        out.append(tok.group(1))
        pos = tok.end()
    return out if pos == len(prefix) else out[:1] if out else []


def issuer_region(lines: list[str]) -> list[str]:
    """The region chain of the issuing body named on a line of its own near the top (泰和县人民政府), for a
    title that names no region."""
    head = islice((_squeeze(s) for s in lines[:_HEAD_LINES] if s.strip()), 30)
    for t in head:
        if len(t) > 30 or not _ISSUER.search(t):
            continue
        chain: list[str] = []
        pos = 0
        while tok := _REGION_TOKEN.match(t, pos):
            chain.append(tok.group(1))
            pos = tok.end()
        if chain and _ISSUER.fullmatch(t[pos:]):
            return chain
    return []


def region_level(chain: list[str]) -> Level | None:
    if not chain:
        return None
    name = chain[-1]
    if name.endswith(("镇", "乡", "街道")):
        return Level.TOWN
    if name.endswith(("省", "自治区", "特别行政区")) or name in _PROVINCE_LEVEL_CITIES:
        return Level.PROVINCE
    if name.endswith("市"):
        # a 市 under another 市 or a 州 is a county-level city
        return Level.DISTRICT if len(chain) > 1 and chain[-2].endswith(("市", "州", "盟", "地区")) \
            and chain[-2] not in _PROVINCE_LEVEL_CITIES else Level.CITY
    if name.endswith(("州", "盟", "地区")):
        return Level.CITY
    if name.endswith(("区", "县", "旗")):
        return Level.DISTRICT
    return None


def find_parent(text: str, region: str) -> str | None:
    """The region a district belongs to, from the text's own '广州市花都区' mentions. Candidates are the names
    ending in an administrative suffix right before the region; the most frequent one in the text wins (so
    '中共广州市' loses to '广州市'), ties going to the longer name ('呼和浩特市' over '浩特市')."""
    counts: Counter[str] = Counter()
    for m in re.finditer(re.escape(region), text):
        k = m.start()
        if k == 0 or text[k - 1] not in _PARENT_SUFFIX:
            continue
        for n in range(2, 7):
            if k - n - 1 < 0:
                break
            cand = text[k - n - 1: k]
            if re.fullmatch(rf"[{_HAN}]+", cand) and cand != region:
                counts[cand] = text.count(cand)
    if not counts:
        return None
    return max(counts, key=lambda c: (counts[c], len(c)))


def _county_level_city(text: str) -> bool:
    """A 市 whose text names no parent is still a county-level city when it calls itself one (全国县级市首位,
    作为县级市) and speaks of no counties or districts of its own, as a prefecture-level city's text does
    (各县（市、区）, 市辖区, 区县)."""
    own_counties = r"县[(（]市[、,，]?区[)）]|县[(（]区[、,，]?市[)）]|市辖区|区县|县区"
    return "县级市" in text and not re.search(own_counties, text)


def document_kind(title: str) -> DocumentKind:
    if _EVALUATION_TITLE.search(title):
        return DocumentKind.EVALUATION
    if "统计公报" in title:
        return DocumentKind.STATISTICAL_BULLETIN
    if "政府工作报告" in title:
        return DocumentKind.WORK_REPORT
    if "计划" in title and ("执行情况" in title or "草案" in title) and title.endswith("报告"):
        return DocumentKind.ANNUAL_PLAN_REPORT
    if _ANNUAL_PLAN.search(title):  # the year's plan itself
        return DocumentKind.ANNUAL_PLAN_REPORT
    if re.search(r"国民经济|第[一二三四五六七八九十]+个五年|五年规划|纲要", title):
        return DocumentKind.FIVE_YEAR_PLAN
    # a special plan (专项规划: 某某市“十四五”生态环境保护规划) is not the region's five-year plan, which a region
    # name resolves to in the store; it keeps its period (see _period)
    return DocumentKind.OTHER


def plan_years(n: int) -> tuple[int, int]:
    """Years of the Nth five-year plan. From the 3rd (1966–1970) on they run back to back; the 1st was
    1953–1957 and the 2nd 1958–1962 (1963–1965 was an adjustment period)."""
    start = {1: 1953, 2: 1958}.get(n, 1951 + 5 * n)
    return start, start + 4


def plan_number(text: str) -> int | None:
    m = _PLAN_N.search(text)
    return numeral(m.group(1) or m.group(2)) if m else None


def _period(kind: DocumentKind, title: str, head: str, n: int | None) -> tuple[int, int] | None:
    years = [int(y) for y in _YEAR.findall(title)]
    if kind in (DocumentKind.FIVE_YEAR_PLAN, DocumentKind.EVALUATION) or (kind == DocumentKind.OTHER and n):
        m = _EXPLICIT_SPAN.search(title) or _EXPLICIT_SPAN.search(head)
        if m and int(m.group(2)) - int(m.group(1)) == 4:
            return int(m.group(1)), int(m.group(2))
        return plan_years(n) if n else None
    if kind == DocumentKind.WORK_REPORT:
        # reviews the year before the session and plans the session's year
        if not years and (m := _SPEECH_DATE.search(head)):
            years = [int(m.group(1))]
        return (years[0] - 1, years[0]) if years else None
    if years:
        return min(years), max(years)
    return None


def detect_metadata(src: SourceText) -> DocumentMeta:
    title = find_title(src.lines)
    head = _squeeze("".join(s for s in src.lines[:_HEAD_LINES]))
    kind = document_kind(title) if title else DocumentKind.OTHER
    n = plan_number(title or "") or (plan_number(head) if kind in (DocumentKind.FIVE_YEAR_PLAN,
                                                                   DocumentKind.EVALUATION) else None)
    chain = region_chain(title) if title else []
    if title and not chain and (m := _CONGRESS.search(head)):
        chain = region_chain(m.group(1) + "人民政府")
    if title and not chain:
        chain = issuer_region(src.lines)
    region = chain[-1] if chain else None
    parent = chain[-2] if len(chain) > 1 else None
    level = region_level(chain)
    if region and not parent and level in (Level.DISTRICT, Level.CITY):
        flat = _squeeze(src.text)
        parent = find_parent(flat, region)
        if parent and level == Level.CITY and not parent.endswith(("省", "自治区")):
            parent = None
        if parent and level == Level.CITY and parent.endswith("市"):
            level = Level.DISTRICT
        if not parent and level == Level.CITY and region.endswith("市") and _county_level_city(flat):
            level = Level.DISTRICT
        if parent and level == Level.DISTRICT and title and title.startswith(region):
            # District names repeat across the country (朝阳区), so a district's official title names its city:
            # 广州市花都区…; a preface quoting the short form does not change that.
            title = parent + title
    return DocumentMeta(
        title=title,
        region=region,
        kind=kind,
        period=_period(kind, title or "", head, n),
        script=src.script,
        level=level,
        parent_region=parent,
        plan_number=f"{to_chinese(n)}五" if n else None,
    )
