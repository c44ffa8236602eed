import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Services } from '../../core/context.js';
import { UUID_RE } from '../../core/validation.js';
import { toMarcXml, toOaiDc, xmlEscape } from './library.marc.js';
import type { MarcRecord } from './library.schema.js';

/**
 * OAI-PMH 2.0 provider (openarchives.org/OAI/openarchivesprotocol.html). Lists page on a keyset
 * cursor (datestamp, id) carried in a signed, expiring resumption token, never OFFSET: DSpace
 * paged by offset and its page 1,500 took 13 s (DSpace #12980). Deleted records stay as
 * tombstones (deletedRecord = persistent).
 */
export const OAI_PAGE = 200;
const TOKEN_TTL_S = 3600;
const FORMATS = {
  oai_dc: { schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', ns: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  marc21: { schema: 'http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd', ns: 'http://www.loc.gov/MARC21/slim' },
} as const;
type Prefix = keyof typeof FORMATS;
const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'ListIdentifiers', 'ListRecords', 'GetRecord'] as const;
const ARGS: Record<string, string[]> = {
  Identify: [],
  ListMetadataFormats: ['identifier'],
  ListSets: ['resumptionToken'],
  ListIdentifiers: ['metadataPrefix', 'from', 'until', 'set', 'resumptionToken'],
  ListRecords: ['metadataPrefix', 'from', 'until', 'set', 'resumptionToken'],
  GetRecord: ['identifier', 'metadataPrefix'],
};

interface Cursor {
  p: Prefix;
  s?: string;
  f?: string;
  u?: string;
  /** last datestamp (UTC, microseconds) and id of the previous page */
  d: string;
  i: string;
  c: number;
  n: number;
  e: number;
}

class OaiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface OaiOptions {
  baseUrl: string;
  repositoryIdentifier: string;
  secret: string;
  pageSize?: number;
  /** for tests: the clock of token expiry */
  now?: () => number;
}

export function oaiOptions(s: Services): OaiOptions {
  const host = new URL(s.config.publicUrl).hostname;
  // oai-identifier.xsd wants a domain name with a dot: "localhost" becomes "localhost.local".
  const repositoryIdentifier = host.includes('.') && !/^[\d.]+$/.test(host) ? host : 'vanhien.local';
  return { baseUrl: `${s.config.publicUrl}/oai`, repositoryIdentifier, secret: crypto.createHash('sha256').update(`library.oai:${s.config.sessionSecret}`).digest('hex') };
}

const sign = (o: OaiOptions, body: string) => crypto.createHmac('sha256', o.secret).update(body).digest('base64url').slice(0, 22);
function encodeToken(o: OaiOptions, c: Cursor): string {
  const body = Buffer.from(JSON.stringify(c)).toString('base64url');
  return `${body}.${sign(o, body)}`;
}
function decodeToken(o: OaiOptions, token: string): Cursor {
  const [body, mac] = token.split('.');
  if (!body || !mac || mac.length !== 22 || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(sign(o, body)))) throw new OaiError('badResumptionToken', 'The resumptionToken is not one this repository issued.');
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw new OaiError('badResumptionToken', 'The resumptionToken cannot be read.');
  }
  if (c.e * 1000 < (o.now ?? Date.now)()) throw new OaiError('badResumptionToken', 'The resumptionToken has expired; start the list again.');
  return c;
}

/** UTC with Z, seconds granularity (the repository's granularity). */
export const utc = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

function parseDate(v: string, end: boolean): { at: string; day: boolean } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const d = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) throw new OaiError('badArgument', `Invalid date ${v}.`);
    return { at: end ? `${v}T23:59:59.999999Z` : `${v}T00:00:00Z`, day: true };
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(v)) {
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new OaiError('badArgument', `Invalid datetime ${v}.`);
    return { at: end ? v.replace('Z', '.999999Z') : v, day: false };
  }
  throw new OaiError('badArgument', `The date ${v} is neither YYYY-MM-DD nor YYYY-MM-DDThh:mm:ssZ.`);
}

type Row = {
  id: string;
  ds: string;
  deleted: boolean;
  marc: MarcRecord | null;
  code: string;
  topics: string[];
};

const setSpecs = (r: Pick<Row, 'code' | 'topics'>) => [`col:${r.code}`, ...r.topics.map((t) => `topic:${t}`)];

function header(o: OaiOptions, r: Row): string {
  return `<header${r.deleted ? ' status="deleted"' : ''}><identifier>oai:${o.repositoryIdentifier}:${r.id}</identifier><datestamp>${r.ds}</datestamp>${setSpecs(r)
    .map((s) => `<setSpec>${xmlEscape(s)}</setSpec>`)
    .join('')}</header>`;
}
function recordXml(o: OaiOptions, r: Row, p: Prefix): string {
  if (r.deleted || !r.marc) return `<record>${header(o, r)}</record>`;
  return `<record>${header(o, r)}<metadata>${p === 'oai_dc' ? toOaiDc(r.marc) : toMarcXml(r.marc)}</metadata></record>`;
}

