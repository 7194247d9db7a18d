"""Slips a reviewer corrects before publication: fused opposite words, doubled punctuation, a rate without its %,
template residue, and 科目 names that differ from the tables' name for the same 科目. Each finding proposes the
correction in ``expected``.

The rules read the slip facts of :mod:`juesuan.claims.mentions` (vocabulary: ``patterns/slips.toml``) and the
parsed tables, never raw text.
"""
