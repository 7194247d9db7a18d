"""Document coherence: the department's name and the year agree on the cover, in the 目录, in every part
heading, table title and table header and in the narrative; the 目录's tables exist, and its parts, sections and
tables are printed in the body as it lists them (X025); a table the document declares blank is not given figures by
the narrative.

The rules read the document facts of :mod:`juesuan.claims.mentions` (mentions with their spans, 目录 entries and
their pairing with the body's headings, blank-table notes), never raw text.
"""
