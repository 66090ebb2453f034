"""Named things in plan text, found by the grammar of Chinese names: a specific stem followed by a generic
noun suffix (X镇, X街道, X经济开发区, X产业园, X片区, X新城, X港, X大道, X医院, X中学, X号线 …).

No list of names is needed: a name is the run of characters before a suffix, cut on the left at punctuation and
at the verbs and function words plan prose puts in front of names (推进, 加快, 建设, 依托, 和, 与 …). Names whose
stem says nothing (道路, 园区, 全区, 国家级开发区) are dropped. `name_key` folds the variants one thing is
written in (广州花都经济技术开发区 / 花都经开区 / 花都经济开发区) to one comparable key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planscope.parse.numbers import compact

# (suffix, kind), longest first within a kind is not needed: the alternation below is sorted by length.
_SUFFIX_KIND: dict[str, str] = {
    # administrative
    "街道": "street", "街": "street", "镇": "town", "村": "village",
    # zones, parks, platforms
    "经济技术开发区": "zone", "高新技术产业开发区": "zone", "经济开发区": "zone", "开发区": "zone",
    "经开区": "zone", "高新区": "zone", "保税区": "zone", "示范区": "zone", "试验区": "zone", "合作区": "zone",
    "集聚区": "zone", "功能区": "zone", "先行区": "zone", "启动区": "zone", "片区": "zone", "新城": "zone",
    "新区": "zone", "小镇": "zone", "产业园": "park", "科技园": "park", "工业园": "park", "园区": "park",
    "产业基地": "park", "基地": "park", "公园": "park", "湿地": "park", "植物园": "park", "园": "park",
    "空港": "port", "港": "port", "码头": "port", "机场": "port", "站": "station", "枢纽": "platform",
    "中心": "platform", "平台": "platform", "研究院": "platform", "实验室": "platform", "综合体": "platform",
    # infrastructure
    "大道": "road", "公路": "road", "高速": "road", "国道": "road", "省道": "road", "隧道": "road",
    "大桥": "road", "桥": "road", "路": "road", "号线": "rail", "城际": "rail", "高铁": "rail", "铁路": "rail",
    "联络线": "rail", "延线": "rail", "延段": "rail", "线": "rail", "水库": "water", "河涌": "water", "湖": "water",
    # services
    "医院": "hospital", "院区": "hospital", "分院": "hospital", "卫生院": "hospital", "医疗中心": "hospital",
    "学校": "school", "中学": "school", "小学": "school", "大学": "school", "学院": "school", "校区": "school",
    "幼儿园": "school", "博物馆": "culture", "图书馆": "culture", "体育馆": "culture", "文化馆": "culture",
    "美术馆": "culture", "艺文中心": "culture",
    # documents and plans
    "规划": "plan",
}
_SUFFIXES = sorted(_SUFFIX_KIND, key=len, reverse=True)


def _words(text: str) -> list[str]:
    return text.split()


# Where a name cannot continue to the left: punctuation, and the words prose puts before a name.
_PUNCT = r"\s，。、；：,.;:!?！？“”\"'‘’《》〈〉（）()\[\]【】〔〕—\-~～/·…"
_LEAD_WORDS = _words(
    "加快推进 积极推进 全力推进 大力推进 有序推进 继续推进 推进 推动 加快 加强 建设 新建 改建 "
    "扩建 改造 完善 提升 打造 实施 依托 支持 整合 争取 申请 开展 启动 完成 建成 落实 引进 "
    "发展 培育 谋划 规划建设 布局 形成 构建 优化 围绕 结合 对接 联动 联接 融入 服务 承接 带动 "
    "促进 做强 做大 办好 全面 着力 重点 积极 大力 全力 高标准 高质量 高水平 以及 包括 其中 将 "
    "把 以 在 于 为 和 与 及 或 至 向 对 从 由 的 等 了 是 成 使 让 被 其 并 升级 "
    "升格 获批 获评 入选 纳入 写入 开诊 开办 启用 投入 通车 完工 动工 开工 封顶 竣工 运营 "
    "设立 成立 落户 打通 推广 举办 增至 达到 超过 实现 保障 保持 持续 深化 深入 加大 强化 "
    "拓展 创建 探索 用好 做好 抓好 办好 一批 各 全区 全市 我区 本区 坚持 建立 搭建 壮大 增加 "
    "破解 统筹 利用 引导 提高 发挥 充分发挥 当前 部分 每个 通过 借助 借势 紧紧抓住 有效 合理 "
    "整治 携手共建 共建 指 进一步 集聚 吸引 影响 突破 参照 前期研究 研究 高效通达 加快集聚"
)
_LEAD = re.compile("|".join(sorted(map(re.escape, _LEAD_WORDS), key=len, reverse=True)))

# Stems that name nothing in particular (道路, 全区, 产业园区, 国家级开发区 …).
_GENERIC_STEMS = frozenset(_words(
    "道 线 思 底 红 一 二 三 前 后 家 校 城 地 社 全 我 本 各 该 园 景 公 产业 工业 "
    "农业 企业 商业 物流 科技 城市 城镇 乡村 农村 村镇 城乡 镇 街 国家级 省级 市级 区级 国家 "
    "省 市 区 县 重点 核心 功能 示范 特色 主 新 老 旧 相关 周边 中心 服务 创新 发展 管理 "
    "孵化 研发 数据 政务 综合 交通 信息 文化 体育 医疗 卫生 技术 一带 一带一 专项 总体 空间 "
    "国土 详细 控制性 交通枢纽 航空 高 快 主干 次干 支 快速 轨道 地铁 铁 网 "
    # qualities, not names: 高水平大学, 一流学科基地, 新型研发平台 are kinds of things
    "高水平 高质量 高标准 高品质 一流 世界一流 国际一流 新型 现代化 国际化 综合性 专业化 智慧 数字"
))
# A suffix character that here starts another word (路径, 线上, 港澳): no name ends there.
_FALSE_ENDS = frozenset(_words(
    "路径 路线 路子 线上 线下 港澳 站点 园地 区域 区块 城乡 城镇 村民 村级 湖区 中心城"
))
MAX_LEN = 16
_LIST_NUMBER = re.compile(r"\d+(?=[\u4e00-\u9fff]{2})")
_GRADE = re.compile(r"^(国家级|省级|市级|区级|县级|国家|省|市|区|县)+")
# A leading higher-level place that only qualifies the name (广州花都…, 市妇女儿童…): dropped in the key.
_SYNONYMS = (
    ("经济技术开发区", "经济开发区"), ("经开区", "经济开发区"), ("街道", "街"),
    ("高新技术产业开发区", "高新区"),
)


@dataclass(frozen=True)
class Name:
    text: str
    kind: str
    start: int  # offsets into the text given to find_names
    end: int


def normalize(text: str) -> str:
    """NFKC (full-width punctuation and digits folded) and no whitespace: PDF text puts spaces inside names."""
    return compact(text)


def suffix_of(name: str) -> str | None:
    return next((s for s in _SUFFIXES if name.endswith(s)), None)


def kind_of(name: str) -> str | None:
    s = suffix_of(name)
    return _SUFFIX_KIND[s] if s else None


def _chunks(text: str) -> list[tuple[int, int]]:
    """Runs of text between punctuation and lead words: a name lies inside one run."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(rf"[^{_PUNCT}]+", text):
        a, run = m.start(), m.group()
        pos = 0
        for w in _LEAD.finditer(run):
            # a lead word at the very end of a stem may be part of the name (建设路): keep it when a suffix
            # follows directly and nothing else would be left of the name
            tail = run[w.end():]
            if suffix_of(w.group() + tail[:3]) and not run[pos:w.start()] and len(tail) <= 2:
                continue
            if w.start() > pos:
                out.append((a + pos, a + w.start()))
            pos = w.end()
        if pos < len(run):
            out.append((a + pos, a + len(run)))
    return out


