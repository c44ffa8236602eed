/** Fields (lĩnh vực) of the Department's procedures, as the national catalogue groups them. */
export const PROCEDURE_FIELDS = {
  'van-hoa': { vi: 'Văn hóa', en: 'Culture' },
  'gia-dinh': { vi: 'Gia đình', en: 'Family' },
  'the-duc-the-thao': { vi: 'Thể dục thể thao', en: 'Sports' },
  'du-lich': { vi: 'Du lịch', en: 'Tourism' },
  'di-san-van-hoa': { vi: 'Di sản văn hóa', en: 'Cultural heritage' },
  'thu-vien': { vi: 'Thư viện', en: 'Libraries' },
  'nghe-thuat-bieu-dien': { vi: 'Nghệ thuật biểu diễn', en: 'Performing arts' },
  'my-thuat-nhiep-anh-trien-lam': { vi: 'Mỹ thuật – Nhiếp ảnh – Triển lãm', en: 'Fine arts, photography, exhibitions' },
  'quang-cao': { vi: 'Quảng cáo', en: 'Advertising' },
} as const satisfies Record<string, { vi: string; en: string }>;

export type ProcedureField = keyof typeof PROCEDURE_FIELDS;

export const LEVELS = {
  full: { vi: 'Toàn trình', en: 'Full-process online' },
  partial: { vi: 'Một phần', en: 'Partially online' },
} as const;

export const ORIGINAL_KIND = {
  original: { vi: 'Bản chính', en: 'Original' },
  copy: { vi: 'Bản sao', en: 'Copy' },
  either: { vi: 'Bản chính hoặc bản sao', en: 'Original or copy' },
} as const;

/** Vietnamese money format: "1.000.000 đ" (VND has no minor unit). */
export function formatVnd(amount: number): string {
  return `${amount.toLocaleString('vi-VN').replace(/,/g, '.')} đ`;
}
