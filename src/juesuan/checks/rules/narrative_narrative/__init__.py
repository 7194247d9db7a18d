"""X-rules: the narrative against itself — restated figures, counts and their parts, implied previous-year
values, reasons against the variance they explain, statements and their negation, year and department."""
