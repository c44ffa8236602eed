/* The digitised-item reader (issue 12 part 4): OpenSeadragon over the item's IIIF Image API
 * services, one page at a time (sequence mode), search hits from the IIIF Content Search API
 * drawn as overlays. Without this script the page shows the page image and next/previous links. */
(function () {
  'use strict';
  var holder = document.getElementById('doc-viewer');
  if (!holder || typeof OpenSeadragon !== 'function') return;
  var tiles = JSON.parse(holder.getAttribute('data-tiles') || '[]');
  var page = Number(holder.getAttribute('data-page') || '1');
  var search = holder.getAttribute('data-search') || '';
  var q = holder.getAttribute('data-q') || '';
  if (!tiles.length) return;
  var still = document.getElementById('doc-page');
  holder.hidden = false;
  var viewer = OpenSeadragon({
    element: holder,
    prefixUrl: holder.getAttribute('data-images') || '',
    tileSources: tiles,
    sequenceMode: true,
    initialPage: Math.max(0, Math.min(tiles.length - 1, page - 1)),
    showReferenceStrip: false,
    drawer: 'canvas',
    crossOriginPolicy: false,
    gestureSettingsMouse: { clickToZoom: false },
    navPrevNextWrap: false,
  });
  if (still) still.hidden = true;
  holder.setAttribute('data-state', 'ready');
  var hits = [];
  var links = document.querySelectorAll('[data-doc-pager]');
  function setLinks(n) {
    var label = document.getElementById('doc-page-label');
    if (label) label.textContent = String(n);
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var target = a.getAttribute('data-doc-pager') === 'prev' ? n - 1 : n + 1;
      var url = new URL(a.href, location.href);
      url.searchParams.set('trang', String(target));
      a.href = url.pathname + url.search;
      a.hidden = target < 1 || target > tiles.length;
    }
  }
  function drawHits(n) {
    viewer.clearOverlays();
    var img = viewer.world.getItemAt(0);
    if (!img) return;
    var size = img.getContentSize();
    var count = 0;
    for (var i = 0; i < hits.length; i++) {
      var h = hits[i];
      if (h.page !== n) continue;
      var el = document.createElement('div');
      el.className = 'vh-reader__overlay';
      el.setAttribute('data-hit', String(count++));
      var r = img.imageToViewportRectangle(h.x, h.y, h.w, h.h);
      viewer.addOverlay({ element: el, location: r });
    }
    holder.setAttribute('data-hits', String(count));
    holder.setAttribute('data-shown-page', String(n));
    void size;
  }
  viewer.addHandler('page', function (e) {
    page = e.page + 1;
    setLinks(page);
    var url = new URL(location.href);
    url.searchParams.set('trang', String(page));
    history.replaceState(null, '', url.pathname + url.search);
  });
  viewer.addHandler('open', function () {
    drawHits(page);
  });
  if (search && q) {
    fetch(search + '?q=' + encodeURIComponent(q), { credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : { items: [] };
      })
      .then(function (ans) {
        hits = (ans.items || [])
          .map(function (a) {
            var m = /\/canvas\/(\d+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(a.target || '');
            return m ? { page: Number(m[1]), x: +m[2], y: +m[3], w: +m[4], h: +m[5] } : null;
          })
          .filter(Boolean);
        if (viewer.world.getItemCount()) drawHits(page);
      })
      .catch(function () {});
  }
  // Search results and the pager turn the viewer's page instead of reloading the document.
  document.addEventListener('click', function (e) {
    var a = e.target && e.target.closest ? e.target.closest('a[data-doc-goto]') : null;
    if (!a) return;
    var n = Number(a.getAttribute('data-doc-goto'));
    if (!(n >= 1 && n <= tiles.length)) return;
    e.preventDefault();
    viewer.goToPage(n - 1);
    holder.focus();
  });
})();
