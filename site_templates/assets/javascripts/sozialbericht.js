/* Sozialbericht: sortable tables and the on-request interactive map.
   Works with Material's instant navigation (event delegation + document$), loads nothing
   from other hosts: the deck.gl bundle is the one from the pydeck wheel, served by this site. */
(function () {
  "use strict";

  function sortKey(cell) {
    var v = cell.getAttribute("data-wert");
    if (v === null) v = cell.textContent.trim();
    var n = Number(v);
    return v !== "" && !isNaN(n) ? n : v.toLocaleLowerCase("de");
  }

  function makeSortable(table) {
    if (table.dataset.sortierbarBereit) return;
    table.dataset.sortierbarBereit = "1";
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sb-sortieren";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[col]), y = sortKey(b.cells[col]);
          if (typeof x !== typeof y) { x = String(x); y = String(y); }
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
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
    }).catch(function (err) {
      button.disabled = false;
      if (status) status.textContent = "Die Karte konnte nicht geladen werden (" + err.message + "). Die Tabelle enthält alle Angaben.";
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-karte-laden]");
    if (button) showMap(button);
  });

  function init() {
    document.querySelectorAll("table[data-sortierbar]").forEach(makeSortable);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
