// wiretally dashboard: polls the worker's read API every 2 s and renders claims, one claim's
// timeline (plotly.js) and the recent updates and contradictions. Plain DOM, no build step.
"use strict";

const POLL_MS = 2000;
const CLAIMS_LIMIT = 200;
const QUALIFIER_WORDS = {
  exact: "exactly", approx: "about", at_least: "at least", more_than: "more than",
  at_most: "at most", less_than: "less than", range: "range",
};
// Shape carries the qualifier, so the chart does not rely on colour alone.
const QUALIFIER_SYMBOLS = {
  exact: "circle", approx: "diamond", at_least: "triangle-up", more_than: "triangle-up",
  at_most: "triangle-down", less_than: "triangle-down", range: "square",
};
// Each passes WCAG AA (4.5:1) against white as text and as marks.
const ROLE_STYLE = {
  history: { label: "Earlier", color: "#525252" },
  latest: { label: "Latest", color: "#1d4ed8" },
  disputed: { label: "Disputed", color: "#b91c1c" },
};

const state = {
  selectedKey: null,
  claimsJson: "",
  claims: [],
  entryJson: "",
  seenUpdateIds: new Set(),
  firstUpdates: true,
  plotly: null,
  claimsAnswer: null,  // the last /claims and /updates answers, for their `partial` field
  updatesAnswer: null,
};

