"""Configuration discovery, like the ecosystem's linters (ruff, black): the first of ``juesuan.toml`` or a
``pyproject.toml`` with a ``[tool.juesuan]`` table, from the working directory upward; ``--config FILE``
overrides (either kind of file). The settings::

    [rules]
    disable = ["X006", "narrative_narrative", "C"]   # rule ids, families or letters (`juesuan rules`)
    severity = { N008 = "error" }                    # error | warning | info
    [report]
    lang = "zh"                                      # zh | en
    [check]
    fail_on = "error"                                # error | warning | never
    jobs = 2                                         # worker processes for many documents
    [pdf]
    engine = "pdfium"                                # pdfium (default) | pdfplumber: the PDF reader

(in ``pyproject.toml`` the same tables under ``[tool.juesuan]``: ``[tool.juesuan.rules]`` …). Unknown keys,
unknown rule ids and bad values raise :class:`juesuan.errors.ConfigError` (one line; the CLI exits 2).

:func:`load` is the one loader: the CLI (every command), the API (``juesuan.check(path, config=…)``), the batch
workers (they receive the :class:`Settings` of the run), ``juesuan eval`` and the workbench (``juesuan serve``)
all take their rules, severities, limits, PDF engine, language and fail level from the :class:`Settings` it
returns, so that one config gives the same findings wherever it is used.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ConfigError
from .i18n import Msg
from .ingest.limits import Limits, limits_from

if TYPE_CHECKING:  # pragma: no cover
    from .checks import Config

KNOWN = {"rules": {"disable", "severity"}, "report": {"lang"}, "check": {"fail_on", "jobs"}, "pdf": {"engine"},
         "limits": None}  # [limits]: checked by juesuan.ingest.limits.limits_from


def discover(start: Path | None = None) -> Path | None:
    """The configuration file that applies in ``start`` (default: the working directory), or None."""
    d = (start or Path.cwd()).resolve()
    for folder in (d, *d.parents):
        j = folder / "juesuan.toml"
        if j.is_file():
            return j
        p = folder / "pyproject.toml"
        if p.is_file():
            try:
                with open(p, "rb") as fh:
                    if "juesuan" in tomllib.load(fh).get("tool", {}):
                        return p
            except (OSError, tomllib.TOMLDecodeError):
                continue  # someone else's broken pyproject is not ours to report
    return None


def read(path: str | Path) -> dict:
    """The juesuan settings of a config file, validated (keys, rule ids, severities, values)."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(Msg("err.config_missing", path=path)) from None
    except IsADirectoryError:
        raise ConfigError(Msg("err.config_is_dir", path=path)) from None
    except OSError as exc:
        raise ConfigError(Msg("err.config_unreadable", path=path, error=exc.strerror or exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(Msg("err.config_not_toml", path=path, error=str(exc).splitlines()[0])) from None
    except UnicodeDecodeError:
        raise ConfigError(Msg("err.config_not_utf8", path=path)) from None
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("juesuan", {})
        where = "[tool.juesuan]"
    else:
        where = ""
    validate(data, Msg("err.config_where", path=path, where=f" {where}" if where else ""))
    return data


def selectors() -> set[str]:
    """What ``disable`` accepts: rule ids, families (the folders of checks/rules/) and rule letters."""
    from .checks.registry import all_rules

    rules = all_rules()
    return {r.id for r in rules} | {r.family for r in rules} | {r.id[:1] for r in rules}


def validate(data: dict, where: str | Msg = "config") -> None:
    from .checks.base import SEVERITIES
    from .checks.registry import all_rules

    for key, val in data.items():
        if key not in KNOWN:
            raise ConfigError(Msg("err.config_unknown_key", where=where, item=repr(key), known=", ".join(KNOWN)))
        if not isinstance(val, dict):
            raise ConfigError(Msg("err.config_not_table", where=where, item=key))
        allowed = KNOWN[key]
        for sub in val:
            if allowed is not None and sub not in allowed:
                raise ConfigError(Msg("err.config_unknown_key", where=where, item=f"{key}.{sub}", known=", ".join(sorted(allowed))))
    rules = data.get("rules", {})
    ids = {r.id for r in all_rules()}
    known = selectors()
    dis = rules.get("disable", [])
    if not isinstance(dis, list) or not all(isinstance(x, str) for x in dis):
        raise ConfigError(Msg("err.config_disable_list", where=where))
    bad = [x for x in dis if x not in known]
    if bad:
        raise ConfigError(Msg("err.config_disable_unknown", where=where, ids=", ".join(bad)))
    sev = rules.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(Msg("err.config_severity_table", where=where))
    for k, v in sev.items():
        if k not in ids:
            raise ConfigError(Msg("err.config_severity_rule", where=where, id=k))
        if not isinstance(v, str):
            raise ConfigError(Msg("err.config_severity_type", where=where, id=k, known=", ".join(SEVERITIES), value=repr(v)))
        if v not in SEVERITIES:
            raise ConfigError(Msg("err.config_severity_unknown", where=where, id=k, known=", ".join(SEVERITIES), value=repr(v)))
    lang = data.get("report", {}).get("lang")
    if lang is not None and lang not in ("zh", "en"):
        raise ConfigError(Msg("err.config_lang", where=where, value=repr(lang)))
    engine = data.get("pdf", {}).get("engine")
    if engine is not None and engine not in ("pdfium", "pdfplumber"):
        raise ConfigError(Msg("err.config_engine", where=where, value=repr(engine)))
    chk = data.get("check", {})
    if "fail_on" in chk and chk["fail_on"] not in ("error", "warning", "never"):
        raise ConfigError(Msg("err.config_fail_on", where=where, value=repr(chk["fail_on"])))
    if "jobs" in chk and (not isinstance(chk["jobs"], int) or isinstance(chk["jobs"], bool) or chk["jobs"] < 1):
        raise ConfigError(Msg("err.config_jobs", where=where, value=repr(chk["jobs"])))


def resolve(explicit: str | Path | None, start: Path | None = None) -> tuple[Path | None, dict]:
    """(the config file used, its settings): ``explicit`` if given, else the discovered one, else none."""
    path = Path(explicit) if explicit is not None else discover(start)
    if path is None:
        return None, {}
    return path, read(path)


def to_config(data: dict, disable: list[str] | None = None):
    """A :class:`juesuan.checks.Config` from validated settings plus ``--disable`` values (validated too)."""
    from .checks import Config

    cfg = Config()
    rules = data.get("rules", {})
    cfg.disable.update(rules.get("disable", []))
    cfg.severity.update(rules.get("severity", {}))
    known = selectors()
    for d in disable or []:
        for x in (y.strip() for y in d.split(",")):
            if not x:
                continue
            if x not in known:
                raise ConfigError(Msg("err.disable_unknown", id=x))
            cfg.disable.add(x)
    return cfg


def _rules_config() -> Config:
    from .checks import Config

    return Config()


@dataclass(frozen=True)
class Settings:
    """What a run takes from its config file and the options given beside it (see :func:`load`)."""

    path: Path | None = None  # the config file read (None: none)
    rules: Config = field(default_factory=_rules_config)  # the rules turned off and the severities changed
    limits: Limits = field(default_factory=Limits)  # [limits]
    engine: str | None = None  # [pdf] engine (None: the default, PDFium)
    lang: str | None = None  # [report] lang (None: the caller's default)
    fail_on: str = "error"  # [check] fail_on
    jobs: int | None = None  # [check] jobs (None: the caller's default)


def load(config: str | Path | None = None, *, disable: Iterable[str] = (), severity: dict[str, str] | None = None,
         discover: bool = False, start: Path | None = None) -> Settings:
    """The settings of a run: the file ``config`` (a juesuan.toml, or a pyproject.toml whose ``[tool.juesuan]``
    is read), else — with ``discover`` — the file that applies in ``start`` (default: the working directory),
    else the defaults; plus ``disable`` (rule ids, families or letters; comma-separated values allowed) and
    ``severity`` ({rule id: severity}) given beside it. Every bad value raises :class:`ConfigError`."""
    path, data = resolve(config, start) if (config is not None or discover) else (None, {})
    rules = to_config(data, list(disable))
    if severity:
        validate({"rules": {"severity": dict(severity)}}, "severity")
        rules.severity.update(severity)
    chk = data.get("check", {})
    return Settings(path=path, rules=rules, limits=limits_from(data, path), engine=data.get("pdf", {}).get("engine"),
                    lang=data.get("report", {}).get("lang"), fail_on=chk.get("fail_on", "error"), jobs=chk.get("jobs"))

