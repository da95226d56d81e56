/* blocwatch report: draws the charts and the evidence table from the JSON embedded in the page.
 * Data strings are untrusted: they reach the page only through textContent (never innerHTML),
 * and only http(s) addresses become links. Strings given to Plotly are entity-escaped. */
(function () {
  "use strict";
  var node = document.getElementById("blocwatch-data");
  if (!node) { return; }
  var data = JSON.parse(node.textContent);
  if (!data.timelines || !data.timelines.length) { return; }

  var PALETTE = data.palette;  // blocwatch.palette: the same colours as the figure files and the app
  var QUADS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"].map(function (q) {
    return [q, PALETTE.quads[q]];
  });
  var BLOC_COLOURS = PALETTE.bloc;
  var FRIENDLY = PALETTE.friendly, HOSTILE = PALETTE.hostile;
  var TIE_STOPS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];  // where a tie takes clicks, as shares of its length
  var CONFIG = {displaylogo: false, responsive: true,
                toImageButtonOptions: {format: "svg", filename: "blocwatch"}};
  var MAX_ROWS = 200;  // rows kept for "all months"; a single month keeps all it holds
  var PAGE = 25;  // rows of the evidence table per page

  function plain(s) {  // text for Plotly, which reads a few HTML tags in labels
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function name(code) { return (data.names && data.names[code]) || code; }
  // A chart title in lines that fit its figure, left of the toolbar (top right): Plotly does not wrap
  function titleFor(text, div) {
    var room = Math.max(20, Math.floor(((div.clientWidth || 900) - 150) / 9)), lines = [""];
    String(text).split(" ").forEach(function (word) {
      var last = lines[lines.length - 1];
      if (last && (last + " " + word).length > room) { lines.push(word); }
      else { lines[lines.length - 1] = last ? last + " " + word : word; }
    });
    return {text: lines.map(plain).join("<br>"), x: 0.01, xanchor: "left", lines: lines.length};
  }
  function signed(x) { return (x >= 0 ? "+" : "") + x.toFixed(2); }
  function interval(low, high) {  // " (95% interval -0.10 to +0.40)", or nothing when unknown
    return low === null || low === undefined || high === null || high === undefined ? "" :
      " (95% interval " + signed(low) + " to " + signed(high) + ")";
  }

  var byPair = {};
  data.timelines.forEach(function (t) { byPair[t.pair] = t; });
  // place: a point of the map ({lat, lon, name}) whose events the table lists, or null
  var state = {pair: data.default_pair || data.timelines[0].pair, month: "", place: null};

  // -- controls -------------------------------------------------------------------------
  var pairSel = document.getElementById("pair");
  data.timelines.forEach(function (t) {
    var o = el("option", t.pair + ": " + name(t.source) + " and " + name(t.target) + " (" + t.total + " events)");
    o.value = t.pair;
    pairSel.appendChild(o);
  });
  var monthSel = document.getElementById("month");
  data.months.forEach(function (m) { var o = el("option", m); o.value = m; monthSel.appendChild(o); });
  var factualBox = document.getElementById("factual-only");

  // Plotly gives a month axis's values back as days ("2024-10-01"); the report's months are "2024-10"
  function monthOf(x) {
    var m = /^(\d{4})-(\d{2})/.exec(String(x));
    return m && data.months.indexOf(m[1] + "-" + m[2]) >= 0 ? m[1] + "-" + m[2] : "";
  }
  function showEvents() { document.getElementById("events").scrollIntoView(); }

  function select(pair, month, place) {
    state.page = 0;
    if (pair && byPair[pair]) { state.pair = pair; }
    state.month = month || "";
    state.place = place || null;
    pairSel.value = state.pair;
    monthSel.value = state.month;
    drawTimeline();
    drawMap();
    drawEvents();
  }
  pairSel.addEventListener("change", function () { select(pairSel.value, ""); });
  monthSel.addEventListener("change", function () { select(state.pair, monthSel.value); });
  factualBox.addEventListener("change", function () { state.page = 0; drawEvents(); });
  document.getElementById("events-prev").addEventListener("click", function () { state.page -= 1; drawEvents(); });
  document.getElementById("events-next").addEventListener("click", function () { state.page += 1; drawEvents(); });
  document.getElementById("every-place").addEventListener("click", function () { select(state.pair, state.month); });
  Array.prototype.forEach.call(document.querySelectorAll("a.pair-link"), function (a) {
    a.addEventListener("click", function (ev) {  // a finding: its pair, in the month the change begins
      ev.preventDefault();
      select(a.getAttribute("data-pair"), a.getAttribute("data-month") || "");
      showEvents();
    });
  });

  // -- the dyad timeline ------------------------------------------------------------------
  function drawTimeline() {
    var t = byPair[state.pair];
    var traces = QUADS.map(function (q) {
      return {type: "bar", x: t.months, y: t[q[0]], name: plain(data.quads[q[0]]), marker: {color: q[1]},
              hovertemplate: "%{x}: %{y} events<extra>" + plain(data.quads[q[0]]) + "</extra>"};
    });
    traces.push({type: "scatter", mode: "lines+markers", x: t.months, y: t.net, yaxis: "y2",
                 name: "net cooperation", line: {color: "#222", width: 2}, marker: {size: 5},
                 customdata: t.months.map(function (m, i) {
                   return t.events[i] + " events" + interval(t.net_low[i], t.net_high[i]);
                 }),
                 hovertemplate: "%{x}: net cooperation %{y:+.2f}, %{customdata}<extra></extra>"});
    var div = document.getElementById("fig-timeline");
    var title = titleFor(name(t.source) + " and " + name(t.target) + ": events by kind and net cooperation, by month", div);
    var layout = {
      barmode: "stack", height: 430 + 22 * (title.lines - 1), margin: {t: 28 + 22 * title.lines, l: 55, r: 60, b: 40},
      hovermode: "closest", title: {text: title.text, x: title.x, xanchor: title.xanchor},
      yaxis: {title: {text: "events"}, rangemode: "tozero"},
      yaxis2: {title: {text: "net cooperation"}, overlaying: "y", side: "right", range: [-1, 1], zeroline: true,
               tickmode: "linear", tick0: -1, dtick: 0.5, showgrid: false},
      legend: {orientation: "h", y: -0.15},
      shapes: state.month ? [{type: "rect", xref: "x", yref: "paper", x0: state.month, x1: state.month, y0: 0, y1: 1,
                              line: {color: "#555", width: 1, dash: "dot"}}] : []
    };
    Plotly.react(div, traces, layout, CONFIG);
    if (!div._bwClick) {
      div.on("plotly_click", function (ev) {  // a bar or a point: its month, whatever form the axis gives it in
        if (ev.points.length) { select(state.pair, monthOf(ev.points[0].x)); showEvents(); }
      });
      div._bwClick = true;
    }
  }

  // -- the map ----------------------------------------------------------------------------------
  // The base map ships with blocwatch (blocwatch.places): plotly.js takes it from here, not from its CDN.
  var mapNode = document.getElementById("blocwatch-map");
  window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
  window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};
  if (mapNode) { window.PlotlyGeoAssets.topojson[data.base_map] = JSON.parse(mapNode.textContent); }
  var mapAll = document.getElementById("map-all");
  mapAll.addEventListener("change", drawMap);
  var CONFLICT_SCALE = [[0, FRIENDLY], [0.5, "#f7f7f7"], [1, HOSTILE]];

  // The points of the chosen pair (or every pair) and month, one per place: a place's months (and
  // pairs) added up, its pairs listed busiest first.
  function mapPoints() {
    var at = {}, out = [];
    data.places.points.forEach(function (p) {
      if ((!mapAll.checked && p.pair !== state.pair) || (state.month && p.month !== state.month)) { return; }
      var key = p.lat + "," + p.lon, q = at[key];
      if (!q) {
        q = at[key] = {lat: p.lat, lon: p.lon, place: p.place, events: 0, conflict: 0, pairs: {}};
        out.push(q);
      }
      q.events += p.events;
      q.conflict += p.verbal_conflict + p.material_conflict;
      q.pairs[p.pair] = (q.pairs[p.pair] || 0) + p.events;
    });
    out.forEach(function (q) {
      q.byPair = Object.keys(q.pairs).sort(function (a, b) { return q.pairs[b] - q.pairs[a] || (a < b ? -1 : 1); });
    });
    return out.sort(function (a, b) { return b.events - a.events; });
  }

  // events with a place, of the chosen pair (or every pair) and month: counted for every pair and
  // month, whatever points the report had to leave out
  function locatedCount() {
    var n = 0;
    Object.keys(data.places.located_by).forEach(function (k) {
      var parts = k.split("|");
      if ((mapAll.checked || parts[0] === state.pair) && (!state.month || parts[1] === state.month)) {
        n += data.places.located_by[k];
      }
    });
    return n;
  }

  function drawMap() {
    var points = mapPoints();
    var t = byPair[state.pair];
    var located = locatedCount();
    var counted = mapAll.checked ?
      data.timelines.reduce(function (n, p) {
        return n + (state.month ? p.events[p.months.indexOf(state.month)] || 0 : p.total);
      }, 0) :
      (state.month ? t.events[t.months.indexOf(state.month)] || 0 : t.total);
    document.getElementById("map-summary").textContent =
      (mapAll.checked ? "Every pair" : state.pair) + (state.month ? " in " + state.month : ", all months") + ": " +
      located + " of " + counted +
      " counted events have a place" + (counted ? " (" + Math.round(100 * located / counted) + "%)" : "") +
      (data.places.truncated ? "; the map shows the " + points.length + " busiest places the report keeps" :
        ", at " + points.length + (points.length === 1 ? " place" : " places")) +
      (counted > located ? "; the others have none (events coded from text never do)" : "") + ".";
    var div = document.getElementById("fig-map");
    var trace = {
      type: "scattergeo", lat: points.map(function (q) { return q.lat; }),
      lon: points.map(function (q) { return q.lon; }),
      customdata: points.map(function (q, i) { return i; }),
      text: points.map(function (q) {
        return plain((q.place || q.lat + ", " + q.lon) + ": " + q.events + (q.events === 1 ? " event (" : " events (") +
                     Math.round(100 * q.conflict / q.events) + "% conflict); " +
                     q.byPair.slice(0, 4).map(function (p) { return p + " " + q.pairs[p]; }).join(", ") +
                     (q.byPair.length > 4 ? " ..." : ""));
      }),
      hovertemplate: "%{text}<extra></extra>",
      marker: {size: points.map(function (q) { return Math.min(40, 6 + 3 * Math.sqrt(q.events)); }),
               color: points.map(function (q) { return q.conflict / q.events; }), cmin: 0, cmax: 1,
               colorscale: CONFLICT_SCALE, line: {color: "#333", width: 0.5}, opacity: 0.85,
               colorbar: {title: {text: "conflict"}, tickformat: ".0%", thickness: 12, len: 0.6}}
    };
    var chosen = state.place;
    var layout = {
      height: Math.round(Math.max(220, Math.min(460, 0.5 * (div.clientWidth || 900)))), margin: {t: 10, l: 0, r: 0, b: 0}, hovermode: "closest", showlegend: false,
      geo: {projection: {type: "natural earth"}, showcountries: true, countrycolor: "#999", showland: true,
            landcolor: "#f2f2f2", showocean: false, showframe: false, coastlinecolor: "#888",
            fitbounds: points.length ? "locations" : false},
      annotations: points.length ? [] : [{text: "No event here has a place", showarrow: false, x: 0.5, y: 0.5,
                                          xref: "paper", yref: "paper"}]
    };
    if (chosen) {
      trace.selectedpoints = points.map(function (q, i) { return q.lat === chosen.lat && q.lon === chosen.lon ? i : -1; })
        .filter(function (i) { return i >= 0; });
    }
    Plotly.react(div, [trace], layout, CONFIG);
    div._bwPoints = points;
    if (!div._bwClick) {
      div.on("plotly_click", function (ev) {  // a place: its events, of the pair chosen (or its busiest pair)
        var p = ev.points[0], q = p && div._bwPoints[p.customdata];
        if (!q) { return; }
        var pair = q.pairs[state.pair] ? state.pair : q.byPair[0];
        select(pair, state.month, {lat: q.lat, lon: q.lon, name: q.place || q.lat + ", " + q.lon});
        showEvents();
      });
      div._bwClick = true;
    }
  }

  // -- the network of blocs ---------------------------------------------------------------
  var periodSel = document.getElementById("period");
  data.networks.forEach(function (n, i) {
    var o = el("option", n.label + " (" + n.edges.length + " ties)");
    o.value = String(i);
    periodSel.appendChild(o);
  });
  periodSel.addEventListener("change", function () { drawNetwork(Number(periodSel.value)); });

  // The network of period i, in the network section or (glance) small on the first screen.
  function drawNetwork(i, glance) {
    var net = data.networks[i];
    var pos = {};
    net.nodes.forEach(function (n) { pos[n.id] = n; });
    var maxw = Math.max.apply(null, net.edges.map(function (e) { return e.weight; }).concat([1e-9]));
    var traces = [];
    var mid = {x: [], y: [], text: [], customdata: []};
    net.edges.forEach(function (e) {
      var a = pos[e.source], b = pos[e.target];
      traces.push({type: "scatter", mode: "lines", x: [a.x, b.x], y: [a.y, b.y], hoverinfo: "skip", showlegend: false,
                   line: {color: e.sign > 0 ? FRIENDLY : HOSTILE, width: 1 + 6 * e.weight / maxw,
                          dash: e.frustrated ? "dot" : "solid"}, opacity: 0.75});
      var label = plain(name(e.source) + " - " + name(e.target) + ": " + (e.sign > 0 ? "friendly" : "hostile") +
                        ", net " + signed(e.net || 0) + interval(e.net_low, e.net_high) + " over " + e.events + " events" +
                        (e.frustrated ? " (frustrated)" : ""));
      TIE_STOPS.forEach(function (f) {  // a line takes no clicks: invisible points along it do, end to end
        mid.x.push(a.x + f * (b.x - a.x));
        mid.y.push(a.y + f * (b.y - a.y));
        mid.customdata.push(e.source + "-" + e.target);
        mid.text.push(label);
      });
    });
    traces.push({type: "scatter", mode: "markers", x: mid.x, y: mid.y, text: mid.text, customdata: mid.customdata,
                 hovertemplate: "%{text}<extra></extra>", marker: {size: 12, color: "rgba(0,0,0,0.01)"},
                 showlegend: false});
    traces.push({type: "scatter", mode: "markers+text", showlegend: false,
                 x: net.nodes.map(function (n) { return n.x; }), y: net.nodes.map(function (n) { return n.y; }),
                 text: net.nodes.map(function (n) { return plain(n.id); }), textposition: "top center",
                 customdata: net.nodes.map(function (n) {
                   return plain(n.name + (n.bloc === null ? ", no tie" : (net.bloc_support.supported || net.bloc_support.hostile === 0) ?
                                          ", bloc " + (n.bloc + 1) : "") +
                                (n.frustration ? ", frustrated ties " + n.frustration.toFixed(2) : ""));
                 }),
                 hovertemplate: "%{customdata}<extra></extra>",
                 marker: {size: 18, line: {color: "#333", width: 1},
                          color: net.nodes.map(function (n) {  // blocs no better than chance: one colour
                            var bloc = n.bloc === null ? null : (net.bloc_support.supported || net.bloc_support.hostile === 0) ? n.bloc : 0;
                            return bloc === null ? PALETTE.no_bloc : BLOC_COLOURS[bloc % BLOC_COLOURS.length];
                          })}});
    var layout = {height: glance ? 320 : 520, margin: {t: 40, l: 20, r: 20, b: 20}, hovermode: "closest",
                  title: {text: plain(net.label)},
                  xaxis: {visible: false}, yaxis: {visible: false, scaleanchor: "x"}};
    var div = document.getElementById(glance ? "fig-glance" : "fig-network");
    if (glance) {  // a narrow column: the title in lines that fit it
      var t = titleFor(net.label, div);
      layout.title = {text: t.text, x: t.x, xanchor: t.xanchor};
      layout.margin.t = 20 + 22 * t.lines;
    }
    Plotly.react(div, traces, layout, CONFIG);
    if (!div._bwClick) {
      div.on("plotly_click", function (ev) {
        var p = ev.points[0];
        if (p && typeof p.customdata === "string" && byPair[p.customdata]) {
          select(p.customdata, "");
          showEvents();
        }
      });
      div._bwClick = true;
    }
    if (glance) { return; }
    var f = net.frustration;
    var ratio = net.balanced_triangle_ratio;
    var support = net.bloc_support;
    var split = net.blocs.map(function (b) { return b.join(", "); }).join(" | ");
    var tested = support.p_value === null ? "too few ties of each kind to tell blocs from chance" :
      "p = " + support.p_value.toFixed(2) + " against the same " + support.ties + " ties with their signs shuffled";
    document.getElementById("network-summary").textContent =
      (!net.blocs.length ? "No ties" : support.hostile === 0 ? "One bloc, every tie friendly: " + split :
        support.hostile === support.ties ? "Every tie hostile: no blocs" : support.supported ?
        net.blocs.length + (net.blocs.length === 1 ? " bloc" : " blocs") + ": " + split + " (" + tested + ")" :
        "No clear blocs (" + tested + "); the best split would be " + split) +
      ". Frustration index " + f.value.toFixed(2) + (f.exact ? " (proved minimal)" : " (at least " + f.bound.toFixed(2) + ")") +
      (ratio === null ? "" : "; " + Math.round(100 * ratio) + "% of triangles balanced") + ".";
  }

  // -- the dyad matrix --------------------------------------------------------------------
  function drawMatrix() {
    var m = data.matrix;
    var div = document.getElementById("fig-matrix");
    var text = m.events.map(function (row) { return row.map(function (n) { return n ? String(n) : ""; }); });
    var cells = m.states.map(function (a, i) {  // [pair, its interval in words]
      return m.states.map(function (b, j) {
        var iv = m.interval[i][j];
        return [a < b ? a + "-" + b : b + "-" + a, iv ? interval(iv[0], iv[1]) : ""];
      });
    });
    Plotly.newPlot(div, [{
      type: "heatmap", z: m.net, x: m.states, y: m.states, text: text, texttemplate: "%{text}", customdata: cells,
      colorscale: "RdBu", reversescale: true, zmin: -1, zmax: 1, zmid: 0, colorbar: {title: {text: "net"}},
      hovertemplate: "%{y} - %{x}: net %{z:+.2f}%{customdata[1]} over %{text} events<extra></extra>",
      hoverongaps: false
    }], {height: 120 + 42 * m.states.length, margin: {t: 20, l: 60, r: 20, b: 60},
         yaxis: {autorange: "reversed"}}, CONFIG);
    div.on("plotly_click", function (ev) {
      var p = ev.points[0];
      var pair = p && p.customdata && p.customdata[0];
      if (pair && byPair[pair]) { select(pair, ""); showEvents(); }
    });
  }

  // -- tension ----------------------------------------------------------------------------
  function drawTension() {
    var rows = data.tension;
    var x = rows.map(function (r) { return r.period; });
    Plotly.newPlot(document.getElementById("fig-tension"), [
      {type: "bar", x: x, y: rows.map(function (r) { return r.material_conflict; }), yaxis: "y2",
       name: "material conflict events", marker: {color: PALETTE.quads.material_conflict, opacity: 0.35}},
      {type: "scatter", mode: "lines+markers", x: x, y: rows.map(function (r) { return r.tension; }),
       name: "tension", line: {color: PALETTE.hostile, width: 2}}
    ], {height: 380, margin: {t: 20, l: 55, r: 60, b: 40}, legend: {orientation: "h", y: -0.15},
        yaxis: {title: {text: "tension"}, range: [0, 1]},
        yaxis2: {title: {text: "events"}, overlaying: "y", side: "right", rangemode: "tozero", showgrid: false,
                 tickmode: "auto"}},
      CONFIG);
  }

  // -- the evidence table -----------------------------------------------------------------
  function cellCount(counts, pair, month, factualOnly) {
    var n = 0;
    Object.keys(counts).forEach(function (k) {
      var parts = k.split("|");
      if (parts[0] === pair && (!month || parts[1] === month) && (!factualOnly || parts[2] === "factual")) {
        n += counts[k];
      }
    });
    return n;
  }

  // The records of one event the report keeps (the same day, actors, states, code and mode: GDELT
  // codes one event once per article and place) are one row, which says how many there are and links
  // the other articles.
  function reportKey(e) {  // blocwatch.relations.RECORD_KEY, as the app's list collapses them
    return [e.date, e.source, e.target, e.source_country, e.target_country, e.cameo, e.plover, e.mode,
            e.cameo ? "" : e.event_id].join("|");  // events with no CAMEO code (ACLED, POLECAT) stay apart
  }
  function collapse(rows) {
    var at = {}, out = [];
    rows.forEach(function (e) {
      var k = reportKey(e);
      if (at[k]) { at[k].others.push(e); return; }
      at[k] = {event: e, others: []};
      out.push(at[k]);
    });
    return out;
  }
  function linkTo(url) {
    if (url && /^https?:\/\//i.test(url)) {
      var a = el("a", url, "url");
      a.href = url;
      a.rel = "noopener noreferrer nofollow";
      a.target = "_blank";
      return a;
    }
    return el("span", url, "url");
  }

  function evidenceCell(e, others) {
    var td = el("td");
    if (e.evidence_text) { td.appendChild(el("div", e.evidence_text)); }
    var src = el("div", null, "small");
    if (e.url) { src.appendChild(linkTo(e.url)); }
    var where = [e.location_name, e.origin, e.doc_id, e.evidence_rule].filter(function (x) { return x; }).join(" \u00b7 ");
    if (where) { src.appendChild(el("div", where)); }
    if (others && others.length) {  // the other records of the event, and the other articles among them
      var urls = [];
      others.forEach(function (o) { if (o.url && o.url !== e.url && urls.indexOf(o.url) < 0) { urls.push(o.url); } });
      var more = el("div", (others.length + 1) + " records of this event kept here" + (urls.length ?
        "; other articles:" : ", all from this article"), "reports");
      urls.forEach(function (u) { more.appendChild(document.createTextNode(" ")); more.appendChild(linkTo(u)); });
      src.appendChild(more);
    }
    td.appendChild(src);
    return td;
  }

  function eventRow(e, date, others) {
    var tr = el("tr", null, "mode-" + e.mode);
    tr.appendChild(el("td", date, "date"));
    tr.appendChild(el("td", e.source || e.source_country));
    var what = el("td");
    what.appendChild(el("code", e.cameo));
    what.appendChild(document.createTextNode(" " + (data.evidence.cameo_names[e.cameo] || "")));
    tr.appendChild(what);
    tr.appendChild(el("td", e.target || e.target_country));
    tr.appendChild(el("td", e.score === null ? "" : signed(e.score), "num"));
    tr.appendChild(el("td", e.mode));
    tr.appendChild(evidenceCell(e, others));
    if (others && others.length) { tr.setAttribute("data-reports", String(others.length + 1)); }
    return tr;
  }

  // Background the text dates only before its report ("had invaded"): no month holds it, so it is
  // listed apart, under the pair whatever month is chosen, dated "on or before" the report's day.
  function drawUndated(factualOnly) {
    var rows = data.evidence.undated.filter(function (e) {
      return e.pair === state.pair && (!factualOnly || e.mode === "factual");
    }).slice(0, MAX_ROWS);
    var held = cellCount(data.evidence.undated_counts, state.pair, "", factualOnly);
    document.getElementById("undated").hidden = held === 0;
    document.getElementById("undated-summary").textContent = state.pair + ": " + held + " events that the text " +
      "places before its report without a date of their own. They count in no month and in none of the " +
      "figures above; each is dated by the report that mentions it (it happened on or before that day)" +
      (rows.length < held ? "; " + rows.length + " shown" : "") + ".";
    var body = document.querySelector("#undated-table tbody");
    body.textContent = "";
    rows.forEach(function (e) { body.appendChild(eventRow(e, "\u2264 " + e.date)); });
  }

  // -- CSV downloads of the tables (the rows the report holds, with every field) -------------------
  var FORMULA = /^[=+\-@\t\r]/, HARMLESS = /^(-+|[-+]?\d+(\.\d+)?([eE][-+]?\d+)?)$/;
  function csvCell(value) {  // a formula-like text gets a leading ' (OWASP; blocwatch.cli.render.csv_cell)
    if (value === null || value === undefined) { return ""; }
    var text = String(value);
    if (typeof value === "string" && FORMULA.test(text) && !HARMLESS.test(text)) { text = "'" + text; }
    return /[",\n\r]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }
  function download(name, columns, rows) {
    var lines = [columns.join(",")].concat(rows.map(function (r) {
      return columns.map(function (c) { return csvCell(r[c]); }).join(",");
    }));
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([lines.join("\r\n") + "\r\n"], {type: "text/csv"}));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  var EVENT_COLUMNS = ["event_id", "date", "source", "target", "source_country", "target_country", "cameo", "plover",
                       "goldstein", "score", "mode", "origin", "doc_id", "url", "evidence_text", "evidence_rule",
                       "location_name", "latitude", "longitude"];
  function atPlace(e) { return !state.place || (e.place_lat === state.place.lat && e.place_lon === state.place.lon); }
  function listed(list, month) {
    var factualOnly = factualBox.checked;
    return list.filter(function (e) {
      return e.pair === state.pair && (!month || e.month === month) && (!factualOnly || e.mode === "factual") &&
             atPlace(e);
    });
  }
  // events the store holds at the chosen place for the pair and month (counted ones: the map's)
  function heldAtPlace() {
    return data.places.points.reduce(function (n, p) {
      return n + (p.pair === state.pair && (!state.month || p.month === state.month) &&
                  p.lat === state.place.lat && p.lon === state.place.lon ? p.events : 0);
    }, 0);
  }
  // the report keeps a sample of each month's events: a file of fewer than there are says so in its name
  function sampleName(stem, rows, held) {
    return stem + (rows.length < held ? "-sample-" + rows.length + "-of-" + held : "") + ".csv";
  }
  document.getElementById("events-csv").addEventListener("click", function () {
    var rows = listed(data.evidence.events, state.month);
    var held = state.place ? Math.max(heldAtPlace(), rows.length) :
      cellCount(data.evidence.counts, state.pair, state.month, factualBox.checked);
    download(sampleName("blocwatch-events-" + state.pair + (state.month ? "-" + state.month : "") +
                        (state.place ? "-at-" + state.place.lat + "_" + state.place.lon : ""), rows, held),
             EVENT_COLUMNS, rows);
  });
  document.getElementById("undated-csv").addEventListener("click", function () {
    var rows = listed(data.evidence.undated, "");
    var held = cellCount(data.evidence.undated_counts, state.pair, "", factualBox.checked);
    download(sampleName("blocwatch-undated-" + state.pair, rows, held), EVENT_COLUMNS, rows);
  });
  document.getElementById("timeline-csv").addEventListener("click", function () {
    var t = byPair[state.pair];
    var columns = ["month", "events", "verbal_coop", "material_coop", "verbal_conflict", "material_conflict",
                   "goldstein_mean", "net", "net_low", "net_high"];
    download("blocwatch-timeline-" + state.pair + ".csv", columns, t.months.map(function (m, i) {
      var row = {month: m};
      columns.slice(1).forEach(function (c) { row[c] = t[c][i]; });
      return row;
    }));
  });

  function drawEvents() {
    var factualOnly = factualBox.checked;
    drawUndated(factualOnly);
    var rows = listed(data.evidence.events, state.month);
    // at a place, the map's count: the events that count there (a sample may hold other modes too)
    var held = state.place ? heldAtPlace() : cellCount(data.evidence.counts, state.pair, state.month, factualOnly);
    var shown = state.month ? rows : rows.slice(0, MAX_ROWS);
    var groups = collapse(shown);
    var pages = Math.max(1, Math.ceil(groups.length / PAGE));
    state.page = Math.min(state.page || 0, pages - 1);
    var first = state.page * PAGE, page = groups.slice(first, first + PAGE);
    document.getElementById("events-page").textContent = groups.length ?
      "rows " + (first + 1) + "\u2013" + (first + page.length) + " of " + groups.length +
      (groups.length < shown.length ? " (" + shown.length + " events: the records of one event, the same day, actors, code and mode, are one row)" : "") : "";
    document.getElementById("events-prev").disabled = state.page === 0;
    document.getElementById("events-next").disabled = state.page >= pages - 1;
    document.getElementById("events-pager").hidden = pages === 1 && groups.length === shown.length;
    document.getElementById("events-summary").textContent =
      state.pair + (state.month ? " in " + state.month : ", all months") +
      (state.place ? " at " + state.place.name : "") + ": " + held + (state.place ? " counted" : "") +
      (held === 1 ? " event" : " events") + (state.place && !factualOnly ? " (events of other modes listed too)" : "") +
      (shown.length < held ? "; " + shown.length + " shown (of each month, and of each place in it, the report keeps " +
                             "those with a sentence of evidence first, then the strongest; blocwatch serve lists them " +
                             "all)" : "") + ".";
    document.getElementById("every-place").hidden = !state.place;
    var body = document.querySelector("#events-table tbody");
    body.textContent = "";
    page.forEach(function (g) { body.appendChild(eventRow(g.event, g.event.date, g.others)); });
  }

  drawNetwork(0, true);
  drawNetwork(0);
  drawMatrix();
  drawTension();
  select(state.pair, "");
}());
