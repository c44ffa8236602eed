/**
 * Browser scripts of the heritage pages, served from /static/heritage/ (same origin, plain ES2017,
 * no build step). Each enhances a page that already works without it: the public map has its SVG
 * and list, the zone editor its text areas of coordinates.
 */

/** Public map: Leaflet with zone I red and zone II blue (the colours of boundary maps); the
 * overview GeoJSON first, the full zones of the visible area once zoomed in. */
export const PUBLIC_MAP_JS = `(function () {
  var cfgEl = document.getElementById('heritage-map-data');
  var holder = document.getElementById('ban-do-tuong-tac');
  if (!cfgEl || !holder || !window.L) return;
  var cfg = JSON.parse(cfgEl.textContent);
  holder.hidden = false;
  // The CSP drops inline style attributes; sizes set through the CSSOM are allowed.
  holder.style.display = 'block';
  holder.style.height = '560px';
  var map = L.map(holder, { attributionControl: !!cfg.tileUrl });
  if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || '', maxZoom: 19 }).addTo(map);
  var colours = { I: '#c62828', II: '#1565c0' };
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function style(f) { var z = f.properties.zone; return { color: colours[z] || '#333', weight: 2, fillOpacity: z === 'I' ? 0.35 : 0.15 }; }
  var names = {};
  function popup(f, layer) {
    var p = f.properties;
    if (p.name) names[p.code] = p.name;
    var zone = p.zone === 'I' ? ' – khu vực I' : p.zone === 'II' ? ' – khu vực II' : '';
    layer.bindPopup('<a href="/di-san/di-tich/' + encodeURIComponent(p.code) + '">' + esc(p.name || names[p.code] || p.code) + '</a>' + esc(zone));
  }
  var overview = L.geoJSON(null, { style: style, onEachFeature: popup, pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 6, color: '#fff', weight: 1, fillColor: '#7b1fa2', fillOpacity: 0.9 }); } }).addTo(map);
  var detail = L.geoJSON(null, { style: style, onEachFeature: popup }).addTo(map);
  fetch(cfg.overviewUrl).then(function (r) { return r.json(); }).then(function (g) {
    overview.addData(g);
    if (cfg.focus) map.setView([cfg.focus[0], cfg.focus[1]], 16);
    else if (overview.getLayers().length) map.fitBounds(overview.getBounds(), { padding: [20, 20], maxZoom: 15 });
    else map.fitBounds([[8.0, 102.0], [23.5, 110.0]]);
  });
  map.on('moveend', function () {
    if (map.getZoom() < 13) { detail.clearLayers(); return; }
    var b = map.getBounds();
    fetch(cfg.detailUrl + '?bbox=' + [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (n) { return n.toFixed(5); }).join(','))
      .then(function (r) { return r.json(); })
      .then(function (g) { detail.clearLayers(); detail.addData({ type: 'FeatureCollection', features: g.features.filter(function (f) { return f.properties.zone !== 'point'; }) }); });
  });
  var svg = document.getElementById('ban-do-svg');
  // An SVG element has no hidden property: hide it through its style, as the feedback map does.
  if (svg) svg.style.display = 'none';
})();
`;

/** Zone editor: a click-to-add-vertex tool on a Leaflet map, writing "lat, lng" lines into the
 * zone's text area (the same text the no-JavaScript form submits). */
export const ZONE_EDITOR_JS = `(function () {
  var cfgEl = document.getElementById('heritage-editor-data');
  var holder = document.getElementById('ve-vung');
  if (!cfgEl || !holder || !window.L) return;
  var cfg = JSON.parse(cfgEl.textContent);
  holder.hidden = false;
  holder.style.display = 'block';
  holder.style.height = '420px';
  var tools = document.getElementById('ve-vung-cong-cu');
  if (tools) tools.hidden = false;
  var map = L.map(holder, { attributionControl: !!cfg.tileUrl });
  if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || '', maxZoom: 19 }).addTo(map);
  var colours = { zoneI: '#c62828', zoneII: '#1565c0' };
  var layers = { zoneI: L.layerGroup().addTo(map), zoneII: L.layerGroup().addTo(map) };
  var active = 'zoneI';
  function parse(text) {
    var t = text.trim();
    if (!t) return [];
    try {
      if (t.charAt(0) === '{') {
        var g = JSON.parse(t); if (g.type === 'Feature') g = g.geometry;
        var ring = g.type === 'Polygon' ? g.coordinates[0] : g.type === 'MultiPolygon' ? g.coordinates[0][0] : [];
        return ring.map(function (p) { return [p[1], p[0]]; });
      }
    } catch (e) { return []; }
    return t.split(/\\n/).map(function (l) { var m = l.split(/[\\s,;]+/).filter(Boolean).map(Number); return m.length === 2 ? m : null; }).filter(Boolean);
  }
  function draw(field) {
    var el = document.getElementById('f-' + field);
    layers[field].clearLayers();
    var pts = parse(el.value);
    if (pts.length > 1) L.polygon(pts, { color: colours[field], weight: 2, fillOpacity: 0.2 }).addTo(layers[field]);
    pts.forEach(function (p) { L.circleMarker(p, { radius: 3, color: colours[field] }).addTo(layers[field]); });
    return pts;
  }
  var all = draw('zoneI').concat(draw('zoneII'));
  if (all.length) map.fitBounds(all, { padding: [20, 20] });
  else if (cfg.center) map.setView(cfg.center, 17);
  else map.fitBounds([[8.0, 102.0], [23.5, 110.0]]);
  ['zoneI', 'zoneII'].forEach(function (f) { document.getElementById('f-' + f).addEventListener('input', function () { draw(f); }); });
  var pick = document.getElementById('ve-vung-chon');
  if (pick) pick.addEventListener('change', function () { active = pick.value; });
  map.on('click', function (e) {
    var el = document.getElementById('f-' + active);
    if (el.value.trim().charAt(0) === '{') el.value = '';
    el.value = (el.value.trim() ? el.value.trim() + '\\n' : '') + e.latlng.lat.toFixed(6) + ', ' + e.latlng.lng.toFixed(6);
    draw(active);
  });
  var undo = document.getElementById('ve-vung-xoa-dinh');
  if (undo) undo.addEventListener('click', function () {
    var el = document.getElementById('f-' + active);
    var lines = el.value.trim().split(/\\n/); lines.pop(); el.value = lines.join('\\n'); draw(active);
  });
})();
`;
