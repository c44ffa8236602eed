/**
 * Browser script of /ten-duong, served from /static/naming/ (same origin, plain ES2017, no build
 * step): Leaflet draws the named streets and works from the GeoJSON; the page without it keeps
 * its static SVG and A–Z list.
 */
export const PUBLIC_MAP_JS = `(function () {
  var cfgEl = document.getElementById('naming-map-data');
  var holder = document.getElementById('ten-duong-ban-do');
  if (!cfgEl || !holder || !window.L) return;
  var cfg = JSON.parse(cfgEl.textContent);
  holder.hidden = false;
  // The CSP drops inline style attributes; sizes set through the CSSOM are allowed.
  holder.style.display = 'block';
  holder.style.height = '520px';
  var map = L.map(holder, { attributionControl: !!cfg.tileUrl });
  if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || '', maxZoom: 19 }).addTo(map);
  function esc(s) { return String(s == null ? '' : s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  var layer = L.geoJSON(null, {
    style: function (f) { return { color: f.geometry.type.indexOf('Polygon') >= 0 ? '#2e7d32' : '#b3261e', weight: 4, fillOpacity: 0.3 }; },
    onEachFeature: function (f, l) {
      var p = f.properties;
      l.bindPopup('<a href="' + esc(p.url) + '">' + esc(p.name) + '</a><br>' + esc(p.classLabel || ''));
      l.bindTooltip(esc(p.name));
    }
  }).addTo(map);
  fetch(cfg.url).then(function (r) { return r.json(); }).then(function (g) {
    layer.addData(g);
    holder.setAttribute('data-features', String(g.features.length));
    if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [20, 20] });
    else map.fitBounds([[8.0, 102.0], [23.5, 110.0]]);
  });
  var svg = document.getElementById('ten-duong-svg');
  if (svg) svg.style.display = 'none';
})();
`;