const $ = (id) => document.getElementById(id);
const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else if (name === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function formatValue(claim) {
  const unit = claim.unit === "percent" ? "%" : "";
  const money = claim.unit === "currency" && claim.currency ? `${claim.currency} ` : "";
  if (claim.qualifier === "range" && claim.low != null && claim.high != null) {
    return `${money}${numberFormat.format(claim.low)}–${numberFormat.format(claim.high)}${unit}`;
  }
  return `${money}${numberFormat.format(claim.value)}${unit}`;
}

function claimTitle(entry) {
  const subject = entry.subject || "unknown";
  const place = entry.location && !subject.toLowerCase().includes(entry.location.toLowerCase())
    ? ` (${entry.location})` : "";
  return `${subject}${place} / ${entry.measure}`;
}

function day(text) {
  return String(text || "").slice(0, 10);
}

function stamp(text) {
  return String(text || "").replace("T", " ").replace(/(\.\d+)?Z$/, "").slice(0, 16);
}

function asOfMillis(claim) {
  // as_of is a date (2024-12-01), a month (2024-12) or a date-time; dates are UTC days.
  const text = String(claim.as_of);
  const full = /^\d{4}-\d{2}$/.test(text) ? `${text}-01T00:00:00Z`
    : /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text;
  const parsed = Date.parse(full);
  return Number.isNaN(parsed) ? 0 : parsed;
}

function articleRef(claim) {
  // Claims carry the article id and source, not its URL; link when a URL is present.
  const label = claim.article_id;
  return claim.url ? el("a", { href: claim.url, rel: "noopener" }, label) : el("code", {}, label);
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

// ---- claims table -------------------------------------------------------------------------

function claimsQuery() {
  const params = new URLSearchParams({ limit: String(CLAIMS_LIMIT) });
  const entity = $("filter-entity").value.trim();
  const measure = $("filter-measure").value.trim();
  if (entity) params.set("entity", entity);
  if (measure) params.set("measure", measure);
  return `/claims?${params}`;
}

function sortByLastChange(entries) {
  return [...entries].sort((a, b) =>
    String(b.last_seen).localeCompare(String(a.last_seen)) || String(a.key).localeCompare(String(b.key)));
}

function claimRow(entry) {
  const latest = entry.latest;
  const disputed = (entry.disputed || []).length;
  const selected = entry.key === state.selectedKey;
  const row = el("tr", {
    tabindex: "0", "aria-selected": selected ? "true" : "false",
    class: selected ? "selected" : null, dataset: { key: entry.key },
    "aria-label": `${claimTitle(entry)}: ${latest.text}, as of ${day(latest.as_of)}. Press Enter for the timeline.`,
  },
    el("th", { scope: "row" }, claimTitle(entry),
      disputed ? el("span", { class: "badge badge-disputed" }, `${disputed} disputed`) : null),
    el("td", { class: "num", dataset: { value: latest.value } },
      el("span", { class: "value" }, formatValue(latest)),
      latest.qualifier !== "exact" ? el("span", { class: "qualifier" }, ` ${latest.text}`) : null),
    el("td", { class: "col-asof" }, day(latest.as_of)),
    el("td", { class: "col-sources" }, (entry.sources || []).join(", ")),
    el("td", {}, el("span", { class: `kind kind-${entry.last_change}` }, entry.last_change),
      el("span", { class: "col-seen when" }, stamp(entry.last_seen))),
  );
  return row;
}

function renderClaims(entries) {
  const body = $("claims-table").tBodies[0];
  const focusedKey = document.activeElement && document.activeElement.closest &&
    document.activeElement.closest("#claims-table tr[data-key]")?.dataset.key;
  body.replaceChildren(...entries.map(claimRow));
  if (focusedKey) {
    const again = [...body.rows].find((r) => r.dataset.key === focusedKey);
    if (again) again.focus({ preventScroll: true });
  }
  const filtered = $("filter-entity").value.trim() || $("filter-measure").value.trim();
  $("claims-count").textContent = entries.length
    ? `${entries.length} claim${entries.length === 1 ? "" : "s"}${filtered ? " matching the filters" : ""}, most recently changed first`
    : (filtered ? "No claims match the filters" : "No claims yet");
  const measures = [...new Set(entries.map((e) => e.measure))].sort();
  const options = $("measure-options");
  if (!$("filter-measure").value) options.replaceChildren(...measures.map((m) => el("option", { value: m })));
}

// Whole-table answers say when a worker did not answer in time (some claims or updates may be missing).
function partialNote(...answers) {
  const silent = new Set(answers.flatMap((a) => (a && a.partial ? a.unanswered_workers || [] : [])));
  if (!answers.some((a) => a && a.partial)) return "";
  return silent.size
    ? ` (partial: ${silent.size} worker${silent.size === 1 ? "" : "s"} did not answer)`
    : " (partial: some partitions are being reassigned)";
}

async function refreshClaims() {
  const data = await getJson(claimsQuery());
  state.claimsAnswer = data;
  const entries = sortByLastChange(data.claims || []);
  const json = JSON.stringify(entries);
  if (json !== state.claimsJson) {
    state.claimsJson = json;
    state.claims = entries;
    renderClaims(entries);
  }
}

function selectClaim(key, { focusDetail = false } = {}) {
  state.selectedKey = key;
  state.entryJson = "";
  for (const row of $("claims-table").tBodies[0].rows) {
    const on = row.dataset.key === key;
    row.classList.toggle("selected", on);
    row.setAttribute("aria-selected", on ? "true" : "false");
  }
  history.replaceState(null, "", `#claim=${encodeURIComponent(key)}`);
  refreshDetail().then(() => {
    if (focusDetail) $("detail-heading").focus();
  }).catch(reportError);
}

function onTableKey(event) {
  const row = event.target.closest("tr[data-key]");
  if (!row) return;
  if (event.key === "Enter" || event.key === " ") {
    event.preventDefault();
    selectClaim(row.dataset.key);
  } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    event.preventDefault();
    const next = event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
    if (next) next.focus();
  }
}

// ---- one claim: timeline chart and its accessible table -------------------------------------

function timelinePoints(entry) {
  const points = [
    ...(entry.history || []).map((claim) => ({ claim, role: "history" })),
    { claim: entry.latest, role: "latest" },
    ...(entry.disputed || []).map((claim) => ({ claim, role: "disputed" })),
  ];
  points.sort((a, b) => asOfMillis(a.claim) - asOfMillis(b.claim) ||
    String(a.claim.published_at).localeCompare(String(b.claim.published_at)));
  // A report that repeats the value before it corroborates that point: one point per change of value
  // (its sources are listed with the claim), the latest kept where it stands.
  const kept = [];
  for (const p of points) {
    const last = kept[kept.length - 1];
    if (last && p.role !== "disputed" && last.role !== "disputed" && sameReading(last.claim, p.claim)) {
      if (p.role === "latest" || last.role !== "latest") kept[kept.length - 1] = p;
    } else {
      kept.push(p);
    }
  }
  return kept;
}

function sameReading(a, b) {
  return a.value === b.value && (a.qualifier || "exact") === (b.qualifier || "exact");
}

function plotlyReady() {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!state.plotly) {
    state.plotly = new Promise((resolve, reject) => {
      const script = el("script", { src: "/static/plotly.min.js", id: "plotly-script", async: true });
      script.addEventListener("load", () => resolve(window.Plotly));
      script.addEventListener("error", () => {
        state.plotly = null;  // try again on the next poll
        reject(new Error("plotly.js did not load"));
      });
      document.head.append(script);
    });
  }
  return state.plotly;
}

