import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { formatDateVi } from '../../../core/validation.js';
import { formatVnd, LEVELS, ORIGINAL_KIND, PROCEDURE_FIELDS, type ProcedureField } from '../procedures.fields.js';
import type { ProcedureWithVersion } from '../procedures.repository.js';
import type { FormDefinition } from '../procedures.forms.js';

const fieldName = (ctx: PageContext, f: string) => {
  const x = PROCEDURE_FIELDS[f as ProcedureField];
  return x ? ctx.t(x.vi, x.en) : f;
};

export function CataloguePage(p: { ctx: PageContext; rows: ProcedureWithVersion[]; total: number; query: { q?: string; field?: string; level?: string } }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Thủ tục hành chính', 'Administrative procedures')}>
      <h1>{t('Thủ tục hành chính', 'Administrative procedures')}</h1>
      <p class="vh-lead">
        {t(
          'Tra cứu thủ tục, thành phần hồ sơ, thời hạn, phí và lệ phí. Tìm được cả khi gõ không dấu.',
          'Look up procedures, required documents, time limits and fees. Search works without diacritics.',
        )}
      </p>
      <form method="get" action="/thu-tuc" class="vh-filters" role="search" aria-label={t('Tìm thủ tục', 'Search procedures')}>
        <div class="vh-field">
          <label class="vh-label" for="f-q">
            {t('Từ khóa', 'Keywords')}
          </label>
          <input class="vh-input" id="f-q" name="q" type="search" value={p.query.q ?? ''} />
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-field">
            {t('Lĩnh vực', 'Field')}
          </label>
          <select class="vh-select" id="f-field" name="field">
            <option value="">{t('Tất cả', 'All')}</option>
            {Object.entries(PROCEDURE_FIELDS).map(([k, v]) => (
              <option key={k} value={k} selected={p.query.field === k}>
                {t(v.vi, v.en)}
              </option>
            ))}
          </select>
        </div>
        <div class="vh-field">
          <label class="vh-label" for="f-level">
            {t('Mức độ', 'Level')}
          </label>
          <select class="vh-select" id="f-level" name="level">
            <option value="">{t('Tất cả', 'All')}</option>
            {Object.entries(LEVELS).map(([k, v]) => (
              <option key={k} value={k} selected={p.query.level === k}>
                {t(v.vi, v.en)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="vh-button vh-button--primary">
          {t('Tìm', 'Search')}
        </button>
      </form>
      <p role="status">
        {t(`Tìm thấy ${p.total} thủ tục`, `${p.total} procedures found`)}
      </p>
      <ul class="vh-list">
        {p.rows.map((r) => (
          <li key={r.code} class="vh-list__item">
            <h2 class="vh-list__title">
              <a href={`/thu-tuc/${encodeURIComponent(r.code)}`}>{r.name}</a>
            </h2>
            <p class="vh-hint">
              {t('Mã', 'Code')} {r.code} · {fieldName(ctx, r.field)} · {r.processingDays} {t('ngày làm việc', 'working days')} ·{' '}
              <span class={`vh-tag${r.level === 'full' ? ' vh-tag--ok' : ''}`}>{t(LEVELS[r.level].vi, LEVELS[r.level].en)}</span>
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function ProcedurePage(p: { ctx: PageContext; proc: ProcedureWithVersion; versions: { version: number; effectiveFrom: string }[]; unitName: string }) {
  const { ctx, proc } = p;
  const t = ctx.t;
  const form = proc.form as unknown as FormDefinition;
  return (
    <Layout ctx={ctx} title={proc.name}>
      <p>
        <a href="/thu-tuc">← {t('Danh sách thủ tục', 'All procedures')}</a>
      </p>
      <h1>{proc.name}</h1>
      <p>
        <a class="vh-button vh-button--primary" href={`/thu-tuc/${encodeURIComponent(proc.code)}/nop`}>
          {t('Nộp hồ sơ trực tuyến', 'Apply online')}
        </a>
      </p>
      <dl class="vh-summary">
        <dt>{t('Mã thủ tục', 'Code')}</dt>
        <dd>{proc.code}</dd>
        <dt>{t('Lĩnh vực', 'Field')}</dt>
        <dd>{fieldName(ctx, proc.field)}</dd>
        <dt>{t('Mức độ dịch vụ công', 'Online service level')}</dt>
        <dd>
          {t(LEVELS[proc.level].vi, LEVELS[proc.level].en)}
          {proc.level === 'partial' && proc.partialReason && (
            <>
              {' – '}
              {t('Lý do', 'Reason')}: {proc.partialReason}
            </>
          )}
        </dd>
        <dt>{t('Đơn vị thực hiện', 'Implementing unit')}</dt>
        <dd>{p.unitName}</dd>
        <dt>{t('Cơ quan có thẩm quyền quyết định', 'Deciding authority')}</dt>
        <dd>{proc.authority}</dd>
        <dt>{t('Thời hạn giải quyết', 'Statutory time limit')}</dt>
        <dd>
          {proc.processingDays} {t('ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ', 'working days from receipt of a complete dossier')}
        </dd>
        <dt>{t('Phí, lệ phí', 'Fees and charges')}</dt>
        <dd>
          {proc.fees.length === 0
            ? t('Không', 'None')
            : proc.fees.map((f, i) => (
                <span key={i} class="vh-block">
                  {f.name}: {formatVnd(f.amount)}
                  {f.note ? ` (${f.note})` : ''}
                  {f.legalBasis ? ` — ${t('căn cứ', 'basis')}: ${f.legalBasis}` : ''}
                  {f.exemptions?.length ? ` — ${t('miễn', 'exempt')}: ${f.exemptions.join('; ')}` : ''}
                </span>
              ))}
        </dd>
        <dt>{t('Kết quả', 'Result')}</dt>
        <dd>{proc.resultType}</dd>
        <dt>{t('Hiệu lực từ', 'In force since')}</dt>
        <dd>{formatDateVi(proc.effectiveFrom)}</dd>
      </dl>

      <h2>{t('Thành phần hồ sơ', 'Required documents')}</h2>
      <div class="vh-table-wrap">
        <table class="vh-table">
          <thead>
            <tr>
              <th scope="col">TT</th>
              <th scope="col">{t('Tên giấy tờ', 'Document')}</th>
              <th scope="col">{t('Loại bản', 'Kind')}</th>
              <th scope="col">{t('Số lượng', 'Copies')}</th>
              <th scope="col">{t('Mẫu', 'Template')}</th>
            </tr>
          </thead>
          <tbody>
            {proc.documents.map((d, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>{d.name}</td>
                <td>{t(ORIGINAL_KIND[d.original].vi, ORIGINAL_KIND[d.original].en)}</td>
                <td>{d.copies}</td>
                <td>{d.templateName ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t('Trình tự thực hiện', 'Steps')}</h2>
      <ol>
        {proc.workflow.map((s, i) => (
          <li key={i}>
            {s.step} ({s.days} {t('ngày làm việc', 'working days')})
          </li>
        ))}
      </ol>

      <h2>{t('Căn cứ pháp lý', 'Legal basis')}</h2>
      <ul>
        {proc.legalBasis.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>

      <h2>{t('Biểu mẫu điện tử', 'Online form')}</h2>
      <p>
        {t('Tờ khai trực tuyến gồm', 'The online form has')} {form.steps.length} {t('bước', 'steps')}:
      </p>
      <ol>
        {form.steps.map((s, i) => (
          <li key={i}>
            {s.title} ({s.fields.length} {t('mục', 'questions')})
          </li>
        ))}
      </ol>

      {p.versions.length > 1 && (
        <>
          <h2>{t('Các phiên bản', 'Versions')}</h2>
          <ul>
            {p.versions.map((v) => (
              <li key={v.version}>
                {t('Phiên bản', 'Version')} {v.version}: {t('hiệu lực từ', 'in force from')} {formatDateVi(v.effectiveFrom)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
