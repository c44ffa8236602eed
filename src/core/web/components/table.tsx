import type { ComponentChildren } from 'preact';
import type { PageContext } from '../page.js';

export interface Column<T> {
  header: string;
  /** the header is read by screen readers but not shown (e.g. an "Actions" column) */
  hiddenHeader?: boolean;
  /** this column names the row (`<th scope="row">`), read before each cell of the row */
  rowHeader?: boolean;
  className?: string;
  cell: (row: T) => ComponentChildren;
}

/** A data table with a caption, column headers with scope, horizontal scrolling on narrow
 * screens and a message row when there is nothing to show. */
export function DataTable<T>(p: { ctx: PageContext; caption: string; captionVisible?: boolean; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string; empty?: string }) {
  return (
    <div class="vh-table-wrap">
      <table class="vh-table">
        <caption class={p.captionVisible ? undefined : 'vh-visually-hidden'}>{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th scope="col" key={c.header}>
                {c.hiddenHeader ? <span class="vh-visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.length === 0 && (
            <tr>
              <td colSpan={p.columns.length}>{p.empty ?? p.ctx.t('Không có dữ liệu.', 'Nothing to show.')}</td>
            </tr>
          )}
          {p.rows.map((r) => (
            <tr key={p.rowKey(r)}>
              {p.columns.map((c) =>
                c.rowHeader ? (
                  <th scope="row" key={c.header} class={c.className}>
                    {c.cell(r)}
                  </th>
                ) : (
                  <td key={c.header} class={c.className}>
                    {c.cell(r)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
