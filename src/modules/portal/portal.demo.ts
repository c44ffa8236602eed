/**
 * Demo content of the portal, written for this project (not copied from any agency's site).
 * Every page says it is demo content; every legal document's summary ends with
 * "(văn bản minh họa)".
 */
import type { LegalDocumentType } from './portal.schema.js';

const DEMO_NOTE = '*Nội dung minh họa của bản trình diễn, không phải thông tin chính thức.*';
const DEMO_NOTE_EN = '*Demo content, not official information.*';

export interface DemoPage {
  slug: string;
  section: string;
  title: string;
  titleEn?: string;
  body: string;
  bodyEn?: string;
}

/** Placeholders for a real deployment: every mandatory section exists from the first start,
 * so the checklist holds and editors only fill in text. */
export const PLACEHOLDER_BODY = 'Nội dung đang được cập nhật.';

export const DEMO_SECTION_PAGES: DemoPage[] = [
  {
    slug: 'gioi-thieu',
    section: 'introduction',
    title: 'Giới thiệu và lịch sử hình thành',
    titleEn: 'Introduction and history',
    body: `Sở Văn hóa, Thể thao và Du lịch là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu và giúp Ủy ban nhân dân tỉnh quản lý nhà nước về văn hóa, gia đình, thể dục thể thao và du lịch trên địa bàn.

## Lịch sử hình thành

- **1976**: thành lập Ty Văn hóa – Thông tin tỉnh.
- **1992**: tổ chức lại thành Sở Văn hóa – Thông tin – Thể thao.
- **2008**: thành lập Sở Văn hóa, Thể thao và Du lịch trên cơ sở hợp nhất các đơn vị văn hóa, thể thao và du lịch của tỉnh.
- **2025**: kiện toàn tổ chức bộ máy theo chủ trương sắp xếp đơn vị hành chính; tiếp nhận thêm nhiệm vụ của các đơn vị được hợp nhất.

Các mốc thời gian trên là minh họa.

${DEMO_NOTE}`,
  },
  {
    slug: 'chuc-nang-nhiem-vu',
    section: 'functions',
    title: 'Chức năng, nhiệm vụ, quyền hạn',
    titleEn: 'Functions, duties and powers',
    body: `## Chức năng

Sở là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, có chức năng tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về văn hóa, gia đình, thể dục, thể thao và du lịch; thực hiện các dịch vụ công thuộc phạm vi quản lý của Sở.

## Nhiệm vụ và quyền hạn

1. Trình Ủy ban nhân dân tỉnh dự thảo quy hoạch, kế hoạch dài hạn, trung hạn, hằng năm về phát triển văn hóa, gia đình, thể dục thể thao và du lịch.
2. Hướng dẫn, kiểm tra việc thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau khi được phê duyệt.
3. Quản lý, bảo tồn và phát huy giá trị di sản văn hóa; quản lý hoạt động nghệ thuật biểu diễn, triển lãm, quảng cáo.
4. Phát triển phong trào thể dục thể thao cho mọi người và thể thao thành tích cao.
5. Quản lý nhà nước về du lịch: tài nguyên du lịch, khu, điểm du lịch, cơ sở lưu trú, hướng dẫn viên.
6. Giải quyết thủ tục hành chính, thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo theo quy định.
7. Thực hiện chuyển đổi số và cung cấp dịch vụ công trực tuyến trong lĩnh vực được giao.

${DEMO_NOTE}`,
    bodyEn: `## Functions

The Department is a specialised agency of the Provincial People's Committee. It advises and assists the Committee in the state management of culture, family affairs, physical training, sports and tourism, and provides the public services within its remit.

## Duties and powers

1. Draft long-, medium-term and annual plans for culture, family affairs, sports and tourism for the Committee's approval.
2. Guide and inspect the implementation of legal documents and approved plans.
3. Manage, preserve and promote cultural heritage; manage performing arts, exhibitions and advertising.
4. Develop sport for all and high-performance sport.
5. Manage tourism: tourism resources, destinations, accommodation and tour guides.
6. Handle administrative procedures, inspections, complaints and denunciations as prescribed by law.
7. Carry out digital transformation and provide online public services in its fields.

${DEMO_NOTE_EN}`,
  },
  {
    slug: 'chien-luoc-ke-hoach',
    section: 'plans',
    title: 'Chiến lược, kế hoạch, chương trình công tác',
    body: `## Kế hoạch năm 2026

- Kế hoạch phát triển du lịch tỉnh giai đoạn 2026–2030, tầm nhìn 2035.
- Chương trình chuyển đổi số ngành văn hóa, thể thao và du lịch năm 2026.
- Kế hoạch tổ chức Đại hội Thể dục thể thao tỉnh lần thứ X.

Toàn văn các kế hoạch đã ban hành có tại mục [Văn bản](/van-ban?loai=K%E1%BA%BF+ho%E1%BA%A1ch).

${DEMO_NOTE}`,
  },
  {
    slug: 'huong-dan-chinh-sach',
    section: 'policy_guidance',
    title: 'Hướng dẫn thực hiện chính sách',
    body: `## Hỗ trợ nghệ nhân và câu lạc bộ văn hóa dân gian

Nghệ nhân được phong tặng danh hiệu có hoàn cảnh khó khăn được hưởng trợ cấp hằng tháng theo quy định. Hồ sơ nộp tại Bộ phận một cửa của Sở hoặc [trực tuyến](/thu-tuc).

## Chính sách khuyến khích du lịch cộng đồng

Hộ gia đình tham gia làm du lịch cộng đồng được hỗ trợ tập huấn kỹ năng và quảng bá trên cổng thông tin du lịch của tỉnh.

${DEMO_NOTE}`,
  },
  {
    slug: 'thong-ke',
    section: 'statistics',
    title: 'Thống kê ngành',
    body: `| Chỉ tiêu (năm 2025, minh họa) | Số liệu |
| --- | --- |
| Lượt khách du lịch | 5.120.000 |
| Tổng thu từ du lịch | 8.450.000.000.000 đ |
| Di tích được xếp hạng | 87 |
| Câu lạc bộ thể dục thể thao cơ sở | 1.234 |
| Lượt bạn đọc tại Thư viện tỉnh | 312.560 |

Số liệu chi tiết sẽ được công bố tại trang dữ liệu mở của Sở.

${DEMO_NOTE}`,
  },
  {
    slug: 'bao-cao-tai-chinh',
    section: 'financial_statements',
    title: 'Báo cáo tài chính năm',
    body: `## Công khai dự toán và quyết toán ngân sách

- Công khai quyết toán ngân sách năm 2025 (minh họa): tổng chi 45.600.000.000 đ.
- Công khai dự toán ngân sách năm 2026 (minh họa): tổng dự toán 48.200.000.000 đ.

Các báo cáo được công khai theo quy định của Luật Ngân sách nhà nước; văn bản công bố có tại mục [Văn bản](/van-ban?loai=B%C3%A1o+c%C3%A1o).

${DEMO_NOTE}`,
  },
  {
    slug: 'tiep-can-thong-tin',
    section: 'access_to_information',
    title: 'Danh mục thông tin công khai (Luật Tiếp cận thông tin)',
    body: `Theo Luật Tiếp cận thông tin năm 2016, Sở công khai rộng rãi các thông tin sau:

1. Văn bản quy phạm pháp luật, văn bản hành chính có giá trị áp dụng chung: [Văn bản](/van-ban).
2. Thủ tục hành chính và quy trình giải quyết công việc: [Thủ tục hành chính](/thu-tuc).
3. Chiến lược, chương trình, kế hoạch: [Chiến lược, kế hoạch](/chien-luoc-ke-hoach).
4. Dự toán, quyết toán ngân sách: [Báo cáo tài chính](/bao-cao-tai-chinh).
5. Tổ chức bộ máy, chức năng, nhiệm vụ: [Cơ cấu tổ chức](/co-cau-to-chuc), [Chức năng, nhiệm vụ](/chuc-nang-nhiem-vu).
6. Danh bạ và thông tin liên hệ: [Danh bạ](/danh-ba).
7. Thông tin thống kê ngành: [Thống kê](/thong-ke).

Người dân yêu cầu cung cấp thông tin khác gửi phiếu yêu cầu đến Văn phòng Sở (đầu mối cung cấp thông tin).

${DEMO_NOTE}`,
  },
  {
    slug: 'lien-he',
    section: 'contact',
    title: 'Liên hệ',
    titleEn: 'Contact',
    body: `**Bộ phận tiếp nhận và trả kết quả**: làm việc từ thứ Hai đến thứ Sáu, sáng 7 giờ 30 – 11 giờ 30, chiều 13 giờ 30 – 17 giờ 00 (trừ ngày lễ, Tết).

Phản ánh, kiến nghị: [gửi phản ánh trực tuyến](/phan-anh).

Danh bạ cán bộ, công chức: [xem danh bạ](/danh-ba).

${DEMO_NOTE}`,
    bodyEn: `**One-stop desk**: Monday to Friday, 7:30–11:30 and 13:30–17:00 (except public holidays).

Feedback and complaints: [send feedback online](/phan-anh).

${DEMO_NOTE_EN}`,
  },
];

