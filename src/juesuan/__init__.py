"""juesuan — audit Chinese government final-accounts disclosures (部门决算公开).

Pipeline: ingest → document → tables / claims → checks → report. See DESIGN.md.
"""

__version__ = "0.1.0"
