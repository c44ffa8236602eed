import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../errors.js';
import type { PageContext } from '../page.js';

/** GOV.UK-style error summary: first thing in the form, focusable, linking to each field. */
export function ErrorSummary(props: { ctx: PageContext; errors?: FieldErrors; message?: string }) {
  const entries = Object.entries(props.errors ?? {});
  if (!entries.length && !props.message) return null;
  const { t } = props.ctx;
  return (
    // autofocus moves focus here after a refused submission even without JavaScript (GOV.UK pattern).
    <div class="vh-error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} data-module="error-summary" autofocus>
      <h2 id="error-summary-title">{t('Có lỗi cần sửa', 'There is a problem')}</h2>
      {props.message && <p>{props.message}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([field, msg]) => (
            <li key={field}>
              <a href={`#f-${field}`}>{props.ctx.lang === 'en' ? msg.en : msg.vi}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

interface FieldProps {
  ctx: PageContext;
  name: string;
  label: string;
  hint?: string;
  errors?: FieldErrors;
  value?: string;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  inputMode?: string;
  width?: 'full' | 'half' | 'short';
}

/** Label, hint and inline error around any control, wired with aria-describedby: the one place
 * that decides how a field explains itself (GOV.UK pattern; checked with NVDA-style reading order). */
function FieldShell(p: FieldProps & { children: (aria: { describedBy?: string; invalid?: 'true' }) => ComponentChildren }) {
  const err = p.errors?.[p.name];
  const describedBy = [p.hint ? `h-${p.name}` : '', err ? `e-${p.name}` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`vh-field${err ? ' vh-field--error' : ''}`}>
      <label for={`f-${p.name}`} class="vh-label">
        {p.label}
      </label>
      {p.hint && (
        <p id={`h-${p.name}`} class="vh-hint">
          {p.hint}
        </p>
      )}
      {err && (
        <p id={`e-${p.name}`} class="vh-error">
          <span class="vh-visually-hidden">{p.ctx.t('Lỗi:', 'Error:')}</span> {p.ctx.lang === 'en' ? err.en : err.vi}
        </p>
      )}
      {p.children({ describedBy, invalid: err ? 'true' : undefined })}
    </div>
  );
}

export function TextField(p: FieldProps) {
  return (
    <FieldShell {...p}>
      {(aria) => (
        <input
          id={`f-${p.name}`}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.type === 'password' ? '' : (p.value ?? '')}
          class={`vh-input vh-input--${p.width ?? 'full'}`}
          autoComplete={p.autocomplete}
          inputMode={p.inputMode as never}
          aria-describedby={aria.describedBy}
          aria-invalid={aria.invalid}
          required={p.required}
        />
      )}
    </FieldShell>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  return (
    <FieldShell {...p}>
      {(aria) => (
        <textarea id={`f-${p.name}`} name={p.name} rows={p.rows ?? 5} class="vh-textarea" aria-describedby={aria.describedBy} aria-invalid={aria.invalid}>
          {p.value ?? ''}
        </textarea>
      )}
    </FieldShell>
  );
}

export function SelectField(p: FieldProps & { options: { value: string; label: string }[] }) {
  return (
    <FieldShell {...p}>
      {(aria) => (
        <select id={`f-${p.name}`} name={p.name} class="vh-select" aria-describedby={aria.describedBy} aria-invalid={aria.invalid}>
          {p.options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === p.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

/** A group of radio buttons in a fieldset whose legend is the question (WCAG 1.3.1). */
export function Radios(p: { ctx: PageContext; name: string; legend: string; hint?: string; errors?: FieldErrors; value?: string; options: { value: string; label: string }[] }) {
  const err = p.errors?.[p.name];
  return (
    <div class={`vh-field${err ? ' vh-field--error' : ''}`}>
      <fieldset class="vh-fieldset" aria-describedby={[p.hint ? `h-${p.name}` : '', err ? `e-${p.name}` : ''].filter(Boolean).join(' ') || undefined}>
        <legend class="vh-label">{p.legend}</legend>
        {p.hint && (
          <p id={`h-${p.name}`} class="vh-hint">
            {p.hint}
          </p>
        )}
        {err && (
          <p id={`e-${p.name}`} class="vh-error">
            <span class="vh-visually-hidden">{p.ctx.t('Lỗi:', 'Error:')}</span> {p.ctx.lang === 'en' ? err.en : err.vi}
          </p>
        )}
        {p.options.map((o, i) => (
          <div class="vh-choice" key={o.value}>
            <input type="radio" id={i === 0 ? `f-${p.name}` : `f-${p.name}-${i}`} name={p.name} value={o.value} checked={o.value === p.value} />
            <label for={i === 0 ? `f-${p.name}` : `f-${p.name}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** One checkbox; never pre-ticked for consent (Law 91/2025 on personal data: consent is explicit). */
export function Checkbox(p: { ctx: PageContext; name: string; label: string; hint?: string; errors?: FieldErrors; checked?: boolean }) {
  const err = p.errors?.[p.name];
  return (
    <div class={`vh-field${err ? ' vh-field--error' : ''}`}>
      {err && (
        <p id={`e-${p.name}`} class="vh-error">
          <span class="vh-visually-hidden">{p.ctx.t('Lỗi:', 'Error:')}</span> {p.ctx.lang === 'en' ? err.en : err.vi}
        </p>
      )}
      <div class="vh-choice">
        <input type="checkbox" id={`f-${p.name}`} name={p.name} value="on" checked={p.checked} aria-describedby={err ? `e-${p.name}` : undefined} />
        <label for={`f-${p.name}`}>{p.label}</label>
      </div>
      {p.hint && <p class="vh-hint">{p.hint}</p>}
    </div>
  );
}

export function Form(props: { ctx: PageContext; action: string; children: ComponentChildren; label?: string; multipart?: boolean }) {
  return (
    <form
      method="post"
      action={props.action}
      noValidate
      aria-label={props.label}
      encType={props.multipart ? 'multipart/form-data' : undefined}
      class="vh-form"
    >
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      {props.children}
    </form>
  );
}

export function Button(props: { children: ComponentChildren; variant?: 'primary' | 'secondary' | 'warning'; name?: string; value?: string }) {
  return (
    <button type="submit" class={`vh-button vh-button--${props.variant ?? 'primary'}`} name={props.name} value={props.value}>
      {props.children}
    </button>
  );
}

/** A POST button for one action on one record (deactivate, delete …), with its CSRF token. */
export function ActionButton(props: { ctx: PageContext; action: string; label: string; fields?: Record<string, string>; variant?: 'primary' | 'secondary' | 'warning' }) {
  return (
    <form method="post" action={props.action} class="vh-inline">
      <input type="hidden" name="_csrf" value={props.ctx.csrf} />
      {Object.entries(props.fields ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={`vh-button vh-button--small vh-button--${props.variant ?? 'secondary'}`}>
        {props.label}
      </button>
    </form>
  );
}
