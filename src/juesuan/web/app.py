"""The Starlette application: three pages (上传, 文档列表, one document under review) and the JSON API they use.

API::

    POST  /api/documents                 multipart: file (a PDF, .docx or text), optional with (its tables) → {id}
    GET   /api/documents                 every document: name, department, year, kind, counts, status
    GET   /api/documents/{id}            {id, status: queued|running|done|failed, report, previous, fixed, …};
                                         report is the `check --format json` report, each finding with
                                         id, status, note (and status_label, reviewer, updated, carried)
    PATCH /api/findings/{id}             {status, note[, reviewer]} → the finding's review
    GET   /api/documents/{id}/report.xlsx    问题清单 with statuses and notes
    GET   /api/documents/{id}/opinion.docx   审核意见书

The pages are static shells (``static/``) whose script reads the same API and builds every text with
``textContent``: nothing a user typed or uploaded is ever written into HTML markup. The stored HTML report is
served to its frame under a Content-Security-Policy that allows no network access.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Route

from ..i18n import messages
from ..ingest.limits import Limits
from . import exports
from .store import BY_LABEL, STATUSES, Store, review_dict
from .uploads import UploadError, display_name, request_cap, sniff, store_file, too_large_request
from .work import Pool

STATIC = Path(__file__).parent / "static"
M = messages("zh")
MAX_NOTE = 5000
MAX_REVIEWER = 100
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
REPORT_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
              "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")


def error(key: str, code: int = 400, **kw: Any) -> JSONResponse:
    return JSONResponse({"error": M(key, **kw)}, status_code=code)


class Guard:
    """ASGI middleware: only this machine's host names (no DNS rebinding), no write from another site's page,
    and the security headers on every answer."""

    def __init__(self, app, hosts: set[str] | None) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.hosts is not None and urlsplit(f"//{host}").hostname not in self.hosts:
            await error("web.bad_host", 400, host=host[:100])(scope, receive, send)
            return
        origin = headers.get("origin")
        if scope["method"] not in ("GET", "HEAD") and origin and urlsplit(origin).netloc != host:
            await error("web.cross_site", 403)(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer")]
                if not any(k.lower() == b"content-security-policy" for k, _ in message.get("headers", [])):
                    extra.append((b"content-security-policy", PAGE_CSP.encode()))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _page(name: str):
    async def page(request: Request) -> Response:
        return FileResponse(STATIC / name, media_type="text/html; charset=utf-8")
    return page


async def static(request: Request) -> Response:
    name = request.path_params["name"]
    files = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
    if name not in files:  # a fixed list: never a path from the request
        return error("web.not_found", 404)
    return FileResponse(STATIC / name, media_type=files[name])


def _int(request: Request, key: str) -> int | None:
    try:
        return int(request.path_params[key])
    except (KeyError, ValueError):
        return None


def _state(request: Request) -> tuple[Store, Pool | None, Limits]:
    st = request.app.state
    return st.store, st.pool, st.limits


async def upload(request: Request) -> Response:
    store, pool, limits = _state(request)
    try:
        form = await _form(request, limits)
    except UploadError as exc:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    try:
        files = await _read_parts(form, limits)
    except UploadError as exc:
        return JSONResponse({"error": str(exc)}, status_code=exc.status)
    finally:
        await form.close()
    if "file" not in files:
        return error("web.no_file", 400)
    names = {k: (name, store_file(store.files, data, suffix)) for k, (name, data, suffix) in files.items()}
    main, tables = names["file"], names.get("with", (None, None))
    doc_id = store.add(main[0], main[1], tables[0], tables[1])
    if pool is not None:
        pool.submit(doc_id)
    return JSONResponse({"id": doc_id, "status": "queued"}, status_code=201)


async def _form(request: Request, limits: Limits):
    """The multipart form, its size bounded whether the body declares its length or not; UploadError else."""
    cap = request_cap(limits)
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > cap:
        if int(length) <= 2 * cap:  # read what is being sent, so that the client reads the answer (no reset)
            async for _ in request.stream():
                pass
        raise too_large_request(int(length), limits)
    seen = 0

    async def receive():  # a body without Content-Length (chunked) is bounded too
        nonlocal seen
        message = await request.receive()
        seen += len(message.get("body", b""))
        if seen > cap:
            raise too_large_request(seen, limits)
        return message

    try:
        form = await Request(request.scope, receive).form(max_files=2, max_fields=10)
    except UploadError:
        raise
    except Exception:  # noqa: BLE001 - whatever is wrong with the body, the answer is one message
        raise UploadError(M("web.bad_multipart"), 400) from None
    if not form and request.headers.get("content-type", "").startswith("multipart/"):
        await form.close()  # a body that never ends its part, or no part at all
        raise UploadError(M("web.bad_multipart"), 400)
    return form


async def list_documents(request: Request) -> Response:
    return JSONResponse({"documents": _state(request)[0].documents()})


async def get_document(request: Request) -> Response:
    store = _state(request)[0]
    doc_id = _int(request, "id")
    row = store.document(doc_id) if doc_id is not None else None
    if row is None:
        return error("web.no_document", 404, id=request.path_params.get("id"))
    return JSONResponse(document_view(store, row))


async def patch_finding(request: Request) -> Response:
    store = _state(request)[0]
    fid = _int(request, "id")
    row = store.finding(fid) if fid is not None else None
    if row is None:
        return error("web.no_finding", 404, id=request.path_params.get("id"))
    try:
        body = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return error("web.bad_json", 400)
    status = body.get("status", row["status"])
    status = BY_LABEL.get(status, status) if isinstance(status, str) else status
    if status not in STATUSES:
        return error("web.bad_status", 400, status=str(body.get("status"))[:50])
    note, reviewer = body.get("note", row["note"]), body.get("reviewer", row["reviewer"])
    if not isinstance(note, str) or not isinstance(reviewer, str):
        return error("web.bad_json", 400)
    for text, what, limit in ((note, "web.note", MAX_NOTE), (reviewer, "web.reviewer", MAX_REVIEWER)):
        if len(text) > limit:
            return error("web.too_long", 400, what=M(what), limit=limit)
    store.review(row["id"], status, note, reviewer.strip())
    updated = store.finding(row["id"])
    assert updated is not None
    return JSONResponse(review_dict(updated))


def _checked(request: Request):
    """(the document's row, None) when it is checked, else (None, the error answer)."""
    store = _state(request)[0]
    doc_id = _int(request, "id")
    row = store.document(doc_id) if doc_id is not None else None
    if row is None:
        return None, error("web.no_document", 404, id=request.path_params.get("id"))
    if row["status"] != "done":
        return None, error("web.not_ready", 409, status=STATUS_LABELS.get(row["status"], row["status"]))
    return row, None


async def export_xlsx(request: Request) -> Response:
    row, err = _checked(request)
    if err is not None:
        return err
    store = _state(request)[0]
    reviews = [dict(review_dict(r), idx=r["idx"]) for r in store.reviews(row["id"])]
    data = exports.review_workbook(store.xlsx(row["id"]) or b"", reviews)
    return _download(data, f"{_stem(row)}问题清单.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


async def export_docx(request: Request) -> Response:
    row, err = _checked(request)
    if err is not None:
        return err
    store = _state(request)[0]
    reviews = [review_dict(r) for r in store.reviews(row["id"])]
    data = exports.opinion_docx(dict(row), store.report(row["id"]) or {}, reviews)
    return _download(data, f"{_stem(row)}审核意见书.docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


async def report_html(request: Request) -> Response:
    row, err = _checked(request)
    if err is not None:
        return err
    return Response(_state(request)[0].html(row["id"]) or "", media_type="text/html; charset=utf-8",
                    headers={"content-security-policy": REPORT_CSP})


async def not_found(request: Request, exc: Exception) -> Response:
    return error("web.not_found", 404)


async def internal(request: Request, exc: Exception) -> Response:
    return error("web.internal", 500)


ROUTES = [
    Route("/", _page("upload.html")),
    Route("/documents", _page("documents.html")),
    Route("/documents/{id:int}", _page("document.html")),
    Route("/documents/{id:int}/report.html", report_html),
    Route("/static/{name}", static),
    Route("/api/documents", upload, methods=["POST"]),
    Route("/api/documents", list_documents, methods=["GET"]),
    Route("/api/documents/{id}", get_document, methods=["GET"]),
    Route("/api/documents/{id}/report.xlsx", export_xlsx, methods=["GET"]),
    Route("/api/documents/{id}/opinion.docx", export_docx, methods=["GET"]),
    Route("/api/findings/{id}", patch_finding, methods=["PATCH"]),
]


def build_app(store: Store, pool: Pool | None, limits: Limits, hosts: set[str] | None) -> Any:
    """The ASGI app over ``store``; documents are handed to ``pool`` (None: nothing is checked)."""
    app = Starlette(routes=ROUTES, exception_handlers={404: not_found, 500: internal})
    app.state.store, app.state.pool, app.state.limits = store, pool, limits
    return Guard(app, hosts)


async def _read_parts(form, limits: Limits) -> dict[str, tuple[str, bytes, str]]:
    """The uploaded files by field (file, with): (display name, bytes, stored suffix); UploadError if refused."""
    out = {}
    for field in ("file", "with"):
        part = form.get(field)
        if part is None or isinstance(part, str):
            continue
        if not part.filename and not part.size:  # an empty optional field of a browser form
            continue
        name = display_name(part.filename)
        data = await part.read()
        out[field] = (name, data, sniff(data, name, limits))
    return out


STATUS_LABELS = {k: M(f"web.status_{k}") for k in ("queued", "running", "done", "failed")}  # 排队中 …


def _stem(row) -> str:
    parts = [row["department"] or "", str(row["year"] or ""), row["kind"] or ""]
    return "".join(parts) or display_name(row["name"]).rsplit(".", 1)[0]


def _download(data: bytes, filename: str, media_type: str) -> Response:
    ascii_name = "".join(ch if ch.isascii() and ch.isalnum() or ch in "._-" else "_" for ch in filename)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"content-disposition": disposition})


def document_view(store: Store, row) -> dict[str, Any]:
    """One document for the API: its row, and when checked the JSON report with each finding's review, the
    previous version and the findings fixed since it."""
    out = store.row_dict(row)
    out["status_label"] = STATUS_LABELS.get(row["status"], row["status"])
    out["report"] = None
    out["fixed"] = []
    if row["status"] != "done":
        return out
    report = store.report(row["id"]) or {}
    reviews = store.reviews(row["id"])
    for f, r in zip(report.get("findings", []), reviews, strict=False):
        f.update(review_dict(r))
    out["report"] = report
    prev = row["previous_id"]
    if prev:
        p = store.document(prev)
        out["previous"] = {"id": prev, "name": p["name"] if p else None, "created": p["created"] if p else None}
        carried = {r["carried_from"] for r in reviews if r["carried_from"] is not None}
        prev_report = store.report(prev) or {}
        for f, r in zip(prev_report.get("findings", []), store.reviews(prev), strict=False):
            if r["id"] not in carried:
                out["fixed"].append({"rule": f.get("rule"), "severity": f.get("severity"), "message": f.get("message"),
                                     "text": f.get("text"), **review_dict(r)})
    return out
