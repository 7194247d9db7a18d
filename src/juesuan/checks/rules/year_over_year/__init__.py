"""Year over year: the narrative's 增加/减少/持平 and 增长/下降 claims against last year's document.

A 决算 document states its changes against the previous year (与上年度相比，…减少 8.11 万元，下降 2.27%) but
does not print the previous year's figures, so a direction word flipped *together with* its rate word
(增加→减少 and 增长→下降) leaves the sentence self-consistent. Only last year's 决算 of the same department
can refute it: this rule reads the cell the claim refers to in both documents and compares the stated
direction, change and rate with this year − last year.

The previous document comes from ``--previous FILE`` or, in a batch, from the pairing
:func:`pair_documents` (same department name, consecutive years). The rule runs only when one is given
(``check_document(…, previous=…)``); the two documents must name the same department and consecutive years,
otherwise
one warning says so and nothing is compared.
"""
