"""Unseen plan documents, written for the tests in the style of real Chinese plans (not copied from the corpus):
other regions, years, wordings, column orders and layouts, in every input format. Each builder writes one file
into the folder it is given and returns its path; nothing binary is committed.

HTML and text are written directly; DOCX with python-docx (merged cells through the real merge API); PDF with
weasyprint (CJK font: fonts-wqy-microhei), so pdfplumber reads a ruled table exactly as from a real PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Builder = Callable[[Path], Path]
BUILDERS: dict[str, Builder] = {}


def builder(fn: Builder) -> Builder:
    BUILDERS[fn.__name__] = fn
    return fn


def _text(d: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = d / name
    p.write_bytes(text.encode(encoding))
    return p


def _html_table(header: list[str], rows: list[list[str | tuple[str, int]]], thead: bool = False) -> str:
    """A ruled HTML table; a cell given as (text, n) spans n rows."""
    def cell(c: str | tuple[str, int], tag: str = "td") -> str:
        if isinstance(c, tuple):
            return f'<{tag} rowspan="{c[1]}">{c[0]}</{tag}>'
        return f"<{tag}>{c}</{tag}>"

    head = "<tr>" + "".join(cell(h, "th") for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(cell(c) for c in r) + "</tr>" for r in rows)
    if thead:
        return f"<table><thead>{head}</thead><tbody>{body}</tbody></table>"
    return f"<table>{head}{body}</table>"


# 1. A provincial 十四五 outline as a web page: a real <table>, rowspan categories, a combined
#    年均增长/累计 column, a unit the corpus never uses (亿斤), notes under the table.
PROVINCE_TITLE = "江西省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


@builder
def province_html(d: Path) -> Path:
    table = _html_table(
        ["类别", "指标", "单位", "2020年", "2025年", "年均增长/累计", "属性"],
        [
            [("经济发展", 4), "地区生产总值增长", "%", "3.8", "—", "6.5左右", "预期性"],
            ["全员劳动生产率增长", "%", "4.1", "—", "高于地区生产总值增长", "预期性"],
            ["常住人口城镇化率", "%", "60.4", "66", "[5.6]", "预期性"],
            ["数字经济增加值占地区生产总值比重", "%", "30", "45", "[15]", "预期性"],
            [("创新驱动", 2), "研究与试验发展经费投入增长", "%", "15.1", "—", "12以上", "预期性"],
            ["每万人口高价值发明专利拥有量", "件", "2.3", "5", "—", "预期性"],
            [("民生福祉", 2), "居民人均可支配收入增长", "%", "6.7", "—", "与经济增长基本同步", "预期性"],
            ["城镇调查失业率", "%", "4.9", "&lt;5.5", "—", "预期性"],
            [("绿色生态", 3), "单位地区生产总值能源消耗降低", "%", "—", "—", "[完成国家下达任务]", "约束性"],
            ["森林覆盖率", "%", "63.1", "63.1以上", "—", "约束性"],
            ["设区市城市空气质量优良天数比率", "%", "94.7", "≥92", "—", "约束性"],
            ["安全保障", "粮食综合生产能力", "亿斤", "432.2", "430以上", "—", "约束性"],
        ],
    )
    html = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{PROVINCE_TITLE}_江西省人民政府门户网站</title>
<style>td{{border:1px solid #000}}</style></head>
<body>
<nav><a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 规划计划</nav>
<div class="article">
<h1>{PROVINCE_TITLE}</h1>
<p>（2021年1月29日江西省第十三届人民代表大会第五次会议批准）</p>
<h2>第一章 开启全面建设社会主义现代化江西新征程</h2>
<h3>第一节 发展基础</h3>
<p>“十三五”时期，全省地区生产总值迈上2.5万亿元台阶，年均增长7.4%，主要经济指标增速保持全国“第一方阵”。</p>
<h3>第二节 发展环境</h3>
<p>当前和今后一个时期，我省发展仍然处于重要战略机遇期，但机遇和挑战都有新的发展变化。</p>
<h2>第二章 “十四五”时期经济社会发展主要目标</h2>
<p>锚定二〇三五年远景目标，综合考虑发展环境和发展条件，今后五年努力实现以下主要目标。</p>
<p>专栏1 “十四五”时期经济社会发展主要指标</p>
{table}
<p>注：1.[ ]内为五年累计数。</p>
<p>2.地区生产总值增长按可比价格计算。</p>
<h2>第三章 坚持创新驱动发展</h2>
<h3>第一节 提升科技创新能力</h3>
<p>深入实施创新驱动发展战略，加快建设创新型省份。</p>
</div>
<footer>主办：江西省人民政府办公厅</footer>
</body></html>
"""
    return _text(d, "jiangxi_14th.html", html)


# 2. A county plan as DOCX: a merged (vMerge) category column and a merged attribute cell, the years in
#    parentheses after the column words, 第一章/第一节 headings as Word paragraphs.
COUNTY_TITLE = "阜阳市临泉县国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
COUNTY_HEADER = ["类别", "序号", "指标名称", "单位", "基期值(2020年)", "目标值(2025年)", "年均增速(%)", "指标属性"]
COUNTY_ROWS = [
    ["经济发展", "1", "地区生产总值", "亿元", "418.6", "650", "8左右", "预期性"],
    ["", "2", "固定资产投资增速", "%", "9.2", "—", "10", ""],
    ["", "3", "社会消费品零售总额", "亿元", "207.4", "320", "9", ""],
    ["创新驱动", "4", "研发经费投入强度", "%", "1.2", "2.0", "[0.8]", ""],
    ["", "5", "高新技术企业数", "家", "46", "100以上", "—", ""],
    ["民生福祉", "6", "城镇居民人均可支配收入", "元", "32580", "47900", "8", ""],
    ["", "7", "农村居民人均可支配收入", "元", "14260", "22000", "9", ""],
    ["", "8", "城镇新增就业人数", "万人", "1.1", "[5.5]", "—", ""],
    ["绿色生态", "9", "森林覆盖率", "%", "18.6", "≥19", "—", "约束性"],
    ["", "10", "单位地区生产总值二氧化碳排放降低", "%", "—", "完成市下达目标", "—", ""],
]
# (first row, last row) of vertically merged cells, by column index, rows counted in COUNTY_ROWS
COUNTY_MERGES = {0: [(0, 2), (3, 4), (5, 7), (8, 9)], 7: [(0, 7), (8, 9)]}


