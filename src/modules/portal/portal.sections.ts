/**
 * The mandatory content of a department's portal (domain.md §2: Decree 42/2022/NĐ-CP, replaced
 * by Decree 224/2026/NĐ-CP from 1 Jul 2026). `kind` says where the content comes from:
 * - `page`: a managed page (portal_pages, slug = the URL without "/")
 * - `generated`: drawn from data of the core or this module (org chart, leaders, directory, documents)
 * - `link`: owned by another module (the procedures catalogue)
 * `en` is set where the law requires English: organisation structure, functions and duties,
 * officials' contacts.
 */
export interface MandatorySection {
  key: string;
  vi: string;
  en: string;
  url: string;
  kind: 'page' | 'generated' | 'link';
  /** the English page, where the law requires one */
  enUrl?: string;
}

export const MANDATORY_SECTIONS: readonly MandatorySection[] = [
  { key: 'introduction', vi: 'Giới thiệu và lịch sử hình thành', en: 'Introduction and history', url: '/gioi-thieu', kind: 'page' },
  {
    key: 'functions',
    vi: 'Chức năng, nhiệm vụ, quyền hạn',
    en: 'Functions, duties and powers',
    url: '/chuc-nang-nhiem-vu',
    kind: 'page',
    enUrl: '/en/functions-and-duties',
  },
  { key: 'organisation', vi: 'Cơ cấu tổ chức', en: 'Organisation structure', url: '/co-cau-to-chuc', kind: 'generated', enUrl: '/en/organisation-structure' },
  { key: 'leaders', vi: 'Lãnh đạo Sở', en: 'Leadership', url: '/lanh-dao', kind: 'generated' },
  { key: 'directory', vi: 'Danh bạ cán bộ, công chức', en: 'Officials’ contacts', url: '/danh-ba', kind: 'generated', enUrl: '/en/contacts' },
  { key: 'documents', vi: 'Văn bản', en: 'Legal documents', url: '/van-ban', kind: 'generated' },
  { key: 'procedures', vi: 'Thủ tục hành chính', en: 'Administrative procedures', url: '/thu-tuc', kind: 'link' },
  { key: 'plans', vi: 'Chiến lược, kế hoạch, chương trình công tác', en: 'Strategies, plans and annual programmes', url: '/chien-luoc-ke-hoach', kind: 'page' },
  { key: 'policy_guidance', vi: 'Hướng dẫn thực hiện chính sách', en: 'Policy guidance', url: '/huong-dan-chinh-sach', kind: 'page' },
  { key: 'statistics', vi: 'Thống kê ngành', en: 'Sector statistics', url: '/thong-ke', kind: 'page' },
  { key: 'financial_statements', vi: 'Báo cáo tài chính năm', en: 'Annual financial statements', url: '/bao-cao-tai-chinh', kind: 'page' },
  {
    key: 'access_to_information',
    vi: 'Danh mục thông tin công khai (Luật Tiếp cận thông tin)',
    en: 'Information disclosed under the Law on Access to Information',
    url: '/tiep-can-thong-tin',
    kind: 'page',
  },
  { key: 'contact', vi: 'Liên hệ', en: 'Contact', url: '/lien-he', kind: 'page', enUrl: '/en/contacts' },
];

/** The managed pages, by slug ("gioi-thieu" …): what the seed must create and the editor lists. */
export const MANAGED_PAGE_SECTIONS = MANDATORY_SECTIONS.filter((s) => s.kind === 'page');

export const slugOfUrl = (url: string) => url.replace(/^\//, '');

/** Vietnamese page → its English translation, and back: the language switch keeps the reader on the same page. */
export const EN_PAGES: Record<string, string> = {
  '/gioi-thieu': '/en/about',
  '/chuc-nang-nhiem-vu': '/en/functions-and-duties',
  '/co-cau-to-chuc': '/en/organisation-structure',
  '/danh-ba': '/en/contacts',
  '/lien-he': '/en/contacts',
};
export const VI_OF_EN: Record<string, string> = {
  '/en/functions-and-duties': '/chuc-nang-nhiem-vu',
  '/en/organisation-structure': '/co-cau-to-chuc',
  '/en/contacts': '/danh-ba',
};

/** Positions shown as the department's leadership (core seed position codes). */
export const LEADER_POSITIONS = ['giam_doc', 'pho_giam_doc'] as const;
