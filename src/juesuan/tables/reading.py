"""The tables as the rules read them: a pipeline step after the tables are attached (issue 20).

:func:`read_tables` diagnoses every table of a document (:mod:`.reliability`) and returns its
:class:`Readings`: the tables as printed, those the tool could not read reliably (their diagnosis), and those
read after a complete repair (their diagnosis and the repaired table, which the rules check in place of the
printed one). :func:`attach_readings` stores it as ``Document.readings`` (``pipeline.build_document`` does);
the check engine takes the stored readings when they are of the document's current tables
(:func:`readings_of`), otherwise reads them itself without storing them. The step always runs, whatever rules are
enabled: disabling one rule (T010) changes nothing another rule sees, and checking never changes the document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .model import Table
from .reliability import Diagnosis, diagnose_tables

if TYPE_CHECKING:  # pragma: no cover
    from .place import Outcome as Placement


@dataclass(frozen=True)
class Readings:
    """How each table of a document is read: ``printed`` (the tables as parsed, in order), ``unreliable``
    (label → diagnosis of a table not read reliably: no rule may rest a verdict on it), ``repaired`` (label →
    diagnosis of a table read after a complete repair; ``diagnosis.repaired`` is that reading) and ``as_read``
    (the printed tables with each repaired one replaced by its repaired reading, in order)."""

    printed: tuple[Table, ...]
    unreliable: Mapping[str, Diagnosis]
    repaired: Mapping[str, Diagnosis]
    as_read: tuple[Table, ...]
    figures: int = 0  # a digest of the printed tables' rows and figures when read (see :meth:`of`)

    def table(self, kind: str) -> Table | None:
        """The first table of ``kind`` as read (repaired if it was; unreliable ones included)."""
        return next((t for t in self.as_read if t.kind == kind), None)

    def placement(self, table: Table) -> Placement:
        """The placements of ``table``'s partial rows (:mod:`.place`): the parser's, else analysed now (a table
        built without the parser)."""
        from .place import analyse

        return table.extra.get("placement") or analyse(table)

    def of(self, tables: list[Any]) -> bool:
        """Whether these readings are of exactly these tables (the same objects, in order) with the same rows and
        figures as when they were read (a caller that changes a table in place, as tests do, gets a new reading)."""
        return (len(tables) == len(self.printed) and all(a is b for a, b in zip(tables, self.printed))
                and _figures(tables) == self.figures)


def _figures(tables: list[Table]) -> int:
    return hash(tuple((t.kind, t.unit, tuple(t.columns),
                       tuple((r.code, r.name, r.side, r.partial, tuple(r.values.items())) for r in t.rows))
                      for t in tables))


def as_printed(tables: list[Table]) -> Readings:
    """Readings that trust ``tables`` as printed: no diagnosis, nothing unreliable, nothing repaired."""
    return Readings(printed=tuple(tables), unreliable=MappingProxyType({}), repaired=MappingProxyType({}),
                    as_read=tuple(tables), figures=_figures(tables))


def read_tables(tables: list[Table]) -> Readings:
    """Diagnose ``tables`` (a document's tables, in order) and read them (see the module docstring)."""
    unreliable, repaired = diagnose_tables(tables)
    fixed = {label: d.repaired for label, d in repaired.items() if d.repaired is not None}
    return Readings(printed=tuple(tables), unreliable=MappingProxyType(unreliable),
                    repaired=MappingProxyType(repaired), as_read=tuple(fixed.get(t.label, t) for t in tables),
                    figures=_figures(tables))


def attach_readings(doc: Any) -> Any:
    """Set ``doc.readings`` from its tables (the pipeline step after :func:`juesuan.tables.build.attach_tables`)."""
    doc.readings = read_tables(doc.tables)
    return doc


def readings_of(doc: Any) -> Readings:
    """The readings of ``doc``'s current tables: the stored ones when they are of these tables, else read now
    (and not stored: the caller may not change the document)."""
    r = getattr(doc, "readings", None)
    if isinstance(r, Readings) and r.of(doc.tables):
        return r
    return read_tables(doc.tables)


__all__ = ["Readings", "as_printed", "attach_readings", "read_tables", "readings_of"]
