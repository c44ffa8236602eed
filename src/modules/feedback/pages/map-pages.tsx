import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ErrorSummary, SelectField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateVi } from '../../../core/validation.js';
import type { FeedbackCategory } from '../feedback.repository.js';
import type { MapCluster } from '../feedback.stats.repository.js';
import type { MapReport } from '../feedback.stats.js';
import { PeriodForm, reportQuery } from './stats-pages.js';

const VN_BOX = { latMin: 8.0, latMax: 23.5, lngMin: 102.0, lngMax: 110.0 };
const W = 800;
const STEPS = [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001];

/** "10,7769" as Vietnamese write decimals. */
const dec = (n: number, digits = 4) => n.toFixed(digits).replace('.', ',');

export const ZOOM_LABELS: Record<number, string> = {
  1: '1 – cả nước (ô lưới 1°)',
  2: '2 – tỉnh (ô lưới 0,25°)',
  3: '3 – huyện (ô lưới 0,05°)',
  4: '4 – phường, xã (ô lưới 0,01°)',
  5: '5 – khu phố (ô lưới 0,002°)',
};

function radius(count: number) {
  return Math.min(40, 6 + 3 * Math.sqrt(count));
}

function categoryText(c: MapCluster, names: Map<string, string>) {
  return c.categories.map((x) => `${names.get(x.code) ?? x.code} (${x.count})`).join('; ');
}

/**
 * The clusters drawn on a plain equirectangular projection (longitude scaled by the cosine of
 * the middle latitude, which is within 2% over a province). No base map: the graticule with its
 * labels gives orientation; each circle is a link to its row in the table below.
 */
export function ClusterSvg(p: { clusters: MapCluster[]; names: Map<string, string>; label: string }) {
  let box = { ...VN_BOX };
  if (p.clusters.length) {
    const lats = p.clusters.map((c) => c.lat);
    const lngs = p.clusters.map((c) => c.lng);
    const pad = (span: number) => Math.max(span * 0.15, 0.01);
    const latSpan = Math.max(...lats) - Math.min(...lats);
    const lngSpan = Math.max(...lngs) - Math.min(...lngs);
    box = {
      latMin: Math.min(...lats) - pad(latSpan),
      latMax: Math.max(...lats) + pad(latSpan),
      lngMin: Math.min(...lngs) - pad(lngSpan),
      lngMax: Math.max(...lngs) + pad(lngSpan),
    };
  }
  const kx = Math.cos((((box.latMin + box.latMax) / 2) * Math.PI) / 180);
  // Keep the drawing between 5:4 portrait and 2:1 landscape: widen the narrow side around its
  // middle (Vietnam is long and thin; a Hà Nội–TP.HCM extent would otherwise be a sliver).
  const ratio = ((box.lngMax - box.lngMin) * kx) / (box.latMax - box.latMin);
  if (ratio < 0.8) {
    const mid = (box.lngMin + box.lngMax) / 2;
    const half = ((box.latMax - box.latMin) * 0.8) / kx / 2;
    box.lngMin = mid - half;
    box.lngMax = mid + half;
  } else if (ratio > 2) {
    const mid = (box.latMin + box.latMax) / 2;
    const half = ((box.lngMax - box.lngMin) * kx) / 2 / 2;
    box.latMin = mid - half;
    box.latMax = mid + half;
  }
  const scale = W / ((box.lngMax - box.lngMin) * kx);
  const w = W;
  const h = (box.latMax - box.latMin) * scale;
  const x = (lng: number) => (lng - box.lngMin) * kx * scale;
  const y = (lat: number) => (box.latMax - lat) * scale;
  const span = Math.max(box.latMax - box.latMin, box.lngMax - box.lngMin);
  const step = STEPS.find((s) => span / s >= 3) ?? 0.001;
  const digits = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
  const lines: { pos: number; vertical: boolean; text: string }[] = [];
  for (let v = Math.ceil(box.lngMin / step) * step; v <= box.lngMax; v += step) lines.push({ pos: x(v), vertical: true, text: `${dec(v, digits)}° Đ` });
  for (let v = Math.ceil(box.latMin / step) * step; v <= box.latMax; v += step) lines.push({ pos: y(v), vertical: false, text: `${dec(v, digits)}° B` });
  const total = p.clusters.reduce((n, c) => n + c.count, 0);
  return (
    <figure id="ban-do-svg" class="vh-block">
      <svg
        viewBox={`0 0 ${Math.round(w)} ${Math.round(h)}`}
        width="100%"
        style={`max-width:${Math.round(w)}px;background:#f3f2f1;border:1px solid #b1b4b6`}
        // a group, not an image: its circles are links to the table rows, and an image may not
        // hold focusable parts (WCAG 4.1.2; axe nested-interactive)
        role="group"
        aria-labelledby="ban-do-tieu-de ban-do-mo-ta"
      >
        <title id="ban-do-tieu-de">{p.label}</title>
        <desc id="ban-do-mo-ta">{`${p.clusters.length} cụm, ${total} phản ánh có vị trí. Chi tiết từng cụm ở bảng bên dưới.`}</desc>
        {lines.map((l, i) =>
          l.vertical ? (
            <g key={`v${i}`}>
              <line x1={l.pos} y1={0} x2={l.pos} y2={h} stroke="#b1b4b6" stroke-width="1" />
              <text x={l.pos + 3} y={h - 6} font-size="12" fill="#0b0c0c">
                {l.text}
              </text>
            </g>
          ) : (
            <g key={`h${i}`}>
              <line x1={0} y1={l.pos} x2={w} y2={l.pos} stroke="#b1b4b6" stroke-width="1" />
              <text x={4} y={l.pos - 4} font-size="12" fill="#0b0c0c">
                {l.text}
              </text>
            </g>
          ),
        )}
        {p.clusters.map((c, i) => {
          const r = radius(c.count);
          return (
            <a key={`c${i}`} href={`#cum-${i + 1}`} aria-label={`Cụm ${i + 1}: ${c.count} phản ánh; ${categoryText(c, p.names)}`}>
              <circle cx={x(c.lng)} cy={y(c.lat)} r={r} fill="#b3261e" fill-opacity="0.85" stroke="#ffffff" stroke-width="1.5" />
              {r >= 10 && (
                <text x={x(c.lng)} y={y(c.lat) + 4} text-anchor="middle" font-size="12" font-weight="700" fill="#ffffff">
                  {String(c.count)}
                </text>
              )}
            </a>
          );
        })}
      </svg>
      <figcaption class="vh-hint">
        Mỗi vòng tròn là một cụm phản ánh gần nhau; vòng càng lớn, số phản ánh càng nhiều. Bấm vào vòng tròn để xem dòng tương ứng trong bảng.
      </figcaption>
    </figure>
  );
}

