"""Claims: every assertion of the narrative (第三部分, the 绩效 report, 第一部分's counts), as data.

``extract_claims(doc)`` → list of :class:`~juesuan.claims.model.Claim` in document order, each with its
kind, subject, values, basis, direction, exact source span and table reference (see extract.py and
subjects.py; the patterns live in patterns/claims.toml, subjects.toml and reasons.toml).
"""

from .extract import extract_claims, extract_sentence, extract_text
from .model import KINDS, BaseRef, Claim, Span, TableRef, Value

__all__ = ["KINDS", "BaseRef", "Claim", "Span", "TableRef", "Value", "extract_claims", "extract_sentence", "extract_text"]
