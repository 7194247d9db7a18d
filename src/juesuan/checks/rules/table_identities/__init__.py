"""T-rules: the arithmetic identities the tables must satisfy, inside one table and across tables.

Every comparison is a sum of displayed figures against a displayed total. Each figure printed with d
decimals stands for ±0.5·10^-d, so Σ of n terms may differ from the printed total by up to (n+1)·half-ulp:
within that the difference is rounding (尾差) and is reported once per table at ``info``; beyond it is an
error. Rows whose cells could not all be placed (``partial``) are skipped.
"""
