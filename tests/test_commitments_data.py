"""A small plan written for the commitments tests (not a corpus file)."""

from __future__ import annotations

from planscope.ingest import SourceText

SMALL_PLAN = """某某区国民经济和社会发展第十四个五年规划纲要
第一章 指导思想
坚持新发展理念，推动高质量发展。
第二章 建设现代化基础设施
第一节 完善交通网络
一、加快道路建设
到2025年，新建道路10个以上，建成幸福路和光明大道。
二、推进东湖镇污水处理
在东湖镇建设污水处理厂，2024年开工。
专栏1 重大交通项目
城市道路
幸福路（东湖镇—西山镇）工程、光明大道二期工程。
第二节 提升公共服务
推进区人民医院新院建设，新增床位500张。
"""


def small_source(text: str) -> SourceText:
    lines = text.splitlines()
    return SourceText("small.txt", "txt", "utf-8", "simplified", list(lines), list(lines))