function idOf(o: OaiOptions, identifier: string): string {
  const prefix = `oai:${o.repositoryIdentifier}:`;
  const id = identifier.startsWith(prefix) ? identifier.slice(prefix.length) : '';
  if (!UUID_RE.test(id)) throw new OaiError('idDoesNotExist', `No item ${identifier} in this repository.`);
  return id.toLowerCase();
}

const ROW_SQL = sql`r.id, to_char(r.datestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS ds,
  to_char(r.datestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS dsx, r.deleted_at IS NOT NULL AS deleted, c.code, r.topics`;

/** Answers one request; `args` are the query (GET) or form (POST) parameters. Always HTTP 200. */
export async function oaiRespond(s: Services, o: OaiOptions, args: Record<string, string | string[] | undefined>): Promise<string> {
  const now = utc(new Date());
  const verb = typeof args.verb === 'string' ? args.verb : undefined;
  const requestAttrs = () =>
    Object.entries(args)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => ` ${k}="${xmlEscape(v as string)}"`)
      .join('');
  const wrap = (inner: string, attrs: boolean) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"><responseDate>${now}</responseDate><request${attrs ? requestAttrs() : ''}>${xmlEscape(o.baseUrl)}</request>${inner}</OAI-PMH>`;
  try {
    if (!verb || !(VERBS as readonly string[]).includes(verb)) throw new OaiError('badVerb', verb ? `Illegal verb ${verb}.` : 'The verb argument is missing or repeated.');
    for (const [k, v] of Object.entries(args)) {
      if (k === 'verb') continue;
      if (!ARGS[verb]!.includes(k)) throw new OaiError('badArgument', `Illegal argument ${k} for ${verb}.`);
      if (typeof v !== 'string') throw new OaiError('badArgument', `The argument ${k} is repeated.`);
    }
    const a = args as Record<string, string | undefined>;
    const body = await handle(s, o, verb as (typeof VERBS)[number], a);
    return wrap(body, true);
  } catch (e) {
    if (!(e instanceof OaiError)) throw e;
    // §3.6: with badVerb or badArgument the request element carries no attributes.
    const attrs = e.code !== 'badVerb' && e.code !== 'badArgument';
    return wrap(`<error code="${e.code}">${xmlEscape(e.message)}</error>`, attrs);
  }
}

