"""Web junk: lines a scraper picked up from the page around the document (widgets, metadata bars, CSS
class names, injected spam). Rules look at the shape of a line, not at particular sites' strings."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

# Spam injected into hacked government pages: porn / gambling keyword salad. A strong word is enough
# with one more hint; weak words alone occur in real text (国产化, 在线观看 a livestream), so they need company.
_SPAM_STRONG = ("无码", "精产国品", "一区二区", "二区三区", "三级片", "女优", "乱伦", "博彩", "百家乐", "六合彩",
                "时时彩", "成人影", "色情", "黄色网站", "伦理片", "人妻", "偷拍", "久久精品", "国产精品", "日韩精品",
                "欧美日韩", "真人娱乐", "赌场", "老虎机", "葡京", "威尼斯人")
_SPAM_WEAK = ("影院", "在线观看", "免费观看", "视频", "高清", "亚洲", "欧美", "日韩", "国产", "入口", "网站", "不卡",
              "专区", "下载", "电影", "彩票", "午夜", "寡妇", "插我", "少妇", "美女", "福利")
_AV = re.compile(r"(?<![A-Za-z])[Aa][Vv](?![A-Za-z])")
_SPAM_ANY = re.compile("|".join(re.escape(w) for w in _SPAM_STRONG + _SPAM_WEAK))


def spam_score(line: str) -> int:
    if not _SPAM_ANY.search(line):  # cheap: most lines hold no spam word at all (one scan instead of 48)
        return 1 if ("v" in line or "V" in line) and _AV.search(line) else 0  # 'in' first: the lookbehind is slow
    score = sum(2 for w in _SPAM_STRONG if w in line) + sum(1 for w in _SPAM_WEAK if w in line)
    return score + (1 if _AV.search(line) else 0)


def is_spam(line: str) -> bool:
    return spam_score(line) >= 4


# Page chrome: labels of the metadata bar and of share/print/font widgets.
_WIDGET_LABELS = ("发布日期", "发布时间", "发布机构", "文章来源", "信息来源", "来源", "字体", "访问量", "浏览次数",
                  "阅读次数", "点击数", "点击率", "打印本页", "打印", "关闭窗口", "关闭", "分享到", "收藏", "听全文",
                  "扫一扫", "返回顶部", "【大", "大 中 小", "作者")
_WIDGET_START = re.compile(
    r"^(听全文|分享到|分享|打印|关闭|收藏|字体|来源|发布|浏览|阅读|访问|点击|扫一扫|返回|微信|微博|【|"
    r"当前位置|您的位置|您现在的位置)"
)
_BULLET = re.compile(r"^[•·●▪◦▶►]\s*")
_DATETIME = re.compile(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$")
_ONLY_PUNCT = re.compile(r"^[\s\-—–|/\\.,:;：，、…·•]*$")
_BREADCRUMB = re.compile(r"^(当前位置|您的位置|您现在的位置)\s*[:：]")
_CSS_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{2,40}$")
_CSS_HINT = re.compile(r"[a-z][A-Z]|(?i:header|footer|navbar|menu|banner|btn|icon|logo|sidebar|breadcrumb|wrapper)")
_SENTENCE = re.compile(r"[。！？；]")
_BAR_PUNCT = re.compile(r"[:：【]")
_CHROME_FIRST = frozenset("•·●▪◦▶►当您")  # what _BULLET and _BREADCRUMB match first (_CSS_TOKEN: an ASCII letter)


def is_widget(line: str) -> bool:
    """A scraped page-chrome line: bullet widgets, metadata bars, breadcrumbs, CSS class names."""
    s = line.strip()
    if not s:
        return False
    if s[0] not in _CHROME_FIRST and not ("A" <= s[0] <= "Z" or "a" <= s[0] <= "z"):
        return _bar(s)  # cheap: not a bullet, a breadcrumb or a CSS token, whose first characters these are
    bullet = _BULLET.match(s)
    if bullet:
        rest = s[bullet.end():].strip()
        # Bulleted widget items are short: empty, a date, a label like 听全文 / 来源: / 分享到.
        return len(rest) <= 30 and (not rest or bool(_ONLY_PUNCT.match(rest)) or bool(_DATETIME.match(rest))
                                    or bool(_WIDGET_START.match(rest)))
    if _BREADCRUMB.match(s):
        return True
    if _CSS_TOKEN.match(s) and _CSS_HINT.search(s):
        return True
    return _bar(s)


def _bar(s: str) -> bool:
    """A metadata or widget bar: two widget labels and a colon or bracket, no sentence."""
    if _SENTENCE.search(s) or len(s) > 200:
        return False
    if not _BAR_PUNCT.search(s):  # cheap: the final test below needs one of these
        return False
    labels = {w for w in _WIDGET_LABELS if w in s}
    # '来源' is inside '文章来源'; count a label once.
    if "文章来源" in labels or "信息来源" in labels:
        labels.discard("来源")
    if "打印本页" in labels:
        labels.discard("打印")
    if "关闭窗口" in labels:
        labels.discard("关闭")
    return len(labels) >= 2 and bool(re.search(r"[:：【]", s))


def find_junk(lines: list[str]) -> list[tuple[int, str]]:
    """(0-based index, reason) of junk lines; reasons 'spam' and 'web_junk'."""
    out: list[tuple[int, str]] = []
    worded = _spam_word_lines(lines)
    for i, s in enumerate(lines):
        if not s.strip():
            continue
        if i in worded and is_spam(s):  # a line without a spam word scores at most 1 (AV): never spam
            out.append((i, "spam"))
        elif is_widget(s):
            out.append((i, "web_junk"))
    return out


def _spam_word_lines(lines: list[str]) -> set[int]:
    """0-based indices of the lines holding a spam word: one scan of the whole text instead of one regex call per
    line (no word holds a line break, so no match spans two lines)."""
    starts = list(accumulate((len(s) + 1 for s in lines), initial=0))
    return {bisect_right(starts, m.start()) - 1 for m in _SPAM_ANY.finditer("\n".join(lines))}
