import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on first use: it pulls in about 300 files (jszip, archiver, unzipper, fast-csv)
 * that took a third of a second of every start for an export nobody has asked for yet (issue 9:
 * cold start ≤ 8 s). Modules import its types statically and its code through this.
 */
export function excel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then((m) => ((m as { default?: typeof ExcelJS }).default ?? (m as unknown as typeof ExcelJS)));
  return loaded;
}
