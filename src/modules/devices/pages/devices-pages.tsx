import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { formatDateTimeVi, formatDateVi } from '../../../core/validation.js';
import type { Device, Facility } from '../devices.repository.js';

const num = (n: number) => new Intl.NumberFormat('vi-VN').format(n);

function StatusTag(p: { ctx: PageContext; d: Device; silent: boolean }) {
  const t = p.ctx.t;
  if (p.d.status === 'disabled') return <span class="vh-tag">{t('Ngừng sử dụng', 'Disabled')}</span>;
  if (p.silent) return <span class="vh-tag vh-tag--warning">{t('Mất tín hiệu', 'Silent')}</span>;
  return <span class="vh-tag vh-tag--ok">{t('Đang hoạt động', 'Active')}</span>;
}

export const isSilent = (d: Device, now = Date.now()) =>
  d.status === 'active' && now - (d.lastSeenAt ?? d.createdAt).getTime() > d.silentAfterMinutes * 60_000;

export function DeviceRegistryPage(p: {
  ctx: PageContext;
  devices: Device[];
  facilities: Facility[];
  rejections: { at: Date; deviceId: string | null; via: string; code: string; detail: string }[];
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  /** a secret just issued: shown once */
  issued?: { id: string; secret: string };
}) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thiết bị đếm khách', 'Counting devices')}>
      <h1>{t('Thiết bị đếm khách', 'Counting devices')}</h1>
      {p.issued && (
        <div class="vh-card" role="status" style="margin-bottom:1rem">
          <h2>{t(`Khóa bí mật của thiết bị ${p.issued.id}`, `Secret of device ${p.issued.id}`)}</h2>
          <p>
            {t('Sao chép ngay và cài vào thiết bị; khóa chỉ hiện một lần và hệ thống không lưu bản gốc.', 'Copy it now into the device: it is shown once and not stored.')}
          </p>
          <p>
            <code>{p.issued.secret}</code>
          </p>
        </div>
      )}
      <p class="vh-hint">
        {t(
          'Thiết bị chỉ gửi số lượt vào/ra theo từng khoảng thời gian, không gửi hình ảnh. Gửi qua HTTP (POST /api/v1/devices/{mã}/counts) hoặc MQTT (chủ đề vanhien/devices/{mã}/counts).',
          'Devices send entry/exit counts per interval, never images, over HTTP or MQTT.',
        )}
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Các thiết bị', 'Devices')}
        rows={p.devices}
        rowKey={(d) => d.id}
        empty={t('Chưa có thiết bị nào.', 'No devices yet.')}
        columns={[
          { header: t('Mã thiết bị', 'Device id'), cell: (d) => <code>{d.id}</code> },
          { header: t('Cơ sở', 'Facility'), cell: (d) => p.facilities.find((f) => f.code === d.facilityCode)?.name ?? d.facilityCode },
          { header: t('Lối vào', 'Entrance'), cell: (d) => `${d.entrance}${d.location ? ` (${d.location})` : ''}` },
          { header: t('Trạng thái', 'Status'), cell: (d) => <StatusTag ctx={ctx} d={d} silent={isSilent(d)} /> },
          { header: t('Lần gửi gần nhất', 'Last seen'), cell: (d) => (d.lastSeenAt ? formatDateTimeVi(d.lastSeenAt) : t('Chưa gửi', 'Never')) },
          { header: t('Cảnh báo sau (phút)', 'Alert after (min)'), cell: (d) => num(d.silentAfterMinutes) },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (d) => (
              <>
                <ActionButton
                  ctx={ctx}
                  action={`/quan-tri/thiet-bi/${d.id}/trang-thai`}
                  label={d.status === 'active' ? t(`Ngừng ${d.id}`, `Disable ${d.id}`) : t(`Dùng lại ${d.id}`, `Enable ${d.id}`)}
                  fields={{ version: String(d.version), status: d.status === 'active' ? 'disabled' : 'active' }}
                  variant={d.status === 'active' ? 'warning' : 'secondary'}
                />{' '}
                <ActionButton ctx={ctx} action={`/quan-tri/thiet-bi/${d.id}/doi-khoa`} label={t(`Cấp khóa mới cho ${d.id}`, `New secret for ${d.id}`)} fields={{ version: String(d.version) }} variant="secondary" />
              </>
            ),
          },
        ]}
      />
      <h2>{t('Thêm thiết bị', 'Add a device')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/thiet-bi">
        <TextField ctx={ctx} name="id" label={t('Mã thiết bị', 'Device id')} hint={t('Chữ thường không dấu, chữ số, dấu gạch ngang; ví dụ cam-cong-chinh-1.', 'Lowercase letters, digits, hyphens.')} value={p.values?.id} errors={p.errors} width="half" />
        <SelectField
          ctx={ctx}
          name="facilityCode"
          label={t('Cơ sở', 'Facility')}
          value={p.values?.facilityCode}
          errors={p.errors}
          options={[{ value: '', label: t('— Chọn cơ sở —', '— Choose —') }, ...p.facilities.map((f) => ({ value: f.code, label: f.name }))]}
        />
        <TextField ctx={ctx} name="entrance" label={t('Lối vào', 'Entrance')} value={p.values?.entrance} errors={p.errors} width="half" />
        <TextField ctx={ctx} name="location" label={t('Vị trí lắp đặt (không bắt buộc)', 'Location (optional)')} value={p.values?.location} errors={p.errors} />
        <TextField
          ctx={ctx}
          name="silentAfterMinutes"
          label={t('Cảnh báo khi mất tín hiệu quá (phút)', 'Alert when silent for (minutes)')}
          value={p.values?.silentAfterMinutes ?? '30'}
          errors={p.errors}
          width="half"
        />
        <Button variant="primary">{t('Thêm thiết bị', 'Add device')}</Button>
      </Form>
      <h2>{t('Dữ liệu bị từ chối gần đây', 'Recently refused input')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Dữ liệu bị từ chối gần đây', 'Recently refused input')}
        rows={p.rejections}
        rowKey={(r) => `${r.at.getTime()}-${r.deviceId}-${r.code}`}
        empty={t('Không có.', 'None.')}
        columns={[
          { header: t('Thời điểm', 'When'), cell: (r) => formatDateTimeVi(r.at) },
          { header: t('Thiết bị', 'Device'), cell: (r) => r.deviceId ?? '—' },
          { header: t('Kênh', 'Channel'), cell: (r) => r.via.toUpperCase() },
          { header: t('Mã lỗi', 'Code'), cell: (r) => r.code },
          { header: t('Chi tiết', 'Detail'), cell: (r) => r.detail },
        ]}
      />
    </Layout>
  );
}

