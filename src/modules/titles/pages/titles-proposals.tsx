import type { FieldErrors } from '../../../core/errors.js';
import { Button, Checkbox, ErrorSummary, Form, TextField } from '../../../core/web/components/form.js';
import { DataTable } from '../../../core/web/components/table.js';
import { Layout } from '../../../core/web/layout.js';
import type { PageContext } from '../../../core/web/page.js';
import { CYCLE_STATUS_VI, PROPOSAL_STATUS_VI } from '../titles.commands.js';
import type { Cycle, Proposal, Recognised } from '../titles.repository.js';
import type { Procedure } from '../titles.rules.js';
import { type RoundKind, TITLE_VI } from '../titles.schema.js';
import { viDate } from './titles-public.js';

type Errs = { errors?: FieldErrors; message?: string; values?: Record<string, string> };

const subject = (kind: RoundKind, r: { name: string; villageName: string }) => (kind === 'household' ? `Hộ ông/bà ${r.name} – ${r.villageName}` : r.name);

/** The commune's "tiêu biểu" proposals: the list, and a form that first picks the commune, year
 * and title (GET) and then lists the subjects recognised that year with the consecutive years
 * each has held the title; only those reaching the rules' N can be ticked. */
export function ProposalsPage(
  p: {
    ctx: PageContext;
    proposals: Proposal[];
    units: { code: string; name: string }[];
    pick: { communeCode?: string; year?: number; titleKind: RoundKind };
    cycle?: Cycle;
    candidates: Recognised[];
    rule: Procedure['commendation'];
    today: string;
  } & Errs,
) {
  const { ctx, pick } = p;
  const t = ctx.t;
  const v = (k: string) => p.values?.[k];
  const decided = p.cycle && ['decided', 'published'].includes(p.cycle.status);
  const eligible = p.candidates.filter((c) => c.yearsHeld >= p.rule.consecutiveYears);
  return (
    <Layout ctx={ctx} title={t('Đề nghị danh hiệu tiêu biểu', '"Tiêu biểu" proposals')} wide>
      <h1>{t('Đề nghị "tiêu biểu"', '"Tiêu biểu" proposals')}</h1>
      <p>
        <a href="/quan-tri/danh-hieu">{t('Các đợt bình xét', 'Rounds')}</a>
      </p>
      <p>
        {t(
          `Xã, phường đề nghị khen thưởng hộ gia đình, thôn, tổ dân phố tiêu biểu trong số những đơn vị giữ danh hiệu đủ ${p.rule.consecutiveYears} năm liên tục tính đến năm đề nghị. Cấp khen: ${p.rule.decidingLevel}. Căn cứ: ${p.rule.basis}${p.rule.confirmed ? '' : ' (chưa đối chiếu văn bản)'}.`,
          `Communes propose households or villages holding the title for ${p.rule.consecutiveYears} consecutive years.`,
        )}
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Tờ trình đã lập', 'Proposals')}
        captionVisible
        rows={p.proposals}
        rowKey={(x) => x.id}
        empty={t('Chưa có tờ trình nào.', 'No proposal yet.')}
        columns={[
          { header: t('Tờ trình', 'Proposal'), rowHeader: true, cell: (x) => <a href={`/quan-tri/danh-hieu/tieu-bieu/${x.id}`}>{`${x.number} (${viDate(x.proposedOn)})`}</a> },
          { header: t('Xã, phường', 'Commune'), cell: (x) => x.communeName },
          { header: t('Danh hiệu', 'Title'), cell: (x) => `"${TITLE_VI[x.titleKind]}" tiêu biểu` },
          { header: t('Năm', 'Year'), cell: (x) => String(x.year) },
          { header: t('Tình trạng', 'Status'), cell: (x) => PROPOSAL_STATUS_VI[x.status] ?? x.status },
        ]}
      />
      <h2>{t('Lập tờ trình đề nghị', 'New proposal')}</h2>
      <form method="get" action="/quan-tri/danh-hieu/tieu-bieu" class="vh-filters" aria-label={t('Chọn xã, năm, danh hiệu', 'Choose commune, year, title')}>
        <div class="vh-field">
          <label class="vh-label" for="q-xa">
            {t('Xã, phường, đặc khu', 'Commune')}
          </label>
          <select id="q-xa" name="communeCode" class="vh-select">
            <option value="">{t('— Chọn —', '— Choose —')}</option>
            {p.units.map((u) => (
              <option key={u.code} value={u.code} selected={pick.communeCode === u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div class="vh-field">
          <label class="vh-label" for="q-nam">
            {t('Năm', 'Year')}
          </label>
          <input id="q-nam" name="year" class="vh-input vh-input--short" inputMode="numeric" value={pick.year ? String(pick.year) : p.today.slice(0, 4)} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="q-dh">
            {t('Danh hiệu', 'Title')}
          </label>
          <select id="q-dh" name="titleKind" class="vh-select">
            <option value="household" selected={pick.titleKind === 'household'}>
              {TITLE_VI.household}
            </option>
            <option value="village" selected={pick.titleKind === 'village'}>
              {TITLE_VI.village}
            </option>
          </select>
        </div>
        <Button variant="secondary">{t('Xem danh sách được công nhận', 'Show recognised')}</Button>
      </form>
      {pick.communeCode && pick.year && !decided && (
        <p role="status">
          {p.cycle
            ? t(`Đợt bình xét "${TITLE_VI[pick.titleKind]}" năm ${pick.year} của ${p.cycle.communeName} đang ở bước "${CYCLE_STATUS_VI[p.cycle.status]}"; chỉ đề nghị tiêu biểu sau khi có quyết định công nhận.`, 'The round has no decision yet.')
            : t(`Chưa có đợt bình xét "${TITLE_VI[pick.titleKind]}" năm ${pick.year} của xã, phường này.`, 'No round that year.')}
        </p>
      )}
      {(decided || p.errors) && (
        <section aria-labelledby="s-propose">
          <h3 id="s-propose">{p.cycle ? t(`${p.cycle.communeName} – "${TITLE_VI[pick.titleKind]}" năm ${pick.year}`, 'Proposal') : t('Tờ trình', 'Proposal')}</h3>
          <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
          <Form ctx={ctx} action="/quan-tri/danh-hieu/tieu-bieu" label={t('Lập tờ trình đề nghị tiêu biểu', 'New proposal')}>
            <input type="hidden" name="communeCode" value={pick.communeCode ?? ''} />
            <input type="hidden" name="year" value={pick.year ? String(pick.year) : ''} />
            <input type="hidden" name="titleKind" value={pick.titleKind} />
            <fieldset class="vh-fieldset" id="f-entries">
              <legend class="vh-label">{t(`Đủ ${p.rule.consecutiveYears} năm liên tục (${eligible.length}/${p.candidates.length} được công nhận năm nay)`, `Eligible (${eligible.length}/${p.candidates.length})`)}</legend>
              {eligible.length ? (
                eligible.map((c) => <Checkbox key={c.entryId} ctx={ctx} name={`e-${c.entryId}`} label={`${subject(pick.titleKind, c)} — ${c.yearsHeld} năm liên tục`} checked={!!v(`e-${c.entryId}`)} />)
              ) : (
                <p>{t('Chưa có đơn vị nào đủ số năm liên tục.', 'None eligible yet.')}</p>
              )}
            </fieldset>
            <TextField ctx={ctx} name="number" label={t('Số tờ trình', 'Number')} value={v('number')} errors={p.errors} width="half" />
            <TextField ctx={ctx} name="date" label={t('Ngày tờ trình (ngày/tháng/năm)', 'Date (dd/mm/yyyy)')} value={v('date')} errors={p.errors} width="short" />
            <Button>{t('Lập tờ trình', 'Submit the proposal')}</Button>
          </Form>
          {p.candidates.length > eligible.length && (
            <DataTable
              ctx={ctx}
              caption={t('Chưa đủ số năm liên tục', 'Not yet eligible')}
              captionVisible
              rows={p.candidates.filter((c) => c.yearsHeld < p.rule.consecutiveYears)}
              rowKey={(c) => c.entryId}
              columns={[
                { header: t('Đơn vị', 'Subject'), rowHeader: true, cell: (c) => subject(pick.titleKind, c) },
                { header: t('Số năm liên tục', 'Consecutive years'), cell: (c) => String(c.yearsHeld) },
              ]}
            />
          )}
        </section>
      )}
    </Layout>
  );
}

export function ProposalPage(p: { ctx: PageContext; proposal: Proposal; items: { id: string; name: string; villageName: string; yearsHeld: number; awarded: boolean | null }[] } & Errs) {
  const { ctx, proposal: x } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={`${t('Tờ trình', 'Proposal')} ${x.number}`} wide>
      <h1>{`${t('Tờ trình', 'Proposal')} ${x.number} – ${x.communeName}`}</h1>
      <p>
        <a href="/quan-tri/danh-hieu/tieu-bieu">{t('Đề nghị tiêu biểu', '"Tiêu biểu" proposals')}</a>
      </p>
      <p>
        {t(
          `Đề nghị khen thưởng "${TITLE_VI[x.titleKind]}" tiêu biểu năm ${x.year}, ngày ${viDate(x.proposedOn)}; điều kiện áp dụng: ${x.consecutiveYears} năm liên tục; cấp khen: ${x.decidingLevel}. Tình trạng: ${PROPOSAL_STATUS_VI[x.status]}.`,
          `Proposal of ${viDate(x.proposedOn)}: ${x.consecutiveYears} consecutive years; ${x.status}.`,
        )}
        {x.decisionNumber ? t(` Quyết định số ${x.decisionNumber} ngày ${viDate(x.decisionDate)} (${x.decisionSigner}).`, ` Decision ${x.decisionNumber}.`) : ''}
      </p>
      <p>
        <a href={`/quan-tri/danh-hieu/tieu-bieu/${x.id}/to-trinh.pdf`}>{t('Tờ trình và danh sách (PDF)', 'Proposal (PDF)')}</a>
      </p>
      <DataTable
        ctx={ctx}
        caption={t(`Danh sách đề nghị (${p.items.length})`, `Proposed (${p.items.length})`)}
        captionVisible
        rows={p.items}
        rowKey={(i) => i.id}
        columns={[
          { header: t('Đơn vị', 'Subject'), rowHeader: true, cell: (i) => subject(x.titleKind, i) },
          { header: t('Số năm liên tục', 'Consecutive years'), cell: (i) => String(i.yearsHeld) },
          { header: t('Kết quả', 'Result'), cell: (i) => (i.awarded === null ? t('Chờ quyết định', 'Pending') : i.awarded ? t('Được khen thưởng', 'Commended') : t('Không được khen thưởng', 'Not commended')) },
        ]}
      />
      {x.status === 'submitted' && (
        <section aria-labelledby="s-decide">
          <h2 id="s-decide">{t('Ghi quyết định khen thưởng', 'Record the decision')}</h2>
          <ErrorSummary ctx={ctx} errors={p.errors} message={p.message} />
          <Form ctx={ctx} action={`/quan-tri/danh-hieu/tieu-bieu/${x.id}/quyet-dinh`} label={t('Quyết định khen thưởng', 'Decision')}>
            <fieldset class="vh-fieldset" id="f-awarded">
              <legend class="vh-label">{t('Được khen thưởng', 'Commended')}</legend>
              {p.items.map((i) => (
                <Checkbox key={i.id} ctx={ctx} name={`a-${i.id}`} label={subject(x.titleKind, i)} checked={!!p.values?.[`a-${i.id}`]} />
              ))}
            </fieldset>
            <TextField ctx={ctx} name="number" label={t('Số quyết định', 'Number')} value={p.values?.number} errors={p.errors} width="half" />
            <TextField ctx={ctx} name="date" label={t('Ngày quyết định (ngày/tháng/năm)', 'Date (dd/mm/yyyy)')} value={p.values?.date} errors={p.errors} width="short" />
            <TextField ctx={ctx} name="signer" label={t('Người ký', 'Signed by')} value={p.values?.signer} errors={p.errors} width="half" />
            <Button>{t('Ghi quyết định', 'Record the decision')}</Button>
          </Form>
        </section>
      )}
    </Layout>
  );
}