@builder
def county_docx(d: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph(COUNTY_TITLE)
    doc.add_paragraph("临泉县人民政府")
    doc.add_paragraph("2021年3月")
    doc.add_paragraph("第一章 发展基础和发展环境")
    doc.add_paragraph("第一节 “十三五”时期发展成就")
    doc.add_paragraph("“十三五”时期，面对复杂严峻的外部环境，全县上下奋力拼搏，地区生产总值突破400亿元，"
                      "年均增长7.8%，脱贫攻坚取得全面胜利。")
    doc.add_paragraph("第二节 “十四五”时期发展环境")
    doc.add_paragraph("“十四五”时期是我县由脱贫攻坚转向乡村振兴的关键五年，机遇与挑战并存。")
    doc.add_paragraph("第二章 总体要求和主要目标")
    doc.add_paragraph("第一节 指导思想")
    doc.add_paragraph("坚持稳中求进工作总基调，以推动高质量发展为主题，统筹发展和安全。")
    doc.add_paragraph("第二节 主要目标")
    doc.add_paragraph("表1 临泉县“十四五”经济社会发展主要指标")
    table = doc.add_table(rows=1 + len(COUNTY_ROWS), cols=len(COUNTY_HEADER))
    table.style = "Table Grid"
    for j, h in enumerate(COUNTY_HEADER):
        table.cell(0, j).text = h
    for i, row in enumerate(COUNTY_ROWS, 1):
        for j, c in enumerate(row):
            if c:
                table.cell(i, j).text = c
    for col, spans in COUNTY_MERGES.items():
        for a, b in spans:
            table.cell(a + 1, col).merge(table.cell(b + 1, col))
    doc.add_paragraph("注：[ ]内为五年累计数。")
    doc.add_paragraph("第三章 加快建设现代产业体系")
    doc.add_paragraph("第一节 做强先进制造业")
    doc.add_paragraph("坚持把发展经济着力点放在实体经济上，推动制造业高端化、智能化、绿色化发展。")
    p = d / "linquan_14th.docx"
    doc.save(str(p))
    return p


# 3. A 十三五 plan: 2015年基数 / 2020年目标 columns, tab-separated rows, no 类别 column.
THIRTEENTH = """荆门市国民经济和社会发展第十三个五年规划纲要

（2016年2月26日荆门市第八届人民代表大会第五次会议审议通过）

第一章 发展环境

第一节 “十二五”时期发展成就

“十二五”时期，全市经济总量跨越千亿元台阶，地区生产总值年均增长10.6%。

第二章 指导思想和发展目标

第一节 发展目标

到2020年，全市地区生产总值比2010年翻一番以上，人民生活水平和质量普遍提高。

表2 荆门市“十三五”经济社会发展主要指标

序号\t指标\t单位\t2015年基数\t2020年目标\t年均增长（%）\t属性
1\t地区生产总值\t亿元\t1388.5\t2100\t8.5\t预期性
2\t人均地区生产总值\t元\t48000\t72000左右\t8\t预期性
3\t服务业增加值比重\t%\t36.2\t42\t[5.8]\t预期性
4\t常住人口城镇化率\t%\t55.1\t60\t[4.9]\t预期性
5\t城镇登记失业率\t%\t2.4\t<4.5\t—\t预期性
6\t耕地保有量\t万亩\t493.5\t≥490\t—\t约束性
7\t万元地区生产总值能耗降低\t%\t—\t—\t[16]\t约束性
8\t化学需氧量排放总量减少\t%\t—\t—\t[完成省下达任务]\t约束性
注：[ ]内为五年累计数。

第三章 推进产业转型升级

第一节 做大做强工业

坚持工业强市不动摇，加快构建现代产业体系。
"""


@builder
def thirteenth_txt(d: Path) -> Path:
    return _text(d, "jingmen_13th.txt", THIRTEENTH)


# 4. A PDF whose indicator table breaks across two pages, the header repeated (a <thead> weasyprint repeats),
#    page numbers in the footer.
PDF_TITLE = "汉中市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"
PDF_ROWS = [
    (str(i + 1), name, unit, base, target, attr)
    for i, (name, unit, base, target, attr) in enumerate([
        ("地区生产总值", "亿元", "1593.4", "2300", "预期性"),
        ("地区生产总值年均增长", "%", "3.4", "6.5左右", "预期性"),
        ("规模以上工业增加值年均增长", "%", "2.1", "8", "预期性"),
        ("全社会固定资产投资年均增长", "%", "4.6", "9", "预期性"),
        ("社会消费品零售总额", "亿元", "505.2", "720", "预期性"),
        ("一般公共预算收入", "亿元", "58.7", "80", "预期性"),
        ("研发经费投入强度", "%", "0.9", "1.5", "预期性"),
        ("每万人口发明专利拥有量", "件", "1.6", "3", "预期性"),
        ("数字经济核心产业增加值占比", "%", "4.2", "8", "预期性"),
        ("常住人口城镇化率", "%", "52.6", "58", "预期性"),
        ("城镇居民人均可支配收入", "元", "34861", "48000", "预期性"),
        ("农村居民人均可支配收入", "元", "12356", "18000", "预期性"),
        ("城镇调查失业率", "%", "5.0", "<5.5", "预期性"),
        ("劳动年龄人口平均受教育年限", "年", "10.3", "11", "约束性"),
        ("每千人口拥有执业（助理）医师数", "人", "2.6", "3.2", "预期性"),
        ("基本养老保险参保率", "%", "92", "95", "预期性"),
        ("每千人口拥有3岁以下婴幼儿托位数", "个", "0.8", "4.5", "预期性"),
        ("人均预期寿命", "岁", "77.1", "78", "预期性"),
        ("单位地区生产总值能源消耗降低", "%", "—", "[完成省下达目标]", "约束性"),
        ("单位地区生产总值二氧化碳排放降低", "%", "—", "[完成省下达目标]", "约束性"),
        ("中心城区空气质量优良天数比率", "%", "93.2", "≥93", "约束性"),
        ("地表水达到或好于Ⅲ类水体比例", "%", "100", "100", "约束性"),
        ("森林覆盖率", "%", "63.8", "64", "约束性"),
        ("粮食综合生产能力", "万吨", "95", "95以上", "约束性"),
        ("能源综合生产能力", "万吨标准煤", "820", "900", "约束性"),
    ])
]


@builder
def paged_pdf(d: Path) -> Path:
    import weasyprint

    head = ["序号", "指标", "单位", "2020年", "2025年", "属性"]
    table = _html_table(head, [list(r) for r in PDF_ROWS], thead=True)
    filler = "".join(f"<p>{t}</p>" for t in [
        "“十三五”以来，全市经济保持中高速增长，地区生产总值年均增长7.1%，发展质量和效益明显提升。",
        "今后五年，全市上下要坚持稳中求进工作总基调，推动经济社会高质量发展，奋力谱写新篇章。",
    ] * 4)
    html = f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A5; margin: 18mm 14mm; @bottom-center {{ content: counter(page); font-size: 9pt; }} }}
