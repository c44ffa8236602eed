/* Văn Hiến: the indicator charts with JavaScript on. Every chart is already on the page as a
 * server-rendered SVG with its data table; this only adds tooltips and zoom by drawing the same
 * ECharts option (read from the <script type="application/json"> block next to the chart: the
 * CSP runs no inline script) into the same box. Without this file nothing is lost. */
(function () {
  'use strict';
  if (!window.echarts) return;
  var lang = document.documentElement.lang === 'en' ? 'en-GB' : 'vi-VN';
  var charts = [];
  function formatter(decimals, unit) {
    var f = new Intl.NumberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    return function (v) {
      if (v === null || v === undefined || v === '-' || isNaN(Number(v))) return '–';
      return f.format(Number(v)) + (unit ? ' ' + unit : '');
    };
  }
  var figures = document.querySelectorAll('[data-vh-chart]');
  for (var i = 0; i < figures.length; i++) {
    var fig = figures[i];
    var data = fig.querySelector('script[type="application/json"]');
    var box = fig.querySelector('.vh-chart__canvas');
    if (!data || !box) continue;
    var opt;
    try {
      opt = JSON.parse(data.textContent);
    } catch (e) {
      continue;
    }
    var fmt = formatter(Number(fig.getAttribute('data-decimals') || 0), fig.getAttribute('data-unit') || '');
    var pie = opt.series && opt.series[0] && opt.series[0].type === 'pie';
    opt.tooltip = { trigger: pie ? 'item' : 'axis', valueFormatter: fmt, confine: true };
    if (!pie) {
      opt.dataZoom = [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }];
      if (opt.grid) opt.grid.bottom = (opt.grid.bottom || 36) + 24;
      if (opt.yAxis) opt.yAxis.axisLabel = Object.assign({}, opt.yAxis.axisLabel, { formatter: formatter(0, '') });
      // As on the server's picture: a single line writes its latest value by its last point.
      var only = opt.series.length === 1 && opt.series[0].type === 'line' ? opt.series[0] : null;
      if (only) {
        var lastIndex = -1;
        for (var k = 0; k < only.data.length; k++) if (only.data[k] !== null) lastIndex = k;
        var plain = formatter(Number(fig.getAttribute('data-decimals') || 0), '');
        only.label = {
          show: true,
          position: 'top',
          fontWeight: 600,
          color: opt.color && opt.color[0],
          formatter: function (p) {
            return p.dataIndex === lastIndex ? plain(p.value) : '';
          },
        };
      }
    }
    var svg = box.querySelector('svg');
    var label = svg ? svg.getAttribute('aria-labelledby') : null;
    var w = box.clientWidth || 640;
    var h = box.clientHeight || 320;
    // The static SVG keeps its <title>/<desc> for screen readers; the live chart sits over it.
    if (svg) svg.setAttribute('class', 'vh-chart__svg vh-chart__svg--static');
    var live = document.createElement('div');
    live.className = 'vh-chart__live';
    live.setAttribute('aria-hidden', 'true');
    live.style.width = w + 'px';
    live.style.height = h + 'px';
    box.appendChild(live);
    if (label) box.setAttribute('data-label', label);
    var chart = window.echarts.init(live, null, { renderer: 'svg', width: w, height: h});
    chart.setOption(opt);
    charts.push({ chart: chart, box: box, live: live });
  }
  var pending = 0;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      for (var j = 0; j < charts.length; j++) {
        var c = charts[j];
        var w2 = c.box.clientWidth;
        c.live.style.width = w2 + 'px';
        c.chart.resize({ width: w2 });
      }
    }, 150);
  });
})();