/** Duties of each demo unit (by unit code of the core's demo seed), Vietnamese and English. */
export const DEMO_UNIT_DUTIES: Record<string, [string, string]> = {
  BGD: [
    'Lãnh đạo, điều hành toàn diện hoạt động của Sở; phân công Phó Giám đốc phụ trách từng lĩnh vực.',
    'Leads and directs all activities of the Department; assigns each Deputy Director a field.',
  ],
  VP: [
    'Tham mưu tổng hợp, hành chính, tổ chức cán bộ, tài chính, văn thư, lưu trữ; đầu mối cải cách hành chính và chuyển đổi số.',
    'General advice, administration, personnel, finance, records; focal point for administrative reform and digital transformation.',
  ],
  TTR: [
    'Thanh tra hành chính và thanh tra chuyên ngành; tiếp công dân, giải quyết khiếu nại, tố cáo.',
    'Administrative and specialised inspection; receiving citizens, handling complaints and denunciations.',
  ],
  QLVH: [
    'Quản lý nghệ thuật biểu diễn, quảng cáo, văn hóa cơ sở, gia đình; cấp phép kinh doanh karaoke, vũ trường.',
    'Manages performing arts, advertising, grassroots culture and family affairs; licenses karaoke and dance venues.',
  ],
  QLTDTT: [
    'Quản lý phong trào thể dục thể thao quần chúng, thể thao thành tích cao, câu lạc bộ và cơ sở thể thao.',
    'Manages sport for all, high-performance sport, sports clubs and facilities.',
  ],
  QLDL: [
    'Quản lý tài nguyên, khu, điểm du lịch, cơ sở lưu trú, lữ hành, hướng dẫn viên; xúc tiến du lịch.',
    'Manages tourism resources, destinations, accommodation, travel agencies and guides; tourism promotion.',
  ],
  QLDS: [
    'Quản lý, bảo tồn di tích, di sản văn hóa phi vật thể, bảo vật quốc gia; thẩm định dự án tu bổ di tích.',
    'Manages monuments, intangible heritage and national treasures; reviews restoration projects.',
  ],
  BT: [
    'Sưu tầm, bảo quản, trưng bày hiện vật; giáo dục di sản cho học sinh và công chúng.',
    'Collects, preserves and exhibits artefacts; heritage education for students and the public.',
  ],
  TV: [
    'Phục vụ bạn đọc, phát triển tài nguyên thông tin, thư viện số và luân chuyển sách về cơ sở.',
    'Serves readers, develops collections and the digital library, circulates books to communes.',
  ],
  TTVH: [
    'Tổ chức hoạt động văn hóa, văn nghệ, chiếu phim lưu động, tuyên truyền cổ động.',
    'Organises cultural events, mobile cinema and public information campaigns.',
  ],
};

