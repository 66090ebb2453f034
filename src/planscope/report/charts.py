"""Inline SVG charts drawn in Python, so the HTML works without JavaScript and WeasyPrint puts them in the PDF.

Coordinates are floats (they only place ink); every number printed on a chart is a Decimal formatted exactly.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from planscope.report.evaluation import ATTRIBUTES, STATUS_LABELS, IndicatorEvaluation, Summary, fmt_dec

FONT = "'WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif"

STATUS_COLORS: dict[str, str] = {
    "achieved": "#1b7f3b",
    "on_track": "#43a047",
    "lagging": "#f29900",
    "at_risk": "#d32f2f",
    "not_achieved": "#8e1b1b",
    "qualitative": "#5c6bc0",
    "no_data": "#9e9e9e",
}
TARGET_COLOR = "#1f5fa8"
BASE_COLOR = "#555555"


def status_color(status: str) -> str:
    return STATUS_COLORS.get(str(status), "#607d8b")


def nice_ticks(lo: Decimal, hi: Decimal, n: int = 4) -> list[Decimal]:
    """Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        pad = abs(hi) / 10 if hi else Decimal(1)
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / n
    mag = Decimal(1).scaleb(raw.adjusted())  # 10 ** floor(log10(raw))
    step = next(m * mag for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)) if m * mag >= raw)
    start = (lo / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [start]
    while ticks[-1] < hi:
        ticks.append(ticks[-1] + step)
    return [t.normalize() if t == t.to_integral_value() else t for t in ticks]


def _tick_label(t: Decimal) -> str:
    t = t.quantize(Decimal(1)) if t == t.to_integral_value() else t.normalize()
    return fmt_dec(t)


def _text(x: float, y: float, s: str, *, size: float = 10, anchor: str = "middle", fill: str = "#333",
          bold: bool = False) -> str:
    # Font family is set once on <svg>: WeasyPrint lays out every <text> with Pango, so fewer attributes help.
    extra = (f' text-anchor="{anchor}"' if anchor != "start" else "") + (' font-bold=True' if bold else "")
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}"{extra}>{escape(s)}</text>'


def _svg_open(width: int, height: int, label: str, cls: str = "chart") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="{cls}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{FONT}" role="img" aria-label="{escape(label)}">')


def indicator_chart(ind: IndicatorEvaluation, width: int = 316, height: int = 155, legend: bool = False) -> str:
    """Actual values against the annual target path, base and five-year target marked. Empty string if no numbers.

    The legend is the same for every chart, so the report prints it once (`legend_svg`); `legend=True` adds it here.
    """
    if not ind.is_numeric():
        return ""
    base = ind.base if ind.base and ind.base.value is not None and ind.base.year is not None else None
    target = ind.target if ind.target and ind.target.value is not None and ind.target.year is not None else None
    path = sorted((y, v) for y, v in ind.annual_targets.items() if v is not None)
    acts = sorted((y, a.value) for y, a in ind.actuals.items() if a.value is not None)
    if base and path and path[0][0] > base.year:
        path = [(base.year, base.value), *path]  # the path starts from the base
    points = path + acts + ([(base.year, base.value)] if base else []) + ([(target.year, target.value)] if target
                                                                          else [])
    years = [y for y, _ in points]
    values = [v for _, v in points]
    x0, x1 = min(years), max(years)
    ticks = nice_ticks(min(values), max(values))
    t0, t1 = ticks[0], ticks[-1]

    left, right, top, bottom = 44.0, 44.0, 10.0, 22.0 + (22 if legend else 0)
    pw, ph = width - left - right, height - top - bottom

    inset = 12.0  # keep the first and last markers off the axis labels

    def px(y: int) -> float:
        return left + inset + ((pw - 2 * inset) * (y - x0) / (x1 - x0) if x1 > x0 else pw / 2 - inset)

    def py(v: Decimal) -> float:
        return top + ph - float((v - t0) / (t1 - t0)) * ph if t1 > t0 else top + ph / 2

    out = [_svg_open(width, height, f"{ind.name}：实际值与年度目标")]
    for t in ticks:  # horizontal grid and y labels
        y = py(t)
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e3e3e3"/>')
        out.append(_text(left - 4, y + 3.5, _tick_label(t), size=9, anchor="end", fill="#666"))
    step = 1 if x1 - x0 <= 8 else 2
    for yr in range(x0, x1 + 1, step):
        out.append(_text(px(yr), top + ph + 14, str(yr), size=9, fill="#666"))
    out.append(f'<line x1="{left}" y1="{top + ph}" x2="{width - right}" y2="{top + ph}" stroke="#999"/>')

    if len(path) >= 2:
        pts = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in path)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{TARGET_COLOR}" stroke-width="1.5" '
                   f'stroke-dasharray="5,3"/>')
    for y, v in path:
        if not (base and y == base.year):
            out.append(f'<circle cx="{px(y):.1f}" cy="{py(v):.1f}" r="2.5" fill="#fff" stroke="{TARGET_COLOR}"/>')
    color = status_color(ind.status)
    if len(acts) >= 2:
        pts = " ".join(f"{px(y):.1f},{py(v):.1f}" for y, v in acts)
        out.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2.2"/>')
    for y, v in acts:
        out.append(f'<circle cx="{px(y):.1f}" cy="{py(v):.1f}" r="3.5" fill="{color}"/>')
    if acts:  # label the latest actual so the chart can be read without the table
        y, v = acts[-1]
        anchor = "end" if px(y) > left + pw * 0.7 else "start"
        dx = -6 if anchor == "end" else 6
        planned = dict(path).get(y)
        dy = 13 if planned is not None and v < planned else -6  # on the side away from the dashed path
        out.append(_text(px(y) + dx, py(v) + dy, fmt_dec(v), size=9, anchor=anchor, fill=color, bold=True))
    if base:
        bx, by = px(base.year), py(base.value)
        out.append(f'<rect x="{bx - 4:.1f}" y="{by - 4:.1f}" width="8" height="8" fill="{BASE_COLOR}"/>')
    if target:
        tx, ty = px(target.year), py(target.value)
        out.append(f'<polygon points="{tx:.1f},{ty - 6:.1f} {tx + 6:.1f},{ty:.1f} {tx:.1f},{ty + 6:.1f} '
                   f'{tx - 6:.1f},{ty:.1f}" fill="{TARGET_COLOR}"/>')
        # right of the diamond, in the margin kept for it, clear of the dashed path
        out.append(_text(tx + 9, ty + 3.5, fmt_dec(target.value), size=9, anchor="start", fill=TARGET_COLOR,
                         bold=True))
    if legend:
        out.append(_legend_items(left, height - 10, color))
    out.append("</svg>")
    return "".join(out)


