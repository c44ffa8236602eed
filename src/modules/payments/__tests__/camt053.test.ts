import { describe, expect, it } from 'vitest';
import { camt053Rows, isCamt053 } from '../camt053.js';
import { readStatement } from '../reconcile.js';

const entry = (ref: string, amt: string, ind: 'CRDT' | 'DBIT', memo: string, ccy = 'VND') => `
      <Ntry>
        <Amt Ccy="${ccy}">${amt}</Amt>
        <CdtDbtInd>${ind}</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>2026-12-05</Dt></BookgDt>
        <AcctSvcrRef>${ref}</AcctSvcrRef>
        <NtryDtls><TxDtls><RmtInf><Ustrd>${memo}</Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry>`;
const doc = (entries: string) =>
  Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-20261205</MsgId><CreDtTm>2026-12-05T17:00:00+07:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>113000012345-20261205</Id>
      <Acct><Id><Othr><Id>113000012345</Id></Othr></Id><Ccy>VND</Ccy></Acct>${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>`);

describe('camt.053 (ISO 20022) statements', () => {
  it('reads credits as statement lines, skips debits, decodes entities', () => {
    const data = doc(entry('FT26339A1', '4000000.00', 'CRDT', 'SVHTTDL 261205 0001 nop phi') + entry('FT26339B2', '15000', 'DBIT', 'phi SMS') + entry('FT26339C3', '150000', 'CRDT', 'Nguyen &amp; Tran'));
    expect(isCamt053(data)).toBe(true);
    const rows = camt053Rows(data);
    if ('error' in rows) throw new Error(rows.error);
    const r = readStatement(rows);
    expect(r.format).toBeUndefined();
    expect(r.problems).toEqual([]);
    expect(r.lines).toEqual([
      { line: 2, txnId: 'FT26339A1', date: '2026-12-05', amount: 4_000_000, memo: 'SVHTTDL 261205 0001 nop phi' },
      { line: 4, txnId: 'FT26339C3', date: '2026-12-05', amount: 150_000, memo: 'Nguyen & Tran' },
    ]);
  });

  it('refuses another currency with the line named, and any DOCTYPE', () => {
    const rows = camt053Rows(doc(entry('FT1', '100', 'CRDT', 'x', 'USD')));
    if ('error' in rows) throw new Error(rows.error);
    expect(readStatement(rows).problems[0]!.vi).toMatch(/^Dòng 2: số tiền "không phải VND \(USD\)" không hợp lệ/);
    expect(camt053Rows(Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"/>'))).toEqual({ error: 'Tệp camt.053 không được chứa DOCTYPE.' });
    expect(isCamt053(Buffer.from('Ngày giao dịch,Mã giao dịch\n'))).toBe(false);
  });
});
