"""The parsed tables: exact amounts, 科目 hierarchy, unit, and where each row came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ..patterns import load

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Row:
    """One row of a table.

    ``code`` is the full 科目编码 ("2010301"; "" for total or label rows), ``name`` its printed name
    (multi-line cells joined with no space). ``values`` maps canonical column → Decimal, or None for a
    blank cell. ``side`` is "收入"/"支出" in two-sided tables; ``group`` the column group of an 经济分类
    row ("人员经费"/"公用经费", or the printed group index). ``partial`` marks a text row whose blank
    cells vanished, so only its first value could be placed (its printed figures are in
    ``extra["figures"]``; :mod:`juesuan.tables.place` places them by the table's identities where they decide,
    then ``extra["placed"] == "identity"``). ``text`` is the row as printed.
    """

    code: str
    name: str
    values: dict[str, Decimal | None]
    line: int
    page: int | None = None
    side: str | None = None
    group: str | None = None
    partial: bool = False
    text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # placement by identity (tables/place.py): figures, placed, …

    @property
    def level(self) -> str | None:
        """类 / 款 / 项 for 3/5/7-digit 功能分类 codes (经济分类: 3/5 digits = 类/款)."""
        return {3: "类", 5: "款", 7: "项"}.get(len(self.code)) if self.code.isdigit() else None

    @property
    def lei(self) -> str:
        return self.code[:3] if self.code.isdigit() else ""

    @property
    def kuan(self) -> str:
        return self.code[3:5] if self.code.isdigit() and len(self.code) >= 5 else ""

    @property
    def xiang(self) -> str:
        return self.code[5:7] if self.code.isdigit() and len(self.code) >= 7 else ""

    def get(self, column: str) -> Decimal | None:
        return self.values.get(column)

    @property
    def is_total(self) -> bool:
        n = self.name.replace(" ", "")
        return not self.code and (n in ("合计", "总计") or n.endswith(("合计", "总计")))

    def bounds(self, column: str) -> tuple[Decimal, Decimal] | None:
        """(least, greatest) value of a cell over the satisfying placements of an ambiguous row (blank = 0;
        :mod:`juesuan.tables.place` keeps them in ``extra["placements"]``), or None."""
        vals = self.options(column)
        return (vals[0], vals[-1]) if vals else None

    def options(self, column: str) -> list[Decimal]:
        """The values a cell takes over the satisfying placements of an ambiguous row (blank = 0), least first; empty
        when they are not known. Only placements satisfying every identity of the table count: when the table as a
        whole has none (``extra["own_placements"]``, by the row's own identities), a row may be garbled (a 合计 row
        whose figures ran into the header words: "合计 0 2002.80 合计 基本支出 项目支出 0") and its placements say
        nothing."""
        cands = self.extra.get("placements") if self.extra else None
        return sorted({c.get(column) or Decimal(0) for c in cands}) if cands else []


@dataclass
class Table:
    """A recognised standard table.

    ``kind`` is the canonical id from ``patterns/tables.toml`` ("income", "sangong", …); ``title`` and
    ``number`` as printed ("公开05表", "表七", or None). Amounts are in ``unit`` ("万元" or "元") exactly as
    printed; :meth:`in_wan` converts. ``empty`` is True when the table has no data rows (its ``note``
    says why, e.g. "本表无数据").
    """

    kind: str
    name: str
    title: str
    number: str | None
    unit: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    line: int = 0
    page: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any(v not in (None, Decimal(0)) for r in self.rows for v in r.values.values())

    @property
    def label(self) -> str:
        if not self.number or self.title.replace(" ", "").startswith(self.number.replace(" ", "")):
            return self.title  # "公开08表：一般公共预算基本支出预算表" already says its number
        return f"{self.number} {self.title}"

    def in_wan(self, value: Decimal | None) -> Decimal | None:
        """A cell value in 万元 (tables in 元 are divided by 10 000, exactly)."""
        if value is None:
            return None
        return value / Decimal(10000) if self.unit == "元" else value

    def _lookup(self) -> tuple[dict[str, list[Row]], dict[str, list[Row]]]:
        """Rows indexed once by code and by squashed name (first row first), rebuilt when rows were added:
        a claim's lookup is then a dict access, not a scan of the table (linear work per document)."""
        key = (len(self.rows), id(self.rows[-1]) if self.rows else 0)
        cached = self.extra.get("_lookup")
        if cached is None or cached[0] != key:
            by_code: dict[str, list[Row]] = {}
            by_name: dict[str, list[Row]] = {}
            for r in self.rows:
                by_code.setdefault(r.code, []).append(r)
                by_name.setdefault(r.name.replace(" ", ""), []).append(r)
            cached = (key, by_code, by_name)
            self.extra["_lookup"] = cached
        return cached[1], cached[2]

    def find(self, code: str | None = None, name: str | None = None, side: str | None = None) -> Row | None:
        """The first row with this code, or whose name equals (then contains) ``name``."""
        by_code, by_name = self._lookup()
        if code:
            return next((r for r in by_code.get(code, ()) if side is None or r.side == side), None)
        if name:
            key = name.replace(" ", "")
            hit = next((r for r in by_name.get(key, ()) if side is None or r.side == side), None)
            if hit is not None:
                return hit
            for r in self.rows:
                if (side is None or r.side == side) and key in r.name.replace(" ", ""):
                    return r
        return None

    def total_row(self, side: str | None = None) -> Row | None:
        for r in self.rows:
            if (side is None or r.side == side) and r.is_total and "总计" not in r.name:
                return r
        return None

    def to_frame(self) -> pd.DataFrame:
        """A pandas DataFrame: code, 类, 款, 项, name, (side, group), one column per value, Decimal cells."""
        import pandas as pd  # deferred: pandas costs ~0.2 s of start-up that `check` does not need

        records: list[dict[str, object]] = []
        for r in self.rows:
            rec: dict[str, object] = {"code": r.code, "类": r.lei, "款": r.kuan, "项": r.xiang, "name": r.name}
            if any(x.side for x in self.rows):
                rec["side"] = r.side
            if any(x.group for x in self.rows):
                rec["group"] = r.group
            for c in self.columns:
                rec[c] = r.values.get(c)
            if any(x.partial or x.extra.get("placed") for x in self.rows):
                # "identity": figures placed by the table's identities (tables/place.py); "partial": not placed
                rec["placed"] = r.extra.get("placed") or ("partial" if r.partial else None)
            rec["line"] = r.line
            rec["page"] = r.page
            records.append(rec)
        return pd.DataFrame.from_records(records)


def econ_group(code: str, name: str) -> str | None:
    """人员经费 or 公用经费 for an 经济分类 row: by code (``patterns/econ.toml``), or by a summary row's name."""
    if code:
        return "人员经费" if code.startswith(tuple(load("econ")["personnel_prefixes"])) else "公用经费"
    return "人员经费" if "人员" in name else "公用经费" if "公用" in name else None
