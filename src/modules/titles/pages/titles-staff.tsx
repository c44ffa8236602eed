import type { FieldErrors } from '../../../core/errors.js';
import { Button, Checkbox, ErrorSummary, Form, Radios, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { CYCLE_STATUS_VI, ENTRY_STATUS_VI } from '../titles.commands.js';
import type { Batch, CriteriaVersion, Cycle, EntryRow } from '../titles.repository.js';
import type { CycleDeadlines, ExclusionReason, Procedure } from '../titles.rules.js';
import { SUBJECT_VI, TITLE_VI, type RoundKind } from '../titles.schema.js';
import { cycleHref, viDate } from './titles-public.js';

type Errs = { errors?: FieldErrors; message?: string; values?: Record<string, string>; form?: string };
const WHAT: Record<string, string> = { decision: 'Ra quyết định công nhận', publication: 'Công bố danh sách', review_end: 'Hoàn thành bình xét (25/11)' };

export function CyclesPage(p: { ctx: PageContext; cycles: Cycle[]; overdue: { id: string; communeName: string; year: number; titleKind: RoundKind; what: string; due: string }[]; units: { code: string; name: string }[]; year: number } & Errs) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Danh hiệu văn hóa', 'Cultural titles')} wide>
      <h1>{t('Bình xét danh hiệu văn hóa', 'Cultural title rounds')}</h1>
      <p>
        <a href="/quan-tri/danh-hieu/tieu-chi">{t('Bộ tiêu chí theo văn bản', 'Criteria versions')}</a> · <a href="/quan-tri/danh-hieu/tieu-bieu">{t('Đề nghị tiêu biểu', '"Tiêu biểu" proposals')}</a> · <a href="/danh-hieu-van-hoa/thong-ke">{t('Thống kê', 'Statistics')}</a>
      </p>
      <h2>{t('Quá hạn', 'Overdue')}</h2>
      <DataTable
        ctx={ctx}
        caption={t('Các đợt quá hạn', 'Overdue rounds')}
        rows={p.overdue}
        rowKey={(o) => `${o.id}-${o.what}`}
        empty={t('Không có đợt nào quá hạn.', 'Nothing overdue.')}
        columns={[
          { header: t('Xã, phường', 'Commune'), rowHeader: true, cell: (o) => <a href={`/quan-tri/danh-hieu/${o.id}`}>{`${o.communeName} – ${o.year}`}</a> },
          { header: t('Danh hiệu', 'Title'), cell: (o) => TITLE_VI[o.titleKind] },
          { header: t('Việc', 'Task'), cell: (o) => WHAT[o.what] ?? o.what },
          { header: t('Hạn', 'Due'), cell: (o) => viDate(o.due) },
        ]}
      />
      <h2>{t('Mở đợt bình xét', 'Open a round')}</h2>
      <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
      <Form ctx={ctx} action="/quan-tri/danh-hieu" label={t('Mở đợt bình xét', 'Open a round')}>
        <SelectField ctx={ctx} name="communeCode" label={t('Xã, phường, đặc khu', 'Commune')} value={p.values?.communeCode} errors={p.errors} options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.units.map((u) => ({ value: u.code, label: u.name }))]} />
        <SelectField
          ctx={ctx}
          name="titleKind"
          label={t('Danh hiệu', 'Title')}
          value={p.values?.titleKind ?? 'household'}
          errors={p.errors}
          options={[
            { value: 'household', label: TITLE_VI.household },
            { value: 'village', label: TITLE_VI.village },
          ]}
        />
        <TextField ctx={ctx} name="year" label={t('Năm', 'Year')} value={p.values?.year ?? String(p.year)} errors={p.errors} width="short" inputMode="numeric" />
        <Button>{t('Mở đợt', 'Open')}</Button>
      </Form>
      <DataTable
        ctx={ctx}
        caption={t('Các đợt bình xét', 'Rounds')}
        captionVisible
        rows={p.cycles}
        rowKey={(c) => c.id}
        empty={t('Chưa có đợt nào.', 'No round yet.')}
        columns={[
          { header: t('Xã, phường', 'Commune'), rowHeader: true, cell: (c) => <a href={`/quan-tri/danh-hieu/${c.id}`}>{c.communeName}</a> },
          { header: t('Danh hiệu', 'Title'), cell: (c) => TITLE_VI[c.titleKind] },
          { header: t('Năm', 'Year'), cell: (c) => String(c.year) },
          { header: t('Tình trạng', 'Status'), cell: (c) => CYCLE_STATUS_VI[c.status] ?? c.status },
        ]}
      />
    </Layout>
  );
}

