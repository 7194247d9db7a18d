"""The rules, one module per rule: ``rules/<family>/<ID>.py`` (the folder is the family; see
:mod:`juesuan.checks.registry`)."""
