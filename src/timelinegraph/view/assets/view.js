/* timelinegraph view: filters, TimelineJS, a force-directed SVG network, a details panel.
   Data comes from the JSON block; article text reaches the DOM only through textContent
   and attribute setters, never innerHTML. The TimelineJS slide HTML is escaped by Python. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("tg-data").textContent);
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PALETTE = ["#1976d2", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#f4511e",
    "#3949ab", "#c0ca33", "#6d4c41", "#d81b60", "#00acc1", "#7cb342", "#5e35b1", "#ffb300",
    "#546e7a", "#26a69a", "#ef6c00", "#ab47bc", "#9e9d24"];
  var ACTOR_COLOURS = { PERSON: "#1e88e5", ORGANIZATION: "#8e24aa", STATE: "#e53935",
    GROUP: "#fb8c00", PLACE: "#6d4c41" };

  var eventById = {}, actorById = {};
  DATA.events.forEach(function (e) { eventById[e.id] = e; });
  DATA.actors.forEach(function (a) { actorById[a.id] = a; });
  var eventTypes = unique(DATA.events.map(function (e) { return e.record.type; }));
  var typeColour = {};
  eventTypes.forEach(function (t, i) { typeColour[t] = PALETTE[i % PALETTE.length]; });
  var state = { actor: "", type: "", from: "", to: "" };
  var timeline = null;

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
    state.from = document.getElementById("tg-filter-from").value;
    state.to = document.getElementById("tg-filter-to").value;
    applyFilters();
  }

  function applyFilters() {
    var visible = DATA.events.filter(matches);
    var shown = network.show(visible);
    network.fit();
    renderTimeline(visible);
    document.getElementById("tg-count").textContent = "showing " + visible.length + " of " +
      DATA.events.length + " events, " + shown + " of " + DATA.actors.length + " actors";
  }

  /* ---------- timeline ---------- */

  function renderTimeline(visible) {
    var old = document.getElementById("tg-timeline");
    var box = el("div", { id: "tg-timeline", "class": "tg-timeline" });  // TimelineJS owns its box
    old.parentNode.replaceChild(box, old);
    var empty = document.getElementById("tg-timeline-empty");
    timeline = null;
    box.hidden = visible.length === 0;
    empty.hidden = visible.length !== 0;
    if (!visible.length) return;  // TimelineJS reports an error for a timeline with no events
    var title = DATA.timeline_title;
    if (visible.length < DATA.events.length) {  // numbers only: safe to put in HTML
      title = { text: { headline: title.text.headline,
        text: "<p>" + visible.length + " of " + DATA.events.length + " events match the filters.</p>" } };
    }
    var data = { title: title, events: visible.map(function (e) { return e.slide; }) };
    var options = {
      script_path: "./", font: null, theme: null, language: "en", hash_bookmark: false,
      timenav_height_percentage: 35, ga_measurement_id: null
    };
    var start = opening(visible);
    Object.keys(start).forEach(function (k) { options[k] = start[k]; });
    timeline = new TL.Timeline(box, data, options);
    timeline.on("change", function (d) {
      if (d && eventById[d.unique_id]) select("event", d.unique_id, true);
    });
  }

  /* Open where most events are (timeline.json's "timelinegraph" opening), not on the title:
     the opening's slide when shown, else the first shown slide of its span; its zoom only
     when every event is shown (a filtered timeline spans other dates). */
  function opening(visible) {
    var o = DATA.opening;
    if (!o) return {};
    var at = visible.findIndex(function (e) { return e.id === o.start_id; });
    if (at < 0) at = visible.findIndex(function (e) { return e.lo >= o.window.start; });
    if (at < 0) return {};
    var found = { start_at_slide: at + 1 };  // slide 0 is the title
    if (visible.length === DATA.events.length) found.scale_factor = o.scale_factor;
    return found;
  }

  /* ---------- network ---------- */

  var network = (function () {
    var root = document.getElementById("tg-network");
    var view = svg("g", { "class": "tg-view" });
    var edgeLayer = svg("g"), nodeLayer = svg("g"), labelLayer = svg("g");
    view.appendChild(edgeLayer); view.appendChild(nodeLayer); view.appendChild(labelLayer);
    root.appendChild(view);
    var nodes = [], edges = [], byKey = {};
    var zoom = { x: 0, y: 0, k: 1 };

    function addNode(key, kind, id, label, colour) {
      var n = { key: key, kind: kind, id: id, label: label, colour: colour, x: 0, y: 0, vx: 0, vy: 0, degree: 0 };
      nodes.push(n); byKey[key] = n;
    }
    DATA.actors.forEach(function (a) {
      addNode("a:" + a.id, "actor", a.id, a.name, ACTOR_COLOURS[a.type] || "#757575");
    });
    DATA.events.forEach(function (e) {
      addNode("e:" + e.id, "event", e.id, e.record.type + ": " + headline(e.record) + " (" + e.display + ")",
        typeColour[e.record.type]);
      participants(e.record).forEach(function (p) {
        if (byKey["a:" + p[0]]) edges.push({ a: byKey["e:" + e.id], b: byKey["a:" + p[0]], role: p[1], label: p[1] });
      });
    });
    DATA.relations.forEach(function (r) {
      var a = byKey["a:" + r.source], b = byKey["a:" + r.target];
      if (a && b) edges.push({ a: a, b: b, role: "relation", label: r.type, relation: r });
    });
    edges.forEach(function (e) { e.a.degree++; e.b.degree++; });

    // Deterministic start (a sunflower spiral in data order), then a fixed number of ticks.
    nodes.forEach(function (n, i) {
      var r = 12 * Math.sqrt(i + 0.5), t = i * 2.399963;
      n.x = r * Math.cos(t); n.y = r * Math.sin(t);
    });
    var alpha = 1;
    function tick() {
      var i, j, a, b, dx, dy, d2, d, f;
      for (i = 0; i < nodes.length; i++) {
        a = nodes[i];
        for (j = i + 1; j < nodes.length; j++) {
          b = nodes[j]; dx = b.x - a.x; dy = b.y - a.y; d2 = dx * dx + dy * dy || 0.01;
          if (d2 > 90000) continue;
          f = 500 * alpha / d2;
          a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
        }
      }
      edges.forEach(function (e) {
        dx = e.b.x - e.a.x; dy = e.b.y - e.a.y; d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        f = (d - (e.role === "relation" ? 70 : 40)) / d * 0.08 * alpha;
        e.a.vx += dx * f; e.a.vy += dy * f; e.b.vx -= dx * f; e.b.vy -= dy * f;
      });
      nodes.forEach(function (n) {
        n.vx -= n.x * 0.02 * alpha; n.vy -= n.y * 0.02 * alpha;
        if (n.fixed) { n.vx = n.vy = 0; return; }
        n.vx *= 0.6; n.vy *= 0.6; n.x += n.vx; n.y += n.vy;
      });
      alpha *= 0.985;
    }
    for (var t = 0; t < 320; t++) tick();

    edges.forEach(function (e) {
      e.line = svg("line", { "class": "tg-edge " + e.role });
      var title = svg("title"); title.textContent = e.label; e.line.appendChild(title);
      edgeLayer.appendChild(e.line);
    });
    nodes.forEach(function (n) {
      var size = n.kind === "actor" ? 5 + Math.min(8, Math.sqrt(n.degree) * 1.5) : 5;
      n.shape = n.kind === "actor" ? svg("circle", { r: size }) :
        svg("rect", { x: -size, y: -size, width: 2 * size, height: 2 * size, transform: "" });
      n.shape.setAttribute("class", "tg-node " + n.kind);
      n.shape.setAttribute("fill", n.colour);
      n.shape.setAttribute("data-kind", n.kind);
      n.shape.setAttribute("data-id", n.id);
      n.shape.setAttribute("tabindex", "0");
      var title = svg("title"); title.textContent = n.label; n.shape.appendChild(title);
      nodeLayer.appendChild(n.shape);
      if (n.kind === "actor") {
        n.text = svg("text", { "class": "tg-label", dx: size + 2, dy: 4 });
        n.text.textContent = n.label;
        labelLayer.appendChild(n.text);
      }
    });

    function draw() {
      edges.forEach(function (e) {
        e.line.setAttribute("x1", e.a.x.toFixed(1)); e.line.setAttribute("y1", e.a.y.toFixed(1));
        e.line.setAttribute("x2", e.b.x.toFixed(1)); e.line.setAttribute("y2", e.b.y.toFixed(1));
      });
      nodes.forEach(function (n) {
        if (n.kind === "actor") {
          n.shape.setAttribute("cx", n.x.toFixed(1)); n.shape.setAttribute("cy", n.y.toFixed(1));
          n.text.setAttribute("x", n.x.toFixed(1)); n.text.setAttribute("y", n.y.toFixed(1));
        } else {
          n.shape.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ") rotate(45)");
        }
      });
    }

    function applyZoom() {
      view.setAttribute("transform", "translate(" + zoom.x + "," + zoom.y + ") scale(" + zoom.k + ")");
    }

    function fit() {
      var box = root.getBoundingClientRect();
      if (!nodes.length || !box.width) return;
      var shown = nodes.filter(function (n) { return n.visible !== false; });
      if (!shown.length) return;
      var xs = shown.map(function (n) { return n.x; }), ys = shown.map(function (n) { return n.y; });
      var x0 = Math.min.apply(null, xs) - 20, x1 = Math.max.apply(null, xs) + 120;
      var y0 = Math.min.apply(null, ys) - 30, y1 = Math.max.apply(null, ys) + 20;
      zoom.k = Math.min(2, Math.min(box.width / (x1 - x0), box.height / (y1 - y0)));
      zoom.x = (box.width - (x1 - x0) * zoom.k) / 2 - x0 * zoom.k;
      zoom.y = (box.height - (y1 - y0) * zoom.k) / 2 - y0 * zoom.k;
      applyZoom();
    }

    function toGraph(ev) {
      var box = root.getBoundingClientRect();
      return { x: (ev.clientX - box.left - zoom.x) / zoom.k, y: (ev.clientY - box.top - zoom.y) / zoom.k };
    }

    var running = false;
    function animate() {
      if (running) return;
      running = true;
      (function frame() {
        tick(); draw();
        if (alpha > 0.02 || drag) requestAnimationFrame(frame); else running = false;
      })();
    }

    var drag = null;
    root.addEventListener("pointerdown", function (ev) {
      var target = ev.target.closest ? ev.target.closest(".tg-node") : null;
      var node = target ? byKey[(target.getAttribute("data-kind") === "actor" ? "a:" : "e:") + target.getAttribute("data-id")] : null;
      drag = { node: node, x: ev.clientX, y: ev.clientY, zx: zoom.x, zy: zoom.y, moved: false };
      try { root.setPointerCapture(ev.pointerId); } catch (err) { /* synthetic event */ }
    });
    root.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) drag.moved = true;
      if (!drag.moved) return;
      if (drag.node) {
        var p = toGraph(ev);
        drag.node.x = p.x; drag.node.y = p.y; drag.node.fixed = true;
        alpha = Math.max(alpha, 0.3); animate();
      } else {
        zoom.x = drag.zx + ev.clientX - drag.x; zoom.y = drag.zy + ev.clientY - drag.y; applyZoom();
      }
    });
    root.addEventListener("pointerup", function () {
      var d = drag; drag = null;
      if (d && d.node && !d.moved) select(d.node.kind, d.node.id, false);
    });
    root.addEventListener("keydown", function (ev) {  // nodes are focusable: Enter selects
      var target = ev.target.closest ? ev.target.closest(".tg-node") : null;
      if (target && (ev.key === "Enter" || ev.key === " ")) {
        ev.preventDefault();
        select(target.getAttribute("data-kind"), target.getAttribute("data-id"), false);
      }
    });
    root.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var box = root.getBoundingClientRect(), px = ev.clientX - box.left, py = ev.clientY - box.top;
      var k = Math.max(0.2, Math.min(6, zoom.k * Math.exp(-ev.deltaY * 0.0015)));
      zoom.x = px - (px - zoom.x) * k / zoom.k; zoom.y = py - (py - zoom.y) * k / zoom.k; zoom.k = k;
      applyZoom();
    }, { passive: false });

    function show(visibleEvents) {
      var filtered = state.actor || state.type || state.from || state.to;
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
      var actors = 0;
      nodes.forEach(function (n) {
        n.visible = !filtered || !!on[n.key];
        if (n.visible && n.kind === "actor") actors++;
        n.shape.classList.toggle("tg-hidden", !n.visible);
        if (n.text) n.text.classList.toggle("tg-hidden", !n.visible);
      });
      edges.forEach(function (e) { e.line.classList.toggle("tg-hidden", !(e.a.visible && e.b.visible)); });
      return actors;
    }

    function highlight(kind, id) {
      nodes.forEach(function (n) { n.shape.classList.toggle("selected", n.kind === kind && n.id === id); });
    }

    draw();
    return { show: show, fit: fit, highlight: highlight, edges: edges };
  })();

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
    legend.appendChild(el("span", {}, "edges: green agent, red target, brown location, grey attribution, purple relation"));
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

  setUpFilters();
  setUpLegend();
  applyFilters();
  window.addEventListener("resize", network.fit);
  window.tgView = { select: select, data: DATA };
})();
