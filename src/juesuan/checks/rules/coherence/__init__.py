"""Document coherence: the department's name and the year agree on the cover, in the 目录, in every part
heading, table title and table header and in the narrative; the 目录's tables exist; a table the document
declares blank is not given figures by the narrative.

The rules read the document facts of :mod:`juesuan.claims.mentions` (mentions with their spans, 目录 entries,
blank-table notes), never raw text.
"""
