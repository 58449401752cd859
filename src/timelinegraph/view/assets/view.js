/* timelinegraph view: filters, TimelineJS, a force-directed SVG network, a details panel.
   Data comes from the JSON block; article text reaches the DOM only through textContent
   and attribute setters, never innerHTML. The TimelineJS slide HTML is escaped by Python. */
(function () {
  "use strict";
  var mark = function (name) { if (window.performance && performance.mark) performance.mark(name); };
  mark("tg-start");
  var DATA = JSON.parse(document.getElementById("tg-data").textContent);
  mark("tg-data");
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1976d2", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#f4511e",
    "#3949ab", "#c0ca33", "#6d4c41", "#d81b60", "#00acc1", "#7cb342", "#5e35b1", "#ffb300",
    "#546e7a", "#26a69a", "#ef6c00", "#ab47bc", "#9e9d24"];
  var ACTOR_COLOURS = { PERSON: "#1e88e5", ORGANIZATION: "#8e24aa", STATE: "#e53935",
    GROUP: "#fb8c00", PLACE: "#6d4c41" };

  var EDGE_COLOURS = { agent: "#7cb987", target: "#e0908d", location: "#bcaaa4",
    attribution: "#cfcfcf", relation: "#7e57c2" };

  var eventById = {}, actorById = {};
  DATA.events.forEach(function (e) { eventById[e.id] = e; });
  DATA.actors.forEach(function (a) { actorById[a.id] = a; });
  var eventTypes = unique(DATA.events.map(function (e) { return e.record.type; }));
  var typeColour = {};
  eventTypes.forEach(function (t, i) { typeColour[t] = PALETTE[i % PALETTE.length]; });
  var state = { actor: "", type: "", place: "", story: "", from: "", to: "" };
  var timeline = null, timelineShown = 0, openedAt = null;
  /* TimelineJS builds every slide and re-lays them all out as it moves: a few hundred keep
     the page quick (at 500 they took 2.7 s of a 1,000-article page's load in headless Chromium), so it holds at most this many. */
  var TIMELINE_SLIDES = 200;
  var OPENING_SHARE = 0.5, OPENING_MIN_DAYS = 14, MAX_SCALE_FACTOR = 200;  // as export/timeline.py

  function unique(list) {
    var seen = {}, out = [];
    list.forEach(function (x) { if (!seen[x]) { seen[x] = true; out.push(x); } });
    return out.sort();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  /* [actor id, role] pairs of an event record */
  function participants(record) {
    var out = [];
    record.agents.forEach(function (a) { out.push([a.id, "agent"]); });
    record.targets.forEach(function (a) { out.push([a.id, "target"]); });
    if (record.location) out.push([record.location.id, "location"]);
    record.attributions.forEach(function (a) { out.push([a.id, "attribution"]); });
    return out;
  }

  function headline(record) {
    var names = function (refs) { return refs.map(function (a) { return a.name; }).join(", "); };
    var words = [names(record.agents), record.trigger, names(record.targets)]
      .filter(function (w) { return w; }).join(" ");
    return record.polarity === "NEG" ? "not: " + words : words;
  }

  /* ---------- filters ---------- */

  function matches(e) {
    if (state.type && e.record.type !== state.type) return false;
    if (state.place && !(e.record.location && e.record.location.id === state.place)) return false;
    if (state.story && (e.record.stories || []).indexOf(state.story) < 0) return false;
    if (state.actor && !participants(e.record).some(function (p) { return p[0] === state.actor; })) {
      return false;
    }
    if (state.from && e.hi < state.from) return false;
    if (state.to && e.lo > state.to) return false;
    return true;
  }

  function setUpFilters() {
    var actorSelect = document.getElementById("tg-filter-actor");
    DATA.actors.slice().sort(function (a, b) {
      return a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0;
    }).forEach(function (a) {
      actorSelect.appendChild(el("option", { value: a.id }, a.name + (a.type ? " (" + a.type + ")" : "")));
    });
    var places = {};
    DATA.events.forEach(function (e) {
      var loc = e.record.location;
      if (loc) { places[loc.id] = places[loc.id] || { id: loc.id, name: loc.name, events: 0 }; places[loc.id].events++; }
    });
    var placeSelect = document.getElementById("tg-filter-place");
    Object.keys(places).map(function (k) { return places[k]; }).sort(function (a, b) {
      return b.events - a.events || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    }).forEach(function (p) {
      placeSelect.appendChild(el("option", { value: p.id }, p.name + " (" + p.events + ")"));
    });
    var storySelect = document.getElementById("tg-filter-story");
    (DATA.stories || []).slice().sort(function (a, b) { return b.events - a.events || (a.id < b.id ? -1 : 1); })
      .forEach(function (s) {
        storySelect.appendChild(el("option", { value: s.id }, s.label + " (" + s.events + ")"));
      });
    var typeSelect = document.getElementById("tg-filter-type");
    eventTypes.forEach(function (t) { typeSelect.appendChild(el("option", { value: t }, t)); });
    ["tg-filter-from", "tg-filter-to"].forEach(function (id) {
      var input = document.getElementById(id);
      if (DATA.summary.first) input.min = DATA.summary.first;
      if (DATA.summary.last) input.max = DATA.summary.last;
    });
    var form = document.getElementById("tg-filters");
    form.addEventListener("change", readFilters);
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("reset", function () { setTimeout(readFilters, 0); });
  }

  function readFilters() {
    state.actor = document.getElementById("tg-filter-actor").value;
    state.type = document.getElementById("tg-filter-type").value;
    state.place = document.getElementById("tg-filter-place").value;
    state.story = document.getElementById("tg-filter-story").value;
    state.from = document.getElementById("tg-filter-from").value;
    state.to = document.getElementById("tg-filter-to").value;
    applyFilters();
  }

  function applyFilters() {
    var visible = DATA.events.filter(matches);
    var shown = network.show(visible);
    var places = map.show(visible);
    renderTimeline(visible);
    document.getElementById("tg-count").textContent = "showing " + visible.length + " of " +
      DATA.events.length + " events (" + timelineShown + " on the timeline), " + shown + " of " +
      DATA.actors.length + " actors, " + places + " places on the map";
  }

  /* ---------- timeline ---------- */

  function renderTimeline(visible) {
    var old = document.getElementById("tg-timeline");
    var box = el("div", { id: "tg-timeline", "class": "tg-timeline" });  // TimelineJS owns its box
    old.parentNode.replaceChild(box, old);
    var empty = document.getElementById("tg-timeline-empty");
    timeline = null;
    timelineShown = 0;
    box.hidden = visible.length === 0;
    empty.hidden = visible.length !== 0;
    if (!visible.length) { window.tgView.ready = true; return; }  // TimelineJS: error on none
    var title = DATA.timeline_title, shown = timelineSlides(visible), words = [];
    if (visible.length < DATA.events.length) {  // numbers only: safe to put in HTML
      words.push(visible.length + " of the page's " + DATA.events.length + " events match the filters.");
    }
    if (shown.length < visible.length) {
      words.push("The timeline shows the " + shown.length + " most mentioned of them (it holds at most " +
        TIMELINE_SLIDES + "); the network and the map show them all. Filter to see others.");
    }
    if (words.length) title = { text: { headline: title.text.headline, text: "<p>" + words.join(" ") + "</p>" } };
    mark("tg-timeline-start");
    timelineShown = shown.length;
    // copies: TimelineJS replaces the dates of the objects it is given with its own
    var data = JSON.parse(JSON.stringify({ title: title, events: shown.map(function (e) { return e.slide; }) }));
    var options = {
      script_path: "./", font: null, theme: null, language: "en", hash_bookmark: false,
      timenav_height_percentage: 35, ga_measurement_id: null
    };
    var start = opening(shown);
    options.start_at_slide = start.start_at_slide;
    options.scale_factor = start.scale_factor;
    openedAt = start.start_id;
    timeline = new TL.Timeline(box, data, options);
    timeline.on("loaded", function () { mark("tg-timeline"); window.tgView.ready = true; });
    timeline.on("change", function (d) {
      if (d && eventById[d.unique_id]) select("event", d.unique_id, true);
    });
  }

  /* Open where most events are, not on the title: the first slide of the shortest span
     holding half the shown events, zoomed so that span fills about a screen (the rule of
     export/timeline.py's opening, which timeline.json's "timelinegraph" field holds for all
     of a build's events; here it is applied to the slides shown, filtered or not). */
  function opening(shown) {
    if (!shown.length) return {};
    var days = shown.map(function (e) {  // e.lo: the first day its start date can mean
      var d = e.lo.split("-").map(Number), t = new Date(0);
      t.setUTCFullYear(d[0], d[1] - 1, d[2]);
      return t.getTime() / 86400000;
    });
    var wanted = Math.max(1, Math.ceil(days.length * OPENING_SHARE)), first = 0;
    for (var i = 1; i + wanted - 1 < days.length; i++) {
      if (days[i + wanted - 1] - days[i] < days[first + wanted - 1] - days[first]) first = i;
    }
    var span = Math.max(days[first + wanted - 1] - days[first], OPENING_MIN_DAYS);
    var whole = Math.max(days[days.length - 1] - days[0], 1);
    var scale = Math.round(Math.min(Math.max(whole / span, 1), MAX_SCALE_FACTOR) * 100) / 100;
    return { start_at_slide: first + 1, scale_factor: scale, start_id: shown[first].id };
  }

  /* The slides TimelineJS gets: every shown event up to TIMELINE_SLIDES, else the most
     mentioned of them (then those with a time of their own, then by id), in timeline order. */
  function timelineSlides(visible) {
    if (visible.length <= TIMELINE_SLIDES) return visible;
    var ranked = visible.map(function (e, i) { return [e, i]; }).sort(function (a, b) {
      var ra = a[0].record, rb = b[0].record;
      return rb.sources.length - ra.sources.length ||
        (ra.time.placement !== "event_time") - (rb.time.placement !== "event_time") ||
        (ra.id < rb.id ? -1 : ra.id > rb.id ? 1 : 0);
    }).slice(0, TIMELINE_SLIDES);
    return ranked.sort(function (a, b) { return a[1] - b[1]; }).map(function (p) { return p[0]; });
  }

  /* ---------- network (sigma.js + graphology, WebGL) ---------- */

  /* Layout: a seeded start that puts each story's nodes around a point of their own (stories
     on a sunflower spiral, so a corpus of many stories starts as many clusters), then
     ForceAtlas2 for a number of iterations that shrinks as the graph grows (bounded work);
     any position that is still not a finite number goes back to its start. */
  function layOut(graph) {
    var seed = 20240307;
    function random() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; }
    var centres = {}, count = 0, start = {};
    var spread = 12 * Math.sqrt(Math.max(1, graph.order) / Math.max(1, (DATA.stories || []).length || 1));
    function centre(story) {
      if (!centres[story]) {
        var r = 4 * spread * Math.sqrt(count + 0.5), t = count * 2.399963;
        centres[story] = [r * Math.cos(t), r * Math.sin(t)];
        count++;
      }
      return centres[story];
    }
    graph.forEachNode(function (key, attrs) {
      var story = attrs.story;
      if (!story) {  // an actor: the story of its first event
        graph.someNeighbor(key, function (n, a) { story = a.story; return !!story; });
      }
      var c = centre(story || ""), r = spread * Math.sqrt(random()), t = 2 * Math.PI * random();
      start[key] = [c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)];
      graph.mergeNodeAttributes(key, { x: start[key][0], y: start[key][1] });
    });
    var work = graph.order + graph.size;
    var iterations = Math.max(15, Math.min(150, Math.round(250000 / Math.max(1, work))));
    var fa2 = window.TGNetwork.forceAtlas2;
    var settings = fa2.inferSettings(graph);
    settings.barnesHutOptimize = graph.order > 400;
    settings.adjustSizes = false;
    if (graph.order > 1) fa2.assign(graph, { iterations: iterations, settings: settings });
    var repaired = 0;
    graph.forEachNode(function (key, attrs) {
      if (!isFinite(attrs.x) || !isFinite(attrs.y) || Math.abs(attrs.x) > 1e7 || Math.abs(attrs.y) > 1e7) {
        graph.mergeNodeAttributes(key, { x: start[key][0], y: start[key][1] });
        repaired++;
      }
    });
    return { iterations: iterations, repaired: repaired };
  }

  var network = (function () {
    var container = document.getElementById("tg-network");
    var Net = window.TGNetwork;
    var graph = new Net.Graph({ type: "undirected", multi: false, allowSelfLoops: false });
    function addNode(key, attrs) { if (!graph.hasNode(key)) graph.addNode(key, attrs); }
    DATA.actors.forEach(function (a) {
      addNode("a:" + a.id, { kind: "actor", id: a.id, label: a.name, color: ACTOR_COLOURS[a.type] || "#757575" });
    });
    DATA.events.forEach(function (e) {
      addNode("e:" + e.id, { kind: "event", id: e.id, label: headline(e.record) + " (" + e.display + ")",
        color: typeColour[e.record.type], story: (e.record.stories || [])[0] || "" });
    });
    function addEdge(a, b, role) {
      if (a === b || !graph.hasNode(a) || !graph.hasNode(b) || graph.hasEdge(a, b)) return;
      graph.addEdge(a, b, { role: role, color: EDGE_COLOURS[role], size: role === "relation" ? 1.5 : 0.6 });
    }
    DATA.events.forEach(function (e) {
      participants(e.record).forEach(function (p) { addEdge("e:" + e.id, "a:" + p[0], p[1]); });
    });
    DATA.relations.forEach(function (r) { addEdge("a:" + r.source, "a:" + r.target, "relation"); });
    graph.forEachNode(function (key, attrs) {
      var degree = graph.degree(key);
      graph.mergeNodeAttributes(key, { size: Math.min(18, (attrs.kind === "actor" ? 3 : 2) + 1.6 * Math.sqrt(degree)) });
    });
    mark("tg-graph");
    var layout = layOut(graph);
    mark("tg-layout");

    var selected = null, filteredOut = {};
    mark("tg-sigma-start");
    var renderer = null;
    try {
      renderer = new Net.Sigma(graph, container, {
        renderEdgeLabels: false, labelDensity: 0.5, labelGridCellSize: 90,
        labelRenderedSizeThreshold: 7, labelFont: "system-ui, sans-serif", labelSize: 12,
        zIndex: true, minCameraRatio: 0.02, maxCameraRatio: 4, allowInvalidContainer: true,
        nodeReducer: function (key, attrs) {
          var out = Object.assign({}, attrs);
          if (filteredOut[key]) out.hidden = true;
          if (key === selected) { out.highlighted = true; out.forceLabel = true; out.zIndex = 2; }
          return out;
        }
      });
      renderer.on("clickNode", function (ev) {
        var attrs = graph.getNodeAttributes(ev.node);
        select(attrs.kind, attrs.id, false);
      });
      renderer.on("enterNode", function () { container.style.cursor = "pointer"; });
      renderer.on("leaveNode", function () { container.style.cursor = ""; });
      mark("tg-sigma");
    } catch (err) {  // no WebGL: say so, keep the rest of the page working
      container.replaceChildren(el("p", { "class": "tg-empty" },
        "The network needs WebGL, which this browser does not offer: " + err.message));
    }

    function show(visibleEvents) {
      var filtered = state.actor || state.type || state.from || state.to || state.place || state.story;
      var on = {};
      visibleEvents.forEach(function (e) {
        on["e:" + e.id] = true;
        participants(e.record).forEach(function (p) { on["a:" + p[0]] = true; });
      });
      if (state.actor) {
        on["a:" + state.actor] = true;
        DATA.relations.forEach(function (r) {
          if (r.source === state.actor || r.target === state.actor) { on["a:" + r.source] = on["a:" + r.target] = true; }
        });
      }
      filteredOut = {};
      var actors = 0, xs = [], ys = [];
      graph.forEachNode(function (key, attrs) {
        var visible = !filtered || !!on[key];
        if (!visible) filteredOut[key] = true;
        else { if (attrs.kind === "actor") actors++; xs.push(attrs.x); ys.push(attrs.y); }
      });
      if (renderer) {
        if (filtered && xs.length) {
          var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
          var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
          var pad = Math.max(x1 - x0, y1 - y0, 1) * 0.1;
          renderer.setCustomBBox({ x: [x0 - pad, x1 + pad], y: [y0 - pad, y1 + pad] });
        } else {
          renderer.setCustomBBox(null);
        }
        renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
        renderer.refresh();
      }
      return actors;
    }

    function highlight(kind, id) {
      selected = (kind === "event" ? "e:" : "a:") + id;
      if (renderer) renderer.refresh({ skipIndexation: true });
    }

    /* Where a node is on screen (page coordinates), for tests and keyboard users. */
    function screenPosition(kind, id) {
      var key = (kind === "event" ? "e:" : "a:") + id;
      if (!renderer || !graph.hasNode(key)) return null;
      var attrs = graph.getNodeAttributes(key);
      var p = renderer.graphToViewport({ x: attrs.x, y: attrs.y });
      var box = container.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    }

    return { show: show, highlight: highlight, graph: graph, renderer: renderer, layout: layout,
      screenPosition: screenPosition, fit: function () { if (renderer) renderer.refresh(); } };
  })();

  /* ---------- map: events at their places, on a plain lon/lat canvas (no tiles) ---------- */

  var MAP_LABELS = 12;
  var map = (function () {
    var root = document.getElementById("tg-map");
    var layer = svg("g", { "class": "tg-map-points" });
    root.appendChild(layer);
    function placeOf(e) {
      var loc = e.record.location, actor = loc && actorById[loc.id];
      return actor && typeof actor.lat === "number" ? actor : null;
    }
    var placed = DATA.events.filter(placeOf).length;
    document.getElementById("tg-map-note").textContent = placed + " of " + DATA.events.length +
      " events on this page have a place with coordinates; a circle's area is its number of " +
      "events (the " + MAP_LABELS + " largest are named). Click a circle to filter by its place.";
    function show(visibleEvents) {
      var byPlace = {}, order = [];
      visibleEvents.forEach(function (e) {
        var place = placeOf(e);
        if (!place) return;
        if (!byPlace[place.id]) { byPlace[place.id] = { place: place, events: 0 }; order.push(place.id); }
        byPlace[place.id].events++;
      });
      order.sort(function (a, b) { return byPlace[b].events - byPlace[a].events; });  // small on top
      var view = frame(order.map(function (id) { return byPlace[id].place; })), zoom = view[2] / 360;
      root.setAttribute("viewBox", view.map(function (v) { return v.toFixed(1); }).join(" "));
      layer.replaceChildren();
      order.forEach(function (id) {
        var p = byPlace[id], r = Math.min(8, 0.9 + 0.7 * Math.sqrt(p.events)) * zoom;
        var c = svg("circle", { "class": "tg-map-point", cx: (p.place.lng + 180).toFixed(2),
          cy: (90 - p.place.lat).toFixed(2), r: r.toFixed(2), "data-id": id, "data-events": p.events,
          tabindex: "0" });
        var title = svg("title");
        title.textContent = p.place.name + ": " + p.events + (p.events === 1 ? " event" : " events");
        c.appendChild(title);
        c.addEventListener("click", function () { choosePlace(id); });
        c.addEventListener("keydown", function (ev) { if (ev.key === "Enter") choosePlace(id); });
        layer.appendChild(c);
      });
      order.slice(0, MAP_LABELS).forEach(function (id) {
        var p = byPlace[id], text = svg("text", { "class": "tg-map-label",
          x: (p.place.lng + 180 + 1.2 * zoom + Math.min(8, 0.9 + 0.7 * Math.sqrt(p.events)) * zoom).toFixed(2),
          y: (90 - p.place.lat + 1.2 * zoom).toFixed(2), "font-size": (5.5 * zoom).toFixed(2) });
        text.textContent = p.place.name;
        layer.appendChild(text);
      });
      return order.length;
    }
    /* The view box around the points shown: at least 40 by 20 degrees, the world's 2:1 kept. */
    function frame(places) {
      if (!places.length) return [0, 0, 360, 180];
      var xs = places.map(function (p) { return p.lng + 180; });
      var ys = places.map(function (p) { return 90 - p.lat; });
      var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
      var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
      var w = Math.max(40, (x1 - x0) * 1.3, (y1 - y0) * 2.6);
      w = Math.min(360, w);
      var h = w / 2, cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
      return [Math.max(0, Math.min(360 - w, cx - w / 2)), Math.max(0, Math.min(180 - h, cy - h / 2)), w, h];
    }
    return { show: show };
  })();

  function choosePlace(id) {
    document.getElementById("tg-filter-place").value = id;
    readFilters();
  }

  function setUpLegend() {
    var legend = document.getElementById("tg-legend");
    function item(cls, colour, text) {
      var span = el("span", {}), swatch = el("i", { "class": cls });
      swatch.style.background = colour;
      span.appendChild(swatch); span.appendChild(document.createTextNode(text));
      legend.appendChild(span);
    }
    unique(DATA.actors.map(function (a) { return a.type || "unknown"; })).forEach(function (t) {
      item("actor", ACTOR_COLOURS[t] || "#757575", t.toLowerCase());
    });
    eventTypes.forEach(function (t) { item("event", typeColour[t], t); });
    legend.appendChild(el("span", {}, "size: number of links; edges: green agent, red target, " +
      "brown location, grey attribution, purple relation"));
  }

  /* ---------- details ---------- */

  function actorButton(ref) {
    var b = el("button", { type: "button", "class": "tg-link", "data-actor": ref.id }, ref.name);
    b.addEventListener("click", function () { select("actor", ref.id, false); });
    return b;
  }

  function eventButton(e) {
    var b = el("button", { type: "button", "class": "tg-link", "data-event": e.id },
      headline(e.record) + " (" + e.display + ")");
    b.addEventListener("click", function () { select("event", e.id, false); });
    return b;
  }

  function row(dl, term, value) {
    if (value === undefined || value === null || value === "" ||
        (value instanceof Array && !value.length)) return;
    dl.appendChild(el("dt", {}, term));
    var dd = el("dd", {});
    if (value instanceof Array) {
      value.forEach(function (v, i) {
        if (i) dd.appendChild(document.createTextNode(", "));
        dd.appendChild(typeof v === "string" ? document.createTextNode(v) : v);
      });
    } else {
      dd.textContent = String(value);
    }
    dl.appendChild(dd);
  }

  /* The sentence with the mention's words marked (found by text: offsets are article offsets). */
  function sentence(source) {
    var quote = el("blockquote", { "class": "tg-sentence" });
    var at = source.text ? source.sentence.indexOf(source.text) : -1;
    if (at < 0) { quote.textContent = source.sentence; return quote; }
    quote.appendChild(document.createTextNode(source.sentence.slice(0, at)));
    quote.appendChild(el("mark", {}, source.text));
    quote.appendChild(document.createTextNode(source.sentence.slice(at + source.text.length)));
    return quote;
  }

  function sourceWhere(source) {
    var parts = ["article " + source.article_id];
    if (source.article_title) parts.push("“" + source.article_title + "”");
    if (source.published) parts.push("published " + source.published);
    parts.push("characters " + source.start + "–" + source.end, "sentence " + source.sentence_index,
      "mention " + source.local_id, "confidence " + source.confidence,
      source.extractor + " " + source.version);
    return el("p", { "class": "tg-where" }, parts.join(" · "));
  }

  /* Where a bound comes from, in words: its own time, another event (through links), a link. */
  function boundFrom(from) {
    if (!from || from === "time") return "";
    var other = eventById[from];
    return " (from " + (other ? "“" + headline(other.record) + "”" : from) + ")";
  }

  /* "before: …, after: …": the temporal links of an event, each other event a button. */
  function orderRows(dl, order) {
    ["before", "after", "during", "includes", "simultaneous"].forEach(function (relation) {
      var items = order.filter(function (o) { return o.relation === relation; }).map(function (o) {
        if (o.time) return o.time;
        var other = eventById[o.event.id];
        return other ? eventButton(other) : o.event.headline;
      });
      row(dl, relation.charAt(0).toUpperCase() + relation.slice(1), items);
    });
  }

  function showEvent(e) {
    var r = e.record, box = el("div", { "class": "tg-event", "data-id": e.id });
    box.appendChild(el("h2", {}, headline(r)));
    var dl = el("dl", {});
    row(dl, "Type", r.type);
    row(dl, "Date", e.display + (e.lo === e.hi ? "" : " (" + e.lo + " – " + e.hi + ")"));
    row(dl, "Time", [r.time.value, r.time.granularity, "from " + r.time.source,
      r.time.placement === "event_time" ? "" : r.time.placement === "event_order" ?
        "placed by its order" : "placed at publication date"].filter(Boolean).join(" · "));
    var b = r.time.bounds || {};
    if (b.earliest || b.latest) {
      row(dl, "Began", (b.earliest ? "on or after " + b.earliest + boundFrom(b.earliest_from) : "") +
        (b.earliest && b.latest ? ", " : "") +
        (b.latest ? "on or before " + b.latest + boundFrom(b.latest_from) : ""));
    }
    orderRows(dl, r.order || []);
    row(dl, "Modality", r.modality);
    row(dl, "Polarity", r.polarity === "NEG" ? "negative" : "positive");
    row(dl, "Trigger", r.trigger + (r.lemma && r.lemma !== r.trigger ? " (" + r.lemma + ")" : ""));
    row(dl, "Agents", r.agents.map(actorButton));
    row(dl, "Targets", r.targets.map(actorButton));
    if (r.location) row(dl, "Location", [actorButton(r.location)]);
    row(dl, "According to", r.attributions.map(actorButton));
    row(dl, "Attribution", r.attribution_texts.map(function (t) { return "“" + t + "”"; }));
    row(dl, "Quantities", r.quantities.map(function (q) {
      return q.text + " = " + q.value + " " + q.unit + (q.mod ? " (" + q.mod + ")" : "");
    }));
    row(dl, "Id", e.id);
    box.appendChild(dl);
    box.appendChild(el("h3", {}, r.sources.length === 1 ? "Source" : "Sources (" + r.sources.length + ")"));
    r.sources.forEach(function (s) { box.appendChild(sentence(s)); box.appendChild(sourceWhere(s)); });
    box.appendChild(el("h3", {}, "Merge evidence"));
    if (!r.merges.length) {
      box.appendChild(el("p", {}, r.sources.length > 1 ? "No merge on record." : "One mention: nothing merged."));
    } else {
      var ul = el("ul", { "class": "tg-merges" });
      r.merges.forEach(function (m) {
        ul.appendChild(el("li", {}, m.mention + " → " + m.into + " [" + m.rule + "] " + m.evidence));
      });
      box.appendChild(ul);
    }
    return box;
  }

  function showActor(a) {
    var box = el("div", { "class": "tg-actor", "data-id": a.id });
    box.appendChild(el("h2", {}, a.name));
    var dl = el("dl", {});
    row(dl, "Type", a.type || "unknown");
    row(dl, "Id", a.id);
    box.appendChild(dl);
    var mine = DATA.events.filter(function (e) {
      return participants(e.record).some(function (p) { return p[0] === a.id; });
    });
    box.appendChild(el("h3", {}, "Events (" + mine.length + ")"));
    mine.forEach(function (e) {
      var role = participants(e.record).filter(function (p) { return p[0] === a.id; })
        .map(function (p) { return p[1]; }).join(", ");
      var p = el("p", {}, role + ": ");
      p.appendChild(eventButton(e));
      box.appendChild(p);
      e.record.sources.forEach(function (s) { box.appendChild(sentence(s)); box.appendChild(sourceWhere(s)); });
    });
    var rels = DATA.relations.filter(function (r) { return r.source === a.id || r.target === a.id; });
    if (rels.length) {
      box.appendChild(el("h3", {}, "Relations (" + rels.length + ")"));
      var ul = el("ul", {});
      rels.forEach(function (r) {
        var li = el("li", {});
        li.appendChild(actorButton(actorById[r.source] || { id: r.source, name: r.source }));
        li.appendChild(document.createTextNode(" " + r.type + " "));
        li.appendChild(actorButton(actorById[r.target] || { id: r.target, name: r.target }));
        li.appendChild(document.createTextNode(" — article " + r.articles.join(", ")));
        ul.appendChild(li);
      });
      box.appendChild(ul);
    }
    return box;
  }

  function select(kind, id, fromTimeline) {
    var panel = document.getElementById("tg-details");
    var item = kind === "event" ? eventById[id] : actorById[id];
    if (!item) return;
    panel.replaceChildren(kind === "event" ? showEvent(item) : showActor(item));
    panel.setAttribute("data-selected", kind + ":" + id);
    network.highlight(kind, id);
    if (kind === "event" && !fromTimeline && timeline && timeline.ready) {
      try { timeline.goToId(id); } catch (err) { /* the event is filtered out of the timeline */ }
    }
  }

  window.tgView = { select: select, data: DATA, graph: network.graph, sigma: network.renderer,
    layout: network.layout, screenPosition: network.screenPosition, ready: false,
    timelineSize: function () { return timelineShown; }, openedAt: function () { return openedAt; } };
  setUpFilters();
  setUpLegend();
  applyFilters();
  window.addEventListener("resize", network.fit);
})();