def _is_generic(name: str, suffix: str) -> bool:
    stem = _GRADE.sub("", name[: len(name) - len(suffix)])
    if len(stem) < 2 and len(suffix) < 3:
        return True
    return not stem or stem in _GENERIC_STEMS or bool(re.fullmatch(r"[\d一二三四五六七八九十两几多个条项大]+", stem))


def find_names(text: str, kinds: set[str] | None = None) -> list[Name]:
    """Named things in `text`, left to right. Each is the longest run ending in a known suffix within its chunk
    (市妇女儿童医疗中心花都院区, not …医疗中心), so names nested in a longer name are not repeated."""
    out: list[Name] = []
    for a, b in _chunks(text):
        chunk = text[a:b]
        # the last position in the chunk where a suffix ends: the name runs from the chunk start to there
        end = 0
        for i in range(len(chunk), 1, -1):
            if suffix_of(chunk[:i]) and text[a + i - 1:a + i + 1] not in _FALSE_ENDS:
                end = i
                break
        if end < 3:
            continue
        start = 0
        # too long to be one name (…直管三甲医院中山大学…院区): cut after the first inner suffix, repeatedly
        while end - start > MAX_LEN:
            cut = next((i for i in range(start + 2, end - 2) if suffix_of(chunk[start:i])), None)
            if cut is None:
                break
            start = cut
        # a list number glued on when whitespace was squeezed out ("02 岚州大学科技园"): not part of the name;
        # a number that is the name's stem (1号线, 3号码头) stays
        lead = _LIST_NUMBER.match(chunk, start, end)
        if lead and end - lead.end() >= 3 and not _is_generic(chunk[lead.end():end], suffix_of(chunk[:end]) or ""):
            start = lead.end()
        name = chunk[start:end]
        suffix = suffix_of(name) or ""
        if len(name) > MAX_LEN or _is_generic(name, suffix):
            continue
        kind = _SUFFIX_KIND[suffix]
        if kinds is None or kind in kinds:
            out.append(Name(name, kind, a + start, a + end))
    return out


def name_key(name: str, strip: tuple[str, ...] = ()) -> str:
    """A comparable key: normalised, type synonyms folded, leading qualifiers (grades, `strip` places such as
    the plan's own city and district) removed. 广州花都经济技术开发区 and 花都经济开发区 share a key."""
    key = normalize(name)
    for a, b in _SYNONYMS:
        key = key.replace(a, b)
    changed = True
    while changed:
        changed = False
        for p in sorted(strip, key=len, reverse=True):
            rest = key[len(p):]
            if p and key.startswith(p) and len(rest) >= 3 and not _is_generic(rest, suffix_of(rest) or ""):
                key, changed = rest, True
        g = _GRADE.match(key)
        rest = key[g.end():] if g else ""
        if g and len(rest) >= 3 and not _is_generic(rest, suffix_of(rest) or ""):
            key, changed = rest, True
    return key


def fold(text: str) -> str:
    """Text prepared for key look-ups (normalised, type synonyms folded)."""
    text = normalize(text)
    for a, b in _SYNONYMS:
        text = text.replace(a, b)
    return text
