import { DataFactory, type Literal, Writer, type Quad, type Term } from 'n3';
import type { Services } from '../../core/context.js';
import { listAdminUnits } from '../../core/places/index.js';
import { loadCatalogue } from './indicators.demo.js';
import * as repo from './indicators.repository.js';

const { namedNode, literal, quad } = DataFactory;

export const PREFIXES: Record<string, string> = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  adms: 'http://www.w3.org/ns/adms#',
};
const iri = (prefixed: string) => {
  const [p, local] = prefixed.split(':') as [string, string];
  return namedNode(`${PREFIXES[p]}${local}`);
};

/** The EU frequency vocabulary (DCAT-AP's dct:accrualPeriodicity range). */
const FREQUENCY: Record<string, string> = {
  month: 'http://publications.europa.eu/resource/authority/frequency/MONTHLY',
  quarter: 'http://publications.europa.eu/resource/authority/frequency/QUARTERLY',
  year: 'http://publications.europa.eu/resource/authority/frequency/ANNUAL',
};
const FILE_TYPE = {
  csv: 'http://publications.europa.eu/resource/authority/file-type/CSV',
  json: 'http://publications.europa.eu/resource/authority/file-type/JSON',
};
const MEDIA_TYPES = ['https://www.iana.org/assignments/media-types/text/csv', 'https://www.iana.org/assignments/media-types/application/json'];
const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

/**
 * The DCAT-AP 3 catalogue (issue 11 part 5): one dcat:Dataset per indicator with published
 * values, each with a CSV and a JSON distribution of the pull API, the agency as publisher,
 * the portal's open-data licence statement (CC BY 4.0), temporal coverage from the published
 * periods, spatial coverage (the province), update frequency, contact point and theme. Every
 * node is an IRI under the portal (no blank nodes), so the Turtle and JSON-LD forms can be
 * compared triple by triple.
 */
