"""tables: recognise each standard table by its title and parse it into exact rows (see ``model``)."""

from .model import Row, Table

__all__ = ["Row", "Table"]
