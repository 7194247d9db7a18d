"""T010: a table the tool could not read reliably — a warning about the tool, never an error about the document.

The diagnosis is :mod:`juesuan.tables.reliability`, read for every document by :mod:`juesuan.tables.reading`; the
engine (:func:`juesuan.checks.check_document`) does the
rest generally. An unreliable table is refused to the rules (``Context.table`` / ``Context.cell`` return nothing
for it); a finding whose evidence or location is the table is not reported — T-findings are folded into this one
warning — and claims that refer to it and that nothing else decided become unverifiable with the reason
"表…未能可靠读取" (a share recomputed from two stated figures keeps its verdict). A table for which a complete,
plausible and unique repair exists (:func:`juesuan.tables.reliability.adopted_repair`) is checked as so read: one
warning here naming the repair, and every finding drawn from it is at most a warning that names the repair
(:func:`through_repair`). The diagnosis is a pipeline step (:mod:`juesuan.tables.reading`), run whatever rules
are enabled: disabling T010 (``--disable T010``) drops this warning only, and every other rule sees the same
tables.
"""
