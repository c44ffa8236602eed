/**
 * Browser scripts of the feedback maps, served from /static/feedback/ (same origin, no build
 * step, plain ES2017). Both only enhance pages that already work without them: the staff map
 * page has its SVG and table, the public form its latitude and longitude inputs.
 */

/** Staff map: a Leaflet map of the same clusters; zooming asks the server for the finer grid. */
export const STAFF_MAP_JS = `(function () {
  var dataEl = document.getElementById('feedback-map-data');
  var holder = document.getElementById('ban-do-tuong-tac');
  if (!dataEl || !holder || !window.L) return;
  var d = JSON.parse(dataEl.textContent);
  holder.hidden = false;
  holder.style.display = 'block';
  var map = L.map(holder, { attributionControl: !!d.tileUrl });
  if (d.tileUrl) L.tileLayer(d.tileUrl, { attribution: d.attribution || '', maxZoom: 18 }).addTo(map);
  var layer = L.layerGroup().addTo(map);
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
  function draw(clusters) {
    layer.clearLayers();
    clusters.forEach(function (c) {
      var cats = c.categories.map(function (x) { return esc(x.name) + ' (' + x.count + ')'; }).join('<br>');
      L.circleMarker([c.lat, c.lng], { radius: Math.min(40, 5 + 3 * Math.sqrt(c.count)), color: '#ffffff', weight: 1, fillColor: '#b3261e', fillOpacity: 0.85 })
        .bindTooltip(c.count + ' phản ánh')
        .bindPopup('<strong>' + c.count + ' phản ánh</strong><br>' + cats)
        .addTo(layer);
    });
  }
  function zoomStep(z) { return z <= 6 ? 1 : z <= 8 ? 2 : z <= 10 ? 3 : z <= 13 ? 4 : 5; }
  var current = d.zoom;
  draw(d.clusters);
  if (d.clusters.length) map.fitBounds(d.clusters.map(function (c) { return [c.lat, c.lng]; }), { padding: [30, 30], maxZoom: 14 });
  else map.fitBounds([[8.0, 102.0], [23.5, 110.0]]);
  map.on('zoomend', function () {
    var step = zoomStep(map.getZoom());
    if (step === current) return;
    current = step;
    var q = new URLSearchParams(d.query);
    q.set('zoom', String(step));
    fetch('/quan-tri/phan-anh/ban-do.json?' + q.toString(), { credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j && step === current) draw(j.clusters); });
  });
  // The same clusters twice would confuse; the table stays as the text alternative.
  var svg = document.getElementById('ban-do-svg');
  if (svg) svg.style.display = 'none';
})();
`;

/** Public form: "use my location" and, when a tile layer is configured, a pin on a Leaflet map;
 * both fill the latitude and longitude inputs, which stay the source of truth. */
export const PIN_JS = `(function () {
  var lat = document.getElementById('f-lat');
  var lng = document.getElementById('f-lng');
  if (!lat || !lng || !lat.closest) return;
  var cfgEl = document.getElementById('feedback-pin-config');
  var cfg = cfgEl ? JSON.parse(cfgEl.textContent) : {};
  var field = lat.closest('.vh-field');
  var box = document.createElement('div');
  box.className = 'vh-field';
  var status = document.createElement('p');
  status.className = 'vh-hint';
  status.setAttribute('role', 'status');
  var marker = null;
  var map = null;
  function fmt(n) { return n.toFixed(6).replace('.', ','); }
  function read(v) { var n = Number(String(v).trim().replace(',', '.')); return String(v).trim() && isFinite(n) ? n : null; }
  function set(a, b, message) {
    lat.value = fmt(a);
    lng.value = fmt(b);
    status.textContent = message + ' Vĩ độ ' + fmt(a) + ', kinh độ ' + fmt(b) + '.';
    if (map) place(a, b, false);
  }
  function place(a, b, pan) {
    if (!marker) {
      marker = L.marker([a, b], { draggable: true, keyboard: true, title: 'Vị trí phản ánh' }).addTo(map);
      marker.on('dragend', function () { var p = marker.getLatLng(); set(p.lat, p.lng, 'Đã chuyển ghim.'); });
    } else marker.setLatLng([a, b]);
    if (pan) map.setView([a, b], Math.max(map.getZoom(), 15));
  }
  if (cfg.tileUrl && window.L) {
    var mapEl = document.createElement('div');
    mapEl.id = 'ban-do-ghim';
    mapEl.style.height = '320px';
    mapEl.setAttribute('role', 'region');
    mapEl.setAttribute('aria-label', 'Bản đồ chọn vị trí: bấm vào bản đồ để đặt ghim, vĩ độ và kinh độ được điền vào hai ô bên dưới');
    box.appendChild(mapEl);
    // Leaflet measures its container when created: it must be in the page by then.
    field.parentNode.insertBefore(box, field);
    map = L.map(mapEl).fitBounds([[8.0, 102.0], [23.5, 110.0]]);
    L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || '', maxZoom: 19 }).addTo(map);
    map.on('click', function (e) { set(e.latlng.lat, e.latlng.lng, 'Đã đặt ghim.'); });
    var a0 = read(lat.value), b0 = read(lng.value);
    if (a0 !== null && b0 !== null) place(a0, b0, true);
    var sync = function () { var a = read(lat.value), b = read(lng.value); if (a !== null && b !== null) place(a, b, true); };
    lat.addEventListener('change', sync);
    lng.addEventListener('change', sync);
  }
  if (navigator.geolocation) {
    var btn = document.createElement('button');
    btn.type = 'button';
    btn.className = 'vh-button vh-button--secondary';
    btn.textContent = 'Dùng vị trí hiện tại của tôi';
    btn.addEventListener('click', function () {
      status.textContent = 'Đang xác định vị trí…';
      navigator.geolocation.getCurrentPosition(
        function (p) { set(p.coords.latitude, p.coords.longitude, 'Đã lấy vị trí hiện tại.'); },
        function () { status.textContent = 'Không lấy được vị trí. Bạn có thể nhập vĩ độ, kinh độ hoặc để trống.'; },
        { enableHighAccuracy: true, timeout: 15000 }
      );
    });
    box.appendChild(btn);
  }
  if (!box.firstChild) return;
  box.appendChild(status);
  if (!box.parentNode) field.parentNode.insertBefore(box, field);
})();
`;