function labelPosition(point, points) {
  // Put each label where the value line is not: an earliest mark below the rising line, later
  // marks above it (or below a falling one), and the first and last marks' labels pointing inwards.
  const accepted = points.filter((p) => p.role !== "disputed");
  const index = accepted.indexOf(point);
  if (index < 0 || accepted.length < 2) return "top center";
  const value = point.claim.value;
  if (index === 0) return accepted[1].claim.value >= value ? "bottom right" : "top right";
  const side = accepted[index - 1].claim.value <= value ? "top" : "bottom";
  return `${side} left`;
}

function chartTraces(entry, points, narrow) {
  // The accepted value over time: earlier claims then the latest, as one line.
  const accepted = points.filter((p) => p.role !== "disputed");
  const traces = [{
    name: "Accepted value", type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
    x: accepted.map((p) => p.claim.as_of), y: accepted.map((p) => p.claim.value),
    line: { color: "#9ca3af", width: 2, dash: "dot" },
  }];
  for (const role of ["history", "latest", "disputed"]) {
    const mine = points.filter((p) => p.role === role);
    if (!mine.length) continue;
    const ranged = mine.some((p) => p.claim.low != null && p.claim.high != null);
    traces.push({
      name: ROLE_STYLE[role].label, type: "scatter", mode: "markers+text", meta: role,
      x: mine.map((p) => p.claim.as_of),
      y: mine.map((p) => p.claim.value),
      // The figure as written keeps its qualifier: "more than 46,000"; the source goes beneath it.
      text: mine.map((p) => (narrow ? p.claim.text : `${p.claim.text}<br>${p.claim.source}`)),
      cliponaxis: false,
      // Labels of the first and last marks point inwards, so the plot edge does not cut them.
      textposition: mine.map((p) => labelPosition(p, points)),
      textfont: { color: ROLE_STYLE[role].color, size: 12 },
      customdata: mine.map((p) => [p.claim.source, p.claim.article_id, QUALIFIER_WORDS[p.claim.qualifier] || p.claim.qualifier, p.claim.published_at]),
      hovertemplate: "<b>%{text}</b><br>as of %{x|%Y-%m-%d}<br>%{customdata[2]} %{y:,}<br>" +
        "source %{customdata[0]}, article %{customdata[1]}<br>published %{customdata[3]}" +
        "<extra>" + ROLE_STYLE[role].label + "</extra>",
      marker: {
        size: 14, color: ROLE_STYLE[role].color, line: { color: "#ffffff", width: 1.5 },
        symbol: mine.map((p) => QUALIFIER_SYMBOLS[p.claim.qualifier] || "circle"),
      },
      error_y: ranged ? {
        type: "data", symmetric: false, color: ROLE_STYLE[role].color,
        array: mine.map((p) => (p.claim.high != null ? p.claim.high - p.claim.value : 0)),
        arrayminus: mine.map((p) => (p.claim.low != null ? p.claim.value - p.claim.low : 0)),
      } : undefined,
    });
  }
  return traces;
}

