import type { Hotspot, Scene, TourDoc } from './tourism.schema.js';

export interface DocProblem {
  /** JSON path of the offending value, e.g. $.scenes[1].hotspots[0].target */
  path: string;
  vi: string;
  en: string;
}

const ID_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const KINDS = ['scene', 'info', 'destination'];

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

/**
 * Checks a tour document from the editor or the API. A hotspot linking to a scene that does not
 * exist is never saved (issue 14, bad input); every problem names its JSON path.
 */
export function validateTourDoc(doc: unknown, panoramaIds: Set<string>): DocProblem[] {
  const out: DocProblem[] = [];
  const add = (path: string, vi: string, en: string) => out.push({ path, vi, en });
  if (!isObj(doc)) {
    add('$', 'Tour phải là một đối tượng JSON.', 'A tour must be a JSON object.');
    return out;
  }
  if (!Array.isArray(doc.scenes)) {
    add('$.scenes', 'Thiếu danh sách cảnh (scenes).', 'scenes must be an array.');
    return out;
  }
  const ids = new Set<string>();
  doc.scenes.forEach((s, i) => {
    const p = `$.scenes[${i}]`;
    if (!isObj(s)) {
      add(p, 'Cảnh phải là một đối tượng.', 'A scene must be an object.');
      return;
    }
    if (typeof s.id !== 'string' || !ID_RE.test(s.id)) add(`${p}.id`, 'Mã cảnh chỉ gồm chữ thường không dấu, số và gạch ngang.', 'Scene id: lowercase letters, digits, hyphens.');
    else if (ids.has(s.id)) add(`${p}.id`, `Mã cảnh "${s.id}" bị trùng.`, `Duplicate scene id "${s.id}".`);
    else ids.add(s.id);
    if (typeof s.title !== 'string' || !s.title.trim()) add(`${p}.title`, 'Vui lòng nhập tên cảnh.', 'Scene title is required.');
    if (typeof s.panoramaId !== 'string' || !panoramaIds.has(s.panoramaId)) add(`${p}.panoramaId`, 'Ảnh 360° của cảnh không thuộc tour này.', 'Unknown panorama for this tour.');
    if (!isObj(s.initial) || !isNum(s.initial.yaw, -180, 360) || !isNum(s.initial.pitch, -90, 90)) add(`${p}.initial`, 'Góc nhìn ban đầu cần yaw (−180…360) và pitch (−90…90) bằng độ.', 'initial needs yaw (−180…360) and pitch (−90…90) in degrees.');
    if (!Array.isArray(s.hotspots)) add(`${p}.hotspots`, 'Thiếu danh sách điểm nóng (hotspots).', 'hotspots must be an array.');
  });
  doc.scenes.forEach((s, i) => {
    if (!isObj(s) || !Array.isArray(s.hotspots)) return;
    const hs = new Set<string>();
    s.hotspots.forEach((h, j) => {
      const p = `$.scenes[${i}].hotspots[${j}]`;
      if (!isObj(h)) {
        add(p, 'Điểm nóng phải là một đối tượng.', 'A hotspot must be an object.');
        return;
      }
      if (typeof h.id !== 'string' || !ID_RE.test(h.id) || hs.has(h.id)) add(`${p}.id`, 'Mã điểm nóng thiếu, sai dạng hoặc bị trùng.', 'Hotspot id missing, malformed or duplicate.');
      else hs.add(h.id);
      if (typeof h.kind !== 'string' || !KINDS.includes(h.kind)) add(`${p}.kind`, 'Loại điểm nóng phải là scene, info hoặc destination.', 'kind must be scene, info or destination.');
      if (!isNum(h.yaw, -180, 360)) add(`${p}.yaw`, 'Yaw phải là số độ từ −180 đến 360.', 'yaw must be a number of degrees (−180…360).');
      if (!isNum(h.pitch, -90, 90)) add(`${p}.pitch`, 'Pitch phải là số độ từ −90 đến 90.', 'pitch must be a number of degrees (−90…90).');
      if (typeof h.title !== 'string' || !h.title.trim()) add(`${p}.title`, 'Vui lòng nhập nhãn điểm nóng (đọc được khi không có JavaScript).', 'Hotspot title is required (it is the text without JavaScript).');
      if (h.text !== undefined && typeof h.text !== 'string') add(`${p}.text`, 'Nội dung phải là văn bản.', 'text must be a string.');
      if (h.kind === 'scene') {
        if (typeof h.target !== 'string' || !ids.has(h.target)) add(`${p}.target`, `Điểm nóng trỏ tới cảnh "${String(h.target ?? '')}" không có trong tour.`, `Hotspot links to a missing scene "${String(h.target ?? '')}".`);
        else if (h.target === s.id) add(`${p}.target`, 'Điểm nóng không thể trỏ về chính cảnh đang đứng.', 'A hotspot cannot link to its own scene.');
      }
      if (h.kind === 'destination' && (typeof h.target !== 'string' || !/^[A-Z0-9-]{2,40}$/.test(h.target))) add(`${p}.target`, 'Vui lòng chọn điểm đến được liên kết.', 'Choose the linked destination.');
    });
  });
  if (typeof doc.start !== 'string' || (doc.scenes.length > 0 && !ids.has(doc.start))) add('$.start', 'Cảnh bắt đầu phải là một cảnh của tour.', 'start must be one of the scenes.');
  return out;
}

/** The document as stored: only known fields, numbers rounded to 0.1°. */
export function normaliseDoc(doc: TourDoc): TourDoc {
  const r = (n: number) => Math.round(n * 10) / 10;
  return {
    start: doc.start,
    scenes: doc.scenes.map(
      (s): Scene => ({
        id: s.id,
        title: s.title.normalize('NFC').trim(),
        ...(s.titleEn ? { titleEn: s.titleEn.normalize('NFC').trim() } : {}),
        panoramaId: s.panoramaId,
        initial: { yaw: r(s.initial.yaw), pitch: r(s.initial.pitch) },
        ...(typeof s.lat === 'number' && typeof s.lng === 'number' ? { lat: s.lat, lng: s.lng } : {}),
        hotspots: s.hotspots.map(
          (h): Hotspot => ({
            id: h.id,
            kind: h.kind,
            yaw: r(h.yaw),
            pitch: r(h.pitch),
            title: h.title.normalize('NFC').trim(),
            ...(h.text ? { text: h.text.normalize('NFC').trim() } : {}),
            ...(h.target ? { target: h.target } : {}),
          }),
        ),
      }),
    ),
  };
}