export function MapPage(p: {
  ctx: PageContext;
  values: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  categories: FeedbackCategory[];
  report?: MapReport;
  tileUrl?: string;
  attribution?: string;
}) {
  const { ctx, report: r } = p;
  const names = r?.categoryNames ?? new Map<string, string>();
  const data = r
    ? JSON.stringify({
        zoom: r.zoom,
        query: reportQuery(p.values, ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category']),
        tileUrl: p.tileUrl ?? null,
        attribution: p.attribution ?? '',
        clusters: r.clusters.map((c) => ({ ...c, categories: c.categories.map((x) => ({ ...x, name: names.get(x.code) ?? x.code })) })),
      }).replace(/</g, '\\u003c')
    : '';
  const head = r ? (
    <>
      <link rel="stylesheet" href="/static/leaflet/leaflet.css" />
      <script src="/static/leaflet/leaflet.js" defer />
      <script src="/static/feedback/ban-do.js" defer />
    </>
  ) : undefined;
  return (
    <Layout ctx={ctx} title="Bản đồ phản ánh, kiến nghị" wide head={head}>
      <h1>Bản đồ phản ánh, kiến nghị</h1>
      <p class="vh-lead">Các phản ánh có vị trí, gom thành cụm theo ô lưới; chọn mức chi tiết để tách cụm. Bảng bên dưới có cùng số liệu.</p>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <PeriodForm
        ctx={ctx}
        action="/quan-tri/phan-anh/ban-do"
        values={p.values}
        errors={p.errors}
        categories={p.categories}
        submit="Xem bản đồ"
        extra={
          <SelectField
            ctx={ctx}
            name="zoom"
            label="Mức chi tiết"
            value={p.values.zoom ?? '2'}
            errors={p.errors}
            options={[1, 2, 3, 4, 5].map((z) => ({ value: String(z), label: ZOOM_LABELS[z]! }))}
          />
        }
      />
      {r && (
        <>
          <h2>
            {r.period.label} ({formatDateVi(r.period.from)} – {formatDateVi(r.period.to)})
          </h2>
          <p>
            <a href={`/quan-tri/phan-anh/thong-ke?${reportQuery(p.values, ['ky', 'nam', 'thang', 'quy', 'tu', 'den', 'category'])}`}>Thống kê của kỳ này</a>
          </p>
          <div id="ban-do-tuong-tac" hidden style="height:480px" role="region" aria-label="Bản đồ tương tác các cụm phản ánh" />
          <ClusterSvg clusters={r.clusters} names={names} label={`Bản đồ các cụm phản ánh, ${r.period.label}`} />
          <DataTable
            ctx={ctx}
            caption={`Các cụm phản ánh, ${r.period.label} (mức chi tiết ${r.zoom})`}
            captionVisible
            columns={[
              { header: 'Cụm', rowHeader: true, cell: (c: MapCluster & { n: number }) => <span id={`cum-${c.n}`}>Cụm {c.n}</span> },
              { header: 'Vị trí trung tâm (vĩ độ, kinh độ)', cell: (c) => `${dec(c.lat)}, ${dec(c.lng)}` },
              { header: 'Số phản ánh', cell: (c) => String(c.count) },
              { header: 'Lĩnh vực', cell: (c) => categoryText(c, names) },
            ]}
            rows={r.clusters.map((c, i) => ({ ...c, n: i + 1 }))}
            rowKey={(c) => String(c.n)}
            empty="Không có phản ánh nào có vị trí trong kỳ này."
          />
          <script type="application/json" id="feedback-map-data" dangerouslySetInnerHTML={{ __html: data }} />
        </>
      )}
    </Layout>
  );
}