export function CyclePage(
  p: {
    ctx: PageContext;
    cycle: Cycle;
    criteria: CriteriaVersion;
    procedure: Procedure;
    villages: { code: string; name: string }[];
    rows: EntryRow[];
    comments: { authorName: string; body: string; createdAt: Date }[];
    deadlines: CycleDeadlines;
    batch?: Batch;
  } & Errs,
) {
  const { ctx, cycle: c, deadlines: d } = p;
  const village = c.titleKind === 'village';
  const rule = (key: string) => p.procedure.deadlines.find((x) => x.key === key);
  const how = (key: string, from: string) => {
    const r = rule(key);
    return r ? `${r.days} ${r.count === 'working' ? 'ngày làm việc' : 'ngày lịch'}${r.inclusive ? ', tính cả ngày đầu' : ''} ${from}${r.confirmed ? '' : ' (chưa đối chiếu văn bản)'}` : '';
  };
  const t = ctx.t;
  const base = `/quan-tri/danh-hieu/${c.id}`;
  const err = (form: string) => (p.form === form ? { errors: p.errors, message: p.message } : {});
  const val = (form: string, k: string) => (p.form === form ? p.values?.[k] : undefined);
  const count = (s: string) => p.rows.filter((r) => r.status === s).length;
  return (
    <Layout ctx={ctx} title={`${c.communeName} – ${c.year}`} wide>
      <h1>{`${c.communeName} – "${TITLE_VI[c.titleKind]}" ${t('năm', 'year')} ${c.year}`}</h1>
      <p>
        {t('Tình trạng', 'Status')}: <strong>{CYCLE_STATUS_VI[c.status]}</strong>. {t('Bộ tiêu chí', 'Criteria')}: {`${p.criteria.decree}, ${p.criteria.appendix} (${t('hiệu lực từ', 'from')} ${viDate(p.criteria.effectiveFrom)})`}. {t('Cấp quyết định', 'Decided by')}:{' '}
        {`${p.procedure.decidingLevel.label} (${p.procedure.decidingLevel.basis}${p.procedure.decidingLevel.confirmed ? '' : '; chưa đối chiếu'})`}.
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Các mốc thời hạn', 'Deadlines')}
        captionVisible
        rows={[
          { k: t('Đăng ký', 'Registration'), v: d.registration, how: 'Ngày cố định' },
          { k: t('Kiểm tra giữa năm', 'Mid-year check'), v: d.midYear, how: 'Ngày cố định' },
          { k: t('Hết niêm yết', 'End of listing'), v: d.listingEnd, how: how('listing', 'từ ngày niêm yết') },
          { k: t('Quyết định sớm nhất', 'Earliest decision'), v: d.decisionEarliest, how: 'Ngày sau khi hết niêm yết' },
          { k: t('Hạn quyết định', 'Decision due'), v: d.decisionDue, how: how('decision', 'từ khi đủ hồ sơ (biên bản)') },
          { k: t('Hạn công bố', 'Publication due'), v: d.publishDue, how: how('publication', 'từ ngày quyết định') },
          { k: t('Hoàn thành bình xét', 'Review end'), v: d.reviewEnd, how: 'Ngày cố định' },
        ]}
        rowKey={(r) => r.k}
        columns={[
          { header: t('Mốc', 'Step'), rowHeader: true, cell: (r) => r.k },
          { header: t('Ngày', 'Date'), cell: (r) => (r.v ? viDate(r.v) : '—') },
          { header: t('Cách tính', 'Counted'), cell: (r) => r.how },
        ]}
      />
      {c.status === 'open' && village && (
        <section aria-labelledby="s-register">
          <h2 id="s-register">{t('1. Thôn, tổ dân phố đăng ký', '1. Register villages')}</h2>
          <ErrorSummary ctx={ctx} {...err('register')} />
          <Form ctx={ctx} action={`${base}/dang-ky-thon`} label={t('Đăng ký thôn, tổ dân phố', 'Register villages')}>
            <fieldset class="vh-fieldset">
              <legend class="vh-label">{t('Chọn các thôn, tổ dân phố đăng ký thi đua năm nay', 'Villages registering this year')}</legend>
              {p.villages
                .filter((v) => !p.rows.some((r) => r.villageCode === v.code))
                .map((v) => (
                  <Checkbox key={v.code} ctx={ctx} name={`v-${v.code}`} label={`${v.name} (${v.code})`} checked={!!val('register', `v-${v.code}`)} />
                ))}
            </fieldset>
            <Button>{t('Đăng ký', 'Register')}</Button>
          </Form>
        </section>
      )}
      {c.status === 'open' && (
        <section aria-labelledby="s-import">
          <h2 id="s-import">{village ? t('Hoặc nhập danh sách đăng ký (XLSX)', 'Or import registrations (XLSX)') : t('1. Nhập danh sách đăng ký (XLSX)', '1. Import registrations (XLSX)')}</h2>
          <p>
            <a href={`/api/v1/titles/cycles/${c.id}/template.xlsx`}>{t('Tải mẫu danh sách đăng ký của xã', 'Download the template')}</a>
          </p>
          <ErrorSummary ctx={ctx} {...err('import')} />
          {/* The body is multipart: the CSRF token travels in the query string (the core hook reads it there). */}
          <Form ctx={ctx} action={`${base}/nhap?_csrf=${encodeURIComponent(ctx.csrf)}`} multipart label={t('Nhập danh sách đăng ký', 'Import registrations')}>
            <div class="vh-field">
              <label class="vh-label" for="f-file">
                {t('Tệp danh sách (XLSX)', 'List file (XLSX)')}
              </label>
              <input id="f-file" name="file" type="file" class="vh-file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
            </div>
            <Button>{t('Nhập danh sách', 'Import')}</Button>
          </Form>
        </section>
      )}
      <DataTable
        ctx={ctx}
        caption={t(
          `${village ? 'Thôn, tổ dân phố' : 'Hộ'} đăng ký (${p.rows.length}; đạt ${count('assessed') + count('proposed') + count('recognised')}; chưa đạt ${count('not_met')}; không xét ${count('excluded')})`,
          `Registered (${p.rows.length})`,
        )}
        captionVisible
        rows={p.rows}
        rowKey={(r) => r.id}
        empty={t(`Chưa có ${SUBJECT_VI[c.titleKind]} nào đăng ký.`, 'Nobody registered yet.')}
        columns={
          village
            ? [
                { header: t('Mã', 'Code'), cell: (r) => r.villageCode },
                { header: t('Thôn, tổ dân phố', 'Village'), rowHeader: true, cell: (r) => <a href={`${base}/ho/${r.id}`}>{r.villageName}</a> },
                { header: t('Tình trạng', 'Status'), cell: (r) => ENTRY_STATUS_VI[r.status] ?? r.status },
              ]
            : [
                { header: t('Mã hộ', 'Code'), cell: (r) => r.householdCode ?? '' },
                { header: t('Chủ hộ', 'Head'), rowHeader: true, cell: (r) => <a href={`${base}/ho/${r.id}`}>{r.headName}</a> },
                { header: t('Thôn, tổ dân phố', 'Village'), cell: (r) => r.villageName },
                { header: t('Tình trạng', 'Status'), cell: (r) => ENTRY_STATUS_VI[r.status] ?? r.status },
              ]
        }
      />
      {c.status === 'open' && (
        <section aria-labelledby="s-listing">
          <h2 id="s-listing">{t('2. Niêm yết danh sách đề nghị', '2. Post the proposed list')}</h2>
          <p class="vh-hint">
            {village
              ? t(`Các thôn, tổ dân phố đạt khi tự đánh giá được đưa vào danh sách đề nghị và niêm yết ${rule('listing')?.days ?? ''} ngày.`, 'Villages that met the criteria are posted for comment.')
              : t(`Các hộ đạt khi tự đánh giá được đưa vào danh sách đề nghị của cuộc họp thôn và niêm yết ${rule('listing')?.days ?? ''} ngày.`, 'Households that met the criteria are posted for comment.')}
          </p>
          <ErrorSummary ctx={ctx} {...err('listing')} />
          <Form ctx={ctx} action={`${base}/niem-yet`} label={t('Niêm yết danh sách', 'Post the list')}>
            <TextField ctx={ctx} name="listingStart" label={t('Ngày bắt đầu niêm yết (ngày/tháng/năm)', 'Listing start (dd/mm/yyyy)')} value={val('listing', 'listingStart')} errors={p.form === 'listing' ? p.errors : undefined} width="short" />
            <Button>{t('Niêm yết', 'Post')}</Button>
          </Form>
        </section>
      )}
      {c.status !== 'open' && (
        <p>
          <a href={cycleHref(c)}>{t('Trang công khai của đợt', 'Public page')}</a> · <a href={`${cycleHref(c)}/thong-bao.pdf`}>{t('Thông báo niêm yết (PDF)', 'Listing notice (PDF)')}</a>
          {c.minutesNumber && (
            <>
              {' · '}
              <a href={`${base}/bien-ban.pdf`}>{t('Biên bản (PDF)', 'Minutes (PDF)')}</a>
            </>
          )}
          {c.decisionNumber && (
            <>
              {' · '}
              <a href={`${base}/quyet-dinh.pdf`}>{t('Quyết định và danh sách kèm theo (PDF)', 'Decision (PDF)')}</a>
            </>
          )}
        </p>
      )}
      {c.status !== 'open' && (
        <section aria-labelledby="s-comments">
          <h2 id="s-comments">{t(`Ý kiến của người dân (${p.comments.length})`, `Residents' comments (${p.comments.length})`)}</h2>
          {p.comments.length ? (
            <ul>
              {p.comments.map((m) => (
                <li key={String(m.createdAt)}>
                  <strong>{m.authorName}</strong>: {m.body}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('Chưa có ý kiến.', 'No comment.')}</p>
          )}
        </section>
      )}
      {c.status === 'listing' && (
        <section aria-labelledby="s-minutes">
          <h2 id="s-minutes">{t('3. Biên bản họp hội đồng', '3. Council minutes')}</h2>
          <ErrorSummary ctx={ctx} {...err('minutes')} />
          <Form ctx={ctx} action={`${base}/bien-ban`} label={t('Biên bản họp hội đồng', 'Council minutes')}>
            <TextField ctx={ctx} name="number" label={t('Số biên bản', 'Number')} value={val('minutes', 'number')} errors={p.form === 'minutes' ? p.errors : undefined} width="half" />
            <TextField ctx={ctx} name="date" label={t('Ngày họp (ngày/tháng/năm)', 'Date (dd/mm/yyyy)')} value={val('minutes', 'date')} errors={p.form === 'minutes' ? p.errors : undefined} width="short" />
            <TextArea ctx={ctx} name="text" label={t('Nội dung biên bản', 'Minutes')} value={val('minutes', 'text')} errors={p.form === 'minutes' ? p.errors : undefined} />
            <Button>{t('Ghi biên bản', 'Record the minutes')}</Button>
          </Form>
        </section>
      )}
      {c.status === 'reviewed' && (
        <section aria-labelledby="s-decision">
          <h2 id="s-decision">{t('4. Quyết định công nhận', '4. Decision')}</h2>
          <ErrorSummary ctx={ctx} {...err('decision')} />
          <Form ctx={ctx} action={`${base}/quyet-dinh`} label={t('Quyết định công nhận', 'Decision')}>
            <TextField ctx={ctx} name="number" label={t('Số quyết định', 'Number')} value={val('decision', 'number')} errors={p.form === 'decision' ? p.errors : undefined} width="half" />
            <TextField ctx={ctx} name="date" label={t('Ngày quyết định (ngày/tháng/năm)', 'Date (dd/mm/yyyy)')} value={val('decision', 'date')} errors={p.form === 'decision' ? p.errors : undefined} width="short" />
            <TextField ctx={ctx} name="signer" label={t('Người ký', 'Signed by')} value={val('decision', 'signer')} errors={p.form === 'decision' ? p.errors : undefined} width="half" />
            <Button>{t('Ghi quyết định', 'Record the decision')}</Button>
          </Form>
        </section>
      )}
      {c.status === 'decided' && (
        <Form ctx={ctx} action={`${base}/cong-bo`} label={t('Công bố danh sách', 'Publish the list')}>
          <p>{t(`Công bố danh sách trước hết ngày ${viDate(c.publishDue)}.`, `Publish by ${viDate(c.publishDue)}.`)}</p>
          <Button>{t('Công bố danh sách', 'Publish the list')}</Button>
        </Form>
      )}
      {(c.status === 'decided' || c.status === 'published') && (
        <section aria-labelledby="s-cert">
          <h2 id="s-cert">{t('Giấy công nhận', 'Certificates')}</h2>
          {p.batch && (
            <p>
              <label for="cert-progress">{t(`Đã in ${p.batch.done}/${p.batch.total} giấy`, `${p.batch.done}/${p.batch.total} printed`)}</label>{' '}
              <progress id="cert-progress" max={String(p.batch.total || 1)} value={String(p.batch.done)}>
                {`${p.batch.done}/${p.batch.total}`}
              </progress>{' '}
              {p.batch.status === 'done' ? (
                <a href={`${base}/giay-cong-nhan/${p.batch.id}.pdf`}>{t('Tải tệp giấy công nhận (PDF)', 'Download the certificates (PDF)')}</a>
              ) : p.batch.status === 'failed' ? (
                t('In không thành công; vui lòng thử lại.', 'Failed; try again.')
              ) : (
                <a href={base}>{t('Tải lại trang để xem tiến độ', 'Reload to see progress')}</a>
              )}
            </p>
          )}
          <Form ctx={ctx} action={`${base}/giay-cong-nhan`} label={t('In giấy công nhận', 'Print certificates')}>
            <Button variant="secondary">{t('In giấy công nhận', 'Print certificates')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}

export function EntryPage(p: { ctx: PageContext; cycle: Cycle; criteria: CriteriaVersion; reasons: ExclusionReason[]; entry: EntryRow; revisions: { revision: number; reason: string; createdAt: Date; data: Record<string, unknown> }[] } & Errs) {
  const { ctx, cycle: c, entry: e } = p;
  const t = ctx.t;
  const name = e.headName ? `${t('Hộ', 'Household')} ${e.headName} – ${e.villageName}` : e.villageName;
  const base = `/quan-tri/danh-hieu/${c.id}`;
  const v = (k: string) => (p.form === 'assess' ? p.values?.[k] : undefined) ?? (k.startsWith('c-') ? e.answers[k.slice(2)] : k === 'midYearNote' ? e.midYearNote : undefined);
  const errs = p.form === 'assess' ? p.errors : undefined;
  return (
    <Layout ctx={ctx} title={`${e.headName ?? e.villageName} – ${c.year}`}>
      <h1>{name}</h1>
      <p>
        <a href={base}>{`${c.communeName} – ${c.year}`}</a>. {t('Tình trạng', 'Status')}: <strong>{ENTRY_STATUS_VI[e.status]}</strong>
        {e.exclusionReason ? ` (${e.exclusionReason}; ${t('căn cứ', 'basis')}: ${e.exclusionBasis})` : ''}
      </p>
      {c.status === 'open' && e.status !== 'excluded' && (
        <section aria-labelledby="s-assess">
          <h2 id="s-assess">{t('Tự đánh giá theo tiêu chí', 'Self-assessment')}</h2>
          <ErrorSummary ctx={ctx} errors={errs} message={p.form === 'assess' ? p.message : undefined} />
          <Form ctx={ctx} action={`${base}/ho/${e.id}`} label={t('Tự đánh giá theo tiêu chí', 'Self-assessment')}>
            {p.criteria.groups.map((g) => (
              <fieldset class="vh-fieldset" key={g.code}>
                <legend class="vh-label">{`${g.code}. ${g.title}`}</legend>
                {g.criteria.map((cr) =>
                  cr.computed ? (
                    <p key={cr.code}>
                      {`${cr.code}. ${cr.text}: `}
                      <strong>{e.answers[cr.code] !== undefined ? `${e.answers[cr.code]}%` : t('tính khi lưu', 'computed on save')}</strong>
                      {` (${t('đạt từ', 'met from')} ${cr.min}%). `}
                      <span class="vh-hint">{cr.evidence}</span>
                    </p>
                  ) : cr.kind === 'yes_no' ? (
                    <Radios
                      key={cr.code}
                      ctx={ctx}
                      name={`c-${cr.code}`}
                      legend={`${cr.code}. ${cr.text}`}
                      hint={`${t('Minh chứng', 'Evidence')}: ${cr.evidence}`}
                      errors={errs}
                      value={v(`c-${cr.code}`)}
                      options={[
                        { value: 'yes', label: t('Đạt', 'Met') },
                        { value: 'no', label: t('Không đạt', 'Not met') },
                      ]}
                    />
                  ) : (
                    <TextField
                      key={cr.code}
                      ctx={ctx}
                      name={`c-${cr.code}`}
                      label={`${cr.code}. ${cr.text}${cr.kind === 'score' ? ` (0–${cr.max}, ${t('đạt từ', 'met from')} ${cr.min})` : ` (${t('tối thiểu', 'at least')} ${cr.min})`}`}
                      hint={`${t('Minh chứng', 'Evidence')}: ${cr.evidence}`}
                      errors={errs}
                      value={v(`c-${cr.code}`)}
                      width="short"
                      inputMode="numeric"
                    />
                  ),
                )}
              </fieldset>
            ))}
            <TextArea ctx={ctx} name="midYearNote" label={t('Ghi nhận kiểm tra giữa năm', 'Mid-year check note')} value={v('midYearNote')} errors={errs} rows={2} />
            {e.status !== 'registered' && <TextField ctx={ctx} name="reason" label={t('Lý do sửa', 'Reason for the change')} value={p.form === 'assess' ? p.values?.reason : ''} errors={errs} />}
            <Button>{t('Lưu tự đánh giá', 'Save the assessment')}</Button>
          </Form>
        </section>
      )}
      {['open', 'listing', 'reviewed'].includes(c.status) && e.status !== 'excluded' && (
        <section aria-labelledby="s-exclude">
          <h2 id="s-exclude">{t('Không xét trong năm', 'Exclude this year')}</h2>
          <ErrorSummary ctx={ctx} errors={p.form === 'exclude' ? p.errors : undefined} message={p.form === 'exclude' ? p.message : undefined} />
          <Form ctx={ctx} action={`${base}/ho/${e.id}/loai-tru`} label={t('Không xét trong năm', 'Exclude this year')}>
            <SelectField ctx={ctx} name="reason" label={t('Lý do', 'Reason')} value={p.form === 'exclude' ? p.values?.reason : ''} errors={p.form === 'exclude' ? p.errors : undefined} options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.reasons.map((r) => ({ value: r.key, label: r.label }))]} />
            <TextField ctx={ctx} name="basis" label={t('Căn cứ (văn bản, sự việc)', 'Basis')} value={p.form === 'exclude' ? p.values?.basis : ''} errors={p.form === 'exclude' ? p.errors : undefined} />
            <Button variant="warning">{t('Ghi không xét', 'Exclude')}</Button>
          </Form>
        </section>
      )}
      <h2>{t('Các lần sửa', 'Revisions')}</h2>
      {p.revisions.length ? (
        <ul>
          {p.revisions.map((r) => (
            <li key={r.revision}>{`${t('Bản', 'Revision')} ${r.revision}: ${ENTRY_STATUS_VI[String(r.data.status)] ?? ''} — ${r.reason}`}</li>
          ))}
        </ul>
      ) : (
        <p>{t('Chưa sửa lần nào.', 'No revision.')}</p>
      )}
    </Layout>
  );
}

export function CriteriaPage(p: { ctx: PageContext; versions: CriteriaVersion[]; canEdit: boolean } & Errs) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Bộ tiêu chí danh hiệu văn hóa', 'Criteria versions')} wide>
      <h1>{t('Bộ tiêu chí danh hiệu văn hóa', 'Criteria versions')}</h1>
      <p>{t('Mỗi đợt bình xét dùng phiên bản có hiệu lực vào ngày mở đợt; phiên bản mới không thay đổi các năm đã mở.', 'Each round keeps the version in force when it opened.')}</p>
      {p.versions.map((v) => (
        <section key={v.id} aria-label={`${v.titleKind} ${v.effectiveFrom}`}>
          <h2>{`${{ household: 'Gia đình văn hóa', village: 'Thôn, tổ dân phố văn hóa', commune: 'Xã, phường tiêu biểu' }[v.titleKind]} — ${v.decree}, ${v.appendix}, ${t('hiệu lực từ', 'from')} ${viDate(v.effectiveFrom)}`}</h2>
          <p>{`${t('Cấp quyết định', 'Decided by')}: ${v.decidingLevel}. ${v.note}`}</p>
          <ul>
            {v.groups.map((g) => (
              <li key={g.code}>
                {`${g.code}. ${g.title}`}
                <ul>
                  {g.criteria.map((c) => (
                    <li key={c.code}>{`${c.code}. ${c.text} [${c.kind === 'yes_no' ? 'có/không' : c.kind === 'score' ? `điểm 0–${c.max}, đạt từ ${c.min}` : `số lượng, tối thiểu ${c.min}`}; minh chứng: ${c.evidence}]`}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ))}
      {p.canEdit && (
        <section aria-labelledby="s-new">
          <h2 id="s-new">{t('Thêm phiên bản (văn bản mới)', 'Add a version')}</h2>
          <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
          <Form ctx={ctx} action="/quan-tri/danh-hieu/tieu-chi" label={t('Thêm phiên bản tiêu chí', 'Add a version')}>
            <SelectField ctx={ctx} name="titleKind" label={t('Danh hiệu', 'Title')} value={p.values?.titleKind} errors={p.errors} options={[{ value: 'household', label: 'Gia đình văn hóa' }, { value: 'village', label: 'Thôn, tổ dân phố văn hóa' }, { value: 'commune', label: 'Xã, phường tiêu biểu' }]} />
            <TextField ctx={ctx} name="decree" label={t('Văn bản quy định', 'Decree')} value={p.values?.decree} errors={p.errors} />
            <TextField ctx={ctx} name="appendix" label={t('Phụ lục', 'Appendix')} value={p.values?.appendix} errors={p.errors} width="half" />
            <TextField ctx={ctx} name="effectiveFrom" label={t('Ngày hiệu lực (ngày/tháng/năm)', 'In force from')} value={p.values?.effectiveFrom} errors={p.errors} width="short" />
            <TextField ctx={ctx} name="decidingLevel" label={t('Cấp quyết định', 'Deciding level')} value={p.values?.decidingLevel} errors={p.errors} />
            <TextArea ctx={ctx} name="groups" label={t('Tiêu chí (JSON)', 'Criteria (JSON)')} value={p.values?.groups ?? JSON.stringify(p.versions[0]?.groups ?? [], null, 1)} errors={p.errors} rows={12} />
            <TextArea ctx={ctx} name="note" label={t('Ghi chú', 'Note')} value={p.values?.note} errors={p.errors} rows={2} />
            <Button>{t('Thêm phiên bản', 'Add')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
