/**
 * Browser scripts of the tourism pages, served from /static/du-lich/ (same origin, no build step).
 * Each enhances a page that already works without it: the tour page has its preview image, scene
 * list and hotspot texts; the editor its numeric yaw/pitch fields; the list its static SVG map.
 */

/** Tour viewer (ES module): Photo Sphere Viewer with tiles, virtual tour, markers, gyroscope and
 * compass. The scene list and the hotspot links outside the canvas drive the same tour, so the
 * whole tour is keyboard operable without aiming inside the panorama. */
export const VIEWER_JS = `import { Viewer } from './vendor/psv-core.js';
import { EquirectangularTilesAdapter } from './vendor/psv-tiles.js';
import { MarkersPlugin } from './vendor/psv-markers.js';
import { VirtualTourPlugin } from './vendor/psv-virtual-tour.js';
import { GyroscopePlugin } from './vendor/psv-gyroscope.js';
import { CompassPlugin } from './vendor/psv-compass.js';

var cfgEl = document.getElementById('tour-data');
var holder = document.getElementById('tour-viewer');
if (cfgEl && holder) start(JSON.parse(cfgEl.textContent));

function start(cfg) {
  var rad = function (d) { return d * Math.PI / 180; };
  var nodes = cfg.scenes.map(function (s) {
    return {
      id: s.id,
      name: s.title,
      caption: s.title,
      panorama: { baseUrl: s.preview, levels: s.levels, tileUrl: function (c, r, l) { return s.tiles + '/' + l + '/' + c + '_' + r + '.jpg'; } },
      links: s.hotspots.filter(function (h) { return h.kind === 'scene'; }).map(function (h) { return { nodeId: h.target, position: { yaw: rad(h.yaw), pitch: rad(h.pitch) }, data: { title: h.title } }; }),
      markers: s.hotspots.filter(function (h) { return h.kind !== 'scene'; }).map(function (h) {
        return { id: s.id + '-' + h.id, position: { yaw: rad(h.yaw), pitch: rad(h.pitch) }, html: h.kind === 'info' ? 'i' : '★', className: 'du-lich-diem', tooltip: h.title, content: h.html, data: { kind: h.kind } };
      }),
    };
  });
  // The plugin's own arrow is a button without a name (axe: button-name). Ours carries the
  // hotspot's label; a keyboard press (a click with detail 0) moves the tour, while pointer clicks
  // are left to the viewer, which already handles them (handling both would switch twice).
  function arrow(link) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = 'psv-virtual-tour-arrow';
    b.setAttribute('aria-label', (link.data && link.data.title) || link.nodeId);
    b.innerHTML = '<svg viewBox="0 0 100 100" aria-hidden="true" focusable="false"><circle cx="50" cy="50" r="44" fill="none" stroke="currentColor" stroke-width="7"/><path d="M28 60 L50 36 L72 60" fill="none" stroke="currentColor" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/></svg>';
    b.addEventListener('click', function (e) { if (e.detail === 0 && tour) tour.setCurrentNode(link.nodeId); });
    return b;
  }
  var tour;
  var first = cfg.scenes.find(function (s) { return s.id === cfg.current; }) || cfg.scenes[0];
  var viewer;
  try {
    holder.hidden = false;
    holder.tabIndex = 0; // the arrow keys turn the view once the viewer has focus
    // The CSP drops inline style attributes; sizes set through the CSSOM are allowed.
    holder.style.width = '100%';
    holder.style.height = '62vh';
    viewer = new Viewer({
      container: holder,
      adapter: EquirectangularTilesAdapter,
      defaultYaw: rad(first.initial.yaw),
      defaultPitch: rad(first.initial.pitch),
      keyboard: 'always',
      lang: cfg.lang,
      navbar: ['zoom', 'move', 'caption', 'fullscreen'],
      plugins: [
        MarkersPlugin,
        [VirtualTourPlugin, { positionMode: 'manual', renderMode: '3d', nodes: nodes, startNodeId: first.id, preload: true, arrowStyle: { element: arrow }, transitionOptions: { showLoader: false, effect: 'fade', speed: 400 } }],
        GyroscopePlugin,
        [CompassPlugin, { size: '90px', position: 'top right' }],
      ],
    });
  } catch (e) {
    holder.hidden = true;
    return;
  }
  tour = viewer.getPlugin(VirtualTourPlugin);
  var status = document.getElementById('tour-status');
  var preview = document.getElementById('tour-preview');
  if (preview) preview.hidden = true;
  tour.addEventListener('node-changed', function (e) {
    var id = e.node.id;
    holder.setAttribute('data-scene', id);
    var s = cfg.scenes.find(function (x) { return x.id === id; });
    if (status && s) status.textContent = cfg.nowShowing + ' ' + s.title;
    document.querySelectorAll('[data-scene-item]').forEach(function (li) {
      if (li.getAttribute('data-scene-item') === id) li.setAttribute('aria-current', 'true'); else li.removeAttribute('aria-current');
    });
    try { history.replaceState(null, '', '?canh=' + encodeURIComponent(id)); } catch (err) { /* file: or sandbox */ }
  });
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('a[data-go-scene]');
    if (!a) return;
    ev.preventDefault();
    tour.setCurrentNode(a.getAttribute('data-go-scene'));
    holder.focus();
  });
}
`;

/** Tour editor: click the equirectangular preview to place a hotspot, drag its pin to adjust;
 * the numeric yaw/pitch fields (which work without JavaScript) receive the values. */