export interface EntranceRow {
  device: Device;
  entries: number;
  exits: number;
  inside: number;
}

export function VisitorsPage(p: {
  ctx: PageContext;
  facility: Facility;
  facilities: Facility[];
  day: string;
  opensAt: string;
  entrances: EntranceRow[];
  occupancy: number;
  hours: { hour: number; entries: number; exits: number }[];
  days: { day: string; entries: number; exits: number }[];
}) {
  const { ctx } = p;
  const t = ctx.t;
  const total = p.entrances.reduce((a, r) => a + r.entries, 0);
  const silent = p.entrances.filter((r) => isSilent(r.device));
  return (
    <Layout ctx={ctx} title={t(`${p.facility.name} — lượt khách`, `${p.facility.nameEn ?? p.facility.name} — visitors`)}>
      <h1>{t(`${p.facility.name} — lượt khách`, `${p.facility.nameEn ?? p.facility.name} — visitors`)}</h1>
      {p.facilities.length > 1 && (
        <nav aria-label={t('Cơ sở', 'Facilities')}>
          {p.facilities.map((f) => (
            <a key={f.code} href={`/quan-tri/bao-tang/luot-khach?co-so=${f.code}`} aria-current={f.code === p.facility.code ? 'page' : undefined} style="margin-right:1rem">
              {f.name}
            </a>
          ))}
        </nav>
      )}
      {silent.length > 0 && (
        <div class="vh-card" role="alert">
          <strong>{t('Thiết bị mất tín hiệu:', 'Silent devices:')}</strong> {silent.map((r) => `${r.device.id} (${r.device.entrance})`).join(', ')}
        </div>
      )}
      <p>
        {t('Hôm nay', 'Today')} {formatDateVi(p.day)}: <strong>{num(total)}</strong> {t('lượt khách vào', 'visitors in')}.{' '}
        {t(`Đang ở trong (từ giờ mở cửa ${p.opensAt})`, `Inside now (since opening at ${p.opensAt})`)}: <strong>{num(p.occupancy)}</strong>.
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Theo lối vào, hôm nay', 'By entrance, today')}
        captionVisible
        rows={p.entrances}
        rowKey={(r) => r.device.id}
        empty={t('Chưa có thiết bị.', 'No devices.')}
        columns={[
          { header: t('Lối vào', 'Entrance'), cell: (r) => r.device.entrance },
          { header: t('Thiết bị', 'Device'), cell: (r) => <code>{r.device.id}</code> },
          { header: t('Lượt vào', 'In'), cell: (r) => num(r.entries) },
          { header: t('Lượt ra', 'Out'), cell: (r) => num(r.exits) },
          { header: t('Tình trạng', 'Status'), cell: (r) => <StatusTag ctx={ctx} d={r.device} silent={isSilent(r.device)} /> },
          { header: t('Lần gửi gần nhất', 'Last seen'), cell: (r) => (r.device.lastSeenAt ? formatDateTimeVi(r.device.lastSeenAt) : '—') },
        ]}
      />
      <DataTable
        ctx={ctx}
        caption={t('Theo giờ, hôm nay', 'By hour, today')}
        captionVisible
        rows={p.hours}
        rowKey={(r) => String(r.hour)}
        empty={t('Chưa có dữ liệu hôm nay.', 'No data today.')}
        columns={[
          { header: t('Giờ', 'Hour'), cell: (r) => `${String(r.hour).padStart(2, '0')}:00–${String(r.hour).padStart(2, '0')}:59` },
          { header: t('Lượt vào', 'In'), cell: (r) => num(r.entries) },
          { header: t('Lượt ra', 'Out'), cell: (r) => num(r.exits) },
        ]}
      />
      <DataTable
        ctx={ctx}
        caption={t('Theo ngày, 14 ngày gần nhất', 'By day, last 14 days')}
        captionVisible
        rows={p.days}
        rowKey={(r) => r.day}
        empty={t('Chưa có dữ liệu.', 'No data.')}
        columns={[
          { header: t('Ngày', 'Day'), cell: (r) => formatDateVi(r.day) },
          { header: t('Lượt vào', 'In'), cell: (r) => num(r.entries) },
          { header: t('Lượt ra', 'Out'), cell: (r) => num(r.exits) },
        ]}
      />
    </Layout>
  );
}
