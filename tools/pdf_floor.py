"""The pdfplumber floor of a PDF: open it, extract every page's text and tables, nothing else (issue 21).

`juesuan check` with the pdfplumber engine can never be faster than this (it parses the same pages with the
same library); the benchmark states check's time over it, paired run by run (tools/engine_bench.py).

    python tools/pdf_floor.py FILE.pdf
"""

from __future__ import annotations

import sys


def floor(path: str) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_text() or "")
            n += len(page.extract_tables())
            page.flush_cache()
    return n


if __name__ == "__main__":
    print(floor(sys.argv[1]))
