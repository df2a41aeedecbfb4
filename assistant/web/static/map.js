// /map: partnership lines on Leaflet over the shipped country outlines (tiles only if configured).
// Everything from the data is put in the page as text (textContent), never as HTML.
(function () {
  "use strict";
  const config = JSON.parse(document.body.dataset.config);
  const text = config.text;
  const colours = { agreement: "#1f4e99", other: "#e08214", no_data: "#8c8c8c" };
  const map = L.map("map", { center: [52, 19], zoom: 4, keyboard: true, worldCopyJump: true });
  map.attributionControl.setPrefix("Leaflet");
  map.attributionControl.addAttribution("GeoNames (CC BY 4.0), Natural Earth");
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 18, attribution: "map tiles: " + new URL(config.tiles.replace(/[{}]/g, "")).host }).addTo(map);
  }
  fetch("/map/assets/countries.geojson")
    .then((r) => r.json())
    .then((outlines) => {
      const layer = L.geoJSON(outlines, {
        style: { color: "#7a7a7a", weight: 0.6, fillColor: "#f3f0e8", fillOpacity: config.tiles ? 0 : 1 },
        interactive: false,
      }).addTo(map);
      layer.bringToBack();
    });

  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    const box = L.DomUtil.create("div", "legend");
    for (const form of ["agreement", "other", "no_data"]) {
      const row = L.DomUtil.create("div", "", box);
      L.DomUtil.create("span", "form-" + form, row);
      row.appendChild(document.createTextNode(text[form]));
    }
    return box;
  };
  legend.addTo(map);

  const drawn = L.layerGroup().addTo(map);
  const byId = new Map();

  function popupFor(line) {
    const box = document.createElement("div");
    box.className = "popup";
    box.dataset.id = line.id;
    const head = document.createElement("strong");
    head.textContent = line.unit + " \u2192 " + line.partner + " (" + (config.lang === "en" ? line.country_en || line.country : line.country) + ")";
    box.appendChild(head);
    const what = document.createElement("div");
    what.textContent = text[line.form] + (line.year ? ", " + line.year : "");
    box.appendChild(what);
    const quote = document.createElement("div");
    quote.className = "popup-quote";
    quote.textContent = line.raw;
    box.appendChild(quote);
    const cite = document.createElement("a");
    cite.href = line.source_url;
    cite.className = "popup-source";
    cite.textContent = line.citation;
    box.appendChild(cite);
    return box;
  }

  function draw(data) {
    drawn.clearLayers();
    byId.clear();
    const tbody = document.querySelector("#lines tbody");
    tbody.textContent = "";
    const units = new Map();
    const bounds = [];
    for (const line of data.lines) {
      const from = [line.unit_lat, line.unit_lon];
      const to = [line.partner_lat, line.partner_lon];
      const colour = colours[line.form];
      const popup = popupFor(line);
      const path = L.polyline([from, to], { color: colour, weight: 1.2, opacity: 0.7, className: "line form-line-" + line.form });
      path.bindPopup(popup);
      drawn.addLayer(path);
      const marker = L.marker(to, {
        icon: L.divIcon({ className: "partner-marker form-" + line.form, iconSize: [10, 10] }),
        keyboard: true,
        title: line.partner + " \u2013 " + line.unit,
        alt: line.partner,
      });
      marker.bindPopup(popup);
      drawn.addLayer(marker);
      if (!units.has(line.unit)) {
        units.set(line.unit, true);
        drawn.addLayer(L.circleMarker(from, { radius: 3, color: "#222", weight: 1, fillOpacity: 0.9 }).bindTooltip(line.unit));
      }
      byId.set(line.id, marker);
      bounds.push(from, to);
      const row = tbody.insertRow();
      row.dataset.id = line.id;
      for (const value of [line.unit, line.partner + " (" + line.country + ")", text[line.form], line.year || ""]) {
        row.insertCell().textContent = value;
      }
      const link = document.createElement("a");
      link.href = line.source_url;
      link.textContent = line.citation;
      row.insertCell().appendChild(link);
      const show = document.createElement("button");
      show.type = "button";
      show.className = "show";
      show.textContent = text.show;
      show.addEventListener("click", () => {
        map.setView(to, Math.max(map.getZoom(), 6));
        marker.openPopup();
        tbody.querySelectorAll("tr.current").forEach((r) => r.classList.remove("current"));
        row.classList.add("current");
      });
      row.insertCell().appendChild(show);
    }
    if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 7 });
    const summary = document.getElementById("summary");
    summary.textContent = config.lang === "en"
      ? `${data.rows} partnerships match; ${data.placed} drawn (both ends placed). Not placed: ${data.unplaced_units} Polish units, ${data.unplaced_partners} partners.`
      : `Pasujących partnerstw: ${data.rows}; na mapie: ${data.placed} (oba końce umiejscowione). Bez miejsca: ${data.unplaced_units} polskich jednostek, ${data.unplaced_partners} partnerów.`;
    document.body.dataset.lines = String(data.placed);
  }

  function query(form) {
    const params = new URLSearchParams();
    for (const [key, value] of new FormData(form)) {
      if (value && key !== "lang") params.set(key, value);
    }
    return params;
  }

  function load(form) {
    const params = query(form);
    document.body.dataset.lines = "";
    return fetch("/api/map?" + params.toString())
      .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        if (!ok) {
          document.getElementById("summary").textContent = body.detail || "error";
          document.body.dataset.lines = "0";
          return;
        }
        draw(body);
        params.set("lang", config.lang);
        history.replaceState(null, "", "/map?" + params.toString());
      });
  }

  const form = document.getElementById("filters");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(form);
  });
  form.addEventListener("change", () => load(form));
  load(form);
})();
