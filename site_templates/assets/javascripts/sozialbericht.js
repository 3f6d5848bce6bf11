/* Sozialbericht: sortable tables, the on-request interactive map, PNG downloads, "Mein Quartier
   finden" and map labels.
   Works with Material's instant navigation (event delegation + document$), loads nothing
   from other hosts: the deck.gl bundle is the one from the pydeck wheel, served by this site. */
(function () {
  "use strict";

  /* Sorting. A cell's key is its data-wert (a machine number, empty when the value is missing) or
     its text as shown: German numbers ("−1,23", "1.234,5", "12,3 %"; of "a → b" the later value b)
     sort as numbers, the signs of a missing value (".", "–", "/", "x") last in either direction,
     and everything else as German text. */
  var MISSING = /^(\.|–|—|-|\/|x|keine Klasse|kein Wert)?$/i;
  var GERMAN_NUMBER = /^[+\u2212-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

  function parseGerman(text) {
    var t = text.replace(/[\s\u00a0\u202f]+/g, "").replace(/(%|Prozentpunkte|Pkt\.?)$/, "");
    if (!GERMAN_NUMBER.test(t)) return null;
    return Number(t.replace(/\./g, "").replace(",", ".").replace("\u2212", "-"));
  }

  function sortKey(cell) {
    var v = cell.getAttribute("data-wert");
    if (v !== null) {
      v = v.trim();
      if (v === "" || v === "nan" || v === "None") return { missing: true };
      var n = Number(v);
      return isNaN(n) ? { text: v } : { number: n };
    }
    var t = cell.textContent.replace(/\s+/g, " ").trim();
    var parts = t.split("\u2192");
    var last = parts[parts.length - 1].trim();
    if (MISSING.test(last)) return { missing: true };
    var num = parseGerman(last);
    return num === null ? { text: t } : { number: num };
  }

  function compareKeys(x, y, numeric, asc) {
    if (x.missing || y.missing) return x.missing && y.missing ? 0 : x.missing ? 1 : -1; /* last, both ways */
    var d;
    if (numeric) d = x.number - y.number;
    else d = String(x.text !== undefined ? x.text : x.number).localeCompare(
      String(y.text !== undefined ? y.text : y.number), "de", { numeric: true, sensitivity: "base" });
    return d * (asc ? 1 : -1);
  }

  /* The caption says the current order; the part after the table's name is replaced. */
  function sortNote(table) {
    var caption = table.caption;
    if (!caption) return null;
    var note = caption.querySelector(".sb-sortierung");
    if (!note) {
      note = document.createElement("span");
      note.className = "sb-sortierung";
      caption.appendChild(note);
    }
    return note;
  }

  function makeSortable(table) {
    if (table.dataset.sortierbarBereit) return;
    table.dataset.sortierbarBereit = "1";
    var heads = table.querySelectorAll("thead th");
    /* one polite live region per table says the new order; the arrow glyph is hidden from the
       accessible name, so the button is named by its column alone */
    var live = document.createElement("p");
    live.className = "sb-unsichtbar";
    live.setAttribute("role", "status");
    table.parentNode.insertBefore(live, table.nextSibling);
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      var name = th.textContent.trim();
      button.type = "button";
      button.className = "sb-sortieren";
      button.textContent = name;
      var glyph = document.createElement("span");
      glyph.className = "sb-pfeil";
      glyph.setAttribute("aria-hidden", "true");
      var initial = th.getAttribute("aria-sort");
      glyph.textContent = initial === "ascending" ? " ▲" : initial === "descending" ? " ▼" : " ⇅";
      button.appendChild(glyph);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) {
          h.removeAttribute("aria-sort");
          var g = h.querySelector(".sb-pfeil");
          if (g) g.textContent = " ⇅";
        });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        glyph.textContent = asc ? " ▲" : " ▼";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var keys = new Map(rows.map(function (r) { return [r, sortKey(r.cells[col])]; }));
        var numeric = rows.every(function (r) { var k = keys.get(r); return k.missing || k.number !== undefined; });
        rows.sort(function (a, b) { return compareKeys(keys.get(a), keys.get(b), numeric, asc); });
        rows.forEach(function (r) { body.appendChild(r); });
        var order = asc ? "aufsteigend" : "absteigend";
        var note = sortNote(table);
        if (note) note.textContent = ", sortiert nach „" + name + "“, " + order;
        live.textContent = "Sortiert nach „" + name + "“, " + order + ".";
      });
    });
  }

  /* Material's header and navigation toggles are <label for=checkbox>, which a keyboard cannot
     operate and which may carry no role. Each becomes a real <button> with a name and its state; it
     keeps the `for` attribute, so Material's styles still apply, and a click toggles the checkbox
     (Material follows its change event). Without JavaScript the labels stay and work by pointer. */
  var NAMES = { __drawer: "Navigation öffnen", __search: "Suche öffnen" };
  var drawerQuery = window.matchMedia("(max-width: 76.234375em)");
  var searchQuery = window.matchMedia("(max-width: 59.984375em)");

  function makeButtons() {
    document.querySelectorAll("label[for].md-header__button, label[for].md-nav__link, label[for].md-nav__title")
      .forEach(function (label) {
        var box = document.getElementById(label.htmlFor);
        if (!box || box.type !== "checkbox") return;
        var button = document.createElement("button");
        button.type = "button";
        Array.prototype.forEach.call(label.attributes, function (a) {
          if (a.name !== "tabindex") button.setAttribute(a.name, a.value);
        });
        button.innerHTML = label.innerHTML;
        var text = label.textContent.replace(/\s+/g, " ").trim();
        if (label.classList.contains("md-nav__title") && box.id === "__drawer") {
          button.setAttribute("aria-label", (text ? text + " – " : "") + "Navigation schließen");
        } else if (!text && NAMES[box.id]) {
          button.setAttribute("aria-label", NAMES[box.id]);
        }
        label.parentNode.replaceChild(button, label);
      });
  }

  function syncToggles() {
    document.querySelectorAll("button[for]").forEach(function (button) {
      var box = document.getElementById(button.getAttribute("for"));
      if (box) button.setAttribute("aria-expanded", box.checked ? "true" : "false");
    });
    var drawer = document.getElementById("__drawer");
    var sidebar = document.querySelector(".md-sidebar--primary");
    if (drawer && sidebar) {
      watch(drawer);
      inert(sidebar, drawerQuery.matches && !drawer.checked);
    }
    /* the closed search: on phones the whole overlay, on wide screens its result list */
    var search = document.getElementById("__search");
    if (search) {
      watch(search);
      inert(document.querySelector(".md-search__output"), !search.checked);
      inert(document.querySelector(".md-search__inner"), searchQuery.matches && !search.checked);
    }
    /* an empty result area is a scroll container without content to reach: no tab stop (Chrome
       would make it one); with results, their links are the stops */
    var wrap = document.querySelector(".md-search__scrollwrap");
    var list = document.querySelector(".md-search-result__list");
    if (wrap && list) {
      if (list.children.length) wrap.removeAttribute("tabindex"); else wrap.tabIndex = -1;
      if (!list.dataset.sbBeobachtet) {
        list.dataset.sbBeobachtet = "1";
        new MutationObserver(function () { syncToggles(); }).observe(list, { childList: true });
      }
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[for]");
    var box = button && document.getElementById(button.getAttribute("for"));
    if (!box) return;
    var keyboard = event.detail === 0; /* Enter and Space click with detail 0 */
    box.click();
    setTimeout(function () {
      syncToggles();
      if (!keyboard || !box.checked) return;
      if (box.id === "__drawer") {
        var first = document.querySelector(".md-sidebar--primary a[href], .md-sidebar--primary button");
        if (first) first.focus();
      } else if (box.id === "__search") {
        var input = document.querySelector(".md-search__input");
        if (input) input.focus();
      }
    }, 0);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var drawer = document.getElementById("__drawer");
    if (drawer && drawer.checked) {
      drawer.click();
      setTimeout(function () {
        syncToggles();
        var opener = document.querySelector(".md-header__button[for=__drawer]");
        if (opener) opener.focus();
      }, 0);
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("input.md-toggle, input.md-nav__toggle")) setTimeout(syncToggles, 0);
  });
  document.addEventListener("click", function () { setTimeout(syncToggles, 0); });
  if (drawerQuery.addEventListener) {
    drawerQuery.addEventListener("change", syncToggles);
    searchQuery.addEventListener("change", syncToggles);
  }

  function inert(el, on) {
    if (!el) return;
    if (on) el.setAttribute("inert", ""); else el.removeAttribute("inert");
  }

  /* Material opens and closes drawer and search by setting the checkbox in script, which fires no
     event: watch the property itself so the state and inertness follow every change. */
  var checkedProperty = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "checked");
  function watch(box) {
    if (box.dataset.sbBeobachtet) return;
    box.dataset.sbBeobachtet = "1";
    Object.defineProperty(box, "checked", {
      configurable: true,
      get: function () { return checkedProperty.get.call(this); },
      set: function (value) { checkedProperty.set.call(this, value); setTimeout(syncToggles, 0); }
    });
  }



  var bundle = null;
  function loadBundle(url) {
    if (window.createDeck) return Promise.resolve();
    if (!bundle) {
      bundle = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = resolve;
        s.onerror = function () { bundle = null; reject(new Error("Kartenbibliothek nicht geladen")); };
        document.head.appendChild(s);
      });
    }
    return bundle;
  }

  function showMap(button) {
    var box = document.getElementById(button.getAttribute("aria-controls"));
    if (!box || box.dataset.geladen) return;
    var status = box.parentNode.querySelector(".sb-kartenstatus");
    button.disabled = true;
    if (status) status.textContent = "Karte wird geladen …";
    loadBundle(new URL(box.dataset.bundle, document.baseURI).href).then(function () {
      var spec = JSON.parse(box.dataset.deck);
      spec.layers.forEach(function (layer) {
        if (typeof layer.data === "string") layer.data = new URL(layer.data, document.baseURI).href;
      });
      box.hidden = false;
      box.dataset.geladen = "1";
      box.deck = window.createDeck({ container: box, jsonInput: spec, tooltip: JSON.parse(box.dataset.tooltip) });
      button.hidden = true;
      if (status) status.textContent = "Interaktive Karte geladen. Ziehen zum Verschieben, Mausrad oder zwei Finger zum Zoomen.";
      /* the map takes the focus, visibly; its key help is shown while it has the focus and is its
         description; the keys it uses move the map only, never the page */
      var canvas = box.querySelector("canvas");
      var target = canvas || box;
      var help = document.getElementById(box.dataset.tastenhilfe || "");
      target.setAttribute("tabindex", "0");
      target.setAttribute("role", "application");
      target.setAttribute("aria-label", (box.getAttribute("aria-label") || "Interaktive Karte") +
        ". Alle Angaben stehen auch in der Kartengrafik und den Tabellen dieser Seite.");
      if (help) {
        box.appendChild(help); /* over the map's top edge, where the focused map is in view */
        target.setAttribute("aria-describedby", help.id);
        target.addEventListener("focus", function () { help.hidden = false; });
        target.addEventListener("blur", function () { help.hidden = true; });
      }
      box.addEventListener("keydown", function (event) {
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        var step = ZOOM_KEYS[event.key];
        if (step) { /* by the character typed: deck.gl reads US key positions, not "+" on a German keyboard */
          event.preventDefault();
          event.stopPropagation();
          var v = box.deck.getViewports()[0];
          box.deck.setProps({ initialViewState: { longitude: v.longitude, latitude: v.latitude,
            zoom: Math.max(1, Math.min(20, v.zoom + step)), pitch: 0, bearing: 0 } });
        } else if (PAN_KEYS.indexOf(event.key) >= 0) {
          event.preventDefault(); /* deck.gl pans; the page does not scroll as well */
        }
      }, true);
      target.focus();
    }).catch(function (err) {
      button.disabled = false;
      if (status) status.textContent = "Die Karte konnte nicht geladen werden (" + err.message + "). Die Tabelle enthält alle Angaben.";
    });
  }

  /* the keys the interactive map uses: they move the map and must not scroll the page as well */
  var PAN_KEYS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];
  var ZOOM_KEYS = { "+": 1, "=": 1, "-": -1, "_": -1 };

  /* Esc closes the interactive map's tooltip (content on hover must be dismissable, WCAG 1.4.13). */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".deck-tooltip").forEach(function (tip) {
      if (tip.style.display !== "none") tip.style.display = "none";
    });
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-karte-laden]");
    if (button) showMap(button);
    var png = event.target.closest && event.target.closest("a[data-png]");
    if (png) { event.preventDefault(); savePng(png); }
    var find = event.target.closest && event.target.closest(".sb-finden button");
    if (find) findQuarter(find.closest(".sb-finden"));
  });

  /* PNG: the standalone SVG drawn on a canvas at 2400 px (at least 1200), in the browser. */
  function savePng(link) {
    fetch(link.href).then(function (r) { return r.text(); }).then(function (svg) {
      var img = new Image();
      var url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      img.onload = function () {
        var scale = Math.max(2, 1200 / img.width);
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(img.width * scale);
        canvas.height = Math.round(img.height * scale);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) {
          var a = document.createElement("a");
          a.href = URL.createObjectURL(blob);
          a.download = link.getAttribute("download");
          document.body.appendChild(a);
          a.click();
          setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
        }, "image/png");
      };
      img.src = url;
    });
  }

  /* Mein Quartier finden: point in polygon, in the browser, with the site's own GeoJSON.
     The position is used here and nowhere else. */
  function inRing(x, y, ring) {
    var inside = false;
    for (var i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      var xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
  function inPolygon(x, y, rings) {
    if (!inRing(x, y, rings[0])) return false;
    for (var k = 1; k < rings.length; k++) if (inRing(x, y, rings[k])) return false;
    return true;
  }
  function contains(geometry, x, y) {
    var polys = geometry.type === "MultiPolygon" ? geometry.coordinates : [geometry.coordinates];
    return polys.some(function (p) { return inPolygon(x, y, p); });
  }
  function findQuarter(box) {
    var out = box.querySelector(".sb-finden-ergebnis");
    if (!navigator.geolocation) { out.textContent = "Ihr Browser kann den Standort nicht bestimmen."; return; }
    out.textContent = "Standort wird bestimmt …";
    navigator.geolocation.getCurrentPosition(function (pos) {
      var x = pos.coords.longitude, y = pos.coords.latitude;
      fetch(new URL(box.dataset.finden, document.baseURI).href).then(function (r) { return r.json(); }).then(function (gj) {
        var pages = JSON.parse(box.dataset.seiten);
        var hit = gj.features.filter(function (f) { return contains(f.geometry, x, y); })[0];
        out.textContent = "";
        if (!hit) { out.textContent = "Ihr Standort liegt nicht in der Stadt – oder nicht in einem der Gebiete dieses Berichts."; return; }
        var a = document.createElement("a");
        a.href = pages[hit.properties.quartier_id];
        a.textContent = hit.properties.name;
        out.appendChild(document.createTextNode("Sie sind in: "));
        out.appendChild(a);
        out.appendChild(document.createTextNode(" – zur Seite mit allen Zahlen."));
        a.focus();
      }).catch(function () { out.textContent = "Die Flächen konnten nicht geladen werden."; });
    }, function () {
      out.textContent = "Der Standort ist nicht verfügbar (nicht erlaubt oder nicht gefunden). ";
      var list = document.createElement("a");
      list.href = box.dataset.liste;
      list.textContent = "Die Liste der Gebiete";
      out.appendChild(list);
      out.appendChild(document.createTextNode(" hilft weiter."));
    }, { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 });
  }

  /* Maps: the name of the area under the pointer or keyboard focus, shown below the map, and a ring
     round it drawn on top of all areas and borders (in document order its neighbours would cover
     half of it): a dark band with a white core, in screen pixels, so one of the two stands ≥ 3:1
     against every fill and against the page. */
  var SVG_NS = "http://www.w3.org/2000/svg", XLINK = "http://www.w3.org/1999/xlink";
  function ring(kind) {
    var g = document.createElementNS(SVG_NS, "g");
    g.setAttribute("class", "sb-ring sb-ring-" + kind);
    g.setAttribute("fill", "none");
    g.setAttribute("pointer-events", "none");
    g.setAttribute("aria-hidden", "true");
    [["#1a1a1a", "8"], ["#ffffff", "3.5"]].forEach(function (band) {
      var use = document.createElementNS(SVG_NS, "use");
      use.setAttribute("stroke", band[0]);
      use.setAttribute("stroke-width", band[1]);
      use.setAttribute("stroke-linejoin", "round");
      g.appendChild(use);
    });
    return g;
  }
  function areaRef(a) {
    var shape = a && a.querySelector("use");
    return shape && (shape.getAttributeNS(XLINK, "href") || shape.getAttribute("href"));
  }
  function place(map, g, ref) {
    if (!ref) { if (g.parentNode) g.parentNode.removeChild(g); return; }
    Array.prototype.forEach.call(g.childNodes, function (use) { use.setAttributeNS(XLINK, "xlink:href", ref); });
    map.appendChild(g);
  }
  function label(map) {
    if (map.dataset.beschriftet) return;
    map.dataset.beschriftet = "1";
    var out = document.createElement("p");
    out.className = "sb-kartenname";
    out.setAttribute("aria-hidden", "true"); /* the links carry the same name for screen readers */
    var frame = map.closest(".sb-sprungrahmen") || map;
    frame.parentNode.insertBefore(out, frame.nextSibling);
    var focusRing = ring("fokus"), hoverRing = ring("zeiger");
    function area(event) { return event.target.closest && event.target.closest("a.sb-gebiet"); }
    map.addEventListener("mouseover", function (event) {
      var a = area(event);
      if (a) out.textContent = a.getAttribute("aria-label");
      place(map, hoverRing, areaRef(a));
      if (focusRing.parentNode) map.appendChild(focusRing); /* focus stays on top */
    });
    map.addEventListener("mouseleave", function () { place(map, hoverRing, null); });
    /* focus listeners on the figure, not the <svg>: Chromium makes an SVG element with focus
       listeners a tab stop of its own */
    var holder = map.parentNode;
    holder.addEventListener("focusin", function (event) {
      var a = area(event);
      if (a) out.textContent = a.getAttribute("aria-label");
      place(map, focusRing, areaRef(a));
    });
    holder.addEventListener("focusout", function () { place(map, focusRing, null); });
  }

  function init() {
    makeButtons();
    syncToggles();
    document.querySelectorAll("table[data-sortierbar]").forEach(makeSortable);
    document.querySelectorAll(".sb-png, .sb-finden").forEach(function (el) { el.hidden = false; });
    document.querySelectorAll("svg.karte").forEach(function (map) { if (map.querySelector("a.sb-gebiet")) label(map); });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