export async function catalogGraph(s: Services, base: string): Promise<Quad[]> {
  const cat = loadCatalogue(s.config.demoDir);
  const [defs, cov] = await Promise.all([repo.listDefinitions(s.db), repo.publishedCoverage(s.db)]);
  const provinceUnit = (await listAdminUnits(s.db, { level: ['province'] }))[0];
  const q: Quad[] = [];
  const add = (sub: Term, pred: string, obj: Term) => q.push(quad(sub as never, iri(pred), obj as never));
  const text = (sub: Term, pred: string, vi: string, en?: string) => {
    add(sub, pred, literal(vi, 'vi'));
    if (en) add(sub, pred, literal(en, 'en'));
  };
  const date = (v: string) => literal(v, iri('xsd:date'));
  const dateTime = (v: Date) => literal(v.toISOString(), iri('xsd:dateTime'));

  const catalog = namedNode(`${base}/api/v1/catalog`);
  const publisher = namedNode(`${base}/#co-quan`);
  const contact = namedNode(`${base}/#lien-he-du-lieu-mo`);
  const licence = namedNode(`${base}/du-lieu-mo/giay-phep`);
  const scheme = namedNode(`${base}/api/v1/catalog#nhom-chi-tieu`);
  const spatial = namedNode(`${base}/api/v1/places/${provinceUnit?.code ?? 'tinh'}`);

  add(catalog, 'rdf:type', iri('dcat:Catalog'));
  text(
    catalog,
    'dct:title',
    'Danh mục dữ liệu mở chỉ tiêu thống kê ngành văn hóa, thể thao và du lịch',
    'Open data catalogue of the culture, sports and tourism sector indicators',
  );
  text(
    catalog,
    'dct:description',
    'Số liệu đã công bố của các chỉ tiêu thống kê ngành do Sở cung cấp cho Trung tâm điều hành thông minh (IOC) của tỉnh. Dữ liệu minh họa được đánh dấu rõ.',
    'Published figures of the sector indicators the department provides to the provincial Intelligent Operations Centre. Demo data is marked as such.',
  );
  add(catalog, 'dct:publisher', publisher);
  add(catalog, 'dct:license', licence);
  add(catalog, 'dcat:themeTaxonomy', scheme);
  add(catalog, 'foaf:homepage', namedNode(`${base}/so-lieu`));
  const vie = namedNode('http://publications.europa.eu/resource/authority/language/VIE');
  add(catalog, 'dct:language', vie);
  // Without RDFS inference the shapes check each object's declared class (range.ttl), so the
  // controlled-vocabulary terms and pages the catalogue points to carry their DCAT-AP class.
  add(vie, 'rdf:type', iri('dct:LinguisticSystem'));
  add(namedNode(`${base}/so-lieu`), 'rdf:type', iri('foaf:Document'));
  for (const f of Object.values(FREQUENCY)) add(namedNode(f), 'rdf:type', iri('dct:Frequency'));
  for (const f of Object.values(FILE_TYPE)) add(namedNode(f), 'rdf:type', iri('dct:MediaTypeOrExtent'));
  for (const m of MEDIA_TYPES) add(namedNode(m), 'rdf:type', iri('dct:MediaType'));
  add(catalog, 'dct:spatial', spatial);

  add(publisher, 'rdf:type', iri('foaf:Agent'));
  text(publisher, 'foaf:name', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism');

  add(contact, 'rdf:type', iri('vcard:Kind'));
  add(contact, 'rdf:type', iri('vcard:Organization'));
  text(contact, 'vcard:fn', 'Văn phòng Sở – bộ phận dữ liệu mở', 'Department office – open data desk');
  add(contact, 'vcard:hasEmail', namedNode('mailto:dulieumo@vanhien.gov.vn'));

  add(licence, 'rdf:type', iri('dct:LicenseDocument'));
  text(
    licence,
    'dct:title',
    'Dữ liệu mở được phép sử dụng, chia sẻ, chỉnh sửa tự do, kể cả cho mục đích thương mại, với điều kiện ghi rõ nguồn (tương đương CC BY 4.0)',
    'Open data: free to use, share and adapt, including commercially, with attribution (equivalent to CC BY 4.0)',
  );
  add(licence, 'dct:source', namedNode(CC_BY));

  add(spatial, 'rdf:type', iri('dct:Location'));
  if (provinceUnit) text(spatial, 'skos:prefLabel', provinceUnit.name, provinceUnit.nameEn);

  add(scheme, 'rdf:type', iri('skos:ConceptScheme'));
  text(scheme, 'dct:title', 'Nhóm chỉ tiêu thống kê ngành', 'Sector indicator themes');
  const themeNode = (code: string) => namedNode(`${base}/api/v1/catalog#nhom-${code}`);
  for (const t of cat.themes) {
    const n = themeNode(t.code);
    add(n, 'rdf:type', iri('skos:Concept'));
    text(n, 'skos:prefLabel', t.name, t.nameEn);
    add(n, 'skos:inScheme', scheme);
  }

  for (const d of defs) {
    const c = cov.get(d.code);
    if (!c) continue;
    const api = `${base}/api/v1/indicators/${encodeURIComponent(d.code)}`;
    const ds = namedNode(`${api}#dataset`);
    add(catalog, 'dcat:dataset', ds);
    add(ds, 'rdf:type', iri('dcat:Dataset'));
    add(ds, 'dct:identifier', literal(d.code));
    text(ds, 'dct:title', d.name, d.nameEn);
    text(ds, 'dct:description', `${d.definition} Cách tính: ${d.formula}. Đơn vị tính: ${d.measureUnit}.`, `${d.nameEn}. Unit: ${d.measureUnitEn}.`);
    add(ds, 'dct:publisher', publisher);
    add(ds, 'dcat:contactPoint', contact);
    add(ds, 'dcat:theme', themeNode(d.theme));
    add(ds, 'dct:accrualPeriodicity', namedNode(FREQUENCY[d.periodicity]!));
    add(ds, 'dct:spatial', spatial);
    add(ds, 'dct:modified', dateTime(c.lastUpdated));
    const landing = namedNode(`${base}/so-lieu/${encodeURIComponent(d.code)}`);
    add(ds, 'dcat:landingPage', landing);
    add(landing, 'rdf:type', iri('foaf:Document'));
    const temporal = namedNode(`${api}#temporal`);
    add(ds, 'dct:temporal', temporal);
    add(temporal, 'rdf:type', iri('dct:PeriodOfTime'));
    add(temporal, 'dcat:startDate', date(c.firstStart));
    add(temporal, 'dcat:endDate', date(c.lastEnd));
    for (const [fmt, type, media] of [
      ['csv', FILE_TYPE.csv, MEDIA_TYPES[0]!],
      ['json', FILE_TYPE.json, MEDIA_TYPES[1]!],
    ] as const) {
      const dist = namedNode(`${api}#${fmt}`);
      const url = namedNode(`${api}/observations?format=${fmt}`);
      add(ds, 'dcat:distribution', dist);
      add(dist, 'rdf:type', iri('dcat:Distribution'));
      add(dist, 'dcat:accessURL', url);
      add(dist, 'dcat:downloadURL', url);
      text(dist, 'dct:title', `${d.name} (${fmt.toUpperCase()})`, `${d.nameEn} (${fmt.toUpperCase()})`);
      add(dist, 'dct:format', namedNode(type));
      add(dist, 'dcat:mediaType', namedNode(media));
      add(dist, 'dct:license', licence);
      add(dist, 'dct:modified', dateTime(c.lastUpdated));
    }
  }
  return q;
}

/** Turtle through n3's writer; JSON-LD written directly from the same quads (flattened, one
 * node object per subject, prefixes in the context): no runtime JSON-LD library needed. */
export async function serialiseCatalog(quads: Quad[], format: 'turtle' | 'jsonld'): Promise<string> {
  if (format === 'turtle') {
    const writer = new Writer({ prefixes: PREFIXES });
    writer.addQuads(quads);
    return new Promise((resolve, reject) => writer.end((e, out) => (e ? reject(e) : resolve(out))));
  }
  const compact = (uri: string) => {
    for (const [p, ns] of Object.entries(PREFIXES))
      if (uri.startsWith(ns) && /^[A-Za-z_][\w-]*$/.test(uri.slice(ns.length))) return `${p}:${uri.slice(ns.length)}`;
    return uri;
  };
  const nodes = new Map<string, Record<string, unknown[] | string>>();
  const push = (node: Record<string, unknown[] | string>, key: string, value: unknown) => {
    const list = (node[key] as unknown[] | undefined) ?? [];
    list.push(value);
    node[key] = list;
  };
  for (const t of quads) {
    const id = t.subject.value;
    let node = nodes.get(id);
    if (!node) {
      node = { '@id': id };
      nodes.set(id, node);
    }
    if (t.predicate.value === `${PREFIXES.rdf}type`) {
      push(node, '@type', compact(t.object.value));
      continue;
    }
    const o = t.object;
    let value: Record<string, string>;
    if (o.termType === 'Literal') {
      const lit = o as Literal;
      if (lit.language) value = { '@value': lit.value, '@language': lit.language };
      else if (lit.datatype.value !== `${PREFIXES.xsd}string`) value = { '@value': lit.value, '@type': compact(lit.datatype.value) };
      else value = { '@value': lit.value };
    } else value = { '@id': o.value };
    push(node, compact(t.predicate.value), value);
  }
  return JSON.stringify({ '@context': PREFIXES, '@graph': [...nodes.values()] }, null, 1);
}