async function handle(s: Services, o: OaiOptions, verb: (typeof VERBS)[number], a: Record<string, string | undefined>): Promise<string> {
  const prefixOf = (p: string | undefined): Prefix => {
    if (!p) throw new OaiError('badArgument', 'metadataPrefix is required.');
    if (!(p in FORMATS)) throw new OaiError('cannotDisseminateFormat', `The format ${p} is not supported (oai_dc, marc21).`);
    return p as Prefix;
  };
  switch (verb) {
    case 'Identify': {
      const r = await s.db.execute<{ d: Date | null }>(sql`SELECT min(datestamp) AS d FROM library_records`);
      const earliest = r.rows[0]?.d ? utc(new Date(r.rows[0].d)) : '2020-01-01T00:00:00Z';
      return `<Identify><repositoryName>Thư viện số tỉnh — Văn Hiến</repositoryName><baseURL>${xmlEscape(o.baseUrl)}</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>thuvien@vanhien.test</adminEmail><earliestDatestamp>${earliest}</earliestDatestamp><deletedRecord>persistent</deletedRecord><granularity>YYYY-MM-DDThh:mm:ssZ</granularity><description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai-identifier http://www.openarchives.org/OAI/2.0/oai-identifier.xsd"><scheme>oai</scheme><repositoryIdentifier>${o.repositoryIdentifier}</repositoryIdentifier><delimiter>:</delimiter><sampleIdentifier>oai:${o.repositoryIdentifier}:00000000-0000-4000-8000-000000000000</sampleIdentifier></oai-identifier></description></Identify>`;
    }
    case 'ListMetadataFormats': {
      if (a.identifier) {
        const id = idOf(o, a.identifier);
        const r = await s.db.execute<{ deleted: boolean }>(sql`SELECT deleted_at IS NOT NULL AS deleted FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE r.id = ${id} AND c.access <> 'restricted'`);
        if (!r.rows[0]) throw new OaiError('idDoesNotExist', `No item ${a.identifier}.`);
        // A deleted item keeps its header only: no format can be disseminated for it.
        if (r.rows[0].deleted) throw new OaiError('noMetadataFormats', 'The item is deleted; no metadata formats are available for it.');
      }
      return `<ListMetadataFormats>${Object.entries(FORMATS)
        .map(([p, f]) => `<metadataFormat><metadataPrefix>${p}</metadataPrefix><schema>${f.schema}</schema><metadataNamespace>${f.ns}</metadataNamespace></metadataFormat>`)
        .join('')}</ListMetadataFormats>`;
    }
    case 'ListSets': {
      if (a.resumptionToken) throw new OaiError('badResumptionToken', 'ListSets is answered in one response; no token was issued.');
      const cols = await s.db.execute<{ code: string; name: string }>(sql`SELECT code, name FROM library_collections c WHERE access <> 'restricted' AND EXISTS (SELECT 1 FROM library_records r WHERE r.collection_id = c.id) ORDER BY sort, code`);
      const topics = await s.db.execute<{ code: string; heading: string }>(
        sql`SELECT a.code, a.heading FROM library_authorities a WHERE a.kind = 'topic' AND EXISTS (SELECT 1 FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE a.code = ANY(r.topics) AND c.access <> 'restricted') ORDER BY a.code`,
      );
      if (!cols.rows.length && !topics.rows.length) throw new OaiError('noSetHierarchy', 'This repository has no sets yet.');
      return `<ListSets>${[...cols.rows.map((c) => [`col:${c.code}`, c.name]), ...topics.rows.map((t) => [`topic:${t.code}`, `Địa chí: ${t.heading}`])]
        .map(([spec, name]) => `<set><setSpec>${xmlEscape(spec!)}</setSpec><setName>${xmlEscape(name!)}</setName></set>`)
        .join('')}</ListSets>`;
    }
    case 'GetRecord': {
      if (!a.identifier) throw new OaiError('badArgument', 'identifier is required.');
      const p = prefixOf(a.metadataPrefix);
      const id = idOf(o, a.identifier);
      const r = await s.db.execute<Row>(sql`SELECT ${ROW_SQL}, r.marc FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE r.id = ${id} AND c.access <> 'restricted'`);
      if (!r.rows[0]) throw new OaiError('idDoesNotExist', `No item ${a.identifier}.`);
      return `<GetRecord>${recordXml(o, r.rows[0], p)}</GetRecord>`;
    }
    case 'ListIdentifiers':
    case 'ListRecords': {
      let c: Cursor;
      if (a.resumptionToken) {
        if (a.metadataPrefix || a.from || a.until || a.set) throw new OaiError('badArgument', 'resumptionToken is an exclusive argument.');
        c = decodeToken(o, a.resumptionToken);
      } else {
        const p = prefixOf(a.metadataPrefix);
        const f = a.from ? parseDate(a.from, false) : undefined;
        const u = a.until ? parseDate(a.until, true) : undefined;
        if (f && u && f.day !== u.day) throw new OaiError('badArgument', 'from and until must have the same granularity.');
        if (f && u && f.at > u.at) throw new OaiError('badArgument', 'from is later than until.');
        if (a.set && !/^(col|topic):[A-Za-z0-9._-]+$/.test(a.set)) throw new OaiError('noRecordsMatch', `No set ${a.set}.`);
        c = { p, s: a.set, f: f?.at, u: u?.at, d: '', i: '', c: 0, n: -1, e: 0 };
      }
      const full = verb === 'ListRecords';
      const where = [sql`c.access <> 'restricted'`];
      if (c.f) where.push(sql`r.datestamp >= ${c.f}::timestamptz`);
      if (c.u) where.push(sql`r.datestamp <= ${c.u}::timestamptz`);
      if (c.s?.startsWith('col:')) where.push(sql`c.code = ${c.s.slice(4)}`);
      if (c.s?.startsWith('topic:')) where.push(sql`${c.s.slice(6)} = ANY(r.topics)`);
      const filter = sql.join(where, sql` AND `);
      // completeListSize is counted once, on the first page, on its own connection while the page
      // is read: the first page costs max(count, page), not their sum
      const counting =
        c.n < 0 ? s.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM library_records r JOIN library_collections c ON c.id = r.collection_id WHERE ${filter}`) : undefined;
      const after = c.d ? sql` AND (r.datestamp, r.id) > (${`${c.d}Z`}::timestamptz, ${c.i}::uuid)` : sql``;
      const size = o.pageSize ?? OAI_PAGE;
      const reading = s.db.execute<Row & { dsx: string }>(
        sql`SELECT ${ROW_SQL}${full ? sql`, CASE WHEN r.deleted_at IS NULL THEN r.marc END AS marc` : sql``} FROM library_records r JOIN library_collections c ON c.id = r.collection_id
             WHERE ${filter}${after} ORDER BY r.datestamp, r.id LIMIT ${size + 1}`,
      );
      const [counted, r] = await Promise.all([counting, reading]);
      if (counted) {
        c.n = counted.rows[0]!.n;
        if (!c.n) throw new OaiError('noRecordsMatch', 'No records match the arguments.');
      }
      const more = r.rows.length > size;
      const rows = r.rows.slice(0, size);
      const items = rows.map((x) => (full ? recordXml(o, x, c.p) : header(o, x))).join('');
      let token = '';
      if (more) {
        const last = rows[rows.length - 1]!;
        const expires = Math.floor((o.now ?? Date.now)() / 1000) + TOKEN_TTL_S;
        const next: Cursor = { ...c, d: last.dsx, i: last.id, c: c.c + rows.length, e: expires };
        token = `<resumptionToken expirationDate="${utc(new Date(expires * 1000))}" completeListSize="${c.n}" cursor="${c.c}">${encodeToken(o, next)}</resumptionToken>`;
      } else if (a.resumptionToken) token = `<resumptionToken completeListSize="${c.n}" cursor="${c.c}"/>`;
      return `<${verb}>${items}${token}</${verb}>`;
    }
  }
}