body {{ font-family: "WenQuanYi Micro Hei"; font-size: 10pt; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 0.6pt solid #000; padding: 2pt 3pt; font-size: 8.5pt; }}
</style></head><body>
<h1 style="font-size:13pt">{PDF_TITLE}</h1>
<p>第一章 发展基础</p>
{filler}
<p>第二章 主要目标</p>
<p>专栏1 汉中市“十四五”时期经济社会发展主要指标</p>
{table}
<p>注：[ ]内为五年累计数。</p>
<p>第三章 创新驱动</p>
<p>坚持创新在现代化建设全局中的核心地位，深入实施创新驱动发展战略。</p>
</body></html>"""
    p = d / "hanzhong_14th.pdf"
    weasyprint.HTML(string=html).write_pdf(str(p))
    return p


# 5. A 十五五 plan (2026–2030): years 2025 and 2030 drive roles; the table flattened one cell per line with a
#    blank line between cells and empty cells dropped (how a scraper flattens an HTML table).
def _cells(rows: list[list[str]]) -> str:
    return "\n\n".join(c for r in rows for c in r if c)


FIFTEENTH_ROWS = [
    ["经济发展", "1", "地区生产总值年均增长", "%", "5.2", "5左右", "预期性"],
    ["2", "全员劳动生产率增长", "%", "6.1", "高于地区生产总值增长", "预期性"],
    ["3", "数字经济核心产业增加值占地区生产总值比重", "%", "12.5", "16", "预期性"],
    ["创新驱动", "4", "研究与试验发展经费投入强度", "%", "3.1", "3.6", "预期性"],
    ["5", "每万人口高价值发明专利拥有量", "件", "21.4", "32", "预期性"],
    ["民生福祉", "6", "居民人均可支配收入增长", "%", "5.0", "与经济增长同步", "预期性"],
    ["7", "城镇调查失业率", "%", "4.8", "<5.5", "预期性"],
    ["8", "人均预期寿命", "岁", "80.2", "81", "预期性"],
    ["绿色低碳", "9", "单位地区生产总值能源消耗降低", "%", "—", "[完成省下达目标]", "约束性"],
    ["10", "细颗粒物（PM2.5）平均浓度", "微克/立方米", "28", "≤25", "约束性"],
    ["安全保障", "11", "粮食综合生产能力", "万吨", "612", "≥615", "约束性"],
]
FIFTEENTH = (
    "常州市国民经济和社会发展第十五个五年规划纲要\n\n"
    "第一章 发展基础和发展环境\n\n"
    "“十四五”时期，全市地区生产总值突破1.1万亿元，年均增长6.3%，综合实力迈上新台阶。\n\n"
    "第二章 “十五五”时期经济社会发展主要目标\n\n"
    "到2030年，全市经济实力、科技实力、综合竞争力大幅跃升，基本建成现代化经济体系。\n\n"
    "专栏1 “十五五”时期经济社会发展主要指标\n\n"
    "类别\n\n序号\n\n指标\n\n单位\n\n2025年\n\n2030年\n\n属性\n\n"
    + _cells(FIFTEENTH_ROWS)
    + "\n\n注：[ ]内为五年累计数。\n\n"
    "第三章 建设具有国际竞争力的先进制造业基地\n\n"
    "坚持制造业立市不动摇，推动新能源、新材料等产业集群迈向世界级。\n"
)


@builder
def fifteenth_cells_txt(d: Path) -> Path:
    return _text(d, "changzhou_15th.txt", FIFTEENTH)


# 6. A traditional-character plan in Big5 with 專欄 boxes and a tab-separated table (Big5 has no 〇: such
#    files write 二○三五 with U+25CB).
BIG5 = """廈門市思明區國民經濟和社會發展第十四個五年規劃和二○三五年遠景目標綱要

第一章 發展基礎

“十三五”時期，全區地區生產總值年均增長7.5%，經濟總量居全市首位，城市品質持續提升。

專欄1 “十三五”時期主要成就

1.經濟實力：地區生產總值突破1700億元。
2.民生保障：新增中小學學位1.2萬個。

第二章 主要目標

專欄2 思明區“十四五”時期經濟社會發展主要指標

類別\t序號\t指標\t單位\t2020年\t2025年\t屬性
經濟發展\t1\t地區生產總值年均增長\t%\t3.6\t6左右\t預期性
\t2\t服務業增加值佔地區生產總值比重\t%\t76.5\t78\t預期性
創新驅動\t3\t研究與試驗發展經費投入強度\t%\t2.1\t2.8\t預期性
民生福祉\t4\t每千人口擁有3歲以下嬰幼兒托位數\t個\t1.5\t4.5\t預期性
\t5\t人均預期壽命\t歲\t81.2\t81.5以上\t預期性
綠色生態\t6\t空氣質量優良天數比例\t%\t99.2\t≧98\t約束性
注：人均預期壽命為2019年數據。

第三章 建設高水平創新型城區

專欄3 科技創新重點工程

1.創新平臺：建設一批省級以上重點實驗室。
2.人才引育：引進高層次人才500名以上。

堅持創新驅動發展，深入實施科技強區戰略，完善區域創新體系，集聚高端創新資源，加快建設具有全國影響力的創新型城區。
"""


@builder
def big5_txt(d: Path) -> Path:
    return _text(d, "siming_14th_big5.txt", BIG5, encoding="big5")


# 7. A GB18030 text plan opening with a table of contents (dot leaders, page numbers).
GB_TOC = """淄博市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

目  录

第一章　发展基础与发展环境…………………………………………1
　第一节　发展基础………………………………………………1
　第二节　发展环境………………………………………………3
第二章　总体要求与主要目标………………………………………5
　第一节　指导思想………………………………………………5
　第二节　主要目标………………………………………………6
第三章　建设现代产业体系…………………………………………9

第一章　发展基础与发展环境

第一节　发展基础

“十三五”时期，全市经济总量突破3600亿元，新旧动能转换取得突破性进展。

第二节　发展环境

当前和今后一个时期，我市发展仍处于重要战略机遇期。

第二章　总体要求与主要目标

第一节　指导思想

坚持以高质量发展为主题，以深化供给侧结构性改革为主线。

第二节　主要目标

到2025年，全市地区生产总值年均增长6%左右，城乡居民收入与经济增长基本同步。

第三章　建设现代产业体系

坚持把发展经济的着力点放在实体经济上，加快建设制造强市。
"""


@builder
def gb18030_toc_txt(d: Path) -> Path:
    return _text(d, "zibo_14th_gb18030.txt", GB_TOC, encoding="gb18030")


# 8. An autonomous prefecture's plan as HTML with two tables: one without 类别 and 序号 columns whose attribute
#    is written 约束性指标/预期性指标, one whose attribute is abbreviated 约束/预期 and whose columns are reordered
#    (属性 before the values).
PREF_TITLE = "黔东南苗族侗族自治州国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要"


@builder
def prefecture_html(d: Path) -> Path:
    t1 = _html_table(
        ["指标", "单位", "2020年", "2025年", "年均增长", "属性"],
        [
            ["地区生产总值", "亿元", "1191.5", "1700", "7.5", "预期性指标"],
            ["一般公共预算收入", "亿元", "71.3", "95", "6", "预期性指标"],
            ["耕地保有量", "万亩", "—", "不低于省下达任务", "—", "约束性指标"],
            ["森林覆盖率", "%", "67.7", "68以上", "—", "约束性指标"],
        ],
    )
    t2 = _html_table(
        ["指标名称", "属性", "单位", "现状值(2020年)", "目标值(2025年)"],
        [
            ["城镇新增就业", "预期", "万人", "[20.1]", "[20]"],
            ["城镇调查失业率", "预期", "%", "4.5", "≤5.5"],
            ["县城空气质量优良天数比率", "约束", "%", "99.6", "98以上"],
            ["主要河流出境断面水质达标率", "约束", "%", "100", "100"],
        ],
    )
    html = f"""<html><head><meta charset="gb2312"><title>{PREF_TITLE}</title></head><body>
<h2>{PREF_TITLE}</h2>
<p>第一章 发展基础</p>
<p>“十三五”时期，全州地区生产总值年均增长8.6%，与全国全省同步全面建成小康社会。</p>
<p>第二章 主要目标</p>
<p>表1 黔东南州“十四五”经济发展主要指标</p>
{t1}
<p>表2 黔东南州“十四五”民生和生态主要指标</p>
{t2}
<p>注：[ ]内为五年累计数。</p>
<p>第三章 推进新型工业化</p>
<p>坚持工业强州战略，推动工业经济高质量发展。</p>
</body></html>"""
    return _text(d, "qiandongnan_14th.html", html, encoding="gb18030")


# 9. A provincial plan with 篇 above 章, numbered 一、 and （一） headings.
PARTS = """云南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第一篇 开启全面建设社会主义现代化新征程

第一章 发展基础

一、“十三五”发展成就

全省地区生产总值年均增长8.1%，增速保持全国前列，脱贫攻坚取得全面胜利。

二、发展环境

（一）国际环境

世界正经历百年未有之大变局，新冠肺炎疫情影响广泛深远。

（二）国内环境

我国已转向高质量发展阶段，继续发展具有多方面优势和条件。

第二章 指导思想和主要目标

坚持稳中求进工作总基调，以推动高质量发展为主题。

第二篇 坚持创新驱动发展

第三章 提升科技创新能力

第一节 强化战略科技力量

一、建设重大创新平台

围绕生物医药、新材料等领域，布局建设一批重点实验室。

二、加强基础研究

持续加大基础研究投入，提升原始创新能力。

第二节 激发人才创新活力

深化人才发展体制机制改革，全方位培养、引进、用好人才。
"""


@builder
def parts_txt(d: Path) -> Path:
    return _text(d, "yunnan_14th_parts.txt", PARTS)


# 10. Documents that are not five-year plans: an annual plan report of a county, a work report whose title
#     names no region (the speech line does), a statistical bulletin whose title starts with the year.
ANNUAL = """关于阳朔县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告

——2024年1月10日在阳朔县第十八届人民代表大会第四次会议上

阳朔县发展和改革局

各位代表：

受县人民政府委托，现将阳朔县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案提请大会审议。

一、2023年国民经济和社会发展计划执行情况

2023年，全县地区生产总值完成185.6亿元，增长6.2%；接待游客2310万人次，增长45%。

二、2024年经济社会发展的主要目标

地区生产总值增长6%左右，一般公共预算收入增长5%。
"""

WORK_REPORT = """政府工作报告

——2024年1月16日在攸县第十八届人民代表大会第三次会议上

攸县人民政府县长

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。

一、2023年工作回顾

过去一年，全市地区生产总值增长5.1%，规模以上工业增加值增长6.8%。

二、2024年主要目标

地区生产总值增长6%左右，城乡居民人均可支配收入增长与经济增长同步。
"""

BULLETIN = """2023年衡阳市国民经济和社会发展统计公报

衡阳市统计局

2024年3月28日

一、综合

初步核算，全年全市地区生产总值4268.5亿元，比上年增长5.1%。
"""


@builder
def annual_report_txt(d: Path) -> Path:
    return _text(d, "yangshuo_2023_report.txt", ANNUAL)


@builder
def work_report_txt(d: Path) -> Path:
    return _text(d, "youxian_2024_work_report.txt", WORK_REPORT)


@builder
def bulletin_txt(d: Path) -> Path:
    return _text(d, "hengyang_2023_bulletin.txt", BULLETIN)


# 11. Two-row headers (a spanning group cell over its sub-columns), as HTML: the 十三五 completion table puts
#     目标/完成 under 2020年, the 十四五 table puts 2020年/2025年 under 规划值.
TWO_ROW_COMPLETION = """<table>
<tr><th rowspan="2">序号</th><th rowspan="2">指标</th><th rowspan="2">单位</th><th rowspan="2">2015年</th>
<th colspan="2">2020年</th><th rowspan="2">属性</th></tr>
<tr><th>目标</th><th>完成</th></tr>
<tr><td>1</td><td>地区生产总值</td><td>亿元</td><td>1700.3</td><td>2500</td><td>3010.1</td><td>预期性</td></tr>
<tr><td>2</td><td>城镇化率</td><td>%</td><td>47.1</td><td>54左右</td><td>52.7</td><td>预期性</td></tr>
<tr><td>3</td><td>森林覆盖率</td><td>%</td><td>51.6</td><td>≥53</td><td>55.1</td><td>约束性</td></tr>
</table>"""
TWO_ROW_MAIN = """<table>
<tr><th rowspan="2">类别</th><th rowspan="2">指标</th><th rowspan="2">单位</th><th colspan="2">规划值</th>
<th rowspan="2">属性</th></tr>
<tr><th>2020年</th><th>2025年</th></tr>
<tr><td rowspan="2">经济发展</td><td>地区生产总值</td><td>亿元</td><td>3010.1</td><td>4500</td><td>预期性</td></tr>
<tr><td>地区生产总值年均增长</td><td>%</td><td>4.1</td><td>7左右</td><td>预期性</td></tr>
<tr><td>民生福祉</td><td>每千人口拥有执业（助理）医师数</td><td>人</td><td>2.9</td><td>3.4</td><td>预期性</td></tr>
</table>"""


@builder
def two_row_header_html(d: Path) -> Path:
    html = f"""<html><head><meta charset="utf-8"></head><body>
<p>绵阳市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要</p>
<p>第一章 发展基础</p>
<p>专栏1 “十三五”规划主要指标完成情况</p>
{TWO_ROW_COMPLETION}
<p>第二章 主要目标</p>
<p>专栏2 “十四五”时期主要指标</p>
{TWO_ROW_MAIN}
<p>第三章 建设中国科技城</p>
<p>坚持创新驱动发展，加快建设具有全国影响力的科技创新先行区。</p>
</body></html>"""
    return _text(d, "mianyang_14th.html", html)


# 12. An annual plan report with its indicator table: 2023年计划 (that year's target), 2023年完成, 2024年目标.
@builder
def annual_table_html(d: Path) -> Path:
    table = _html_table(["指标", "单位", "2023年计划", "2023年完成", "2024年目标"], [
        ["地区生产总值增长", "%", "6.5", "5.8", "6左右"],
        ["一般公共预算收入", "亿元", "21.5", "22.03", "23"],
        ["城镇居民人均可支配收入增长", "%", "6", "4.9", "与经济增长同步"],
    ])
    html = f"""<html><head><meta charset="utf-8"></head><body>
<p>关于博罗县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告</p>
<p>——2024年1月9日在博罗县第十七届人民代表大会第四次会议上</p>
<p>一、2023年计划执行情况</p>
<p>全县地区生产总值增长5.8%，一般公共预算收入22.03亿元。</p>
<p>附表 博罗县国民经济和社会发展主要指标</p>
{table}
</body></html>"""
    return _text(d, "boluo_2023_report.html", html)


# Round 2. 13. A 十四五 table that also reports the 十三五 result: 2020年目标 / 2020年完成 / 2025年目标 columns.
MIXED_ROWS = [
    ["经济发展", "地区生产总值", "亿元", "1200", "1265.3", "1800", "预期性"],
    ["经济发展", "一般公共预算收入", "亿元", "95", "88.6", "120", "预期性"],
    ["民生福祉", "城镇调查失业率", "%", "<5", "4.6", "<5.5", "预期性"],
    ["绿色生态", "森林覆盖率", "%", "≥45", "46.2", "≥47", "约束性"],
]


@builder
def mixed_years_html(d: Path) -> Path:
    table = _html_table(["类别", "指标", "单位", "2020年目标", "2020年完成", "2025年目标", "属性"], MIXED_ROWS)
    html = f"""<html><head><meta charset="utf-8"></head><body>
<p>宜春市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要</p>
<p>第一章 发展基础</p>
<p>“十三五”时期，全市地区生产总值突破1200亿元，主要目标任务总体完成。</p>
<p>第二章 主要目标</p>
<p>专栏1 “十四五”时期经济社会发展主要指标</p>
{table}
<p>第三章 建设现代产业体系</p>
<p>坚持把发展经济的着力点放在实体经济上，推动产业基础高级化。</p>
</body></html>"""
    return _text(d, "yichun_14th.html", html)


# 14. A two-row header in a table flattened one cell per line (规划值 over 2020年/2025年: the top row first,
#     then the sub-labels), empty cells dropped.
CELLS_TWO_ROW_ROWS = [
    ["经济发展", "1", "地区生产总值", "亿元", "2260", "3300", "预期性"],
    ["2", "规模以上工业增加值增长", "%", "3.1", "8左右", "预期性"],
    ["民生福祉", "3", "城镇居民人均可支配收入", "元", "41250", "58000", "预期性"],
    ["4", "单位地区生产总值能源消耗降低", "%", "—", "[完成省下达任务]", "约束性"],
]
CELLS_TWO_ROW = (
    "九江市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第一章 发展基础\n\n"
    "“十三五”时期，全市经济总量迈上新台阶，城乡面貌发生深刻变化。\n\n"
    "第二章 主要目标\n\n"
    "专栏1 “十四五”时期经济社会发展主要指标\n\n"
    "类别\n\n序号\n\n指标\n\n单位\n\n规划值\n\n属性\n\n2020年\n\n2025年\n\n"
    + _cells(CELLS_TWO_ROW_ROWS)
    + "\n\n注：[ ]内为五年累计数。\n\n"
    "第三章 建设长江经济带绿色发展示范区\n\n"
    "坚持生态优先、绿色发展，守护好一江清水。\n"
)


@builder
def cells_two_row_txt(d: Path) -> Path:
    return _text(d, "jiujiang_14th.txt", CELLS_TWO_ROW)


# 15. A county-level city's work report: the title names no region, the congress line names only the city,
#     and nowhere is it written after its prefecture; the text calls it a 县级市 and speaks of its 镇 and 街道.
COUNTY_CITY = """政府工作报告

——2024年1月22日在义乌市第十七届人民代表大会第三次会议上

义乌市人民政府市长

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议。

一、2023年工作回顾

过去一年，全市地区生产总值增长7.1%，综合实力稳居全国县级市前列，各镇（街道）经济均衡发展。

二、2024年主要目标

地区生产总值增长6.5%左右，城乡居民人均可支配收入增长与经济增长同步。
"""


@builder
def county_city_report_txt(d: Path) -> Path:
    return _text(d, "yiwu_2024_work_report.txt", COUNTY_CITY)


# 16. PDF text (several cells on a line, as 000): a 十三五 completion table with a two-row header (2020年 over
#     目标/完成), broken by a page: the page number, then both header rows repeated.
PAGED_TWO_ROW = """荆州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第一章 发展基础

“十三五”时期，全市经济社会发展主要目标任务基本完成。

专栏1 “十三五”规划主要指标完成情况

序号 指标 单位 2015年 2020年 属性
目标 完成
1 地区生产总值 亿元 1590.5 2400 1929.8 预期性
2 规模以上工业增加值
年均增长
% 11.2 9 2.5 预期性
3 常住人口城镇化率 % 53.3 60 58.2 预期性

— 8 —

序号 指标 单位 2015年 2020年 属性
目标 完成
4 城镇登记失业率 % 2.9 <4.5 2.8 预期性
5 森林覆盖率 % 38.2 ≥39 39.1 约束性
注：地区生产总值按当年价格计算。

第二章 主要目标

到2025年，全市地区生产总值迈上新台阶，城乡居民收入与经济增长基本同步。
"""


@builder
def paged_two_row_txt(d: Path) -> Path:
    return _text(d, "jingzhou_14th.txt", PAGED_TWO_ROW)


# --- Round 3: table layouts not seen before (tests/test_tables_round3.py) ------------------------------------------
# Kept out of BUILDERS (round one builds every entry of that); EXPECTED3 holds each document's rows, written by
# hand from the table as printed: (category, seq, parent_name, name, unit, attribute, [(role, year, raw)]).
ROUND3: dict[str, Builder] = {}
EXPECTED3: dict[str, list[tuple]] = {}


def round3(fn: Builder) -> Builder:
    ROUND3[fn.__name__] = fn
    return fn


def _tsv(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows)


def _bgt(base: str | None, target: str | None, growth: str | None, by: int = 2020, ty: int = 2025) -> list[tuple]:
    out = []
    for role, year, raw in (("base", by, base), ("target", ty, target), ("growth", None, growth)):
        if raw is not None:
            out.append((role, year, raw))
    return out


# R3-1. Header labels in bracket forms: 2020年基数, 2025年目标值（规划值）, 年均增长〔累计〕; cumulative values in 〔〕.
BRACKET_ROWS = [
    ["经济发展", "地区生产总值", "亿元", "2650", "3900", "8左右", "预期性"],
    ["", "规模以上工业增加值", "亿元", "1020", "1500", "8", "预期性"],
    ["", "常住人口城镇化率", "%", "58.3", "63", "〔4.7〕", "预期性"],
    ["创新驱动", "研究与试验发展经费投入强度", "%", "2.1", "2.8", "〔0.7〕", "预期性"],
    ["民生福祉", "城镇新增就业人数", "万人", "—", "〔18〕", "—", "预期性"],
    ["", "城镇调查失业率", "%", "5.2", "5.5以内", "—", "预期性"],
    ["绿色生态", "单位地区生产总值能源消耗降低", "%", "—", "—", "完成省下达任务", "约束性"],
    ["", "单位地区生产总值二氧化碳排放降低", "%", "—", "—", "〔18〕", "约束性"],
]
BRACKET = (
    "绍兴市柯桥区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第二章 主要目标\n\n"
    "到2025年，全区综合实力迈上新台阶，高质量发展走在全市前列。\n\n"
    "专栏1 柯桥区“十四五”时期经济社会发展主要指标\n"
    + _tsv([["类别", "指标", "单位", "2020年基数", "2025年目标值（规划值）", "年均增长〔累计〕", "属性"],
            *BRACKET_ROWS])
    + "\n注：〔 〕内为五年累计数。\n\n"
    "第三章 建设现代产业体系\n\n坚持把发展经济的着力点放在实体经济上。\n"
)
EXPECTED3["bracket_growth_txt"] = [  # the category cell is printed once for its group
    (cat, None, None, name, unit, attr, _bgt(b, t, g))
    for cat, (_, name, unit, b, t, g, attr) in zip(
        ["经济发展"] * 3 + ["创新驱动"] + ["民生福祉"] * 2 + ["绿色生态"] * 2, BRACKET_ROWS, strict=True)]


@round3
def bracket_growth_txt(d: Path) -> Path:
    return _text(d, "keqiao_14th.txt", BRACKET)


# R3-2. Columns in another order (属性 before 单位, growth last), circled footnote marks on names, notes 注：1.… 2.…
REORDERED = (
    "南平市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第二章 主要目标\n\n"
    "表1 南平市“十四五”时期主要经济社会发展指标\n"
    + _tsv([
        ["序号", "指标", "属性", "单位", "2020年", "2025年", "年均增速（%）"],
        ["1", "地区生产总值①", "预期性", "亿元", "2007.4", "3000", "7左右"],
        ["2", "一般公共预算总收入", "预期性", "亿元", "164.1", "215", "5.5"],
        ["3", "居民人均可支配收入②", "预期性", "元", "28590", "42000", "8"],
        ["4", "每千人口拥有3岁以下婴幼儿托位数", "预期性", "个", "1.2", "4.5", "—"],
        ["5", "空气质量优良天数比率", "约束性", "%", "99.2", "≥97", "—"],
        ["6", "细颗粒物（PM2.5）平均浓度", "约束性", "微克/立方米", "19", "≤22", "—"],
    ])
    + "\n注：1.①地区生产总值绝对值按当年价格计算，增速按可比价格计算。\n"
    "2.②居民人均可支配收入为全体居民口径。\n\n"
    "第三章 坚持创新驱动发展\n\n深入实施创新驱动发展战略。\n"
)
EXPECTED3["reordered_txt"] = [
    (None, "1", None, "地区生产总值", "亿元", "预期性", _bgt("2007.4", "3000", "7左右")),
    (None, "2", None, "一般公共预算总收入", "亿元", "预期性", _bgt("164.1", "215", "5.5")),
    (None, "3", None, "居民人均可支配收入", "元", "预期性", _bgt("28590", "42000", "8")),
    (None, "4", None, "每千人口拥有3岁以下婴幼儿托位数", "个", "预期性", _bgt("1.2", "4.5", "—")),
    (None, "5", None, "空气质量优良天数比率", "%", "约束性", _bgt("99.2", "≥97", "—")),
    (None, "6", None, "细颗粒物（PM2.5）平均浓度", "微克/立方米", "约束性", _bgt("19", "≤22", "—")),
]


@round3
def reordered_txt(d: Path) -> Path:
    return _text(d, "nanping_14th.txt", REORDERED)


# R3-3. No unit column (the unit in parentheses after the name) and a 2035 column beside 2025.
VISION = (
    "嘉兴市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第二章 二〇三五年远景目标和“十四五”时期主要目标\n\n"
    "专栏1 “十四五”时期主要指标和2035年远景目标\n"
    + _tsv([
        ["指标", "2020年", "2025年", "2035年", "属性"],
        ["地区生产总值（亿元）", "5510", "8000", "15000左右", "预期性"],
        ["人均地区生产总值（万元）", "10.2", "14", "25以上", "预期性"],
        ["常住人口城镇化率（%）", "71.2", "75", "80", "预期性"],
        ["人均预期寿命（岁）", "81.3", "82", "83.5", "预期性"],
        ["森林覆盖率（%）", "25.1", "≥25.5", "≥26", "约束性"],
    ])
    + "\n\n第三章 建设长三角创新高地\n\n坚持创新在现代化建设全局中的核心地位。\n"
)


def _v35(base: str, t25: str, t35: str) -> list[tuple]:
    return [("base", 2020, base), ("target", 2025, t25), ("target", 2035, t35)]


EXPECTED3["vision_2035_txt"] = [
    (None, None, None, "地区生产总值（亿元）", "亿元", "预期性", _v35("5510", "8000", "15000左右")),
    (None, None, None, "人均地区生产总值（万元）", "万元", "预期性", _v35("10.2", "14", "25以上")),
    (None, None, None, "常住人口城镇化率（%）", "%", "预期性", _v35("71.2", "75", "80")),
    (None, None, None, "人均预期寿命（岁）", "岁", "预期性", _v35("81.3", "82", "83.5")),
    (None, None, None, "森林覆盖率（%）", "%", "约束性", _v35("25.1", "≥25.5", "≥26")),
]


@round3
def vision_2035_txt(d: Path) -> Path:
    return _text(d, "jiaxing_14th.txt", VISION)


# R3-4. One cell per line (no blank lines), a units line under the title, the target column headed “十四五”末.
TERM_END_ROWS = [
    ["1", "地区生产总值", "856", "1200", "预期性"],
    ["2", "固定资产投资年均增长", "6.5", "8", "预期性"],
    ["3", "研究与试验发展经费投入强度", "2.6", "3.2", "预期性"],
    ["4", "城镇登记失业率", "2.1", "<3.5", "预期性"],
    ["5", "单位地区生产总值能耗下降", "—", "完成市下达任务", "约束性"],
]
TERM_END = (
    "佛山市顺德区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第二章 主要目标\n\n"
    "表1 顺德区“十四五”时期主要指标\n"
    "（单位：亿元、%）\n"
    "序号\n指标名称\n2020年基数\n“十四五”末\n属性\n"
    + "\n".join(c for r in TERM_END_ROWS for c in r)
    + "\n\n第三章 建设制造业创新高地\n\n坚持制造业立区不动摇。\n"
)
EXPECTED3["term_end_cells_txt"] = [
    (None, seq, None, name, None, attr, [("base", 2020, b), ("target", 2025, t)])
    for seq, name, b, t, attr in TERM_END_ROWS]


@round3
def term_end_cells_txt(d: Path) -> Path:
    return _text(d, "shunde_14th.txt", TERM_END)


# R3-5. HTML: categories as rows spanning the table (一、经济发展), numbering running on; ranges, pairs, < and
#       qualitative targets (5—6, 40/60, <0.5, 达到国家要求, 逐步提高).
def _span_row(text: str, n: int) -> str:
    return f'<tr><td colspan="{n}">{text}</td></tr>'


CATEGORY_ROWS = [
    ("一、经济发展", [
        ["1", "地区生产总值年均增长", "%", "2.8", "5—6", "预期性"],
        ["2", "二三产业增加值比例", "%", "38/62", "40/60", "预期性"],
    ]),
    ("二、创新驱动", [
        ["3", "研究与试验发展经费投入强度", "%", "1.8", "2.5", "预期性"],
        ["4", "高新技术企业数量", "家", "320", "600", "预期性"],
    ]),
    ("三、民生福祉", [
        ["5", "城镇调查失业率", "%", "4.6", "<5.5", "预期性"],
        ["6", "亿元地区生产总值生产安全事故死亡率", "人/亿元", "0.03", "<0.5", "约束性"],
        ["7", "基本养老保险参保率", "%", "93", "≥95", "预期性"],
    ]),
    ("四、绿色生态", [
        ["8", "地表水国控断面水质优良比例", "%", "80", "达到国家要求", "约束性"],
        ["9", "城市人均公园绿地面积", "平方米", "14.2", "逐步提高", "预期性"],
    ]),
]


@round3
def category_rows_html(d: Path) -> Path:
    head = "<tr>" + "".join(f"<th>{h}</th>" for h in ["序号", "指标", "单位", "2020年", "2025年", "属性"]) + "</tr>"
    body = "".join(_span_row(cat, 6) + "".join("<tr>" + "".join(f"<td>{c.replace('<', '&lt;')}</td>" for c in r)
                                               + "</tr>" for r in rows) for cat, rows in CATEGORY_ROWS)
    html = f"""<html><head><meta charset="utf-8"><title>湛江市国民经济和社会发展第十四个五年规划</title></head><body>
<h1>湛江市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要</h1>
<p>第二章 “十四五”时期经济社会发展主要目标</p>
<p>到2025年，全市经济总量迈上新台阶，省域副中心城市建设取得重大进展。</p>
<p>专栏1 湛江市“十四五”时期经济社会发展主要指标</p>
<table>{head}{body}</table>
<p>第三章 建设现代化沿海经济带重要发展极</p>
<p>坚持陆海统筹，推动临港产业集群发展。</p>
</body></html>"""
    return _text(d, "zhanjiang_14th.html", html)


EXPECTED3["category_rows_html"] = [
    (cat.split("、")[1], seq, None, name, unit, attr, [("base", 2020, b), ("target", 2025, t)])
    for cat, rows in CATEGORY_ROWS for seq, name, unit, b, t, attr in rows]


# R3-6. DOCX: 其中： sub-rows under their parent row, a 备注 column with words, the category merged down.
SUBROWS_HEADER = ["类别", "指标", "单位", "2020年", "2025年", "属性", "备注"]
SUBROWS_ROWS = [
    ["经济发展", "地区生产总值", "亿元", "1850", "2700", "预期性", "按当年价格计算"],
    ["", "服务业增加值占地区生产总值比重", "%", "55.2", "58", "预期性", ""],
    ["", "其中：现代服务业增加值占服务业比重", "%", "60.1", "65", "预期性", ""],
    ["创新驱动", "数字经济核心产业增加值占地区生产总值比重", "%", "8.5", "12", "预期性", ""],
    ["民生福祉", "居民人均可支配收入", "元", "42000", "60000", "预期性", "与经济增长同步"],
    ["", "其中：农村居民人均可支配收入", "元", "25000", "38000", "预期性", ""],
    ["", "每千人口医疗卫生机构床位数", "张", "4.8", "6", "预期性", ""],
    ["绿色生态", "森林覆盖率", "%", "38", "≥38.5", "约束性", ""],
]
SUBROWS_MERGES = {0: [(0, 2), (4, 6)]}


@round3
def subrows_docx(d: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("芜湖市鸠江区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要")
    doc.add_paragraph("第二章 主要目标")
    doc.add_paragraph("到2025年，全区经济实力、科技实力、综合竞争力显著增强。")
    doc.add_paragraph("表1 鸠江区“十四五”时期经济社会发展主要指标")
    table = doc.add_table(rows=1 + len(SUBROWS_ROWS), cols=len(SUBROWS_HEADER))
    table.style = "Table Grid"
    for j, h in enumerate(SUBROWS_HEADER):
        table.cell(0, j).text = h
    for i, row in enumerate(SUBROWS_ROWS, 1):
        for j, c in enumerate(row):
            if c:
                table.cell(i, j).text = c
    for col, spans in SUBROWS_MERGES.items():
        for a, b in spans:
            table.cell(a + 1, col).merge(table.cell(b + 1, col))
    doc.add_paragraph("第三章 建设现代产业体系")
    doc.add_paragraph("坚持制造业立区，推动产业链供应链现代化。")
    p = d / "jiujiang_district_14th.docx"
    doc.save(str(p))
    return p


EXPECTED3["subrows_docx"] = [
    ("经济发展", None, None, "地区生产总值", "亿元", "预期性", [("base", 2020, "1850"), ("target", 2025, "2700")]),
    ("经济发展", None, None, "服务业增加值占地区生产总值比重", "%", "预期性",
     [("base", 2020, "55.2"), ("target", 2025, "58")]),
    ("经济发展", None, "服务业增加值占地区生产总值比重", "现代服务业增加值占服务业比重", "%", "预期性",
     [("base", 2020, "60.1"), ("target", 2025, "65")]),
    ("创新驱动", None, None, "数字经济核心产业增加值占地区生产总值比重", "%", "预期性",
     [("base", 2020, "8.5"), ("target", 2025, "12")]),
    ("民生福祉", None, None, "居民人均可支配收入", "元", "预期性",
     [("base", 2020, "42000"), ("target", 2025, "60000")]),
    ("民生福祉", None, "居民人均可支配收入", "农村居民人均可支配收入", "元", "预期性",
     [("base", 2020, "25000"), ("target", 2025, "38000")]),
    ("民生福祉", None, None, "每千人口医疗卫生机构床位数", "张", "预期性",
     [("base", 2020, "4.8"), ("target", 2025, "6")]),
    ("绿色生态", None, None, "森林覆盖率", "%", "约束性", [("base", 2020, "38"), ("target", 2025, "≥38.5")]),
]


# R3-7. HTML: a 十三五 completion table with a 完成情况 column (完成 / 未完成 / 超额完成 / 基本完成).
COMPLETION_ROWS = [
    ["1", "地区生产总值", "亿元", "980", "1500", "1420.6", "未完成", "预期性"],
    ["2", "一般公共预算收入", "亿元", "62", "90", "95.3", "超额完成", "预期性"],
    ["3", "常住人口城镇化率", "%", "52", "58", "58.9", "完成", "预期性"],
    ["4", "城镇新增就业人数", "万人", "[6.1]", "[6]", "[7.2]", "超额完成", "预期性"],
    ["5", "单位地区生产总值能源消耗降低", "%", "—", "[16]", "[17.5]", "完成", "约束性"],
    ["6", "森林覆盖率", "%", "40.2", "≥41", "41.3", "基本完成", "约束性"],
]


@round3
def completion_status_html(d: Path) -> Path:
    table = _html_table(["序号", "指标", "单位", "2015年", "2020年目标", "2020年完成", "完成情况", "属性"],
                        COMPLETION_ROWS)
    html = f"""<html><head><meta charset="utf-8"></head><body>
<p>肇庆市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要</p>
<p>第一章 发展基础</p>
<p>“十三五”时期，全市主要目标任务总体完成，全面建成小康社会取得决定性成就。</p>
<p>专栏1 肇庆市“十三五”规划主要指标完成情况</p>
{table}
<p>第二章 主要目标</p>
<p>到2025年，全市经济总量迈上新台阶。</p>
</body></html>"""
    return _text(d, "zhaoqing_14th.html", html)


EXPECTED3["completion_status_html"] = [
    (None, seq, None, name, unit, attr,
     [("base", 2015, b), ("target", 2020, t), ("actual", 2020, a), ("status", None, s)])
    for seq, name, unit, b, t, a, s, attr in COMPLETION_ROWS]


# R3-8. PDF text (several cells on a line): the header wrapped inside its cells (2020年 / 基数 on the next line),
#       the table broken by a page number with no header repeated.
PAGED_WRAPPED = """宿迁市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第二章 主要目标

到2025年，全市综合实力大幅提升，高质量发展走在苏北前列。

专栏2 “十四五”时期经济社会发展主要指标

序号 指标 单位 2020年 2025年 年均增长 属性
基数 目标 〔累计〕
1 地区生产总值 亿元 3262.4 4800 8左右 预期性
2 一般公共预算收入 亿元 242.8 320 5.7 预期性
3 城镇居民人均可支配收
入
元 33688 49500 8 预期性

— 12 —

4 常住人口城镇化率 % 64.9 70 〔5.1〕 预期性
5 单位地区生产总值能源
消耗降低
% — — 〔14〕 约束性
注：〔 〕内为五年累计数。

第三章 建设现代产业体系

坚持制造业立市不动摇。
"""


@round3
def paged_wrapped_txt(d: Path) -> Path:
    return _text(d, "suqian_14th.txt", PAGED_WRAPPED)


EXPECTED3["paged_wrapped_txt"] = [
    (None, "1", None, "地区生产总值", "亿元", "预期性", _bgt("3262.4", "4800", "8左右")),
    (None, "2", None, "一般公共预算收入", "亿元", "预期性", _bgt("242.8", "320", "5.7")),
    (None, "3", None, "城镇居民人均可支配收入", "元", "预期性", _bgt("33688", "49500", "8")),
    (None, "4", None, "常住人口城镇化率", "%", "预期性", _bgt("64.9", "70", "〔5.1〕")),
    (None, "5", None, "单位地区生产总值能源消耗降低", "%", "约束性", _bgt("—", "—", "〔14〕")),
]


# R3-9. DOCX, 十五五: 2025年基数 / 2030年目标值 / 年均增长〔%〕, category and attribute cells merged down.
FIFTEENTH_DOCX_HEADER = ["类别", "序号", "指标", "单位", "2025年基数", "2030年目标值", "年均增长〔%〕", "属性"]
FIFTEENTH_DOCX_ROWS = [
    ["经济发展", "1", "地区生产总值年均增长", "%", "5.5", "—", "5左右", "预期性"],
    ["", "2", "规模以上工业增加值", "亿元", "4200", "5800", "6.7", ""],
    ["科技创新", "3", "研究与试验发展经费投入强度", "%", "3.2", "3.8", "〔0.6〕", ""],
    ["", "4", "每万人口高价值发明专利拥有量", "件", "25", "40", "—", ""],
    ["民生福祉", "5", "城镇调查失业率", "%", "4.9", "5.5以内", "—", ""],
    ["绿色低碳", "6", "单位地区生产总值二氧化碳排放降低", "%", "—", "—", "完成省下达任务", "约束性"],
    ["", "7", "非化石能源占能源消费总量比重", "%", "18", "25", "〔7〕", ""],
]
FIFTEENTH_DOCX_MERGES = {0: [(0, 1), (2, 3), (5, 6)], 7: [(0, 4), (5, 6)]}


@round3
def fifteenth_docx(d: Path) -> Path:
    import docx

    doc = docx.Document()
    doc.add_paragraph("合肥市国民经济和社会发展第十五个五年规划纲要")
    doc.add_paragraph("第二章 “十五五”时期经济社会发展主要目标")
    doc.add_paragraph("到2030年，全市经济实力、科技实力、综合竞争力大幅跃升。")
    doc.add_paragraph("专栏1 合肥市“十五五”时期经济社会发展主要指标")
    table = doc.add_table(rows=1 + len(FIFTEENTH_DOCX_ROWS), cols=len(FIFTEENTH_DOCX_HEADER))
    table.style = "Table Grid"
    for j, h in enumerate(FIFTEENTH_DOCX_HEADER):
        table.cell(0, j).text = h
    for i, row in enumerate(FIFTEENTH_DOCX_ROWS, 1):
        for j, c in enumerate(row):
            if c:
                table.cell(i, j).text = c
    for col, spans in FIFTEENTH_DOCX_MERGES.items():
        for a, b in spans:
            table.cell(a + 1, col).merge(table.cell(b + 1, col))
    doc.add_paragraph("注：〔 〕内为五年累计数。")
    doc.add_paragraph("第三章 打造具有国际影响力的创新之都")
    doc.add_paragraph("坚持创新在现代化建设全局中的核心地位。")
    p = d / "hefei_15th.docx"
    doc.save(str(p))
    return p


def _fifteenth_docx_expected() -> list[tuple]:
    out, cat, attr = [], None, None
    for c, seq, name, unit, b, t, g, a in FIFTEENTH_DOCX_ROWS:
        cat, attr = c or cat, a or attr
        out.append((cat, seq, None, name, unit, attr, _bgt(b, t, g, 2025, 2030)))
    return out


EXPECTED3["fifteenth_docx"] = _fifteenth_docx_expected()


# R3-10. A completion table flattened one cell per line: 规划目标 / 实际完成 / 完成情况, no years in the header,
#        no attribute column.
COMPLETION_CELLS_ROWS = [
    ["1", "地区生产总值", "亿元", "1200", "1185.3", "基本完成"],
    ["2", "人均地区生产总值", "元", "85000", "88120", "完成"],
    ["3", "服务业增加值比重", "%", "52", "54.6", "超额完成"],
    ["4", "研究与试验发展经费支出占比", "%", "2.5", "2.1", "未完成"],
    ["5", "城镇登记失业率", "%", "<3.5", "2.3", "完成"],
    ["6", "化学需氧量排放量减少", "%", "[10]", "[12.3]", "完成"],
]
COMPLETION_CELLS = (
    "江门市新会区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第一章 发展基础\n\n"
    "“十三五”时期，全区经济社会发展取得显著成就。\n\n"
    "表1 新会区“十三五”规划主要指标完成情况表\n\n"
    "序号\n\n指标\n\n单位\n\n规划目标\n\n实际完成\n\n完成情况\n\n"
    + "\n\n".join(c for r in COMPLETION_CELLS_ROWS for c in r)
    + "\n\n第二章 主要目标\n\n到2025年，全区地区生产总值迈上新台阶。\n"
)
EXPECTED3["completion_cells_txt"] = [
    (None, seq, None, name, unit, None, [("target", None, t), ("actual", None, a), ("status", None, s)])
    for seq, name, unit, t, a, s in COMPLETION_CELLS_ROWS]


@round3
def completion_cells_txt(d: Path) -> Path:
    return _text(d, "xinhui_14th.txt", COMPLETION_CELLS)


# R3-11. TSV whose header wraps inside its cells: a second header row continues the labels above it
#        (2020年 / 基数, 年均增长 / 〔累计〕), then rows with a 2035 远景 column and 其中 sub-rows.
WRAPPED_TSV = (
    "珠海市斗门区国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第二章 主要目标\n\n"
    "专栏1 斗门区“十四五”时期主要指标\n"
    + _tsv([
        ["序号", "指标", "单位", "2020年", "2025年", "年均增长", "属性"],
        ["", "", "", "基数", "目标", "〔累计〕", ""],
        ["1", "地区生产总值", "亿元", "410.2", "650", "9.5", "预期性"],
        ["2", "固定资产投资", "亿元", "320.5", "—", "10", "预期性"],
        ["", "其中：工业投资", "亿元", "95.6", "—", "15", "预期性"],
        ["3", "城镇新增就业人数", "万人", "—", "—", "〔3.5〕", "预期性"],
        ["4", "耕地保有量", "万亩", "23.8", "不低于上级下达任务", "—", "约束性"],
    ])
    + "\n\n第三章 建设现代产业体系\n\n坚持工业立区。\n"
)
EXPECTED3["wrapped_header_tsv"] = [
    (None, "1", None, "地区生产总值", "亿元", "预期性", _bgt("410.2", "650", "9.5")),
    (None, "2", None, "固定资产投资", "亿元", "预期性", _bgt("320.5", "—", "10")),
    (None, "2", "固定资产投资", "工业投资", "亿元", "预期性", _bgt("95.6", "—", "15")),
    (None, "3", None, "城镇新增就业人数", "万人", "预期性", _bgt("—", "—", "〔3.5〕")),
    (None, "4", None, "耕地保有量", "万亩", "约束性", _bgt("23.8", "不低于上级下达任务", "—")),
]


@round3
def wrapped_header_tsv(d: Path) -> Path:
    return _text(d, "doumen_14th.txt", WRAPPED_TSV)


# R3-12. HTML, 十五五 table with a 2035 远景 column and the base year in parentheses: 指标 | 单位 |
#        2025年（基期） | 2030年目标 | 2035年远景目标 | 指标属性.
VISION_HTML_ROWS = [
    ["地区生产总值", "亿元", "12300", "16500", "23000左右", "预期性"],
    ["居民人均可支配收入", "元", "68000", "88000", "翻一番", "预期性"],
    ["研究与试验发展经费投入强度", "%", "3.4", "3.9", "4.5", "预期性"],
    ["城镇调查失业率", "%", "4.7", "<5.5", "—", "预期性"],
    ["单位地区生产总值能源消耗降低", "%", "—", "〔完成省下达任务〕", "—", "约束性"],
]


@round3
def vision_html(d: Path) -> Path:
    table = _html_table(["指标", "单位", "2025年（基期）", "2030年目标", "2035年远景目标", "指标属性"],
                        [[c.replace("<", "&lt;") for c in r] for r in VISION_HTML_ROWS])
    html = f"""<html><head><meta charset="utf-8"></head><body>
<p>温州市国民经济和社会发展第十五个五年规划纲要</p>
<p>第二章 发展目标</p>
<p>到2030年，全市高质量发展取得新突破，共同富裕示范区建设取得标志性成果。</p>
<p>表1 温州市“十五五”时期经济社会发展主要指标</p>
{table}
<p>注：〔 〕内为五年累计数。</p>
<p>第三章 建设创新型城市</p>
<p>坚持创新驱动发展。</p>
</body></html>"""
    return _text(d, "wenzhou_15th.html", html)


EXPECTED3["vision_html"] = [
    (None, None, None, name, unit, attr, [("base", 2025, b), ("target", 2030, t)] + (
        [("target", 2035, v)] if v else []))
    for name, unit, b, t, v, attr in VISION_HTML_ROWS]


# Round 3, second set: written after the fixes above, run once before any further change, to measure on layouts
# the fixes were not made against.

# R3-13. PDF text (several cells on a line) with group rows across the table (一、经济发展) and no 类别 column.
STREAM_GROUPS = """韶关市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要

第二章 主要目标

专栏1 “十四五”时期经济社会发展主要指标

序号 指标名称 单位 2020年 2025年 属性
一、经济发展
1 地区生产总值 亿元 1353.5 1900 预期性
2 规模以上工业增加值年均增长 % 1.2 6 预期性
二、民生福祉
3 城镇调查失业率 % 4.5 ≤5.5 预期性
4 每千人口拥有执业（助理）医师数 人 2.6 3.2 预期性
三、生态文明
5 森林覆盖率 % 74.4 ≥74.5 约束性
注：地区生产总值按当年价格计算。

第三章 融入粤港澳大湾区

坚持北上南融，深度融入大湾区建设。
"""
EXPECTED3["stream_groups_txt"] = [
    ("经济发展", "1", None, "地区生产总值", "亿元", "预期性", [("base", 2020, "1353.5"), ("target", 2025, "1900")]),
    ("经济发展", "2", None, "规模以上工业增加值年均增长", "%", "预期性",
     [("base", 2020, "1.2"), ("target", 2025, "6")]),
    ("民生福祉", "3", None, "城镇调查失业率", "%", "预期性", [("base", 2020, "4.5"), ("target", 2025, "≤5.5")]),
    ("民生福祉", "4", None, "每千人口拥有执业（助理）医师数", "人", "预期性",
     [("base", 2020, "2.6"), ("target", 2025, "3.2")]),
    ("生态文明", "5", None, "森林覆盖率", "%", "约束性", [("base", 2020, "74.4"), ("target", 2025, "≥74.5")]),
]


@round3
def stream_groups_txt(d: Path) -> Path:
    return _text(d, "shaoguan_14th.txt", STREAM_GROUPS)


# R3-14. TSV: the name column headed 指标名称（单位） with units in the names; 2020年实际值 / 2025年规划值 /
#        2035年远景值.
UNIT_HEADER = (
    "无锡市江阴市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第二章 主要目标\n\n"
    "专栏2 江阴市“十四五”时期经济社会发展主要指标\n"
    + _tsv([
        ["序号", "指标名称（单位）", "2020年实际值", "2025年规划值", "2035年远景值", "指标属性"],
        ["1", "地区生产总值（亿元）", "4113.8", "5500", "8500", "预期性"],
        ["2", "一般公共预算收入（亿元）", "268.5", "330", "—", "预期性"],
        ["3", "城镇居民人均可支配收入（元）", "73580", "100000", "150000以上", "预期性"],
        ["4", "PM2.5年均浓度（微克/立方米）", "31", "≤28", "≤20", "约束性"],
    ])
    + "\n\n第三章 打造现代产业强市\n\n坚持实业强市。\n"
)
EXPECTED3["unit_header_tsv"] = [
    (None, "1", None, "地区生产总值（亿元）", "亿元", "预期性",
     [("base", 2020, "4113.8"), ("target", 2025, "5500"), ("target", 2035, "8500")]),
    (None, "2", None, "一般公共预算收入（亿元）", "亿元", "预期性",
     [("base", 2020, "268.5"), ("target", 2025, "330"), ("target", 2035, "—")]),
    (None, "3", None, "城镇居民人均可支配收入（元）", "元", "预期性",
     [("base", 2020, "73580"), ("target", 2025, "100000"), ("target", 2035, "150000以上")]),
    (None, "4", None, "PM2.5年均浓度（微克/立方米）", "微克/立方米", "约束性",
     [("base", 2020, "31"), ("target", 2025, "≤28"), ("target", 2035, "≤20")]),
]


@round3
def unit_header_tsv(d: Path) -> Path:
    return _text(d, "jiangyin_14th.txt", UNIT_HEADER)


# R3-15. One cell per line with blank lines, 十五五: “十四五”期末 / “十五五”期末 / 年均增长（%）, a 其中 row.
TERMS_CELLS_ROWS = [
    ["1", "地区生产总值", "亿元", "2350", "3100", "5.5", "预期性"],
    ["2", "社会消费品零售总额", "亿元", "980", "1250", "5", "预期性"],
    ["", "其中：网络零售额", "亿元", "210", "320", "8.8", "预期性"],
    ["3", "研究与试验发展经费投入强度", "%", "2.4", "3", "〔0.6〕", "预期性"],
    ["4", "耕地保有量", "万亩", "128", "≥128", "—", "约束性"],
]
TERMS_CELLS = (
    "泉州市晋江市国民经济和社会发展第十五个五年规划纲要\n\n"
    "第二章 主要目标\n\n"
    "到2030年，全市经济总量再上新台阶，县域经济高质量发展走在全国前列。\n\n"
    "专栏1 晋江市“十五五”时期主要指标\n\n"
    "序号\n\n指标\n\n单位\n\n“十四五”期末\n\n“十五五”期末\n\n年均增长（%）\n\n属性\n\n"
    + "\n\n".join(c for r in TERMS_CELLS_ROWS for c in r if c)
    + "\n\n注：〔 〕内为五年累计数。\n\n第三章 建设品牌之都\n\n坚持实体经济立市。\n"
)
EXPECTED3["terms_cells_txt"] = [
    (None, "1", None, "地区生产总值", "亿元", "预期性", _bgt("2350", "3100", "5.5", 2025, 2030)),
    (None, "2", None, "社会消费品零售总额", "亿元", "预期性", _bgt("980", "1250", "5", 2025, 2030)),
    (None, "2", "社会消费品零售总额", "网络零售额", "亿元", "预期性", _bgt("210", "320", "8.8", 2025, 2030)),
    (None, "3", None, "研究与试验发展经费投入强度", "%", "预期性", _bgt("2.4", "3", "〔0.6〕", 2025, 2030)),
    (None, "4", None, "耕地保有量", "万亩", "约束性", _bgt("128", "≥128", "—", 2025, 2030)),
]


@round3
def terms_cells_txt(d: Path) -> Path:
    return _text(d, "jinjiang_15th.txt", TERMS_CELLS)


# R3-16. HTML: 年均增长[累计] header, the attribute merged down (rowspan), a 备注 column with data notes,
#        targets in words (达到省考核要求, 持续改善).
@round3
def remarks_html(d: Path) -> Path:
    rows = [
        ["地区生产总值年均增长", "%", "3.1", "—", "6左右", ("预期性", 3), "按可比价格计算"],
        ["居民人均可支配收入年均增长", "%", "5.8", "—", "与经济增长同步", ""],
        ["人均预期寿命", "岁", "78.6", "79.5", "—", "2019年数据"],
        ["地表水达到或好于Ⅲ类水体比例", "%", "85.7", "达到省考核要求", "—", ("约束性", 2), ""],
        ["城市空气质量", "—", "良", "持续改善", "—", ""],
    ]
    table = _html_table(["指标", "单位", "2020年", "2025年", "年均增长[累计]", "属性", "备注"], rows)
    html = f"""<html><head><meta charset="utf-8"></head><body>
<p>梅州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要</p>
<p>第二章 主要目标</p>
<p>附表1 梅州市“十四五”时期经济社会发展主要指标</p>
{table}
<p>第三章 推动苏区振兴发展</p>
<p>坚持振兴发展不动摇。</p>
</body></html>"""
    return _text(d, "meizhou_14th.html", html)


EXPECTED3["remarks_html"] = [
    (None, None, None, "地区生产总值年均增长", "%", "预期性",
     [("base", 2020, "3.1"), ("target", 2025, "—"), ("growth", None, "6左右")]),
    (None, None, None, "居民人均可支配收入年均增长", "%", "预期性",
     [("base", 2020, "5.8"), ("target", 2025, "—"), ("growth", None, "与经济增长同步")]),
    (None, None, None, "人均预期寿命", "岁", "预期性",
     [("base", 2020, "78.6"), ("target", 2025, "79.5"), ("growth", None, "—")]),
    (None, None, None, "地表水达到或好于Ⅲ类水体比例", "%", "约束性",
     [("base", 2020, "85.7"), ("target", 2025, "达到省考核要求"), ("growth", None, "—")]),
    (None, None, None, "城市空气质量", None, "约束性",
     [("base", 2020, "良"), ("target", 2025, "持续改善"), ("growth", None, "—")]),
]


# R3-17. TSV broken by a page footer (第 15 页) between rows, a name wrapped onto the next tab row.
PAGED_TSV = (
    "清远市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n"
    "第二章 主要目标\n\n"
    "专栏1 清远市“十四五”时期主要指标\n"
    + _tsv([
        ["类别", "序号", "指标", "单位", "2020年", "2025年", "属性"],
        ["经济发展", "1", "地区生产总值", "亿元", "1777.2", "2600", "预期性"],
        ["", "2", "常住人口城镇化率", "%", "54.1", "60", "预期性"],
    ])
    + "\n第 15 页\n"
    + _tsv([
        ["民生福祉", "3", "城镇调查失业率", "%", "4.1", "<5.5", "预期性"],
        ["", "4", "劳动年龄人口平均受教育年限", "年", "10.2", "10.8", "约束性"],
    ])
    + "\n\n第三章 推进广清一体化\n\n坚持融湾融珠。\n"
)
EXPECTED3["paged_tsv_txt"] = [
    ("经济发展", "1", None, "地区生产总值", "亿元", "预期性", [("base", 2020, "1777.2"), ("target", 2025, "2600")]),
    ("经济发展", "2", None, "常住人口城镇化率", "%", "预期性", [("base", 2020, "54.1"), ("target", 2025, "60")]),
    ("民生福祉", "3", None, "城镇调查失业率", "%", "预期性", [("base", 2020, "4.1"), ("target", 2025, "<5.5")]),
    ("民生福祉", "4", None, "劳动年龄人口平均受教育年限", "年", "约束性",
     [("base", 2020, "10.2"), ("target", 2025, "10.8")]),
]


@round3
def paged_tsv_txt(d: Path) -> Path:
    return _text(d, "qingyuan_14th.txt", PAGED_TSV)