/** Biographies of the demo leaders, by the local part of their official email. */
export const DEMO_BIOGRAPHIES: Record<string, { body: string; bodyEn: string }> = {
  lanhdao: {
    body: `## Tiểu sử

- Năm sinh: 1975 (minh họa).
- Trình độ: Thạc sĩ Quản lý văn hóa; Cao cấp lý luận chính trị.
- 2010–2018: Trưởng phòng Quản lý Văn hóa và Gia đình.
- Từ 2018: Phó Giám đốc Sở.

## Nhiệm vụ được phân công

Phụ trách lĩnh vực văn hóa, gia đình, di sản văn hóa và chuyển đổi số của Sở; theo dõi Bảo tàng tỉnh và Thư viện tỉnh.

${DEMO_NOTE}`,
    bodyEn: `Deputy Director in charge of culture, family affairs, cultural heritage and digital transformation; oversees the Provincial Museum and Library.

${DEMO_NOTE_EN}`,
  },
};

export interface DemoDocument {
  key: string;
  numberSymbol: string;
  type: LegalDocumentType;
  issuingBody: string;
  signer: string;
  issued: string;
  effective: string;
  expiry?: string;
  replacedBy?: string;
  summary: string;
}

const SO = 'Sở Văn hóa, Thể thao và Du lịch';
const UBND = 'Ủy ban nhân dân tỉnh';
const GD = 'Giám đốc Trần Văn Minh (minh họa)';
const PGD = 'Phó Giám đốc Phạm Minh Lãnh';
const CT = 'Chủ tịch Lê Quang Hòa (minh họa)';
const M = ' (văn bản minh họa)';

