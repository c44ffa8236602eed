import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../../../test/helpers/platform.js';
import { SYSTEM } from '../../../core/auth/actor.js';
import { deleteRecord } from '../library.commands.js';

/** Every response is checked with xmllint against the official XSDs (shared/schemas/oai). */
const SCHEMAS = path.resolve(process.cwd(), '../shared/schemas/oai');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-oai-'));
let n = 0;
// oai-all.xsd plus the oai-identifier description of Identify, in one driver.
const DRIVER = path.join(dir, 'driver.xsd');
fs.writeFileSync(
  DRIVER,
  `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="${SCHEMAS}/OAI-PMH.xsd"/><xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="${SCHEMAS}/oai_dc.xsd"/><xs:import namespace="http://www.loc.gov/MARC21/slim" schemaLocation="${SCHEMAS}/MARC21slim.xsd"/><xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier" schemaLocation="${SCHEMAS}/oai-identifier.xsd"/></xs:schema>`,
);
function validate(xml: string): void {
  const file = path.join(dir, `r${n++}.xml`);
  fs.writeFileSync(file, xml);
  try {
    execFileSync('/usr/bin/xmllint', ['--nonet', '--noout', '--schema', DRIVER, file], { env: { ...process.env, XML_CATALOG_FILES: path.join(SCHEMAS, 'catalog.xml') }, stdio: 'pipe' });
  } catch (e) {
    throw new Error(`XSD: ${String((e as { stderr?: Buffer }).stderr ?? e).slice(0, 2000)}\n${xml.slice(0, 1500)}`);
  }
}
const errorCode = (xml: string) => /<error code="([A-Za-z]+)"/.exec(xml)?.[1];
const token = (xml: string) => /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1];

describe('library OAI-PMH 2.0', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const get = async (q: string) => {
    const res = await t.app.inject({ url: `/oai?${q}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/xml/);
    validate(res.body);
    return res.body;
  };

  it('harvests the whole demo repository page by page in both formats, every response valid', async () => {
    // a tombstone: deleted records stay in the harvest with status="deleted"
    const first = await t.platform.services.db.execute<{ id: string }>(`SELECT id FROM library_records r WHERE is_demo ORDER BY id LIMIT 1` as never);
    await deleteRecord({ services: t.platform.services, actor: SYSTEM }, first.rows[0]!.id);
    const identify = await get('verb=Identify');
    expect(identify).toContain('<deletedRecord>persistent</deletedRecord>');
    expect(identify).toMatch(/<earliestDatestamp>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/earliestDatestamp>/);
    await get('verb=ListMetadataFormats');
    const sets = await get('verb=ListSets');
    expect(sets).toContain('<setSpec>col:dia-chi</setSpec>');
    const visible = await t.platform.services.db.execute<{ n: number }>(
      `SELECT count(*)::int AS n FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE c.access <> 'restricted'` as never,
    );
    for (const prefix of ['oai_dc', 'marc21']) {
      const ids = new Set<string>();
      let pages = 0;
      let deleted = 0;
      let xml = await get(`verb=ListRecords&metadataPrefix=${prefix}`);
      for (;;) {
        pages++;
        for (const m of xml.matchAll(/<identifier>([^<]+)<\/identifier>/g)) ids.add(m[1]!);
        deleted += (xml.match(/status="deleted"/g) ?? []).length;
        const next = token(xml);
        if (!next) break;
        expect(xml).toMatch(new RegExp(`completeListSize="${visible.rows[0]!.n}"`));
        // POST as well as GET
        const res = await t.app.inject({ method: 'POST', url: '/oai', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `verb=ListRecords&resumptionToken=${encodeURIComponent(next)}` });
        expect(res.statusCode).toBe(200);
        validate(res.body);
        xml = res.body;
      }
      expect(pages).toBeGreaterThan(1);
      expect(ids.size).toBe(visible.rows[0]!.n);
      expect(deleted).toBe(1);
    }
    const idsOnly = await get('verb=ListIdentifiers&metadataPrefix=oai_dc&set=col:dia-chi');
    expect(idsOnly).toContain('<setSpec>col:dia-chi</setSpec>');
    const one = /<identifier>([^<]+)<\/identifier>/.exec(idsOnly)![1]!;
    const rec = await get(`verb=GetRecord&metadataPrefix=marc21&identifier=${encodeURIComponent(one)}`);
    expect(rec).toContain('<leader>');
    const today = new Date().toISOString().slice(0, 10);
    await get(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${today}&until=${today}`);
    await get(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${today}T00:00:00Z&until=${today}T23:59:59Z`);
  });

  it('answers every protocol error with HTTP 200 and the error element', async () => {
    const cases: [string, string][] = [
      ['verb=Nope', 'badVerb'],
      ['', 'badVerb'],
      ['verb=ListRecords', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2026-13-01', 'badArgument'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=2026-01-01&until=2026-02-01T00:00:00Z', 'badArgument'],
      ['verb=Identify&x=1', 'badArgument'],
      ['verb=ListRecords&resumptionToken=forged.AAAAAAAAAAAAAAAAAAAAAA', 'badResumptionToken'],
      ['verb=ListRecords&metadataPrefix=mods', 'cannotDisseminateFormat'],
      ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere:1', 'idDoesNotExist'],
      ['verb=ListRecords&metadataPrefix=oai_dc&from=1990-01-01&until=1990-01-02', 'noRecordsMatch'],
    ];
    for (const [q, code] of cases) expect(errorCode(await get(q)), q).toBe(code);
    // noMetadataFormats: the item is a tombstone
    const del = await t.platform.services.db.execute<{ id: string }>(`SELECT id FROM library_records WHERE deleted_at IS NOT NULL LIMIT 1` as never);
    const host = /<repositoryIdentifier>([^<]+)</.exec(await get('verb=Identify'))![1];
    expect(errorCode(await get(`verb=ListMetadataFormats&identifier=oai:${host}:${del.rows[0]!.id}`))).toBe('noMetadataFormats');
    // an expired token: issued, then read an hour and a bit later
    const { oaiOptions, oaiRespond } = await import('../library.oai.js');
    const o = oaiOptions(t.platform.services);
    const page = await oaiRespond(t.platform.services, { ...o, pageSize: 5 }, { verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' });
    const later = await oaiRespond(t.platform.services, { ...o, pageSize: 5, now: () => Date.now() + 3700_000 }, { verb: 'ListIdentifiers', resumptionToken: token(page)! });
    expect(errorCode(later)).toBe('badResumptionToken');
    // noSetHierarchy: a repository without sets (every collection emptied)
    await t.platform.services.db.execute('UPDATE library_collections SET access = \'restricted\'' as never);
    expect(errorCode(await get('verb=ListSets'))).toBe('noSetHierarchy');
  });
});