def _legend_items(x: float, y: float, color: str) -> str:
    out = [f'<line x1="{x}" y1="{y - 3}" x2="{x + 18}" y2="{y - 3}" stroke="{color}" stroke-width="2.2"/>',
           _text(x + 22, y, "实际值", size=9, anchor="start")]
    x += 66
    out += [f'<line x1="{x}" y1="{y - 3}" x2="{x + 18}" y2="{y - 3}" stroke="{TARGET_COLOR}" stroke-width="1.5" '
            f'stroke-dasharray="5,3"/>', _text(x + 22, y, "年度目标", size=9, anchor="start")]
    x += 78
    out += [f'<rect x="{x}" y="{y - 7}" width="8" height="8" fill="{BASE_COLOR}"/>',
            _text(x + 12, y, "基期值", size=9, anchor="start")]
    x += 54
    out += [f'<polygon points="{x + 4},{y - 9} {x + 9},{y - 4} {x + 4},{y + 1} {x - 1},{y - 4}" '
            f'fill="{TARGET_COLOR}"/>',
            _text(x + 13, y, "目标值", size=9, anchor="start")]
    return "".join(out)


def legend_svg(width: int = 260) -> str:
    """The charts' shared legend (actual line in a neutral colour: its colour follows each indicator's status)."""
    return _svg_open(width, 16, "图例", "chart-legend") + _legend_items(2, 12, "#555") + "</svg>"


def summary_chart(summary: Summary, width: int = 420) -> str:
    """One bar per status, split into 约束性 (solid) and 预期性 (light) parts, with the count at the end."""
    statuses = [s for s in STATUS_LABELS if summary.by_status.get(s)] + [
        s for s in summary.by_status if s not in STATUS_LABELS and summary.by_status[s]]
    if not statuses:
        return ""
    row, label_w, top = 24, 84, 6
    height = top + row * len(statuses) + 26
    most = max(summary.by_status[s] for s in statuses)
    bar_w = width - label_w - 40
    attrs = [a for a in summary.by_attribute if a in ATTRIBUTES] + [a for a in summary.by_attribute
                                                                   if a not in ATTRIBUTES]
    opacity = {"约束性": "1", "预期性": "0.55"}
    out = [_svg_open(width, height, "各状态指标数", "chart summary-chart")]
    for k, s in enumerate(statuses):
        y = top + k * row
        out.append(_text(label_w - 8, y + 15, STATUS_LABELS.get(s, s), size=11, anchor="end"))
        x = float(label_w)
        for a in attrs:
            n = summary.by_attribute[a].get(s, 0)
            if not n:
                continue
            w = bar_w * n / most
            out.append(f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" fill="{status_color(s)}" '
                       f'fill-opacity="{opacity.get(a, "0.3")}" stroke="#fff" stroke-width="0.5"/>')
            x += w
        out.append(_text(x + 5, y + 15, str(summary.by_status[s]), size=11, anchor="start", bold=True))
    ly = height - 8
    lx = float(label_w)
    for a in attrs:
        out.append(f'<rect x="{lx:.1f}" y="{ly - 9}" width="10" height="10" fill="#555" '
                   f'fill-opacity="{opacity.get(a, "0.3")}"/>')
        out.append(_text(lx + 14, ly, a, size=10, anchor="start"))
        lx += 70
    out.append("</svg>")
    return "".join(out)