async function drawChart(entry, points) {
  const Plotly = await plotlyReady();
  const narrow = window.matchMedia("(max-width: 700px)").matches;
  const values = points.map((p) => p.claim.value);
  const top = Math.max(...values), bottom = Math.min(...values);
  // Headroom above the highest mark for its two-line label.
  const pad = (top - bottom || Math.abs(top) || 1) * 0.3;
  // An explicit date range: with every claim on one day plotly would otherwise zoom to milliseconds.
  const times = points.map((p) => asOfMillis(p.claim));
  const first = Math.min(...times), last = Math.max(...times);
  // Room either side for the first and last marks' labels.
  const margin = Math.max((last - first) * 0.15, 3 * 86400000);
  const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
  // No height here: the chart fills its box, whose height the stylesheet sets per screen width.
  const layout = {
    margin: { l: narrow ? 56 : 72, r: 16, t: 36, b: 48 },
    font: { family: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", size: 13, color: "#1f2937" },
    xaxis: { title: { text: "As of" }, type: "date", automargin: true, gridcolor: "#e5e7eb",
      range: [isoDay(first - margin), isoDay(last + margin)], nticks: narrow ? 4 : 7,
      tickformat: last - first > 120 * 86400000 ? "%b %Y" : "%d %b %Y" },
    yaxis: { title: { text: entry.measure }, tickformat: ",", automargin: true, gridcolor: "#e5e7eb",
      range: [Math.max(0, bottom - pad), top + pad] },
    legend: { orientation: "h", x: 0, y: 1.02, xanchor: "left", yanchor: "bottom" },
    paper_bgcolor: "#ffffff", plot_bgcolor: "#ffffff",
  };
  await Plotly.react($("timeline"), chartTraces(entry, points, narrow), layout,
    { responsive: true, displaylogo: false, modeBarButtonsToRemove: ["lasso2d", "select2d"] });
}

function renderPoints(points) {
  const rows = points.map(({ claim, role }) => el("tr", {
    class: `role-${role}`, dataset: { value: claim.value, asOf: claim.as_of, role, qualifier: claim.qualifier },
  },
    el("td", {}, day(claim.as_of)),
    el("td", { class: "num" }, el("span", { class: "value" }, formatValue(claim)),
      claim.text !== formatValue(claim) ? el("span", { class: "qualifier" }, claim.text) : null),
    el("td", {}, el("span", { class: `role role-${role}` }, ROLE_STYLE[role].label)),
    el("td", { class: "source" }, el("span", {}, claim.source),
      claim.attributed_to ? el("span", { class: "help" }, ` (${claim.attributed_to})`) : null,
      el("span", { class: "article" }, articleRef(claim))),
  ));
  $("timeline-points").tBodies[0].replaceChildren(...rows);
}

function renderDetail(entry) {
  const points = timelinePoints(entry);
  $("detail-empty").hidden = true;
  $("detail-body").hidden = false;
  $("detail-heading").textContent = `Timeline: ${claimTitle(entry)}`;
  const disputed = (entry.disputed || []).length;
  $("detail-summary").replaceChildren(el("span", {},
    "Latest ", el("strong", {}, entry.latest.text), ` as of ${day(entry.latest.as_of)}`,
    ` from ${(entry.sources || []).join(", ")}`,
    disputed ? el("span", { class: "badge badge-disputed" }, `${disputed} disputed`) : null,
  ));
  $("timeline-label").textContent = `Chart of ${claimTitle(entry)} over as-of date: ` +
    points.map((p) => `${day(p.claim.as_of)} ${p.claim.text} (${p.claim.source}, ${ROLE_STYLE[p.role].label.toLowerCase()})`).join("; ") +
    ". The same points are listed in the table below.";
  renderPoints(points);
  return drawChart(entry, points);
}

async function refreshDetail() {
  const key = state.selectedKey;
  if (!key) return;
  let entry;
  try {
    entry = await getJson(`/claims/${encodeURIComponent(key)}`);
  } catch (error) {
    $("detail-summary").textContent = `Could not load this claim: ${error.message}`;
    return;
  }
  if (key !== state.selectedKey) return;
  const json = JSON.stringify(entry);
  if (json === state.entryJson) return;
  state.entryJson = json;
  await renderDetail(entry);
}

// ---- updates and contradictions -------------------------------------------------------------

function updateItem(update) {
  const contradiction = update.kind === "contradiction";
  const show = el("button", { type: "button", class: "link-button", dataset: { key: update.key } },
    "Show timeline");
  return el("li", { class: `update update-${update.kind}`, dataset: { id: update.id, kind: update.kind, key: update.key } },
    el("p", { class: "update-head" },
      el("span", { class: `kind kind-${update.kind}` }, contradiction ? "Contradiction" : "Update"),
      " ",
      el("strong", {}, claimTitle(update)),
      ": ", update.old.text, " → ", update.new.text),
    el("p", { class: "explanation" }, update.explanation),
    el("p", { class: "update-meta help" },
      `${stamp(update.emitted_at)} UTC · sources: ${(update.sources || []).join(", ")} · articles: `,
      ...update.article_ids.flatMap((id, i) => [i ? ", " : "", el("code", {}, id)]),
      " ", show),
  );
}

function renderUpdates(updates) {
  const list = $("updates");
  const fresh = updates.filter((u) => !state.seenUpdateIds.has(u.id));
  if (state.firstUpdates) list.setAttribute("aria-busy", "true");
  // Newest first: insert the unseen ones, oldest of them first, at the top. Items already
  // shown stay in place, so the live region announces only the additions.
  for (const update of [...fresh].reverse()) {
    state.seenUpdateIds.add(update.id);
    list.prepend(updateItem(update));
  }
  if (state.firstUpdates) { list.setAttribute("aria-busy", "false"); state.firstUpdates = false; }
  $("updates-empty").hidden = list.children.length > 0;
}

async function refreshUpdates() {
  const data = await getJson("/updates");
  state.updatesAnswer = data;
  renderUpdates(data.updates || []);
}

// ---- polling ----------------------------------------------------------------------------------

function reportError(error) {
  $("refresh-status").textContent = `Cannot reach the worker (${error.message}); retrying every ${POLL_MS / 1000} s`;
  $("refresh-status").classList.add("error");
}

async function refresh() {
  try {
    await Promise.all([refreshClaims(), refreshUpdates(), refreshDetail()]);
    const status = $("refresh-status");
    status.classList.remove("error");
    const partial = partialNote(state.claimsAnswer, state.updatesAnswer);
    status.classList.toggle("partial", partial !== "");
    status.textContent = `Live: updated ${new Date().toLocaleTimeString("en-GB")} (every ${POLL_MS / 1000} s)${partial}`;
  } catch (error) {
    reportError(error);
  }
}

async function poll() {
  await refresh();
  // After the first table is on screen, fetch the chart library in the background.
  if (!state.plotly) window.setTimeout(() => plotlyReady().catch(() => {}), 0);
  window.setTimeout(poll, POLL_MS);
}

function start() {
  const table = $("claims-table");
  table.addEventListener("keydown", onTableKey);
  table.addEventListener("click", (event) => {
    const row = event.target.closest("tr[data-key]");
    if (row) selectClaim(row.dataset.key);
  });
  $("updates").addEventListener("click", (event) => {
    const button = event.target.closest("button[data-key]");
    if (button) selectClaim(button.dataset.key, { focusDetail: true });
  });
  let typing;
  const onFilter = () => {
    window.clearTimeout(typing);
    typing = window.setTimeout(() => { state.claimsJson = ""; refreshClaims().catch(reportError); }, 250);
  };
  $("filters").addEventListener("input", onFilter);
  $("filters").addEventListener("reset", () => window.setTimeout(onFilter));
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); onFilter(); });
  // Margins, tick count and label sizes depend on the width: redraw when it crosses the breakpoint.
  window.matchMedia("(max-width: 700px)").addEventListener("change", () => {
    state.entryJson = "";
    refreshDetail().catch(reportError);
  });
  const match = /^#claim=(.+)$/.exec(window.location.hash);
  if (match) state.selectedKey = decodeURIComponent(match[1]);
  poll();
}

start();
