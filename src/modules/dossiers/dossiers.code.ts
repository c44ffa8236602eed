/**
 * The dossier code. Circular 03/2025/TT-VPCP gives the default shape <agency code>-YYMMDD-NNNN,
 * but domain.md §1 says the format must be configurable and the sequence may outgrow 4 digits.
 * This constant moves to the agency's settings when the core grows a settings table.
 * Tokens: {agency}, {yymmdd}, {yyyymmdd}, {seq:N} (at least N digits, more when needed).
 */
export const DOSSIER_CODE_FORMAT = '{agency}-{yymmdd}-{seq:4}';

/** `day` is the Vietnamese calendar day (YYYY-MM-DD) of the submission. */
export function formatDossierCode(format: string, v: { agency: string; day: string; seq: number }): string {
  const [y, m, d] = v.day.split('-') as [string, string, string];
  return format.replace(/\{(agency|yymmdd|yyyymmdd|seq)(?::(\d{1,2}))?\}/g, (_all, token: string, width?: string) => {
    switch (token) {
      case 'agency':
        return v.agency;
      case 'yymmdd':
        return `${y.slice(2)}${m}${d}`;
      case 'yyyymmdd':
        return `${y}${m}${d}`;
      default:
        return String(v.seq).padStart(Number(width ?? 1), '0');
    }
  });
}
