/* newsevents evidence viewer (copied into the site by `newsevents site`; no network, no libraries).
 *
 * The seed text stays one unbroken copy of the source in #seed. Each coded row is a .mark element in #marks
 * (data-table, data-id, and its span as UTF-16 offsets data-from/data-to): this script draws it as a bar under
 * the words it covers, one box per line from Range.getClientRects(), in its lane (data-lane), so nested and
 * crossing spans all stay visible and selectable. Selecting a mark (click, Enter, Space) shows its row.
 */
(() => {
  "use strict";
  const NE = window.NE;
  const page = JSON.parse(document.getElementById("page-data").textContent);
  const doc = document.getElementById("doc");
  const seed = document.getElementById("seed");
  const layer = document.getElementById("marks");
  const hlLayer = document.getElementById("hl");
  const panel = document.getElementById("panel");
  const panelBody = document.getElementById("panel-body");
  const startPanel = panelBody.innerHTML;
  const LANE = 4, GAP = 2; // px; the same numbers as viewer.css
  const narrow = window.matchMedia("(max-width: 60rem)");

  const marks = Array.from(layer.querySelectorAll(".mark"));
  const byKey = new Map();
  for (const m of marks) {
    m._from = +m.dataset.from;
    m._to = +m.dataset.to;
    m._lane = +m.dataset.lane;
    byKey.set(m.dataset.table + ":" + m.dataset.id, m);
  }

  // The text nodes of the seed (the headline is a span of its own), with their UTF-16 start offsets.
  const nodes = [];
  {
    const walker = document.createTreeWalker(seed, NodeFilter.SHOW_TEXT);
    let pos = 0;
    while (walker.nextNode()) {
      nodes.push([walker.currentNode, pos]);
      pos += walker.currentNode.length;
    }
  }

  function clientRects(from, to) {
    const out = [];
    for (const [node, start] of nodes) {
      const end = start + node.length;
      if (end <= from || start >= to) continue;
      const range = document.createRange();
      range.setStart(node, Math.max(from, start) - start);
      range.setEnd(node, Math.min(to, end) - start);
      for (const r of range.getClientRects()) out.push(r);
    }
    return out;
  }

  // One box per line of text, relative to #doc.
  function lineBoxes(rects, ox, oy) {
    const lines = [];
    for (const r of rects) {
      if (r.width < 0.5 || r.height < 0.5) continue;
      const b = { left: r.left - ox, right: r.right - ox, top: r.top - oy, bottom: r.bottom - oy };
      const mid = (b.top + b.bottom) / 2;
      const line = lines.find((l) => Math.abs((l.top + l.bottom) / 2 - mid) < 4);
      if (line) {
        line.left = Math.min(line.left, b.left);
        line.right = Math.max(line.right, b.right);
        line.top = Math.min(line.top, b.top);
        line.bottom = Math.max(line.bottom, b.bottom);
      } else {
        lines.push(b);
      }
    }
    if (!lines.length && rects.length) { // only blanks: keep a small box so the mark stays reachable
      const r = rects[0];
      lines.push({ left: r.left - ox, right: r.left - ox + 6, top: r.top - oy, bottom: r.bottom - oy });
    }
    return lines.sort((a, b) => a.top - b.top || a.left - b.left);
  }

  function layout() {
    const o = doc.getBoundingClientRect();
    const boxes = marks.map((m) => lineBoxes(clientRects(m._from, m._to), o.left, o.top)); // read everything first
    marks.forEach((m, i) => {
      const lines = boxes[i];
      m._lines = lines;
      if (!lines.length) return;
      let main = 0; // the widest line carries the element's own box; the others are child boxes
      lines.forEach((l, k) => { if (l.right - l.left > lines[main].right - lines[main].left) main = k; });
      const M = lines[main];
      const y = (l) => l.bottom + GAP + m._lane * LANE;
      m.style.left = M.left + "px";
      m.style.top = y(M) + "px";
      m.style.width = Math.max(M.right - M.left, 2) + "px";
      let segs = "";
      lines.forEach((l, k) => {
        if (k !== main) {
          segs += `<span class="seg" style="left:${l.left - M.left}px;top:${y(l) - y(M)}px;` +
                  `width:${Math.max(l.right - l.left, 2)}px"></span>`;
        }
      });
      m.innerHTML = segs;
    });
    drawHighlights();
  }

  let selected = null, focused = null, hovered = null;

  function drawHighlights() {
    let out = "";
    const add = (m, cls) => {
      if (!m || !m._lines) return;
      for (const l of m._lines) {
        out += `<div class="hl ${cls} t-${m.dataset.table}" style="left:${l.left - 1}px;top:${l.top}px;` +
               `width:${l.right - l.left + 2}px;height:${l.bottom - l.top}px"></div>`;
      }
    };
    add(selected, "sel");
    if (focused !== selected) add(focused, "foc");
    if (hovered !== selected && hovered !== focused) add(hovered, "hov");
    hlLayer.innerHTML = out;
  }

  // ---- rendering a row -------------------------------------------------------------------------------
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  const clip = (s, n = 80) => { s = String(s).replace(/\s+/g, " "); return s.length <= n ? s : s.slice(0, n - 1) + "…"; };
  const T = NE.tables;
  const rowOf = (table, id) => (page.rows[table] || {})[id];
  const hrefRow = (table, id) => "#" + encodeURIComponent(table) + ":" + encodeURIComponent(id);
  const actorHref = (id) => "../actors/" + encodeURIComponent(id) + ".html";
  const actorName = (id) => (NE.actors[id] ? NE.actors[id].name : id);
  const actorLink = (id) => `<a href="${actorHref(id)}">${esc(actorName(id))}</a>`;
  const num = (v) => (typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 6 }) : esc(v));
  const swatch = (table) => `<span class="swatch t-${table}" aria-hidden="true"></span>`;
  const rowsWhere = (table, pred) => Object.entries(page.rows[table] || {}).filter(([, r]) => pred(r))
    .sort((a, b) => a[1].char_start - b[1].char_start);

  function labelOf(table, r) {
    switch (table) {
      case "events": case "statements": return r.description;
      case "metrics": return r.measure;
      case "actor_mentions": return actorName(r.actor_id);
      case "actor_affiliations": return `${actorName(r.actor_id)}, ${r.role || r.affiliation_type} of ${actorName(r.affiliated_actor_id)}`;
      default: return "“" + clip(r.quote, 60) + "”";
    }
  }

  function rowLink(table, id, text) {
    const r = rowOf(table, id);
    if (!r) return `<code class="id">${esc(id)}</code>`;
    return `<a class="goto" href="${hrefRow(table, id)}">${swatch(table)}${esc(text || clip(labelOf(table, r), 120))}</a>`;
  }

  function category(col, v) {
    const d = col && col.categories ? col.categories[String(v)] : null;
    return `<code>${esc(v)}</code>` + (d ? ` <span class="def">${esc(d)}</span>` : "");
  }

  const cameo = (code) => {
    const c = NE.cameo[code];
    return `<code>${esc(code)}</code> ` + (c ? `${esc(c[0])} <span class="def">Goldstein ${num(c[1])}</span>` : "");
  };
  const ploverType = (t) => {
    const p = NE.ploverTypes[t];
    return `<code>${esc(t)}</code> ` + (p ? `<span class="def">${esc(p[0])} Quad class ${p[1]} ` +
      `(${esc((NE.quadClass[p[1]] || "").replace(/\.$/, ""))}), PLOVER score ${num(p[2])}.</span>` : "");
  };
  const ploverMode = (m) => {
    const p = NE.ploverModes[m];
    return `<code>${esc(m)}</code> ` + (p ? `<span class="def">${esc(p[0])} PLOVER score ${num(p[1])}.</span>` : "");
  };

  function value(col, v) {
    if (v === null || v === undefined) return `<span class="null">null</span>`;
    if (col.references) {
      const rt = col.references[0];
      if (rt === "actors") return `${actorLink(v)} <code class="id">${esc(v)}</code>`;
      if (rt === "sources") {
        return v === page.source_id ? `this text <code class="id">${esc(v)}</code>`
          : `<a href="${encodeURIComponent(v)}.html">${esc(NE.sources[v] ? NE.sources[v].title : v)}</a>`;
      }
      if (rt === "cameo_codes") return cameo(v);
      if (rt === "plover_types") return ploverType(v);
      if (rt === "plover_modes") return ploverMode(v);
      if (rt === "plover_contexts") return `<code>${esc(v)}</code> <span class="def">${esc(NE.ploverContexts[v] || "")}</span>`;
      if (page.rows[rt]) return `${rowLink(rt, v)} <code class="id">${esc(v)}</code>`;
      return `<code class="id">${esc(v)}</code>`;
    }
    if (col.categories) return category(col, v);
    if (col.type === "boolean") return v ? "yes" : "no";
    if (col.type === "number" || col.type === "integer") return num(v);
    if (col.name.endsWith("_id")) return `<code class="id">${esc(v)}</code>`;
    return esc(v);
  }

  const DATE_PARTS = ["expression", "value", "start", "end", "precision", "basis", "source"];

  function dateBlock(table, p, r) {
    const col = (n) => T[table].columns.find((c) => c.name === `${p}_${n}`);
    const v = r[`${p}_value`], lo = r[`${p}_start`], hi = r[`${p}_end`], words = r[`${p}_expression`];
    const day = (d) => (d ? `<time datetime="${esc(d)}">${esc(d)}</time>` : "<em>unbounded</em>");
    return `<div class="date"><p><strong>${v ? `<code>${esc(v)}</code>` : "no date"}</strong>` +
      (words ? ` from the words “${esc(words)}”` : ` <span class="muted">(no date words in the text)</span>`) + `</p><ul>` +
      `<li>precision ${category(col("precision"), r[`${p}_precision`])}</li>` +
      `<li>earliest ${day(lo)}, latest ${day(hi)}</li>` +
      `<li>basis ${category(col("basis"), r[`${p}_basis`])}</li>` +
      (r[`${p}_source`] ? `<li>outside source: ${esc(r[`${p}_source`])}</li>` : "") + `</ul></div>`;
  }

  function figure(r) {
    const unit = r.unit === "percent" ? "%" : " " + r.unit;
    const v = r.value === null ? "no single value" : num(r.value) + unit;
    const bounds = `${r.value_min === null ? "open" : num(r.value_min)} to ${r.value_max === null ? "open" : num(r.value_max)}`;
    return `<p class="summary"><strong>${v}</strong> <span class="muted">(bounds ${bounds}; ${esc(r.bound_rule)}; ` +
      `${esc(r.direction)})</span></p>`;
  }

  function elsewhere(actorId) {
    const others = (NE.actorSources[actorId] || []).filter((x) => x[0] !== page.source_id);
    const items = others.map(([sid, mid, n]) => `<li><a href="${encodeURIComponent(sid)}.html${hrefRow("actor_mentions", mid)}">` +
      `${esc(NE.sources[sid].title)}</a> <span class="muted small">${esc(NE.sources[sid].publication_date)} · ${n} ` +
      `mention${n === 1 ? "" : "s"}</span></li>`).join("");
    return `<h4>${esc(actorName(actorId))} in other texts</h4>` +
      (items ? `<ul class="links">${items}</ul>` : `<p class="muted">Named in no other text of the corpus.</p>`) +
      `<p><a href="${actorHref(actorId)}">Everything on ${esc(actorName(actorId))}</a> (identifiers, affiliations, every mention)</p>`;
  }

  function list(title, items) {
    return items.length ? `<h4>${title}</h4><ul class="links">${items.map((x) => `<li>${x}</li>`).join("")}</ul>` : "";
  }

  function extras(table, id, r) {
    let out = "";
    if (table === "events") {
      out += list("Participants", (page.participants[id] || []).map((p) => `<span class="role">${esc(p.role)}</span> ${actorLink(p.actor_id)}`));
      out += list("PLOVER contexts", (page.contexts[id] || []).map((c) =>
        `<code>${esc(c.plover_context)}</code> <span class="def">${esc(NE.ploverContexts[c.plover_context] || "")}</span>`));
      out += list("Other codings the text supports", (page.alternatives[id] || []).map((a) =>
        `${a.alternative_rank}. CAMEO ${cameo(a.cameo_code)}` + (a.plover_type ? `; PLOVER <code>${esc(a.plover_type)}</code>` : "") +
        (a.plover_mode_id ? ` <code>${esc(a.plover_mode_id)}</code>` : "") + ` <span class="def">${esc(a.rationale)}</span>`));
      out += list("Passages that refer to it", rowsWhere("event_mentions", (x) => x.event_id === id).map(([k, x]) =>
        rowLink("event_mentions", k, "“" + clip(x.quote, 70) + "”" + (x.is_primary ? " (primary evidence)" : ""))));
      out += list("Statements made at it", rowsWhere("statements", (x) => x.setting_event_id === id).map(([k]) => rowLink("statements", k)));
    } else if (table === "event_mentions") {
      const ev = rowOf("events", r.event_id);
      if (ev) {
        out += `<h4>The event</h4><p>${rowLink("events", r.event_id)}</p><ul class="links">` +
          `<li>status ${category(T.events.columns.find((c) => c.name === "status"), ev.status)}</li>` +
          (ev.cameo_code ? `<li>CAMEO ${cameo(ev.cameo_code)}</li>` : "") +
          (ev.plover_type ? `<li>PLOVER ${ploverType(ev.plover_type)}</li>` : "") +
          `<li>date <code>${esc(ev.date_value || "unknown")}</code> (${esc(ev.date_precision)})</li>` +
          (page.participants[r.event_id] || []).map((p) => `<li><span class="role">${esc(p.role)}</span> ${actorLink(p.actor_id)}</li>`).join("") +
          `</ul>`;
      }
    } else if (table === "statements") {
      out += list("Events it reports", rowsWhere("events", (x) => x.statement_id === id).map(([k]) => rowLink("events", k)));
      out += list("Figures in it", rowsWhere("metrics", (x) => x.statement_id === id).map(([k, x]) =>
        rowLink("metrics", k, "“" + clip(x.quote, 50) + "”: " + x.measure)));
    } else if (table === "metrics" && r.statement_id) {
      const st = rowOf("statements", r.statement_id);
      if (st) out += `<h4>Its statement</h4><p>${rowLink("statements", r.statement_id)}<br><span class="muted">spoken by</span> ${actorLink(st.speaker_actor_id)}</p>`;
    }
    const actors = [];
    for (const c of T[table].columns) {
      if (c.references && c.references[0] === "actors" && r[c.name] && !actors.includes(r[c.name])) actors.push(r[c.name]);
    }
    for (const a of actors) out += elsewhere(a);
    return out;
  }

  const SKIP = new Set(["source_id", "quote", "char_start", "char_end"]);

  function renderRow(table, id) {
    const meta = T[table], r = rowOf(table, id);
    const prefixes = meta.columns.filter((c) => c.name.endsWith("_precision")).map((c) => c.name.slice(0, -"_precision".length));
    const groupOf = (name) => prefixes.find((p) => DATE_PARTS.some((d) => name === `${p}_${d}`));
    let out = `<article class="row t-${table}"><h3 class="row-head">${swatch(table)}${esc(meta.title)}</h3>` +
      `<p class="row-key">${esc(meta.key.join(", "))} <code class="key">${esc(id)}</code></p>`;
    if (table === "statements") {
      out += `<p class="summary">Speaker: ${actorLink(r.speaker_actor_id)} <span class="muted">(${esc(r.quote_type)}` +
        (r.reporting_verb ? `, “${esc(r.reporting_verb)}”` : "") + `)</span></p>`;
    } else if (table === "metrics") {
      out += figure(r) + `<p class="summary">Claimed by ${actorLink(r.claimant_actor_id)}</p>`;
    } else if (table === "actor_mentions") {
      const a = NE.actors[r.actor_id] || {};
      out += `<p class="summary">${actorLink(r.actor_id)} <span class="muted">${esc(a.actor_type || "")}: ${esc(a.description || "")}</span></p>`;
    }
    out += `<blockquote class="quote">${esc(r.quote)}</blockquote>` +
      `<p class="muted small">characters ${r.char_start}–${r.char_end} of the text (code points, end exclusive)</p><dl class="cols">`;
    const done = new Set();
    for (const col of meta.columns) {
      if (SKIP.has(col.name) || meta.key.includes(col.name)) continue;
      const p = groupOf(col.name);
      if (p) {
        if (done.has(p)) continue;
        done.add(p);
        out += `<dt>${esc(p)}<span class="desc">${esc(meta.columns.find((c) => c.name === `${p}_value`).description)}</span></dt>` +
          `<dd>${dateBlock(table, p, r)}</dd>`;
        continue;
      }
      out += `<dt>${esc(col.name)}<span class="desc">${esc(col.description)}</span></dt><dd>${value(col, r[col.name])}</dd>`;
    }
    return out + `</dl>${extras(table, id, r)}</article>`;
  }

  // ---- selection ---------------------------------------------------------------------------------------
  function visibleMarks() { return marks.filter((m) => m.offsetParent !== null); }

  function keepVisible(m) {
    if (!narrow.matches) return;
    const r = m.getBoundingClientRect();
    const room = window.innerHeight - panel.getBoundingClientRect().height;
    if (r.top < 8 || r.bottom > room - 8) window.scrollBy(0, r.top - Math.min(room / 3, 120));
  }

  function select(m, o = {}) {
    if (selected) { selected.classList.remove("selected"); selected.setAttribute("aria-pressed", "false"); }
    const toggle = document.querySelector(`[data-toggle="${m.dataset.table}"]`);
    if (toggle && !toggle.checked) { toggle.checked = true; doc.classList.remove("hide-" + m.dataset.table); }
    selected = m;
    m.classList.add("selected");
    m.setAttribute("aria-pressed", "true");
    panelBody.innerHTML = renderRow(m.dataset.table, m.dataset.id);
    panel.classList.add("open");
    document.body.classList.add("panel-open");
    panel.scrollTop = 0;
    drawHighlights();
    if (o.hash !== false) history.replaceState(null, "", hrefRow(m.dataset.table, m.dataset.id));
    if (o.scroll) m.scrollIntoView({ block: "center", inline: "nearest" });
    if (o.focus) m.focus({ preventScroll: true });
    keepVisible(m);
  }

  function clear() {
    if (selected) { selected.classList.remove("selected"); selected.setAttribute("aria-pressed", "false"); }
    selected = null;
    panelBody.innerHTML = startPanel;
    panel.classList.remove("open");
    document.body.classList.remove("panel-open");
    drawHighlights();
    history.replaceState(null, "", location.pathname + location.search);
  }

  function fromHash() {
    let h;
    try { h = decodeURIComponent(location.hash.slice(1)); } catch (e) { return null; }
    return byKey.get(h) || null;
  }

  function step(m, d) {
    const vis = visibleMarks();
    const next = vis[vis.indexOf(m) + d];
    if (next) { next.focus({ preventScroll: true }); next.scrollIntoView({ block: "nearest" }); }
  }

  // The character under a point of the text, as a UTF-16 offset (-1 when none).
  function offsetAt(x, y) {
    let node = null, off = 0;
    if (document.caretPositionFromPoint) {
      const p = document.caretPositionFromPoint(x, y);
      if (p) { node = p.offsetNode; off = p.offset; }
    } else if (document.caretRangeFromPoint) {
      const r = document.caretRangeFromPoint(x, y);
      if (r) { node = r.startContainer; off = r.startOffset; }
    }
    const entry = nodes.find((n) => n[0] === node);
    if (!entry) return -1;
    if (off < node.length) { // the caret is before the character under the pointer or after it
      const r = document.createRange();
      r.setStart(node, off);
      r.setEnd(node, off + 1);
      const b = r.getBoundingClientRect();
      if (x < b.left && off > 0) off -= 1;
    } else if (off > 0) {
      off -= 1;
    }
    return entry[1] + off;
  }

  function chooseAt(x, y) {
    const at = offsetAt(x, y);
    if (at < 0) return;
    const covering = visibleMarks().filter((m) => m._from <= at && at < m._to);
    if (covering.length === 1) { select(covering[0], { focus: true }); return; }
    if (!covering.length) return;
    covering.sort((a, b) => (a._to - a._from) - (b._to - b._from));
    panelBody.innerHTML = `<p>${covering.length} coded rows cover these words; choose one:</p><ul class="links">` +
      covering.map((m) => `<li>${rowLink(m.dataset.table, m.dataset.id)} <span class="muted small">${esc(T[m.dataset.table].title)}</span></li>`).join("") +
      "</ul>";
    panel.classList.add("open");
    document.body.classList.add("panel-open");
    panel.scrollTop = 0;
  }

  // ---- events ----------------------------------------------------------------------------------------
  layer.addEventListener("click", (e) => {
    const m = e.target.closest(".mark");
    if (m) select(m, { focus: true });
  });
  layer.addEventListener("keydown", (e) => {
    const m = e.target.closest(".mark");
    if (!m) return;
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(m); }
    else if (e.key === "ArrowRight" || e.key === "ArrowDown") { e.preventDefault(); step(m, 1); }
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") { e.preventDefault(); step(m, -1); }
  });
  layer.addEventListener("focusin", (e) => { focused = e.target.closest(".mark"); drawHighlights(); });
  layer.addEventListener("focusout", () => { focused = null; drawHighlights(); });
  layer.addEventListener("mouseover", (e) => { const m = e.target.closest(".mark"); if (m !== hovered) { hovered = m; drawHighlights(); } });
  layer.addEventListener("mouseleave", () => { hovered = null; drawHighlights(); });
  seed.addEventListener("click", (e) => {
    const sel = window.getSelection();
    if (sel && !sel.isCollapsed) return; // the reader is selecting text to copy
    chooseAt(e.clientX, e.clientY);
  });
  panel.addEventListener("click", (e) => {
    const a = e.target.closest("a.goto");
    if (!a) return;
    e.preventDefault();
    history.pushState(null, "", a.getAttribute("href"));
    const m = fromHash();
    if (m) select(m, { scroll: true, focus: true, hash: false });
  });
  document.getElementById("panel-close").addEventListener("click", () => {
    const m = selected;
    clear();
    if (m) m.focus({ preventScroll: true });
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && (selected || panel.classList.contains("open"))) {
      const m = selected;
      clear();
      if (m) m.focus({ preventScroll: true });
    }
  });
  document.getElementById("show-desc").addEventListener("change", (e) => panel.classList.toggle("show-desc", e.target.checked));
  const onHash = () => { const m = fromHash(); if (m) select(m, { scroll: true, focus: true, hash: false }); };
  window.addEventListener("popstate", onHash);
  window.addEventListener("hashchange", onHash);
  for (const cb of document.querySelectorAll("[data-toggle]")) {
    cb.addEventListener("change", () => {
      doc.classList.toggle("hide-" + cb.dataset.toggle, !cb.checked);
      if (!cb.checked && selected && selected.dataset.table === cb.dataset.toggle) clear();
    });
  }

  let pending = 0;
  const schedule = () => { if (!pending) pending = requestAnimationFrame(() => { pending = 0; layout(); }); };
  layout();
  if (window.ResizeObserver) new ResizeObserver(schedule).observe(seed);
  else window.addEventListener("resize", schedule);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);
  if (location.hash) onHash();
  document.documentElement.dataset.viewer = "ready";
  window.NE_READY_MS = performance.now();
})();
