// juesuan 审核工作台: the three pages read the JSON API and build every text with textContent (never innerHTML),
// so nothing uploaded or typed is ever parsed as markup.
"use strict";

const STATUS = { open: "待处理", fixed: "已整改", rejected: "不予采纳", explain: "需说明" };
const DOC_STATUS = { queued: "排队中", running: "审核中", done: "已完成", failed: "失败" };
const SEV = { error: "错误", warning: "警告", info: "提示" };
const KIND_OF = (d) => d.kind || (d.status === "done" ? "决算" : "");

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

async function api(path, opts) {
  const r = await fetch(path, opts);
  let body = null;
  try { body = await r.json(); } catch (e) { body = null; }
  if (!r.ok) throw new Error((body && body.error) || `HTTP ${r.status}`);
  return body;
}

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

// ---- 上传 ------------------------------------------------------------------------------------------------
function uploadPage() {
  const drop = document.getElementById("drop");
  const input = document.getElementById("files");
  const withInput = document.getElementById("with");
  const queue = document.getElementById("queue");

  function send(file, withFile) {
    const bar = el("progress", { max: 100, value: 0 });
    const state = el("span", { class: "st", text: "上传中 0%" });
    const link = el("a", { class: "open", hidden: true, text: "查看报告" });
    const li = el("li", { class: "item" }, el("span", { class: "name", text: file.name + (withFile ? ` ＋ 表格 ${withFile.name}` : "") }),
      bar, state, link);
    queue.append(li);
    const form = new FormData();
    form.append("file", file, file.name);
    if (withFile) form.append("with", withFile, withFile.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/documents");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        const p = Math.round((e.loaded / e.total) * 100);
        bar.value = p * 0.4;
        state.textContent = `上传中 ${p}%`;
      }
    };
    xhr.onerror = () => { li.classList.add("failed"); state.textContent = "上传失败：无法连接到工作台"; };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status >= 300 || !body) {
        li.classList.add("failed");
        bar.value = 0;
        state.textContent = "未接收：" + ((body && body.error) || `HTTP ${xhr.status}`);
        return;
      }
      li.dataset.id = body.id;
      follow(body.id, bar, state, link, li);
    };
    xhr.send(form);
  }

  async function follow(id, bar, state, link, li) {
    for (;;) {
      let d;
      try { d = await api(`/api/documents/${id}`); } catch (e) { state.textContent = "查询失败：" + e.message; await sleep(2000); continue; }
      if (d.status === "queued") { bar.value = 50; state.textContent = "排队中"; }
      else if (d.status === "running") { bar.value = 75; state.textContent = "审核中…"; }
      else if (d.status === "failed") {
        li.classList.add("failed"); bar.value = 100; state.textContent = "审核失败：" + (d.error || ""); return;
      } else if (d.status === "done") {
        const s = d.summary || {};
        li.classList.add("done"); bar.value = 100;
        state.textContent = `已完成：错误 ${s.errors || 0}，警告 ${s.warnings || 0}` + (d.department ? `（${d.department}${d.year ? ` ${d.year} 年度` : ""}）` : "");
        link.href = `/documents/${Number(id)}`; link.hidden = false;
        return;
      }
      await sleep(700);
    }
  }

  function take(files) {
    const list = Array.from(files || []);
    const w = withInput.files && withInput.files[0];
    if (w && list.length === 1) { send(list[0], w); withInput.value = ""; }
    else list.forEach((f) => send(f, null));
  }

  input.addEventListener("change", () => { take(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
  drop.addEventListener("drop", (e) => take(e.dataTransfer && e.dataTransfer.files));
}

// ---- 文档列表 ----------------------------------------------------------------------------------------------
function documentsPage() {
  const tbody = document.querySelector("#docs tbody");
  const q = document.getElementById("q");
  const fYear = document.getElementById("f-year");
  const fKind = document.getElementById("f-kind");
  const fStatus = document.getElementById("f-status");
  let docs = [];
  let sort = { key: "created", dir: -1 };

  const value = (d, key) => {
    const s = d.summary || {};
    if (["errors", "warnings", "claims"].includes(key)) return s[key] ?? -1;
    if (key === "kind") return KIND_OF(d);
    return d[key] ?? "";
  };

  function render() {
    const text = q.value.trim();
    const rows = docs.filter((d) =>
      (!text || (d.department || "").includes(text) || (d.name || "").includes(text)) &&
      (!fYear.value || String(d.year) === fYear.value) &&
      (!fKind.value || KIND_OF(d) === fKind.value) &&
      (!fStatus.value || d.status === fStatus.value));
    rows.sort((a, b) => {
      const x = value(a, sort.key), y = value(b, sort.key);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir || b.id - a.id;
    });
    tbody.replaceChildren(...rows.map((d) => {
      const s = d.summary || {};
      const link = el("a", { href: `/documents/${Number(d.id)}`, text: d.department || d.name });
      const status = d.status === "failed" ? `失败：${d.error || ""}` : DOC_STATUS[d.status] || d.status;
      return el("tr", { "data-id": d.id, "data-status": d.status, class: "st-" + d.status },
        el("td", {}, link), el("td", { text: d.year ?? "" }), el("td", { text: KIND_OF(d) }),
        el("td", { class: "num err", text: s.errors ?? "" }), el("td", { class: "num warn", text: s.warnings ?? "" }),
        el("td", { class: "num", text: s.claims ?? "" }), el("td", { class: "num", text: d.status === "done" ? d.open ?? "" : "" }),
        el("td", { class: "status", text: status }), el("td", { class: "muted", text: d.name + (d.with ? ` ＋ ${d.with}` : "") }),
        el("td", { class: "muted", text: d.created }));
    }));
    document.getElementById("count").textContent = `共 ${docs.length} 份，显示 ${rows.length} 份`;
    document.getElementById("empty").hidden = docs.length > 0;
    document.querySelectorAll("#docs th").forEach((th) => {
      th.classList.toggle("asc", th.dataset.key === sort.key && sort.dir > 0);
      th.classList.toggle("desc", th.dataset.key === sort.key && sort.dir < 0);
    });
  }

  async function load() {
    try { docs = (await api("/api/documents")).documents; } catch (e) { return; }
    const years = [...new Set(docs.map((d) => d.year).filter(Boolean))].sort();
    const keep = fYear.value;
    fYear.replaceChildren(el("option", { value: "", text: "全部" }), ...years.map((y) => el("option", { value: y, text: y })));
    fYear.value = keep;
    render();
    if (docs.some((d) => d.status === "queued" || d.status === "running")) setTimeout(load, 1500);
  }

  document.querySelectorAll("#docs th").forEach((th) => th.addEventListener("click", () => {
    sort = { key: th.dataset.key, dir: sort.key === th.dataset.key ? -sort.dir : 1 };
    render();
  }));
  [q, fYear, fKind, fStatus].forEach((x) => x.addEventListener("input", render));
  load();
}

// ---- 一份文档 ------------------------------------------------------------------------------------------------
function documentPage() {
  const id = Number(location.pathname.split("/").filter(Boolean)[1]);
  const reviewer = document.getElementById("reviewer");
  reviewer.value = localStorage.getItem("juesuan.reviewer") || "";
  reviewer.addEventListener("change", () => localStorage.setItem("juesuan.reviewer", reviewer.value.trim()));
  const filters = { status: document.getElementById("f-status"), sev: document.getElementById("f-sev"),
    rule: document.getElementById("f-rule"), section: document.getElementById("f-section") };
  let findings = [];

  const sectionOf = (f) => (f.location && (f.location.table || f.location.section || f.location.part)) || "全文";
  const placeOf = (f) => {
    const l = f.location || {};
    return l.page ? `第${l.page}页第${l.line ?? "?"}行` : l.line ? `第${l.line}行` : "";
  };

  function options(select, values, label) {
    const keep = select.value;
    select.replaceChildren(el("option", { value: "", text: "全部" }), ...values.map((v) => el("option", { value: v, text: label ? label(v) : v })));
    select.value = keep;
  }

  function applyFilters() {
    let n = 0;
    document.querySelectorAll("#findings > li").forEach((li) => {
      const f = findings[Number(li.dataset.idx)];
      const show = (!filters.status.value || f.status === filters.status.value) && (!filters.sev.value || f.severity === filters.sev.value) &&
        (!filters.rule.value || f.rule === filters.rule.value) && (!filters.section.value || sectionOf(f) === filters.section.value);
      li.hidden = !show;
      n += show ? 1 : 0;
    });
    document.getElementById("shown").textContent = `显示 ${n} / ${findings.length} 项`;
  }

  function who(f) {
    if (!f.updated) return "尚未处理";
    return `${f.reviewer || "（未署名）"} · ${f.updated}` + (f.carried ? " · 沿用上一版本的处理" : "");
  }

  function showInReport(i) {
    const frame = document.getElementById("report");
    try {
      const a = frame.contentDocument.querySelector(`#f${i} a[data-go]`);
      if (a) { a.click(); return; }
      const row = frame.contentDocument.getElementById(`f${i}`);
      if (row) row.scrollIntoView({ block: "center" });
    } catch (e) { /* the frame is not loaded yet */ }
  }

  function card(f, i) {
    const status = el("select", { class: "status", "aria-label": "状态" },
      ...Object.entries(STATUS).map(([k, v]) => el("option", { value: k, text: v })));
    status.value = f.status;
    const note = el("textarea", { class: "note", rows: 2, maxlength: 5000, placeholder: "处理意见", "aria-label": "处理意见" });
    note.value = f.note || "";
    const stamp = el("span", { class: "who", text: who(f) });
    const msg = el("span", { class: "msg" });
    const save = el("button", { class: "save", type: "button", text: "保存" });
    save.addEventListener("click", async () => {
      save.disabled = true; msg.textContent = "";
      try {
        const r = await api(`/api/findings/${Number(f.id)}`, { method: "PATCH", headers: { "content-type": "application/json" },
          body: JSON.stringify({ status: status.value, note: note.value, reviewer: reviewer.value.trim() }) });
        Object.assign(f, r);
        stamp.textContent = who(f);
        li.className = `finding sev-${f.severity} st-${f.status}`;
        msg.textContent = "已保存";
        applyFilters();
      } catch (e) { msg.textContent = "保存失败：" + e.message; }
      save.disabled = false;
    });
    const ev = (f.evidence || []).map((e) => e.source === "table"
      ? [e.table, e.row, e.column, e.value].filter(Boolean).join(" ") : `「${e.value || ""}」`);
    const li = el("li", { class: `finding sev-${f.severity} st-${f.status}`, "data-idx": i, "data-id": f.id },
      el("div", { class: "fhead" }, el("span", { class: "sev", text: SEV[f.severity] || f.severity }), el("b", { text: f.rule }),
        el("span", { class: "sec", text: sectionOf(f) }),
        el("a", { href: "#", class: "go", text: placeOf(f) || "在报告中查看", onclick: (e) => { e.preventDefault(); showInReport(i); } })),
      el("p", { class: "fmsg", text: f.message }),
      f.text ? el("blockquote", { text: f.text.trim() }) : null,
      f.stated || f.expected ? el("p", { class: "sv" }, "文中 ", el("b", { text: f.stated || "—" }), "　应为 ", el("b", { text: f.expected || "—" })) : null,
      ev.length ? el("p", { class: "ev", text: "依据：" + ev.join("；") }) : null,
      el("div", { class: "rv" }, status, note, el("div", { class: "rvfoot" }, save, msg, stamp)));
    return li;
  }

  function version(d) {
    const box = document.getElementById("version");
    if (!d.previous) { box.hidden = true; return; }
    box.hidden = false;
    const items = (d.fixed || []).map((f) => el("li", {}, el("b", { text: f.rule }), " ", f.message || "",
      f.note ? el("span", { class: "muted", text: `（上一版本处理意见：${f.note}）` }) : null));
    const carried = (d.report.findings || []).filter((f) => f.carried).length;
    box.replaceChildren(
      el("p", {}, "本文件是同一部门、年度、类型的新版本；上一版本：",
        el("a", { href: `/documents/${Number(d.previous.id)}`, text: d.previous.name || `#${d.previous.id}` }),
        `。沿用了 ${carried} 项问题的处理，自上一版本已改正 ${items.length} 项。`),
      items.length ? el("details", { id: "fixed" }, el("summary", { text: `自上一版本已改正的 ${items.length} 项` }), el("ul", { class: "fixed" }, ...items)) : null);
  }

  function show(d) {
    const r = d.report;
    const s = r.summary || {};
    document.getElementById("title").textContent = `${d.department || d.name} ${d.year || ""} 年度${d.kind || "决算"}`;
    document.title = `${d.department || d.name} · juesuan 审核工作台`;
    document.getElementById("meta").textContent = `文件：${d.name}` + (d.with ? `　表格：${d.with}` : "") + `　上传：${d.created}` + (d.note ? `　${d.note}` : "");
    document.getElementById("counts").replaceChildren(
      `表述 ${s.claims} 条：已核实 ${s.verified}，矛盾 ${s.contradicted}，无法核实 ${s.unverifiable}；`,
      el("span", { class: "err", text: `错误 ${s.errors}` }), "，", el("span", { class: "warn", text: `警告 ${s.warnings}` }), `，提示 ${s.infos}`);
    document.getElementById("state").textContent = "";
    const acts = document.getElementById("actions");
    acts.hidden = false;
    document.getElementById("x-xlsx").href = `/api/documents/${id}/report.xlsx`;
    document.getElementById("x-docx").href = `/api/documents/${id}/opinion.docx`;
    version(d);
    findings = r.findings || [];
    options(filters.status, Object.keys(STATUS), (k) => STATUS[k]);
    options(filters.sev, ["error", "warning", "info"].filter((k) => findings.some((f) => f.severity === k)), (k) => SEV[k]);
    options(filters.rule, [...new Set(findings.map((f) => f.rule))].sort());
    options(filters.section, [...new Set(findings.map(sectionOf))]);
    document.getElementById("findings").replaceChildren(...findings.map(card));
    applyFilters();
    document.getElementById("split").hidden = false;
    const frame = document.getElementById("report");
    if (!frame.src) frame.src = `/documents/${id}/report.html`;
  }

  Object.values(filters).forEach((s) => s.addEventListener("change", applyFilters));

  (async () => {
    for (;;) {
      let d;
      try { d = await api(`/api/documents/${id}`); } catch (e) {
        document.getElementById("title").textContent = e.message; return;
      }
      if (d.status === "done") { show(d); return; }
      document.getElementById("title").textContent = d.name;
      document.getElementById("state").textContent = d.status === "failed" ? `审核失败：${d.error || ""}` : `${DOC_STATUS[d.status]}，请稍候…`;
      if (d.status === "failed") return;
      await sleep(1000);
    }
  })();
}

({ upload: uploadPage, documents: documentsPage, document: documentPage })[document.body.dataset.page]();
