// Itinerary page: the interactive map (Leaflet, vendored) with the Delta's cities, coast and rivers from
// a GeoJSON file served by this site; no tiles, no other host. The SVG beside it remains for print.
(function () {
  "use strict";
  var box = document.getElementById("trip-map");
  if (!box || !window.L) { return; }
  var data = JSON.parse(document.getElementById("trip-map-data").textContent);
  document.body.classList.add("has-map");
  var map = L.map(box, {zoomSnap: 0.5, minZoom: 7, maxZoom: 16});
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(box.dataset.attribution);

  var styles = {
    city: {color: "#6b6b6b", weight: 1.2, fillColor: "#fbfaf5", fillOpacity: 1},
    neighbour: {color: "#9a9a9a", weight: 0.8, fillColor: "#ecebe4", fillOpacity: 1},
    coast: {color: "#5a7fa8", weight: 1.2},
    river: {color: "#7fa7d1", weight: 1.5}
  };
  map.getContainer().style.background = "#d9e6f2";  // the sea
  fetch(box.dataset.geo).then(function (response) { return response.json(); }).then(function (geo) {
    var layer = L.geoJSON(geo, {interactive: false, style: function (feature) { return styles[feature.properties.kind]; }});
    layer.addTo(map).bringToBack();
  });

  var bounds = L.latLngBounds([]);
  data.days.forEach(function (day) {
    L.polyline(day.path, {color: day.colour, weight: 4, opacity: 0.85, interactive: false}).addTo(map);
    day.path.forEach(function (point) { bounds.extend(point); });
  });
  data.bases.forEach(function (base) {
    L.marker([base.lat, base.lon], {
      icon: L.divIcon({className: "base-marker", html: "", iconSize: [12, 12]}),
      title: base.name, alt: base.name, keyboard: false
    }).addTo(map);
  });

  function popup(stop) {
    var content = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = stop.n + ". " + stop.name;
    content.appendChild(title);
    content.appendChild(document.createElement("br"));
    content.appendChild(document.createTextNode(box.dataset.dayLabel.replace("%d", stop.day) + " · " + stop.time));
    return content;
  }
  var cluster = L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 28, spiderfyOnMaxZoom: true});
  data.stops.forEach(function (stop) {
    var marker = L.marker([stop.lat, stop.lon], {
      icon: L.divIcon({className: "stop-marker day-" + ((stop.day - 1) % 7 + 1), html: String(stop.n),
                       iconSize: [26, 26]}),
      title: stop.n + ". " + stop.name, alt: stop.n + ". " + stop.name, keyboard: true
    });
    marker.bindPopup(popup(stop));
    cluster.addLayer(marker);
  });
  map.addLayer(cluster);

  function remember() {
    var centre = map.getCenter();
    box.dataset.zoom = map.getZoom();
    box.dataset.centre = centre.lat.toFixed(4) + "," + centre.lng.toFixed(4);
  }
  map.on("moveend zoomend", remember);
  if (bounds.isValid()) {
    map.fitBounds(bounds, {padding: [24, 24], maxZoom: 13});
  } else {
    map.setView([22.8, 113.5], 8);
  }
  remember();
}());