/** 15 demo documents; `replacedBy` names another entry's key. Dates are dd/mm/yyyy. */
export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    key: 'qc2024',
    numberSymbol: '112/QĐ-SVHTTDL',
    type: 'Quyết định',
    issuingBody: SO,
    signer: GD,
    issued: '15/03/2024',
    effective: '15/03/2024',
    replacedBy: 'qc2026',
    summary: `Ban hành Quy chế làm việc của Sở Văn hóa, Thể thao và Du lịch${M}`,
  },
  {
    key: 'qc2026',
    numberSymbol: '45/QĐ-SVHTTDL',
    type: 'Quyết định',
    issuingBody: SO,
    signer: GD,
    issued: '12/01/2026',
    effective: '15/01/2026',
    summary: `Ban hành Quy chế làm việc (sửa đổi) của Sở Văn hóa, Thể thao và Du lịch, thay thế Quyết định số 112/QĐ-SVHTTDL${M}`,
  },
  {
    key: 'kh-cds',
    numberSymbol: '30/KH-SVHTTDL',
    type: 'Kế hoạch',
    issuingBody: SO,
    signer: PGD,
    issued: '20/01/2026',
    effective: '20/01/2026',
    summary: `Kế hoạch chuyển đổi số ngành văn hóa, thể thao và du lịch năm 2026${M}`,
  },
  {
    key: 'kh-dl',
    numberSymbol: '1520/KH-UBND',
    type: 'Kế hoạch',
    issuingBody: UBND,
    signer: CT,
    issued: '05/06/2025',
    effective: '05/06/2025',
    summary: `Kế hoạch phát triển du lịch tỉnh giai đoạn 2026–2030, tầm nhìn đến năm 2035${M}`,
  },
  {
    key: 'kh-dh',
    numberSymbol: '88/KH-SVHTTDL',
    type: 'Kế hoạch',
    issuingBody: SO,
    signer: PGD,
    issued: '10/02/2026',
    effective: '10/02/2026',
    summary: `Kế hoạch tổ chức Đại hội Thể dục thể thao tỉnh lần thứ X năm 2026${M}`,
  },
  {
    key: 'cv-karaoke',
    numberSymbol: '356/SVHTTDL-QLVH',
    type: 'Công văn',
    issuingBody: SO,
    signer: PGD,
    issued: '03/03/2026',
    effective: '03/03/2026',
    summary: `Về việc tăng cường kiểm tra điều kiện phòng cháy đối với cơ sở kinh doanh karaoke, vũ trường${M}`,
  },
  {
    key: 'cv-tet',
    numberSymbol: '25/SVHTTDL-VP',
    type: 'Công văn',
    issuingBody: SO,
    signer: GD,
    issued: '08/01/2026',
    effective: '08/01/2026',
    summary: `Về việc tổ chức các hoạt động văn hóa, văn nghệ mừng Đảng, mừng Xuân Bính Ngọ 2026${M}`,
  },
  {
    key: 'tb-lich',
    numberSymbol: '12/TB-SVHTTDL',
    type: 'Thông báo',
    issuingBody: SO,
    signer: GD,
    issued: '02/01/2026',
    effective: '02/01/2026',
    summary: `Thông báo lịch tiếp công dân định kỳ của Giám đốc Sở năm 2026${M}`,
  },
  {
    key: 'tb-tuyen',
    numberSymbol: '67/TB-SVHTTDL',
    type: 'Thông báo',
    issuingBody: SO,
    signer: PGD,
    issued: '18/04/2026',
    effective: '18/04/2026',
    expiry: '30/06/2026',
    summary: `Thông báo tuyển chọn vận động viên năng khiếu thể thao năm 2026${M}`,
  },
  {
    key: 'ct-ls',
    numberSymbol: '05/CT-UBND',
    type: 'Chỉ thị',
    issuingBody: UBND,
    signer: CT,
    issued: '14/02/2025',
    effective: '14/02/2025',
    summary: `Chỉ thị về tăng cường quản lý và tổ chức lễ hội trên địa bàn tỉnh${M}`,
  },
  {
    key: 'ct-vm',
    numberSymbol: '02/CT-SVHTTDL',
    type: 'Chỉ thị',
    issuingBody: SO,
    signer: GD,
    issued: '06/03/2026',
    effective: '06/03/2026',
    summary: `Chỉ thị về thực hiện nếp sống văn minh tại các điểm du lịch, di tích${M}`,
  },
  {
    key: 'bc-2025',
    numberSymbol: '410/BC-SVHTTDL',
    type: 'Báo cáo',
    issuingBody: SO,
    signer: GD,
    issued: '20/12/2025',
    effective: '20/12/2025',
    summary: `Báo cáo tổng kết công tác năm 2025 và phương hướng nhiệm vụ năm 2026${M}`,
  },
  {
    key: 'bc-ns',
    numberSymbol: '15/BC-SVHTTDL',
    type: 'Báo cáo',
    issuingBody: SO,
    signer: GD,
    issued: '25/01/2026',
    effective: '25/01/2026',
    summary: `Báo cáo công khai quyết toán ngân sách năm 2025${M}`,
  },
  {
    key: 'qd-ds2024',
    numberSymbol: '230/QĐ-SVHTTDL',
    type: 'Quyết định',
    issuingBody: SO,
    signer: PGD,
    issued: '10/07/2024',
    effective: '10/07/2024',
    replacedBy: 'qd-ds2026',
    summary: `Ban hành danh mục di tích cần tu bổ, chống xuống cấp giai đoạn 2024–2025${M}`,
  },
  {
    key: 'qd-ds2026',
    numberSymbol: '140/QĐ-SVHTTDL',
    type: 'Quyết định',
    issuingBody: SO,
    signer: PGD,
    issued: '02/03/2026',
    effective: '01/04/2026',
    summary: `Ban hành danh mục di tích cần tu bổ, chống xuống cấp giai đoạn 2026–2027${M}`,
  },
];
