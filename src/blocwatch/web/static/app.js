// blocwatch's page: the network of the chosen states, a dyad's timeline, its events and their evidence.
// Data from the API is untrusted text: it only ever reaches the page through textContent and
// setAttribute, never as markup, and only http(s) addresses become links.
"use strict";

(() => {
  const PAGE = 25;
  // blocwatch.palette: the same colours as the report and its figures (tests/web/test_palette.py)
  const QUADS = [["verbal_coop", "verbal cooperation", "#92c5de"], ["material_coop", "material cooperation", "#2166ac"],
    ["verbal_conflict", "verbal conflict", "#f4a582"], ["material_conflict", "material conflict", "#b2182b"]];
  const BLOC_COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
  const NO_BLOC = "#dddddd";
  const SVG_NS = "http://www.w3.org/2000/svg";
  // What is shown, and the page's address says it: ?countries=&from=&to=&all_actors=&roots_only=&min_sources=
  // &roots=&quads=&plover=&origins=
  // (the names of the API's parameters, and what a report prints to open the app on its own view) &pair=&month=&place=.
  // `span` is the days the network and findings cover (the window asked for, else the span of the events):
  // timelines and events of a pair cover exactly those days.
  // `place` is a point of the map ("lat,lon", as /api/places gives it) whose events are listed, or "".
  const view = { countries: [], from: "", to: "", span: ["", ""], filters: {}, pair: "", month: "", place: "", offset: 0,
    total: 0 };
  const $ = (id) => document.getElementById(id);

  // -- building the page, safely ------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    node.append(...children.map((c) => (c instanceof Node ? c : String(c ?? ""))));  // strings become text nodes
    return node;
  }
  function svg(tag, attrs = {}) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
    return node;
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }
  function source(url) {  // a link for an http(s) address, plain text for anything else
    if (!url) return "none";
    if (!safeUrl(url)) return url;
    return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank" }, url);
  }
  function setText(id, text) { $(id).textContent = text ?? ""; }
  function status(text, error = false) { setText("status", text); $("status").classList.toggle("error", error); }
  function num(x, digits = 2) { return x === null || x === undefined ? "" : (x >= 0 ? "+" : "") + x.toFixed(digits); }
  function interval(low, high) {  // " (95% interval -0.10 to +0.40)", or nothing when unknown
    return low === null || low === undefined || high === null || high === undefined ? "" :
      ` (95% interval ${num(low)} to ${num(high)})`;
  }
  const month = (day) => (day || "").slice(0, 7);
  // text for Plotly, which reads a few HTML tags in labels: untrusted text must show as text
  const plain = (s) => String(s).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
  const pairName = (a, b) => (a < b ? `${a}-${b}` : `${b}-${a}`);

  async function api(path, params = {}) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== "" && v !== null && v !== undefined) query.set(k, v);
    const response = await fetch(`/api/${path}?${query}`, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    return body;
  }
  const windowParams = () => ({ from: view.from, to: view.to, ...view.filters });
  const spanParams = () => ({ from: view.from || view.span[0], to: view.to || view.span[1], ...view.filters });

  // -- the address: the view it shows ---------------------------------------------------------
  // the type filters, as the API and the CLI's --roots, --quads, --origins take them
  const ROOTS = /^(0?[1-9]|1[0-9]|20)(,(0?[1-9]|1[0-9]|20))*$/;
  // a point of the map, as blocwatch.web.api.PLACE_PATTERN takes it
  const PLACE = /^-?([0-8]?[0-9](\.[0-9]{1,2})?|90(\.00?)?),-?((1[0-7][0-9]|[0-9]?[0-9])(\.[0-9]{1,2})?|180(\.00?)?)$/;
  const QUAD_LIST = /^[1-4](,[1-4]){0,3}$/;
  const ORIGIN_LIST = /^[A-Za-z0-9_.:-]{1,40}(,[A-Za-z0-9_.:-]{1,40}){0,9}$/;
  function readAddress() {
    const q = new URLSearchParams(window.location.search);
    const get = (k) => q.get(k) || "";
    return { countries: get("countries").toUpperCase().split(",").filter((c) => /^[A-Z]{3}$/.test(c)),
      from: get("from"), to: get("to"), pair: get("pair").toUpperCase(), month: get("month"),
      place: PLACE.test(get("place")) ? get("place") : "",
      all_actors: get("all_actors") === "true", roots_only: get("roots_only") === "true",
      min_sources: Number(get("min_sources")) > 1 ? String(Math.floor(Number(get("min_sources")))) : "",
      roots: ROOTS.test(get("roots")) ? get("roots") : "", quads: QUAD_LIST.test(get("quads")) ? get("quads") : "",
      origins: ORIGIN_LIST.test(get("origins")) ? get("origins") : "",
      plover: /^[A-Z]+(,[A-Z]+)*$/.test(get("plover")) ? get("plover") : "", every_record: get("records") === "every" };
  }
  function writeAddress() {
    const q = new URLSearchParams();
    if (view.countries.length) q.set("countries", view.countries.join(","));
    for (const [k, v] of Object.entries({ from: view.from, to: view.to, ...view.filters, pair: view.pair,
      month: view.month, place: view.place, records: $("every-record").checked ? "every" : "" })) if (v) q.set(k, v);
    const text = q.toString().replaceAll("%2C", ",");
    window.history.replaceState(null, "", text ? `?${text}` : window.location.pathname);
  }

  // -- the chooser ----------------------------------------------------------------------------
  function stateBox(code, name, events) {
    const input = el("input", { type: "checkbox", name: "country", value: code });
    return el("label", { class: "state", title: name, "data-name": `${code} ${name}`.toLowerCase() }, input, ` ${code} `,
      el("span", { class: "name" }, name === code ? "" : name), " ",
      el("span", { class: "count" }, events === null ? "" : events.toLocaleString("en")));
  }
  // the states whose code or name holds what is typed ("north" finds North Korea); checked ones stay shown
  function filterStates() {
    const words = $("state-filter").value.trim().toLowerCase();
    for (const label of $("countries").querySelectorAll("label.state")) {
      const checked = label.querySelector("input").checked;
      label.hidden = Boolean(words) && !checked && !label.getAttribute("data-name").includes(words);
    }
  }
  function checkStates(codes) {
    const box = $("countries");
    for (const c of codes) if (!box.querySelector(`input[value="${c}"]`)) box.append(stateBox(c, c, null));
    for (const input of box.querySelectorAll("input[name=country]")) input.checked = codes.includes(input.value);
  }
  // the states to choose from, and the origins of their events (all ticked, or those of the address)
  let ploverTypes = [];
  const names = {};  // state names by code, for the pair chooser
  async function loadStates(origins = null) {
    const states = await api("states", { limit: 50 });
    $("countries").append(...states.items.map((s) => stateBox(s.code, s.name, s.events)));
    for (const s of states.items) names[s.code] = s.name;
    $("origins").replaceChildren("origins:", ...states.origins.map((o) => el("label", {},
      el("input", { type: "checkbox", name: "origin", value: o }), ` ${o}`)));
    for (const box of document.querySelectorAll("input[name=origin]")) box.checked = !origins || origins.includes(box.value);
    $("origins").hidden = states.origins.length < 2;  // one origin: nothing to choose
    ploverTypes = states.plover_types;
    if (!states.items.length) status("The store holds no events between states.");
  }

  // The first view is the address's; without states in it, the report's default: the most active
  // states of the window (the API chooses them when `countries` is not given).
  async function apply(first = false) {
    view.countries = [...document.querySelectorAll("input[name=country]:checked")].map((i) => i.value);
    if (!first) {
      view.from = $("from").value;
      view.to = $("to").value;
    }
    const roots = $("roots").value.replace(/\s+/g, "");
    if (roots && !ROOTS.test(roots)) { status("CAMEO roots are numbers from 1 to 20, such as 14,18,19.", true); return; }
    const plover = $("plover").value.replace(/\s+/g, "").toUpperCase();
    const unknown = plover ? plover.split(",").filter((t) => !ploverTypes.includes(t)) : [];
    if (unknown.length) { status(`PLOVER types are ${ploverTypes.join(", ")}; not ${unknown.join(", ")}.`, true); return; }
    const quads = [...document.querySelectorAll("input[name=quad]:checked")].map((i) => i.value);
    if (!quads.length) { status("Choose at least one kind of event.", true); return; }
    const origins = [...document.querySelectorAll("input[name=origin]")];
    const kept = origins.filter((i) => i.checked).map((i) => i.value);
    if (origins.length && !kept.length) { status("Choose at least one origin.", true); return; }
    view.filters = { all_actors: $("all-actors").checked ? "true" : "", roots_only: $("roots-only").checked ? "true" : "",
      min_sources: Number($("min-sources").value) > 1 ? String(Math.floor(Number($("min-sources").value))) : "",
      roots, quads: quads.length < 4 ? quads.join(",") : "", plover,
      origins: kept.length < origins.length ? kept.join(",") : "" };
    if (!(first && !view.countries.length)) {
      if (view.countries.length < 2) { status("Choose at least two states.", true); return; }
      if (view.countries.length > 30) { status("Choose at most 30 states.", true); return; }
    }
    if (view.from && view.to && view.from > view.to) { status("From is after To.", true); return; }
    status("Loading…");
    try {
      const params = { countries: view.countries.join(","), ...windowParams() };
      const [network, shifts, findings] = await Promise.all([api("network", params), api("shifts", params),
        api("findings", params)]);
      if (!view.countries.length) { view.countries = network.countries; checkStates(view.countries); }
      view.span = [network.start || "", network.end || ""];
      if (!$("from").value && network.start) $("from").value = month(network.start);
      if (!$("to").value && network.end) $("to").value = month(network.end);
      drawNetwork(network);
      listShifts(shifts);
      listFindings(findings);
      fillDyads();
      writeAddress();
      status(network.start ? `${view.countries.length} states, ${month(network.start)} to ${month(network.end)}.`
        : "No events in this window.");
      if (view.pair && $("dyad").value === view.pair) await selectPair(view.pair, view.month, view.place);
    } catch (err) { status(`Could not load: ${err.message}`, true); }
  }

  function listFindings(findings) {
    const list = $("findings");
    list.replaceChildren(...findings.items.map((h) => {
      const item = el("li", { class: `finding finding-${h.kind}` }, h.text);
      if (h.pair) {
        item.setAttribute("data-pair", h.pair);
        item.setAttribute("tabindex", 0);
        item.addEventListener("click", () => selectPair(h.pair, h.month || ""));
      }
      return item;
    }));
    setText("counting", findings.counting);
  }

  // -- the network ------------------------------------------------------------------------------
  function drawNetwork(net) {
    const box = $("network");
    box.replaceChildren();
    const [W, H, PAD] = [640, 420, 40];
    const xs = net.nodes.map((n) => n.x), ys = net.nodes.map((n) => n.y);
    const [x0, x1, y0, y1] = [Math.min(...xs, 0), Math.max(...xs, 0), Math.min(...ys, 0), Math.max(...ys, 0)];
    const scale = Math.min((W - 2 * PAD) / (x1 - x0 || 1), (H - 2 * PAD) / (y1 - y0 || 1));
    const cx = (W - scale * (x1 + x0)) / 2, cy = (H + scale * (y1 + y0)) / 2;
    const at = {};
    for (const n of net.nodes) at[n.id] = [cx + scale * n.x, cy - scale * n.y];
    const heaviest = Math.max(1, ...net.edges.map((e) => e.weight));
    const ties = svg("g", { class: "ties" });
    for (const e of net.edges) {
      const pair = pairName(e.source, e.target);
      const [[xa, ya], [xb, yb]] = [at[e.source], at[e.target]];
      const kind = e.sign > 0 ? "positive" : "negative";
      const g = svg("g", { class: `tie ${kind}${e.frustrated ? " frustrated" : ""}`, "data-pair": pair,
        tabindex: 0, role: "button", "aria-label": `${pair}: ${e.sign > 0 ? "friendly" : "hostile"}` });
      const title = svg("title");
      title.textContent = `${pair}: ${e.sign > 0 ? "friendly" : "hostile"}, net ${num(e.net)}` +
        `${interval(e.net_low, e.net_high)}, ${e.events} events`;
      g.append(title, svg("line", { class: "hit", x1: xa, y1: ya, x2: xb, y2: yb }),
        svg("line", { class: "line", x1: xa, y1: ya, x2: xb, y2: yb, "stroke-width": 1 + 6 * e.weight / heaviest }));
      g.addEventListener("click", () => selectPair(pair));
      g.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") selectPair(pair); });
      ties.append(g);
    }
    const nodes = svg("g", { class: "nodes" });
    for (const n of net.nodes) {
      const [x, y] = at[n.id];
      const g = svg("g", { class: "node", "data-state": n.id });
      const title = svg("title");
      title.textContent = `${n.name}${n.bloc === null ? " (no tie)" : (net.bloc_support.supported || net.bloc_support.hostile === 0) ? `, bloc ${n.bloc + 1}` : ""}`;
      const label = svg("text", { x, y: y - 13, "text-anchor": "middle" });
      label.textContent = n.id;
      // blocs no better than chance are not coloured as blocs: every tied state gets the first colour
      const bloc = n.bloc === null ? null : (net.bloc_support.supported || net.bloc_support.hostile === 0) ? n.bloc : 0;
      g.append(title, svg("circle", { cx: x, cy: y, r: 9,
        fill: bloc === null ? NO_BLOC : BLOC_COLOURS[bloc % BLOC_COLOURS.length] }), label);
      nodes.append(g);
    }
    box.append(ties, nodes);
    const friendly = net.edges.filter((e) => e.sign > 0).length;
    const f = net.frustration, support = net.bloc_support;
    const split = net.blocs.map((b) => b.join(" ")).join(" | ");
    const tested = support.p_value === null ? "too few ties of each kind to tell blocs from chance"
      : `p = ${support.p_value.toFixed(2)} against the same ${support.ties} ties with their signs shuffled`;
    const blocs = !net.blocs.length ? "no ties" : support.hostile === 0 ? `one bloc, every tie friendly: ${split}`
      : support.hostile === support.ties ? "every tie hostile: no blocs"
        : support.supported ? `${net.blocs.length} blocs: ${split} (${tested})`
          : `no clear blocs (${tested}); the best split would be ${split}`;
    setText("network-summary", `${net.label || ""}: ${net.nodes.length} states, ${net.edges.length} ties ` +
      `(${friendly} friendly, ${net.edges.length - friendly} hostile); ${blocs}; frustration ${f.value.toFixed(2)}` +
      (f.exact ? " (exact)" : ` (at least ${f.bound.toFixed(2)})`) +
      (net.balanced_triangle_ratio === null ? "" : `; balanced triangles ${(100 * net.balanced_triangle_ratio).toFixed(0)}%`));
    markSelected();
  }

  function markSelected() {
    for (const g of document.querySelectorAll("#network .tie")) {
      g.classList.toggle("selected", g.getAttribute("data-pair") === view.pair);
    }
  }

  function listShifts(shifts) {
    const list = $("shifts");
    list.replaceChildren();
    for (const s of shifts.items) {
      const [b, a] = [s.before_interval || [null, null], s.after_interval || [null, null]];
      const item = el("li", { "data-pair": s.pair, tabindex: 0 },
        el("strong", {}, s.pair), ` moved ${s.direction} from ${month(s.at)}: net ${num(s.before)}` +
        `${interval(b[0], b[1])} → ${num(s.after)}${interval(a[0], a[1])}; ` +
        `p = ${s.p_value === null ? "?" : s.p_value.toFixed(3)}; ${s.events_before} events in ` +
        `${s.months_before ?? "?"} months before, ${s.events_after} in ${s.months_after ?? "?"} after`);
      for (const note of s.notes) item.append(el("div", { class: "note" }, note));
      item.addEventListener("click", () => selectPair(s.pair));
      list.append(item);
    }
    if (!shifts.items.length) {
      list.append(el("li", {}, "No pair's relations changed in this window as far as the data can tell: no " +
        "change is larger than random orders of the same months give (p ≤ 0.05)."));
    }
  }

  // -- a dyad: timeline and events ----------------------------------------------------------------
  function fillDyads() {
    const select = $("dyad");
    const pairs = [];
    const sorted = [...view.countries].sort();
    sorted.forEach((a, i) => sorted.slice(i + 1).forEach((b) => pairs.push(`${a}-${b}`)));
    select.replaceChildren(el("option", { value: "" }, "choose a pair of states"),
      ...pairs.map((p) => el("option", { value: p }, `${p}: ${p.split("-").map((c) => names[c] || c).join(" and ")}`)));
    select.value = pairs.includes(view.pair) ? view.pair : "";
  }

  let timelineRequest = 0;
  async function selectPair(pair, monthFilter = "", place = "") {
    if (!pair) return;
    const [a, b] = pair.split("-");
    view.pair = pairName(a, b);
    if (![...$("dyad").options].some((o) => o.value === view.pair)) $("dyad").append(el("option", { value: view.pair }, view.pair));
    $("dyad").value = view.pair;
    markSelected();
    const ticket = ++timelineRequest;
    try {
      const t = await api("timeline", { pair: view.pair, ...spanParams() });
      if (ticket !== timelineRequest) return;  // another pair was chosen meanwhile
      drawTimeline(t);
      await loadEvents(monthFilter, 0, place);
    } catch (err) { status(`Could not load ${view.pair}: ${err.message}`, true); }
  }

  let clickBound = false;
  function drawTimeline(t) {
    const box = $("timeline");
    setText("timeline-summary", t.total ? `${t.pair}: ${t.total.toLocaleString("en")} events, ${t.months[0]} to ` +
      `${t.months[t.months.length - 1]}` : `${t.pair}: no events in this window.`);
    const traces = QUADS.map(([key, name, colour]) => ({ type: "bar", name, x: t.months, y: t[key], customdata: t.months,
      marker: { color: colour }, hovertemplate: `%{customdata}: %{y} ${name}<extra></extra>` }));
    traces.push({ type: "scatter", mode: "lines+markers", name: "net cooperation", x: t.months, y: t.net, yaxis: "y2",
      customdata: t.months, text: t.months.map((m, i) => `${t.events[i]} events${interval(t.net_low[i], t.net_high[i])}`),
      line: { color: "#222222" }, hovertemplate: "%{customdata}: net %{y:+.2f}, %{text}<extra></extra>" });
    Plotly.react(box, traces, {
      barmode: "stack", height: 320, margin: { l: 50, r: 60, t: 10, b: 60 }, legend: { orientation: "h", y: -0.25 },
      xaxis: { type: "category" }, yaxis: { title: { text: "events" }, rangemode: "tozero" },
      yaxis2: { title: { text: "net cooperation" }, overlaying: "y", side: "right", range: [-1.05, 1.05],
        tickvals: [-1, -0.5, 0, 0.5, 1], zeroline: false },
    }, { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"] });
    if (!clickBound) {
      box.on("plotly_click", (ev) => { if (ev.points.length) loadEvents(String(ev.points[0].customdata), 0); });
      clickBound = true;
    }
  }

  // Only the latest request for the events list may draw it: a slower answer to an earlier request
  // (the whole window, while the user already clicked a month) is dropped, never drawn over it.
  let eventsRequest = 0;
  async function loadEvents(monthFilter, offset, place = "") {
    const ticket = ++eventsRequest;
    const pair = view.pair, chosen = monthFilter, start = Math.max(0, offset);
    view.month = chosen;
    view.offset = start;
    view.place = place;
    // the map's places of the pair and month come with the page, so that the list can name its place
    const [page] = await Promise.all([api("events", { ...eventParams(false), month: chosen, place,
      limit: PAGE, offset: start }),
    loadPlaces(pair, chosen).catch((err) => setText("map-summary", `The map could not load: ${err.message}`))]);
    if (ticket !== eventsRequest || pair !== view.pair) return;  // a later request, or another pair chosen
    view.total = page.total;
    const body = $("events-body");
    body.replaceChildren(...page.items.map((e) => eventRow(e)));
    const last = Math.min(page.offset + page.items.length, page.total);
    const between = `between ${pair.replace("-", " and ")}${chosen ? ` in ${chosen}` : ""}` +
      `${place ? ` at ${placeName(place)}` : ""}.`;
    setText("events-info", page.total ? `Events ${page.offset + 1}–${last} of ${page.total.toLocaleString("en")} ` +
      between + (page.records > page.total ? ` ${page.records.toLocaleString("en")} records: the records of one ` +
      "event (the same day, actors, states, code and mode) are one row." : "") : `No events ${between}`);
    writeAddress();
    $("events-prev").disabled = view.offset === 0;
    $("events-next").disabled = last >= page.total;
    $("events-all").hidden = !view.month;
    $("events-every-place").hidden = !view.place;
    drawMap();  // the chosen place marked
    await loadUndated(pair);
  }

  // -- the map: where the pair's events of the window (or the month) took place ---------------------
  // plotly.js draws maps from a TopoJSON file it would fetch from a CDN: the app serves blocwatch's own.
  let baseMap = null, mapRequest = 0, mapKey = "", mapPoints = [];
  async function ensureBaseMap() {
    if (!baseMap) {
      const response = await fetch("/static/world_110m.json");
      if (!response.ok) throw new Error("the base map did not load");
      baseMap = await response.json();
      window.PlotlyGeoAssets = window.PlotlyGeoAssets || { topojson: {} };
      window.PlotlyGeoAssets.topojson = { ...(window.PlotlyGeoAssets.topojson || {}), world_110m: baseMap };
    }
  }
  const placeKey = (p) => `${p.lat},${p.lon}`;
  function placeName(key) {
    const p = mapPoints.find((q) => q.key === key);
    return p && p.place ? p.place : key;
  }
  async function loadPlaces(pair, monthFilter) {
    const params = { pair, ...spanParams(), month: monthFilter };
    const key = JSON.stringify(params);
    const ticket = ++mapRequest;  // an answer still on its way for another month is now stale
    if (key === mapKey) return;  // the same points
    const [answer] = await Promise.all([api("places", params), ensureBaseMap()]);
    if (ticket !== mapRequest || pair !== view.pair) return;
    mapKey = key;
    const at = {};  // one point per place: its months added up
    for (const p of answer.points) {
      const k = placeKey(p);
      at[k] = at[k] || { key: k, lat: p.lat, lon: p.lon, place: p.place, events: 0, conflict: 0 };
      at[k].events += p.events;
      at[k].conflict += p.verbal_conflict + p.material_conflict;
    }
    mapPoints = Object.values(at).sort((a, b) => b.events - a.events);
    const located = answer.located;  // all of them, whatever points the limit left out
    setText("map-summary", `${located.toLocaleString("en")} of ${answer.events.toLocaleString("en")} events ` +
      `${monthFilter ? `in ${monthFilter} ` : ""}have a place` +
      (answer.events ? ` (${Math.round((100 * located) / answer.events)}%)` : "") +
      `, at ${mapPoints.length} ${mapPoints.length === 1 ? "place" : "places"}` +
      (answer.truncated ? " (the busiest only)" : "") +
      (answer.events > located ? "; the others have none (events coded from text never do)." : "."));
  }
  let mapClickBound = false;
  function drawMap() {
    const box = $("map");
    const chosen = mapPoints.findIndex((p) => p.key === view.place);
    Plotly.react(box, [{
      type: "scattergeo", lat: mapPoints.map((p) => p.lat), lon: mapPoints.map((p) => p.lon),
      customdata: mapPoints.map((p) => p.key),
      text: mapPoints.map((p) => plain(`${p.place || p.key}: ${p.events} event${p.events === 1 ? "" : "s"}, ` +
        `${Math.round((100 * p.conflict) / p.events)}% conflict`)),
      hovertemplate: "%{text}<extra></extra>", selectedpoints: chosen >= 0 ? [chosen] : null,
      marker: { size: mapPoints.map((p) => Math.min(40, 6 + 3 * Math.sqrt(p.events))),
        color: mapPoints.map((p) => p.conflict / p.events), cmin: 0, cmax: 1, opacity: 0.85,
        colorscale: [[0, QUADS[1][2]], [0.5, "#f7f7f7"], [1, QUADS[3][2]]], line: { color: "#333333", width: 0.5 },
        colorbar: { title: { text: "conflict" }, tickformat: ".0%", thickness: 12, len: 0.6 } },
    }], {
      height: Math.round(Math.max(200, Math.min(420, 0.5 * (box.clientWidth || 640)))), margin: { l: 0, r: 0, t: 0, b: 0 },
      geo: { projection: { type: "natural earth" }, showcountries: true, countrycolor: "#999999", showland: true,
        landcolor: "#f2f2f2", showframe: false, fitbounds: mapPoints.length ? "locations" : false },
    }, { displaylogo: false, responsive: true });
    if (!mapClickBound) {
      box.on("plotly_click", (ev) => {
        const p = ev.points[0];
        if (p && p.customdata) loadEvents(view.month, 0, String(p.customdata));
      });
      mapClickBound = true;
    }
  }

  // Background the text dates only before its report ("had invaded") counts in no month: it is listed
  // apart, under the pair whatever month or page is chosen, dated "on or before" the day of its report.
  // It is asked for again only when the pair, the window or the modes change; only the latest answer
  // may draw it.
  let undatedRequest = 0, undatedKey = "";
  async function loadUndated(pair) {
    const params = { pair, ...spanParams(), undated: "true", all_modes: $("all-modes").checked ? "true" : "",
      limit: PAGE, offset: 0 };
    const key = JSON.stringify(params);
    if (key === undatedKey) return;
    undatedKey = key;
    const ticket = ++undatedRequest;
    $("undated").hidden = true;
    $("undated-body").replaceChildren();
    let page;
    try {
      page = await api("events", params);
    } catch (err) {
      if (ticket === undatedRequest) undatedKey = "";  // asked again next time
      throw err;
    }
    if (ticket !== undatedRequest || pair !== view.pair) return;
    $("undated").hidden = page.total === 0;
    $("undated-body").replaceChildren(...page.items.map((e) => eventRow(e, `≤ ${e.date}`)));
    setText("undated-info", `${page.total.toLocaleString("en")} events between ${pair.replace("-", " and ")} that ` +
      "the text places before its report without a date of their own. They count in no month and in no figure " +
      "here; each is dated by the report that mentions it (it happened on or before that day)" +
      (page.items.length < page.total ? `; the first ${page.items.length} are listed.` : "."));
  }

  function eventRow(e, date) {
    const row = el("tr", { tabindex: 0, "data-event-id": e.event_id, class: e.evidence_text ? "has-evidence" : "" },
      el("td", { class: "date" }, date || e.date), el("td", { class: "source" }, e.source || e.source_country || ""),
      el("td", { class: "target" }, e.target || e.target_country || ""),
      el("td", { class: "cameo" }, `${e.cameo} ${e.cameo_name || ""}`), el("td", { class: "goldstein" }, num(e.goldstein, 1)),
      el("td", { class: "mode" }, e.mode), el("td", { class: "origin" }, e.origin,
        e.records > 1 ? el("span", { class: "records", title: "records of this event" }, ` ×${e.records}`) : ""));
    const show = () => showEvidence(e, row, date || e.date);
    row.addEventListener("click", show);
    row.addEventListener("keydown", (ev) => { if (ev.key === "Enter") show(); });
    return row;
  }

  function showEvidence(e, row, date) {
    for (const r of document.querySelectorAll("#events-body tr.selected, #undated-body tr.selected")) {
      r.classList.remove("selected");
    }
    row.classList.add("selected");
    $("evidence-empty").hidden = true;
    $("evidence-fields").hidden = false;
    setText("evidence-event", `${date} ${e.source_country || "?"} → ${e.target_country || "?"}: ${e.cameo} ` +
      `${e.cameo_name || ""} (Goldstein ${num(e.goldstein, 1)}, ${e.mode}, ${e.origin})`);
    setText("evidence-text", e.evidence_text || "No sentence: this event comes from a dataset; see its source.");
    setText("evidence-doc", e.doc_id || "none");
    setText("evidence-rule", e.evidence_rule || "none");
    $("evidence-source").replaceChildren(source(e.url));
    // the other records of the event, and the other articles among them
    const others = e.other_urls || [];
    for (const node of document.querySelectorAll("#evidence-fields .records")) node.hidden = !(e.records > 1);
    $("evidence-records").replaceChildren(e.records > 1 ? `${e.records} records of this event` +
      (others.length ? "; other articles:" : ", all from this article") : "",
      ...others.flatMap((url) => [" ", source(url)]));
    $("evidence").scrollIntoView({ block: "nearest" });
  }

  // -- CSV: every row of a list as the API gives it, all pages --------------------------------------
  const MAX_PAGE = 1000;  // blocwatch.web.limits.MAX_LIMIT
  // a cell a spreadsheet would run as a formula gets a leading ' (OWASP; blocwatch.cli.render.csv_cell)
  const FORMULA = /^[=+\-@\t\r]/, HARMLESS = /^(-+|[-+]?\d+(\.\d+)?([eE][-+]?\d+)?)$/;
  function csvCell(value) {
    if (value === null || value === undefined) return "";
    let text = typeof value === "object" ? JSON.stringify(value) : String(value);
    if (typeof value === "string" && FORMULA.test(text) && !HARMLESS.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  }
  async function downloadCsv(name, path, params) {
    const items = [];
    for (let offset = 0; ;) {
      const page = await api(path, { ...params, limit: MAX_PAGE, offset });
      items.push(...page.items);
      offset += page.items.length;
      if (!page.items.length || offset >= page.total) break;
    }
    const columns = [...new Set(items.flatMap((row) => Object.keys(row)))];
    const text = [columns.join(","), ...items.map((row) => columns.map((c) => csvCell(row[c])).join(","))]
      .join("\r\n") + "\r\n";
    const link = el("a", { href: URL.createObjectURL(new Blob([text], { type: "text/csv" })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
  // the list's events: one row per event unless every record is asked for
  const eventParams = (undated) => ({ pair: view.pair, ...spanParams(), month: undated ? "" : view.month,
    place: undated ? "" : view.place, undated: undated ? "true" : "", all_modes: $("all-modes").checked ? "true" : "",
    collapse: undated || $("every-record").checked ? "" : "true" });
  function csvOf(undated) {
    if (!view.pair) return;
    const name = `blocwatch-${undated ? "undated" : "events"}-${view.pair}${!undated && view.month ? "-" + view.month : ""}` +
      `${!undated && view.place ? "-at-" + view.place.replace(",", "_") : ""}.csv`;
    downloadCsv(name, "events", eventParams(undated)).catch((err) => status(`Could not download: ${err.message}`, true));
  }

  // -- wiring -------------------------------------------------------------------------------------
  document.addEventListener("DOMContentLoaded", async () => {
    $("apply").addEventListener("click", apply);
    $("state-filter").addEventListener("input", filterStates);
    $("dyad").addEventListener("change", () => selectPair($("dyad").value));
    $("events-prev").addEventListener("click", () => loadEvents(view.month, view.offset - PAGE, view.place));
    $("events-next").addEventListener("click", () => loadEvents(view.month, view.offset + PAGE, view.place));
    $("events-all").addEventListener("click", () => loadEvents("", 0));
    $("events-every-place").addEventListener("click", () => loadEvents(view.month, 0));
    $("events-csv").addEventListener("click", () => csvOf(false));
    $("undated-csv").addEventListener("click", () => csvOf(true));
    $("all-modes").addEventListener("change", () => { if (view.pair) loadEvents(view.month, 0, view.place); });
    $("every-record").addEventListener("change", () => { if (view.pair) loadEvents(view.month, 0, view.place); });
    const start = readAddress();
    view.from = start.from;
    view.to = start.to;
    view.pair = start.pair;
    view.month = /^\d{4}-\d{2}$/.test(start.month) ? start.month : "";
    view.place = start.place;
    $("from").value = month(start.from);
    $("to").value = month(start.to);
    $("all-actors").checked = start.all_actors;
    $("every-record").checked = start.every_record;
    $("roots-only").checked = start.roots_only;
    $("min-sources").value = start.min_sources || "1";
    $("roots").value = start.roots;
    $("plover").value = start.plover;
    const quads = start.quads ? start.quads.split(",") : ["1", "2", "3", "4"];
    for (const box of document.querySelectorAll("input[name=quad]")) box.checked = quads.includes(box.value);
    try {
      await loadStates(start.origins ? start.origins.split(",") : null);
      checkStates(start.countries);
      await apply(true);
    } catch (err) { status(`Could not load: ${err.message}`, true); }
  });
})();
