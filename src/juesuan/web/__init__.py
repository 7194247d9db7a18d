"""``juesuan serve``: the reviewer's workbench, a local web app (app layer).

One command, no other service: an ASGI app (Starlette, :mod:`.app`) served by uvicorn, an SQLite store and the
uploaded files in one data folder (:mod:`.store`; default: the user's data folder from platformdirs), the checks
in a pool of worker processes (:mod:`.work`) that reuse the pipeline, the rules and the report renderers.
Uploads are checked for size and kind before they are stored (:mod:`.uploads`); the 问题清单 workbook and the
审核意见书 are built from the stored report and the reviews (:mod:`.exports`). Pages and static files are in
``static/``.

Why Starlette + uvicorn: a small, well-kept ASGI toolkit (routing, multipart forms via python-multipart,
file responses) with no ORM, template engine or validation layer we would not use; uvicorn is its reference
server and needs nothing else running. FastAPI would add pydantic for a six-route JSON API.
"""

from __future__ import annotations

import os
from pathlib import Path

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def _port_free(host: str, port: int) -> None:
    """A port already taken (or a host not of this machine) is one line and exit 2, before anything starts."""
    import socket

    from ..errors import ConfigError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise ConfigError(f"--host {host}: 无法解析的地址") from None
    family, _, _, _, addr = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError as exc:
            raise ConfigError(f"{host}:{port} 无法使用（{exc.strerror or exc}）：端口已被占用，或该地址不属于本机；"
                              "用 --port 换一个端口") from None


def serve(host: str = "127.0.0.1", port: int = 8765, data: Path | None = None, jobs: int | None = None,
          config: Path | None = None) -> None:
    """Run the workbench until interrupted (Ctrl+C)."""
    import sqlite3

    import uvicorn

    from ..config import load
    from ..errors import ConfigError
    from .app import build_app
    from .store import Store
    from .work import Pool, data_dir

    _port_free(host, port)
    settings = load(config)  # the one config loader: its rules, limits and PDF engine, as for `juesuan check`
    limits = settings.limits
    folder = data_dir(data)
    try:
        store = Store(folder)
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(f"--data {folder}: 无法作为数据目录使用（{getattr(exc, 'strerror', None) or exc}）") from None
    pool = Pool(store, jobs or max(1, min(os.cpu_count() or 1, 4)), settings)
    hosts = None if host in ("0.0.0.0", "::") else LOCAL_HOSTS | {host}
    app = build_app(store, pool, limits, hosts)
    resumed = pool.resume()
    shown = f"[{host}]" if ":" in host else host
    print(f"juesuan 审核工作台：http://{shown}:{port}/ （数据目录 {folder}"
          + (f"；继续审核上次未完成的 {resumed} 份文档" if resumed else "") + "；按 Ctrl+C 退出）", flush=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        pool.shutdown()
        store.close()
