/**
 * ISO 20022 camt.053 (BankToCustomerStatement), as Vietnamese banks and the State Treasury export
 * it, turned into the same table the CSV/XLSX reader takes (header + one row per entry), so one
 * reconciliation path serves every format. Only what reconciliation needs is read, per <Ntry>:
 * the bank's reference (AcctSvcrRef, else NtryRef), the booking date, the amount with its
 * currency and credit/debit indicator, and the unstructured remittance information (the memo).
 * Debits come out with an empty credit cell (skipped as debits); a currency other than VND makes
 * the amount unreadable, so the whole file is refused with the line named.
 * No DTD or entity expansion: a document with a DOCTYPE is not a camt.053 we accept.
 */
const decode = (s: string) =>
  s
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&')
    .trim();

/** The text of the first element named `tag` (any namespace prefix) inside `xml`. */
function first(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${tag}>`).exec(xml);
  return m ? m[1] : undefined;
}
function all(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:\\w+:)?${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:\\w+:)?${tag}>`, 'g'))].map((m) => m[1]!);
}

export const isCamt053 = (data: Buffer) => {
  const head = data.subarray(0, 4096).toString('utf8');
  return /urn:iso:std:iso:20022:tech:xsd:camt\.053/.test(head) || /<(?:\w+:)?BkToCstmrStmt[\s>]/.test(head);
};

export const CAMT_HEADER = ['Mã giao dịch', 'Ngày giao dịch', 'Số tiền ghi có', 'Nội dung'];

export function camt053Rows(data: Buffer): string[][] | { error: string } {
  const xml = data.toString('utf8').replace(/^\uFEFF/, '');
  if (/<!DOCTYPE/i.test(xml)) return { error: 'Tệp camt.053 không được chứa DOCTYPE.' };
  const stmts = all(xml, 'Stmt');
  if (!stmts.length) return { error: 'Tệp XML không có sao kê (BkToCstmrStmt/Stmt) theo ISO 20022 camt.053.' };
  const rows: string[][] = [CAMT_HEADER];
  for (const stmt of stmts) {
    for (const e of all(stmt, 'Ntry')) {
      const amtM = /<(?:\w+:)?Amt(?:\s+Ccy="([A-Z]{3})")?[^>]*>([^<]*)<\/(?:\w+:)?Amt>/.exec(e);
      const ccy = amtM?.[1] ?? '';
      const amount = decode(amtM?.[2] ?? '');
      const credit = decode(first(e, 'CdtDbtInd') ?? '') === 'CRDT';
      const bookg = first(e, 'BookgDt') ?? first(e, 'ValDt') ?? '';
      const date = decode(first(bookg, 'Dt') ?? first(bookg, 'DtTm') ?? '').slice(0, 10);
      const ref = decode(first(e, 'AcctSvcrRef') ?? first(e, 'NtryRef') ?? first(e, 'EndToEndId') ?? '');
      const memo = all(e, 'Ustrd').map(decode).join(' ') || decode(first(e, 'AddtlNtryInf') ?? '');
      rows.push([ref, date, credit ? (ccy === 'VND' || ccy === '' ? amount : `không phải VND (${ccy})`) : '', memo]);
    }
  }
  return rows;
}
