import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, ErrorSummary, SelectField, TextField } from '../../../core/web/components/form.js';
import { formatDateVi } from '../../../core/validation.js';
import { SEARCH_TYPES, type SearchHit, type SearchType } from '../portal.search.js';
import { highlight, snippet } from '../portal.text.js';

function Marked(p: { text: string; words: string[] }) {
  return <>{highlight(p.text, p.words).map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}</>;
}

export interface SearchForm {
  q: string;
  loai: string;
  tu: string;
  den: string;
}

export function SearchPage(p: {
  ctx: PageContext;
  form: SearchForm;
  words: string[];
  hits?: SearchHit[];
  counts?: Record<SearchType, number>;
  errors?: FieldErrors;
}) {
  const { ctx, form } = p;
  const title = ctx.t('Tìm kiếm', 'Search');
  const label = (t: SearchType) => {
    const x = SEARCH_TYPES.find((s) => s.key === t)!;
    return ctx.t(x.vi, x.en);
  };
  const shown = p.hits?.slice(0, 100) ?? [];
  const link = (loai: string) => {
    const u = new URLSearchParams({ q: form.q });
    if (loai) u.set('loai', loai);
    if (form.tu) u.set('tu', form.tu);
    if (form.den) u.set('den', form.den);
    return `/tim-kiem?${u}`;
  };
  return (
    <Layout ctx={ctx} title={form.q ? `${title}: ${form.q}` : title}>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={p.errors} />
      <form method="get" action="/tim-kiem" class="vh-form" role="search" aria-label={ctx.t('Tìm trên trang', 'Search the site')}>
        <TextField
          ctx={ctx}
          name="q"
          type="search"
          label={ctx.t('Từ khóa', 'Search for')}
          hint={ctx.t('Có thể gõ không dấu, ví dụ: chuyen doi so', 'Diacritics optional')}
          value={form.q}
          errors={p.errors}
        />
        <SelectField
          ctx={ctx}
          name="loai"
          label={ctx.t('Loại nội dung', 'Content type')}
          value={form.loai}
          options={[{ value: '', label: ctx.t('Tất cả', 'All') }, ...SEARCH_TYPES.map((s) => ({ value: s.key, label: ctx.t(s.vi, s.en) }))]}
        />
        <TextField
          ctx={ctx}
          name="tu"
          label={ctx.t('Từ ngày', 'From')}
          hint={ctx.t('ngày/tháng/năm', 'dd/mm/yyyy')}
          value={form.tu}
          errors={p.errors}
          width="short"
          inputMode="numeric"
        />
        <TextField
          ctx={ctx}
          name="den"
          label={ctx.t('Đến ngày', 'To')}
          hint={ctx.t('ngày/tháng/năm', 'dd/mm/yyyy')}
          value={form.den}
          errors={p.errors}
          width="short"
          inputMode="numeric"
        />
        <Button>{ctx.t('Tìm', 'Search')}</Button>
      </form>
      {p.hits && p.counts && (
        <section aria-labelledby="search-results">
          <h2 id="search-results">{ctx.t(`Kết quả (${p.hits.length})`, `Results (${p.hits.length})`)}</h2>
          <p>
            {ctx.t('Lọc theo loại', 'By type')}:{' '}
            <a href={link('')} aria-current={!form.loai ? 'true' : undefined}>
              {ctx.t('Tất cả', 'All')}
            </a>
            {SEARCH_TYPES.map((s) => (
              <span key={s.key}>
                {' · '}
                <a href={link(s.key)} aria-current={form.loai === s.key ? 'true' : undefined}>
                  {ctx.t(s.vi, s.en)} ({p.counts![s.key]})
                </a>
              </span>
            ))}
          </p>
          {shown.length === 0 ? (
            <p>{ctx.t('Không tìm thấy kết quả phù hợp. Hãy thử từ khóa ngắn hơn hoặc bỏ bớt bộ lọc.', 'Nothing found. Try fewer words or filters.')}</p>
          ) : (
            <ol class="vh-list">
              {shown.map((h) => (
                <li key={`${h.type}-${h.url}`} class="vh-list__item">
                  <p class="vh-hint">
                    <span class="vh-tag">{label(h.type)}</span> {h.date && formatDateVi(h.date)}
                  </p>
                  <h3>
                    <a href={h.url}>
                      <Marked text={h.title} words={p.words} />
                    </a>
                  </h3>
                  {h.text && (
                    <p>
                      <Marked text={snippet(h.text, p.words)} words={p.words} />
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </Layout>
  );
}
