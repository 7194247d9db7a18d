"""C-rules: what could not be checked, and rates that are ill-defined.

A report must never look clean because nothing was read: a missing narrative or missing tables is an error,
and every claim that could not be resolved is listed with its reason.
"""
