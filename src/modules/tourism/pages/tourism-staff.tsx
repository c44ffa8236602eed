import type { FieldErrors } from '../../../core/errors.js';
import { ActionButton, Button, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { ASSET_URLS } from '../tourism.assets.js';
import type { Destination, Panorama, Tour } from '../tourism.repository.js';

const STATUS: Record<string, { vi: string; en: string }> = {
  pending: { vi: 'đang xử lý (tạo ô ảnh)', en: 'processing (tiling)' },
  ready: { vi: 'sẵn sàng', en: 'ready' },
  failed: { vi: 'lỗi xử lý', en: 'failed' },
};

export function StaffHomePage(p: { ctx: PageContext; tours: Tour[]; destinations: number; values?: Record<string, string>; errors?: FieldErrors; message?: string }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Quản lý du lịch', 'Tourism')}>
      <h1>{t('Quản lý du lịch', 'Tourism')}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <p>
        {t(`${p.destinations} điểm đến trong danh mục. `, `${p.destinations} destinations. `)}
        <a href="/quan-tri/du-lich/diem-den">{t('Điểm đến', 'Destinations')}</a> · <a href="/quan-tri/du-lich/su-kien">{t('Sự kiện, lễ hội', 'Events')}</a> · <a href="/du-lich">{t('Xem trang công khai', 'Public pages')}</a> · <a href="/api/v1/tourism/destinations">{t('API điểm đến (JSON)', 'Destinations API (JSON)')}</a>
      </p>
      <h2>{t('Tour 360°', '360° tours')}</h2>
      <table class="vh-table">
        <caption class="vh-visually-hidden">{t('Danh sách tour', 'Tours')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('Mã', 'Code')}</th>
            <th scope="col">{t('Tên tour', 'Title')}</th>
            <th scope="col">{t('Số cảnh', 'Scenes')}</th>
            <th scope="col">{t('Trạng thái', 'Status')}</th>
          </tr>
        </thead>
        <tbody>
          {p.tours.map((x) => (
            <tr key={x.id}>
              <td>{x.code}</td>
              <td>
                <a href={`/quan-tri/du-lich/tour/${x.id}`}>{x.title}</a>
              </td>
              <td>{x.draft.scenes.length}</td>
              <td>{x.publishedVersion ? t(`Đã công bố (phiên bản ${x.publishedVersion})`, `Published (v${x.publishedVersion})`) : t('Bản nháp', 'Draft')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('Tạo tour mới', 'New tour')}</h2>
      <Form ctx={ctx} action="/quan-tri/du-lich/tour" label={t('Tạo tour mới', 'New tour')}>
        <TextField ctx={ctx} name="code" label={t('Mã tour', 'Code')} hint={t('Chữ in hoa không dấu, số, gạch ngang, ví dụ TOUR-CHUA-CO', 'Uppercase letters, digits, hyphens')} value={p.values?.code} errors={p.errors} />
        <TextField ctx={ctx} name="title" label={t('Tên tour', 'Title')} value={p.values?.title} errors={p.errors} />
        <TextField ctx={ctx} name="titleEn" label={t('Tên tiếng Anh', 'English title')} value={p.values?.titleEn} errors={p.errors} />
        <TextArea ctx={ctx} name="summary" label={t('Giới thiệu ngắn', 'Summary')} value={p.values?.summary} errors={p.errors} />
        <Button>{t('Tạo tour', 'Create tour')}</Button>
      </Form>
    </Layout>
  );
}

export type EditorForm = 'upload' | 'scene' | 'hotspot' | 'publish';

export function TourEditorPage(p: {
  ctx: PageContext;
  tour: Tour;
  panoramas: Panorama[];
  destinations: Destination[];
  sceneId?: string;
  form?: EditorForm;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, tour } = p;
  const t = ctx.t;
  const doc = tour.draft;
  const scene = doc.scenes.find((s) => s.id === p.sceneId) ?? doc.scenes[0];
  const pano = scene && p.panoramas.find((x) => x.id === scene.panoramaId);
  const v = (form: EditorForm, k: string, dflt = '') => (p.form === form ? (p.values?.[k] ?? dflt) : dflt);
  const errs = (form: EditorForm) => (p.form === form ? p.errors : undefined);
  const base = `/quan-tri/du-lich/tour/${tour.id}`;
  return (
    <Layout ctx={ctx} title={`${t('Sửa tour', 'Edit tour')} ${tour.title}`} head={<><link rel="stylesheet" href={ASSET_URLS.css} /><script src={ASSET_URLS.editor} defer /></>}>
      <p class="vh-hint">
        <a href="/quan-tri/du-lich">{t('Quản lý du lịch', 'Tourism')}</a>
      </p>
      <h1>
        {tour.title} ({tour.code})
      </h1>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <p>
        {tour.publishedVersion ? t(`Đã công bố phiên bản ${tour.publishedVersion}. `, `Published version ${tour.publishedVersion}. `) : t('Chưa công bố. ', 'Not published. ')}
        {t(`Bản nháp số ${tour.draftVersion}.`, `Draft ${tour.draftVersion}.`)} {tour.publishedVersion ? <a href={`/du-lich/tour/${tour.code}`}>{t('Xem trang công khai', 'Public page')}</a> : null}
      </p>
      <h2>{t('Các cảnh', 'Scenes')}</h2>
      {doc.scenes.length === 0 ? (
        <p>{t('Chưa có cảnh: hãy tải lên ảnh 360° đầu tiên.', 'No scene yet: upload the first 360° image.')}</p>
      ) : (
        <ol>
          {doc.scenes.map((s) => {
            const pa = p.panoramas.find((x) => x.id === s.panoramaId);
            return (
              <li key={s.id}>
                <a href={`${base}?canh=${s.id}`} aria-current={s.id === scene?.id ? 'true' : undefined}>
                  {s.title}
                </a>{' '}
                ({s.id}
                {doc.start === s.id ? t(', cảnh bắt đầu', ', start') : ''}; {t('ảnh', 'image')} {pa ? (ctx.lang === 'en' ? STATUS[pa.status]!.en : STATUS[pa.status]!.vi) : '?'}; {s.hotspots.length} {t('điểm nóng', 'hotspots')}) ·{' '}
                <a href={`/du-lich/tour/${tour.code}/qr/${s.id}.svg`}>{t(`Mã QR cảnh ${s.title}`, `QR code of ${s.title}`)}</a>
              </li>
            );
          })}
        </ol>
      )}
      <Form ctx={ctx} action={`${base}/anh?_csrf=${encodeURIComponent(ctx.csrf)}`} multipart label={t('Tải ảnh 360°', 'Upload a 360° image')}>
        <h2>{t('Thêm cảnh từ ảnh 360°', 'Add a scene from a 360° image')}</h2>
        <TextField ctx={ctx} name="uploadTitle" label={t('Tên cảnh', 'Scene title')} value={v('upload', 'uploadTitle')} errors={errs('upload')} />
        <div class={`vh-field${errs('upload')?.file ? ' vh-field--error' : ''}`}>
          <label for="f-file" class="vh-label">
            {t('Ảnh toàn cảnh 360° (JPEG, tỉ lệ 2:1, tối đa 16.000 × 8.000 điểm ảnh)', '360° panorama (JPEG, 2:1, up to 16,000 × 8,000 px)')}
          </label>
          {errs('upload')?.file && (
            <p id="e-file" class="vh-error">
              <span class="vh-visually-hidden">{t('Lỗi:', 'Error:')}</span> {ctx.lang === 'en' ? errs('upload')!.file!.en : errs('upload')!.file!.vi}
            </p>
          )}
          <input id="f-file" type="file" name="file" accept="image/jpeg" class="vh-file" aria-describedby={errs('upload')?.file ? 'e-file' : undefined} />
        </div>
        <Button>{t('Tải lên', 'Upload')}</Button>
      </Form>
      {scene && (
        <section aria-labelledby="canh-dang-sua">
          <h2 id="canh-dang-sua">
            {t('Cảnh', 'Scene')}: {scene.title}
          </h2>
          {pano?.status === 'ready' ? (
            <div class="du-lich-dat" data-place="them-diem">
              <img src={`/du-lich/anh-360/${pano.id}/xem-truoc.jpg`} alt={t(`Ảnh trải phẳng của cảnh ${scene.title}`, `Flattened image of ${scene.title}`)} width="1024" height="512" />
              <p class="vh-hint du-lich-goi-y" hidden>
                {t('Bấm vào ảnh để đặt điểm nóng mới, kéo ghim đỏ để chỉnh; hướng và góc được điền vào biểu mẫu bên dưới.', 'Click the image to place a new hotspot, drag the red pin to adjust; the form below receives the angles.')}
              </p>
            </div>
          ) : (
            <p>{pano?.status === 'failed' ? t(`Ảnh lỗi: ${pano.error ?? ''}`, `Image failed: ${pano.error ?? ''}`) : t('Ảnh đang được xử lý; tải lại trang sau ít giây.', 'The image is being processed; reload in a few seconds.')}</p>
          )}
          <Form ctx={ctx} action={`${base}/canh/${scene.id}`} label={t('Thông tin cảnh', 'Scene details')}>
            <h3>{t('Thông tin cảnh và góc nhìn ban đầu', 'Scene details and initial view')}</h3>
            <TextField ctx={ctx} name="sceneTitle" label={t('Tên hiển thị của cảnh', 'Scene title')} value={v('scene', 'sceneTitle', scene.title)} errors={errs('scene')} />
            <TextField ctx={ctx} name="sceneTitleEn" label={t('Tên tiếng Anh', 'English title')} value={v('scene', 'sceneTitleEn', scene.titleEn ?? '')} errors={errs('scene')} />
            <TextField ctx={ctx} name="initialYaw" label={t('Hướng nhìn ban đầu – yaw (độ, 0 = giữa ảnh)', 'Initial yaw (degrees, 0 = centre)')} inputMode="decimal" width="short" value={v('scene', 'initialYaw', String(scene.initial.yaw))} errors={errs('scene')} />
            <TextField ctx={ctx} name="initialPitch" label={t('Góc ngẩng ban đầu – pitch (độ, 0 = đường chân trời)', 'Initial pitch (degrees, 0 = horizon)')} inputMode="decimal" width="short" value={v('scene', 'initialPitch', String(scene.initial.pitch))} errors={errs('scene')} />
            <SelectField ctx={ctx} name="start" label={t('Cảnh bắt đầu của tour', 'Start scene')} value={doc.start === scene.id ? '1' : '0'} options={[{ value: '0', label: t('Không', 'No') }, { value: '1', label: t('Có', 'Yes') }]} />
            <Button variant="secondary">{t('Lưu cảnh', 'Save scene')}</Button>
          </Form>
          <h3>{t('Điểm nóng của cảnh', 'Hotspots of this scene')}</h3>
          {scene.hotspots.length === 0 ? (
            <p>{t('Chưa có điểm nóng.', 'No hotspots.')}</p>
          ) : (
            <ul>
              {scene.hotspots.map((h) => (
                <li key={h.id}>
                  {h.kind === 'scene' ? t('Sang cảnh', 'To scene') : h.kind === 'info' ? t('Thông tin', 'Info') : t('Điểm đến', 'Destination')}: {h.title}
                  {h.target ? ` → ${h.target}` : ''} (yaw {h.yaw}°, pitch {h.pitch}°){' '}
                  <ActionButton ctx={ctx} action={`${base}/canh/${scene.id}/diem/${h.id}/xoa`} label={t(`Xóa điểm nóng ${h.title}`, `Delete hotspot ${h.title}`)} variant="warning" />
                </li>
              ))}
            </ul>
          )}
          <div id="them-diem">
            <Form ctx={ctx} action={`${base}/canh/${scene.id}/diem`} label={t('Thêm điểm nóng', 'Add a hotspot')}>
              <h3>{t('Thêm điểm nóng', 'Add a hotspot')}</h3>
              <SelectField
                ctx={ctx}
                name="kind"
                label={t('Loại điểm nóng', 'Kind')}
                value={v('hotspot', 'kind', 'scene')}
                errors={errs('hotspot')}
                options={[
                  { value: 'scene', label: t('Mũi tên sang cảnh khác', 'Arrow to another scene') },
                  { value: 'info', label: t('Điểm thông tin', 'Information point') },
                  { value: 'destination', label: t('Liên kết điểm đến', 'Link to a destination') },
                ]}
              />
              <SelectField
                ctx={ctx}
                name="targetScene"
                label={t('Cảnh được liên kết (với mũi tên)', 'Linked scene (arrows)')}
                value={v('hotspot', 'targetScene')}
                errors={errs('hotspot')}
                options={[{ value: '', label: t('— chọn cảnh —', '— choose —') }, ...doc.scenes.filter((s) => s.id !== scene.id).map((s) => ({ value: s.id, label: s.title }))]}
              />
              <SelectField
                ctx={ctx}
                name="targetDestination"
                label={t('Điểm đến được liên kết', 'Linked destination')}
                value={v('hotspot', 'targetDestination')}
                errors={errs('hotspot')}
                options={[{ value: '', label: t('— chọn điểm đến —', '— choose —') }, ...p.destinations.map((d) => ({ value: d.code, label: d.name }))]}
              />
              <TextField ctx={ctx} name="title" label={t('Nhãn (hiển thị cả khi không có JavaScript)', 'Label (shown without JavaScript too)')} value={v('hotspot', 'title')} errors={errs('hotspot')} />
              <TextArea ctx={ctx} name="text" label={t('Nội dung thông tin (không bắt buộc)', 'Information text (optional)')} value={v('hotspot', 'text')} errors={errs('hotspot')} />
              <TextField ctx={ctx} name="yaw" label={t('Hướng – yaw (độ, −180 đến 180)', 'Yaw (degrees, −180 to 180)')} inputMode="decimal" width="short" value={v('hotspot', 'yaw', '0')} errors={errs('hotspot')} />
              <TextField ctx={ctx} name="pitch" label={t('Góc ngẩng – pitch (độ, −90 đến 90)', 'Pitch (degrees, −90 to 90)')} inputMode="decimal" width="short" value={v('hotspot', 'pitch', '0')} errors={errs('hotspot')} />
              <Button>{t('Thêm điểm nóng', 'Add hotspot')}</Button>
            </Form>
          </div>
        </section>
      )}
      <h2>{t('Công bố', 'Publish')}</h2>
      <p>{t('Công bố tạo một phiên bản mới của tour; trang công khai luôn hiển thị phiên bản mới nhất.', 'Publishing creates a new version; the public page shows the latest one.')}</p>
      <ActionButton ctx={ctx} action={`${base}/cong-bo`} label={t('Công bố tour', 'Publish the tour')} variant="primary" />
    </Layout>
  );
}
