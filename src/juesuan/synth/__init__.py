"""Synthetic, labelled 部门决算 documents (河南 公开01–09表 style and 上海 表一–表九 style; the 四川 13-table and
云南 11-table sets: render_regional.py) and 部门预算 documents (上海 district family, tables in 元; 江苏 provincial
family, 公开01–12表: budget_model.py, render_budget*.py, errors_budget.py). ``write_corpus(kind=...)``: final (the
决算 corpus of before, byte for byte), budget, mixed.

Half of the 上海 text documents take the 上海 2025 page-text layout: names longer than their column wrap
around the code line (head above, tail below), the 基本支出 table prints 类 | 款 apart or 5-digit codes and
drops blank cells (labels: options.wrapped_names / options.econ_split).

    from juesuan.synth import draw_department, generate, write_corpus
    g = generate(7, "shanghai", "pdf")      # GeneratedDoc(content=bytes, labels=dict)
    write_corpus("out/", 200)               # or: python -m juesuan.synth out/ --n 200
"""
from .corpus import FORMATS, STYLES, GeneratedDoc, generate, write_corpus
from .errors import GROUPS, KINDS
from .model import Department, Project, Sangong, Xiang, draw_department

__all__ = ["FORMATS", "GROUPS", "KINDS", "STYLES", "Department", "GeneratedDoc", "Project", "Sangong", "Xiang",
           "draw_department", "generate", "write_corpus"]
