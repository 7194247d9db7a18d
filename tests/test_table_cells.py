"""One parser per table shape, fed by the common cell grid (tables/cells.py) from both paths (issue 13)."""

from __future__ import annotations

import importlib
from decimal import Decimal

from juesuan.catalogue import specs
from juesuan.ingest.model import Line
from juesuan.tables.cells import CellGrid, CellRow, text_row
from juesuan.tables.model import Table
from juesuan.tables.sangong import parse as parse_sangong

SHAPES = ("coded", "two_sided", "econ", "sangong", "projects")
ITEMS = ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]
# 预算数 then 决算数 per item; 合计 = 出国 + 车 + 接待, 车 = 购置 + 运行: 12.15 = 1.17 + 8.67 + 2.31 …
BUDGET = ["12.15", "1.17", "8.67", "0.00", "8.67", "2.31"]
ACTUAL = ["10.98", "1.17", "7.50", "0.00", "7.50", "2.31"]


def test_every_shape_has_one_parser():
    for name in SHAPES:
        mod = importlib.import_module(f"juesuan.tables.{name}")
        assert callable(mod.parse)
        assert not hasattr(mod, "from_lines") and not hasattr(mod, "from_grid"), name


def _table() -> tuple:
    spec = next(s for s in specs() if s.shape == "sangong")
    return spec, Table(kind=spec.id, name=spec.name, title=spec.name, number=None, unit="万元", columns=[], line=1, page=1)


def test_sangong_reads_the_same_cells_alike_from_text_and_pdf():
    figures = BUDGET + ACTUAL
    spec, from_text = _table()
    text = CellGrid(header="预算数决算数", body=[text_row(Line(" ".join(figures), 1, 9))])
    parse_sangong(spec, from_text, text)
    spec, from_pdf = _table()
    parts = [["预算数", it] for it in ITEMS] + [["决算数", it] for it in ITEMS]
    pdf = CellGrid(header="", parts=parts, by_column=True, body=[CellRow(list(figures), list(figures), 9, 1, text="…")])
    parse_sangong(spec, from_pdf, pdf)
    (a,), (b,) = from_text.rows, from_pdf.rows
    assert a.values == b.values and not a.partial and not b.partial
    assert a.values["决算数|公务用车运行维护费"] == Decimal("7.50")


def test_sangong_text_row_with_vanished_blanks_is_partial_with_its_figures():
    # 上海 style: the 0.00 cells print nothing, 10 figures for 12 columns
    figures = [f for f in BUDGET + ACTUAL if f != "0.00"]
    spec, table = _table()
    parse_sangong(spec, table, CellGrid(header="预算数决算数", body=[text_row(Line(" ".join(figures), 1, 9))]))
    (row,) = table.rows
    assert row.partial and row.extra["figures"] == figures
    assert row.extra["order"] == [f"{k}|{it}" for k in ("预算数", "决算数") for it in ITEMS]
    assert all(v is None for v in row.values.values())
