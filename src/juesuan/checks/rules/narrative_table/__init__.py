"""N-rules: every figure of the narrative against the tables.

Amounts are compared in 万元 over rounding intervals (a stated 449.76 is [449.755, 449.765]; a table cell
likewise, at the table's printed precision); shares, growth rates and completion rates are recomputed
from the rounded inputs as intervals and must overlap the stated percentage's interval.
"""
