import { Fragment } from 'preact';
import type { PageContext } from '../page.js';
import { Layout } from '../layout.js';
import { Button, Form } from './form.js';

/**
 * The confirmation step of a destructive action (issue 10, finding 3): a page of its own that
 * repeats what was typed in hidden fields and posts it again with `confirm=1`. Nothing changes
 * before that second POST, and it needs no JavaScript (never only a `confirm()` dialog).
 */
export function ConfirmPage(p: {
  ctx: PageContext;
  title: string;
  /** what will happen, and that it cannot be undone */
  warning: string;
  facts: { label: string; value: string }[];
  action: string;
  fields: Record<string, string>;
  confirmLabel: string;
  backHref: string;
}) {
  const { ctx } = p;
  return (
    <Layout ctx={ctx} title={p.title}>
      <h1>{p.title}</h1>
      <div class="vh-warning" role="note">
        <p>
          <strong>{p.warning}</strong>
        </p>
      </div>
      <dl class="vh-summary">
        {p.facts.map((f) => (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </Fragment>
        ))}
      </dl>
      <Form ctx={ctx} action={p.action} label={p.title}>
        {Object.entries(p.fields).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="confirm" value="1" />
        <Button variant="warning">{p.confirmLabel}</Button>
      </Form>
      <p>
        <a href={p.backHref}>{ctx.t('Không, quay lại', 'No, go back')}</a>
      </p>
    </Layout>
  );
}
