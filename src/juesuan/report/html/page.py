"""The page of the HTML report: its template, style sheet and script, the marks of a claim's status (icon and
CSS class, so the marks survive print and colour blindness) and the escaping every document text goes through
(:func:`esc` into the markup; :func:`json_island` into the data the script reads, with ``<``, ``>`` and ``&``
written as ``\\u003c`` …; the script builds the panel with ``textContent`` only)."""

from __future__ import annotations

import json
from html import escape

ICON = {"verified": "✓", "contradicted": "✗", "unverifiable": "?"}
CLS = {"verified": "v", "contradicted": "x", "unverifiable": "u"}
WORST = {"contradicted": 0, "unverifiable": 1, "verified": 2}


def esc(s) -> str:
    return escape("" if s is None else str(s), quote=True)


def json_island(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


CSS = """
*{box-sizing:border-box}body{margin:0;font:14px/1.7 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",
"PingFang SC",sans-serif;color:#222;background:#fafafa}
header{background:#1f3b57;color:#fff;padding:14px 24px}header h1{margin:0 0 4px;font-size:20px}
header .meta span{margin-right:18px;font-size:13px;opacity:.9}header .meta b{font-weight:600;margin-right:4px}
.counts{margin-top:8px}.cnt{display:inline-block;background:#fff;color:#222;border-radius:4px;padding:2px 10px;
margin:2px 6px 2px 0;font-size:13px}.cnt b{font-size:16px;margin-right:2px}
.cnt.contradicted,.cnt.errors{border-left:5px solid #b3261e}.cnt.verified{border-left:5px solid #3a7d44}
.cnt.unverifiable,.cnt.warnings{border-left:5px solid #b08900}
nav{position:sticky;top:0;z-index:5;background:#e8edf2;padding:6px 24px;border-bottom:1px solid #ccd}
nav a{margin-right:18px;color:#1f3b57;text-decoration:none;font-weight:600}
.wrap{display:flex;gap:18px;padding:0 24px 40px}main{flex:1;min-width:0}
aside{width:360px;flex:none}#panel{position:sticky;top:44px;background:#fff;border:1px solid #ccd;border-radius:6px;
padding:12px 14px;margin-top:18px;max-height:calc(100vh - 60px);overflow:auto}
#panel h2{font-size:15px;margin:0 0 8px}#panel dl{margin:0}#panel dt{font-weight:600;color:#555;margin-top:6px}
#panel dd{margin:0 0 0 0}#panel .quote{background:#f4f4f4;padding:4px 6px;border-left:3px solid #999}
#panel .val{font:600 16px/1.4 monospace}#panel .stated{color:#7a1c16}#panel .expected{color:#1c4a7a}
section h2{border-bottom:2px solid #1f3b57;padding-bottom:2px;margin-top:26px;font-size:17px}
h3.part{font-size:15px;margin:18px 0 6px;color:#1f3b57}
.para{margin:4px 0;background:#fff;padding:2px 8px;border-radius:3px}.para.h{font-weight:600}
.loc{display:inline-block;min-width:74px;color:#888;font-size:11px;margin-right:6px;font-family:monospace}
.k{cursor:pointer;text-underline-offset:4px}
.k.v{text-decoration:underline solid 1.5px #3a7d44;background:#eef7ef}
.k.x{text-decoration:underline wavy 1.5px #b3261e;background:#fde7e5;font-weight:600}
.k.u{text-decoration:underline dotted 2px #8a7000;background:#faf5dc}
.ic{display:inline-block;font-size:11px;line-height:14px;min-width:14px;text-align:center;border-radius:7px;
margin:0 2px;vertical-align:super;text-decoration:none;font-weight:700;color:#fff;cursor:pointer}
.ic.v{background:#3a7d44}.ic.x{background:#b3261e}.ic.u{background:#8a7000}
.sel,.k.sel{outline:2px solid #1f6fd1;outline-offset:1px}.flash{animation:fl 1.6s}
@keyframes fl{0%{box-shadow:0 0 0 4px #ffd54f}100%{box-shadow:none}}
.scroll{overflow-x:auto}table.data{border-collapse:collapse;background:#fff;font-size:12.5px;margin:4px 0 12px}
table.data th,table.data td{border:1px solid #ccd;padding:2px 6px;vertical-align:top}
table.data thead th{background:#e8edf2;position:sticky;top:0}table.data tbody th{text-align:left;font-weight:400}
td.n{text-align:right;font-family:monospace;white-space:nowrap}
td.ev{cursor:pointer;font-weight:700}td.ev.v{box-shadow:inset 0 -2px 0 #3a7d44}
td.ev.x{box-shadow:inset 0 0 0 2px #b3261e;background:#fde7e5}td.ev.u{box-shadow:inset 0 -2px 0 #8a7000}
.evi{font-size:10px;margin-left:3px;color:#555}tr.hit>th{background:#fff3cd}
.unit{font-size:12px;font-weight:400;color:#666}.note{color:#666;font-size:12px}
.filters{margin:6px 0}.filters label{margin-right:12px}
table.findings td.q{min-width:200px;max-width:340px}table.findings td.sev,table.findings td.r,
table.findings td.w{white-space:nowrap}table.findings td.sv{max-width:150px;font-family:monospace;font-size:12px}table.findings tr.sev-error td.sev{color:#b3261e;font-weight:700}
table.findings tr.sev-warning td.sev{color:#8a5a00;font-weight:700}
table.findings tr.sev-error td.sev::before{content:"● "}table.findings tr.sev-warning td.sev::before{content:"▲ "}
table.findings tr.sev-info td.sev::before{content:"ℹ "}
table.findings .rel{font-size:12px;color:#555;margin-top:2px}svg .lbl{font-size:12px}svg .val{font-size:11px;font-family:monospace}
footer{color:#888;font-size:12px;padding:8px 24px}
@media print{nav,aside{display:none}.wrap{display:block}.k{background:none!important}}
"""

JS = r"""
(function(){
const D = JSON.parse(document.getElementById('juesuan-data').textContent);
const L = D.L;
const panel = document.getElementById('panel-body');
function el(tag, cls, text){const e=document.createElement(tag); if(cls) e.className=cls; if(text!=null) e.textContent=text; return e;}
function go(id){const t=document.getElementById(id); if(!t) return; t.scrollIntoView({block:'center'});
  t.classList.remove('flash'); void t.offsetWidth; t.classList.add('flash');}
function clearSel(){document.querySelectorAll('.sel').forEach(e=>e.classList.remove('sel'));}
function row(dl, label, node){dl.appendChild(el('dt',null,label)); const dd=el('dd'); if(typeof node==='string') dd.textContent=node; else dd.appendChild(node); dl.appendChild(dd); return dd;}
function cellLink(cid){const a=el('a','cell-link',D.cells[cid]||cid); a.href='#'+cid; a.dataset.go=cid; return a;}
function claimLink(i){const c=D.claims[i]; const a=el('a','claim-link',(c.s==='verified'?'✓ ':c.s==='contradicted'?'✗ ':'? ')+c.where+' '+c.text.slice(0,40)); a.href='#k'+i; a.dataset.claim=i; return a;}
function select(i, fi){
  const c=D.claims[i]; if(!c) return;
  const f=(fi!=null&&fi!=='')?D.findings[+fi]:null;  // opened from a finding: that finding's figures, not the claim's first
  clearSel();
  document.querySelectorAll('[data-k]').forEach(e=>{ if(e.dataset.k.split(' ').includes(String(i))) e.classList.add('sel');});
  c.ev.forEach(cid=>{const t=document.getElementById(cid); if(t) t.classList.add('sel');});
  panel.textContent='';
  const h=el('h2',null,null); h.appendChild(el('span','ic '+({verified:'v',contradicted:'x',unverifiable:'u'})[c.s], ({verified:'✓',contradicted:'✗',unverifiable:'?'})[c.s]));
  h.appendChild(document.createTextNode(' '+c.st+' · '+c.kind+(c.subj?' · '+c.subj:''))); panel.appendChild(h);
  panel.appendChild(el('div','quote',c.text)); panel.appendChild(el('div','loc',c.where));
  const dl=el('dl'); panel.appendChild(dl);
  row(dl, L.stated, el('span','val stated',(f?f.stated:null)||c.stated||'—'));
  row(dl, L.expected, el('span','val expected',(f?f.expected:c.expected)||'—'));
  row(dl, L.basis, c.base||'—');
  if(c.ref) row(dl, L.ref, c.ref);
  if(c.reason) row(dl, L.reason, c.reason);
  const ev=el('div'); if(c.ev.length){c.ev.forEach(cid=>{ev.appendChild(cellLink(cid)); ev.appendChild(el('br'));});} else ev.textContent=L.no_evidence;
  (c.told||[]).forEach(t=>{ev.appendChild(el('div','told','「'+t+'」'));});
  if(c.told&&c.told.length&&!c.ev.length) ev.firstChild&&ev.firstChild.nodeType===3&&ev.removeChild(ev.firstChild);
  row(dl, L.evidence, ev);
  if(c.f.length){const fl=el('div'); c.f.forEach(fi=>{const f=D.findings[fi]; const a=el('a',null,f.sev+' '+f.rule+'：'+f.msg); a.href='#f'+fi; a.dataset.go='f'+fi; fl.appendChild(a); fl.appendChild(el('br'));}); row(dl, L.findings_of_claim, fl);}
  panel.dataset.claim=i;
}
function showCell(cid){
  const ks=D.cellClaims[cid]||[]; if(ks.length===1){select(ks[0]); return;}
  clearSel(); const t=document.getElementById(cid); if(t) t.classList.add('sel');
  panel.textContent=''; panel.appendChild(el('h2',null,D.cells[cid]||cid));
  const dl=el('dl'); panel.appendChild(dl); const d=el('div'); ks.forEach(i=>{d.appendChild(claimLink(i)); d.appendChild(el('br'));});
  row(dl, L.claims_of_cell, d);
}
document.addEventListener('click', function(ev){
  const t=ev.target;
  const g=t.closest('[data-go]'); if(g){ev.preventDefault(); const id=g.dataset.go; const m=/^k(\d+)$/.exec(id); if(m) select(+m[1], g.dataset.f); go(id); return;}
  const cl=t.closest('[data-claim]'); if(cl){ev.preventDefault(); select(+cl.dataset.claim); go('k'+cl.dataset.claim); return;}
  const k=t.closest('[data-k]'); if(k){ev.preventDefault(); select(+k.dataset.k.split(' ')[0]); return;}
  const c=t.closest('td[data-c]'); if(c){showCell(c.id); return;}
});
document.addEventListener('keydown', function(ev){ if(ev.key==='Enter'){const c=ev.target.closest&&ev.target.closest('td[data-c]'); if(c) showCell(c.id);} });
function filter(){
  const sev=new Set([...document.querySelectorAll('.fsev:checked')].map(e=>e.value));
  const rule=document.getElementById('frule').value;
  document.querySelectorAll('table.findings tbody tr').forEach(tr=>{
    tr.hidden=!(sev.has(tr.dataset.sev) && (!rule || tr.dataset.rule===rule));});
}
document.querySelectorAll('.fsev').forEach(e=>e.addEventListener('change',filter));
const fr=document.getElementById('frule'); if(fr) fr.addEventListener('change',filter);
const m=/^#k(\d+)$/.exec(location.hash); if(m) select(+m[1]);
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title><style>{css}</style></head>
<body>
<header><h1>{title}</h1><div class="meta">{meta}</div><div class="counts">{counts}</div></header>
<nav>{nav}</nav>
<div class="wrap"><main>
<section id="sec-findings"><h2>{h_findings}</h2>
<div class="filters"><b>{f_sev}</b> {sev_boxes} <b>{f_rule}</b> <select id="frule">{rule_opts}</select></div>
{findings}</section>
<section id="sec-narrative"><h2>{h_narrative}</h2><p class="note">{legend_label}：{legend}</p>
{narrative}</section>
<section id="sec-tables"><h2>{h_tables}</h2>
{tables}</section>
<section id="sec-charts"><h2>{h_charts}</h2><h3>{h_budget}</h3>{chart_budget}<h3>{h_status}</h3>{chart_status}</section>
</main>
<aside><div id="panel"><h2>{panel_title}</h2><div id="panel-body"><p class="note">{panel_hint}</p></div></div></aside>
</div>
<footer>{generated}</footer>
<script type="application/json" id="juesuan-data">{data}</script>
<script>{js}</script>
</body></html>
"""