export const EDITOR_JS = `(function () {
  document.querySelectorAll('[data-place]').forEach(function (box) {
    var img = box.querySelector('img');
    var form = document.getElementById(box.getAttribute('data-place'));
    if (!img || !form) return;
    var yaw = form.querySelector('input[name=yaw]');
    var pitch = form.querySelector('input[name=pitch]');
    var pin = document.createElement('span');
    pin.className = 'du-lich-ghim';
    pin.setAttribute('aria-hidden', 'true');
    pin.hidden = true;
    box.appendChild(pin);
    var hint = box.querySelector('.du-lich-goi-y');
    if (hint) hint.hidden = false;
    function place(clientX, clientY) {
      var r = img.getBoundingClientRect();
      var x = Math.min(Math.max(clientX - r.left, 0), r.width);
      var y = Math.min(Math.max(clientY - r.top, 0), r.height);
      // Equirectangular: x spans yaw −180…180 (0 at the centre), y pitch 90…−90.
      yaw.value = ((x / r.width) * 360 - 180).toFixed(1);
      pitch.value = (90 - (y / r.height) * 180).toFixed(1);
      pin.hidden = false;
      pin.style.left = (x / r.width * 100) + '%';
      pin.style.top = (y / r.height * 100) + '%';
    }
    var dragging = false;
    img.addEventListener('click', function (e) { place(e.clientX, e.clientY); });
    pin.addEventListener('pointerdown', function (e) { dragging = true; pin.setPointerCapture(e.pointerId); });
    pin.addEventListener('pointermove', function (e) { if (dragging) place(e.clientX, e.clientY); });
    pin.addEventListener('pointerup', function () { dragging = false; });
  });
})();
`;

/** Destination map: Leaflet over the list; the static SVG is hidden once Leaflet draws. */
export const MAP_JS = `(function () {
  var cfgEl = document.getElementById('du-lich-map-data');
  var holder = document.getElementById('du-lich-ban-do');
  if (!cfgEl || !holder || !window.L) return;
  var cfg = JSON.parse(cfgEl.textContent);
  holder.hidden = false;
  holder.style.display = 'block';
  holder.style.height = '420px';
  var map = L.map(holder, { attributionControl: !!cfg.tileUrl });
  if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || '', maxZoom: 19 }).addTo(map);
  var layer = L.featureGroup().addTo(map);
  cfg.points.forEach(function (p) {
    var a = document.createElement('a');
    a.href = p.url;
    a.textContent = p.name;
    L.circleMarker([p.lat, p.lng], { radius: 7, color: '#fff', weight: 1, fillColor: '#00695c', fillOpacity: 0.9 }).bindPopup(a).addTo(layer);
  });
  if (layer.getLayers().length) map.fitBounds(layer.getBounds(), { padding: [20, 20], maxZoom: 15 });
  else map.fitBounds([[8.0, 102.0], [23.5, 110.0]]);
  var svg = document.getElementById('du-lich-svg');
  if (svg) svg.style.display = 'none';
})();
`;

/** The destination form's map: a click (or a drag of the marker) writes the latitude and longitude
 * fields; typing in them moves the marker. Without JavaScript the two fields are the whole tool. */
export const PICK_JS = `(function () {
  var holder = document.getElementById('du-lich-chon-vi-tri');
  var lat = document.getElementById('f-lat');
  var lng = document.getElementById('f-lng');
  if (!holder || !lat || !lng || !window.L) return;
  var cfg = JSON.parse(holder.getAttribute('data-config') || '{}');
  holder.hidden = false;
  holder.style.height = '320px';
  var map = L.map(holder, { attributionControl: !!cfg.tileUrl });
  if (cfg.tileUrl) L.tileLayer(cfg.tileUrl, { attribution: cfg.attribution || '', maxZoom: 19 }).addTo(map);
  var marker = null;
  function num(el) { var v = parseFloat(String(el.value).replace(',', '.')); return isFinite(v) ? v : null; }
  function place(ll, write) {
    if (!marker) { marker = L.marker(ll, { draggable: true, keyboard: false }).addTo(map); marker.on('dragend', function () { place(marker.getLatLng(), true); }); }
    else marker.setLatLng(ll);
    if (write) { lat.value = ll.lat.toFixed(6); lng.value = ll.lng.toFixed(6); }
  }
  var a = num(lat), b = num(lng);
  if (a !== null && b !== null) { place([a, b], false); map.setView([a, b], 14); }
  else map.fitBounds([[8.0, 102.0], [23.5, 110.0]]);
  map.on('click', function (e) { place(e.latlng, true); });
  function typed() { var x = num(lat), y = num(lng); if (x !== null && y !== null) { place([x, y], false); map.panTo([x, y]); } }
  lat.addEventListener('change', typed);
  lng.addEventListener('change', typed);
})();
`;

/** Styles of the tour page and editor (no inline style attributes under the CSP). */
export const TOURISM_CSS = `.du-lich-tour-anh{width:100%;height:auto;display:block}
#tour-viewer{position:relative;min-height:240px;background:#222}
#tour-viewer:focus{outline:3px solid #f5c542;outline-offset:2px}
.du-lich-diem{display:inline-flex;align-items:center;justify-content:center;width:28px;height:28px;border-radius:50%;background:#00695c;color:#fff;font-weight:700;border:2px solid #fff;cursor:pointer}
.du-lich-canh [aria-current]{font-weight:700}
.du-lich-dat{position:relative;display:inline-block;max-width:100%}
.du-lich-dat img{max-width:100%;height:auto;cursor:crosshair;display:block}
.du-lich-ghim{position:absolute;width:18px;height:18px;margin:-9px 0 0 -9px;border-radius:50%;background:#c62828;border:2px solid #fff;cursor:grab;touch-action:none}
.du-lich-qr{width:160px;height:160px}
.du-lich-anh-diem-den{max-width:100%;height:auto}
#du-lich-chon-vi-tri{display:block;margin:0 0 1rem}
`;
