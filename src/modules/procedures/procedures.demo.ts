/**
 * Demo catalogue of administrative procedures (thủ tục hành chính) of a provincial
 * Department of Culture, Sports and Tourism — DEMO CONTENT written for the Văn Hiến project.
 *
 * - Codes starting with 'DEMO.' are illustrative: they only have the shape of national
 *   procedure codes and are NOT the real codes published on the National Public Service Portal.
 * - Fees whose note says 'mức phí minh họa' are illustrative; the other figures are the
 *   author's best recollection of the fee circulars and must be checked as well.
 * - Legal references are real to the best of the author's knowledge, but laws change (several
 *   were replaced in 2024-2026, see ../shared/docs/domain.md): every legal basis, processing
 *   time, fee and form template MUST be verified against the current official procedure list
 *   published by the provincial People's Committee before production use.
 * - Processing times are in working days from receipt of a valid, complete dossier.
 *
 * All Vietnamese text is Unicode NFC with full diacritics.
 */

import type { ProcedureField } from './procedures.fields.js';
import type { FormField } from './procedures.forms.js';

export interface DemoProcedure {
  /** national code shape like '1.001029'; 'DEMO.xxxxxx' when illustrative */
  code: string;
  name: string;
  field: ProcedureField;
  /** full-process online (toàn trình) or partial (một phần) */
  level: 'full' | 'partial';
  /** required when partial: the published reason */
  partialReason?: string;
  unitCode: 'QLVH' | 'QLTDTT' | 'QLDL' | 'QLDS' | 'VP' | 'TV' | 'BT';
  authority: string;
  legalBasis: string[];
  /** statutory processing time in working days */
  processingDays: number;
  /** the clock may pause for the site inspection the procedure requires */
  pauseAllowed?: boolean;
  /** VND, integers; [] when free */
  fees: { name: string; amount: number; note?: string }[];
  documents: { name: string; copies: number; original: 'original' | 'copy' | 'either'; templateName?: string }[];
  resultType: string;
  form: { steps: { title: string; fields: FormField[] }[] };
  /** ordered steps; the days add up to processingDays */
  workflow: { step: string; role: 'tiep_nhan' | 'chuyen_vien' | 'lanh_dao'; unitCode: string; days: number }[];
}

// ---------------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------------

const GIAM_DOC_SO = 'Giám đốc Sở Văn hóa, Thể thao và Du lịch';
const ILLUSTRATIVE = 'mức phí minh họa';

const CCCD_PATTERN = '^\\d{12}$';
const PHONE_PATTERN = '^0\\d{9}$';
const TAX_CODE_PATTERN = '^\\d{10}(-?\\d{3})?$';

/** First step of every e-form: the applicant, pre-filled from the account (once-only). */
function applicantStep(opts: { organisation?: 'optional' | 'required' } = {}): { title: string; fields: FormField[] } {
  const fields: FormField[] = [
    { name: 'fullName', label: 'Họ và tên người nộp hồ sơ', type: 'text', required: true, maxLength: 100, prefill: 'fullName' },
    {
      name: 'idNumber',
      label: 'Số định danh cá nhân (căn cước)',
      type: 'text',
      required: true,
      pattern: CCCD_PATTERN,
      hint: 'Gồm 12 chữ số in trên thẻ căn cước hoặc căn cước công dân.',
    },
    { name: 'phone', label: 'Số điện thoại liên hệ', type: 'tel', required: true, pattern: PHONE_PATTERN, prefill: 'phone' },
    { name: 'email', label: 'Thư điện tử', type: 'email', prefill: 'email', hint: 'Dùng để nhận thông báo về tình trạng hồ sơ.' },
    { name: 'address', label: 'Địa chỉ liên hệ', type: 'text', required: true, maxLength: 250, hint: 'Số nhà, đường, xã/phường, tỉnh/thành phố.' },
  ];
  if (opts.organisation === 'optional') {
    fields.push(
      {
        name: 'applicantType',
        label: 'Nộp hồ sơ với tư cách',
        type: 'radio',
        required: true,
        options: [
          { value: 'ca-nhan', label: 'Cá nhân' },
          { value: 'to-chuc', label: 'Đại diện tổ chức, doanh nghiệp' },
        ],
      },
      { name: 'organisationName', label: 'Tên tổ chức, doanh nghiệp', type: 'text', required: true, maxLength: 200, showIf: { field: 'applicantType', equals: 'to-chuc' } },
      { name: 'position', label: 'Chức vụ của người nộp trong tổ chức', type: 'text', maxLength: 100, showIf: { field: 'applicantType', equals: 'to-chuc' } },
    );
  } else if (opts.organisation === 'required') {
    fields.push(
      { name: 'organisationName', label: 'Tên tổ chức, doanh nghiệp', type: 'text', required: true, maxLength: 200 },
      { name: 'position', label: 'Chức vụ của người nộp trong tổ chức', type: 'text', maxLength: 100 },
    );
  }
  return { title: 'Thông tin người nộp', fields };
}

/** Commitment checkboxes (never pre-ticked). */
function commitments(extra: FormField[] = []): FormField[] {
  return [
    ...extra,
    {
      name: 'commitTruthful',
      label: 'Tôi cam đoan những nội dung kê khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật.',
      type: 'checkbox',
      required: true,
    },
    {
      name: 'consentPersonalData',
      label: 'Tôi đồng ý để cơ quan giải quyết xử lý dữ liệu cá nhân đã kê khai trong phạm vi giải quyết thủ tục này.',
      type: 'checkbox',
      required: true,
    },
  ];
}

/**
 * Standard one-stop workflow: intake at the Office (1 day when the total allows, else 0),
 * appraisal by the implementing unit, approval by the Board of Directors, return of the
 * result by the Office (0 days). The days always add up to `total`.
 */
function standardWorkflow(total: number, unitCode: string, appraisal: string, approval = 'Lãnh đạo Sở xem xét, ký duyệt kết quả'): DemoProcedure['workflow'] {
  const intake = total >= 6 ? 1 : 0;
  const leader = total >= 15 ? 2 : 1;
  const specialist = total - intake - leader;
  return [
    { step: 'Tiếp nhận, kiểm tra thành phần hồ sơ, chuyển phòng chuyên môn', role: 'tiep_nhan', unitCode: 'VP', days: intake },
    { step: appraisal, role: 'chuyen_vien', unitCode, days: specialist },
    { step: approval, role: 'lanh_dao', unitCode: 'BGD', days: leader },
    { step: 'Vào sổ, đóng dấu và trả kết quả cho người nộp', role: 'tiep_nhan', unitCode: 'VP', days: 0 },
  ];
}

const LAW_KARAOKE = 'Nghị định số 54/2019/NĐ-CP của Chính phủ quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường';
const LAW_KARAOKE_FEE = 'Thông tư số 01/2021/TT-BTC của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy phép kinh doanh karaoke, vũ trường';
const LAW_PERFORMING = 'Nghị định số 144/2020/NĐ-CP của Chính phủ quy định về hoạt động nghệ thuật biểu diễn';
const LAW_PERFORMING_FEE = 'Thông tư số 288/2016/TT-BTC của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định nội dung chương trình nghệ thuật biểu diễn';
const LAW_FINE_ARTS = 'Nghị định số 113/2013/NĐ-CP của Chính phủ về hoạt động mỹ thuật';
const LAW_PHOTO = 'Nghị định số 72/2016/NĐ-CP của Chính phủ về hoạt động nhiếp ảnh';
const LAW_EXHIBITION = 'Nghị định số 23/2019/NĐ-CP của Chính phủ về hoạt động triển lãm';
const LAW_ADS = 'Luật Quảng cáo số 16/2012/QH13 (đã được sửa đổi, bổ sung)';
const LAW_ADS_DECREE = 'Nghị định số 181/2013/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Quảng cáo';
const LAW_SPORTS = 'Luật Thể dục, thể thao số 77/2006/QH11';
const LAW_SPORTS_2018 = 'Luật số 26/2018/QH14 sửa đổi, bổ sung một số điều của Luật Thể dục, thể thao';
const LAW_SPORTS_DECREE = 'Nghị định số 36/2019/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật sửa đổi, bổ sung một số điều của Luật Thể dục, thể thao';
const LAW_TOURISM = 'Luật Du lịch số 09/2017/QH14';
const LAW_TOURISM_DECREE = 'Nghị định số 168/2017/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Du lịch';
const LAW_TOURISM_DECREE_2021 = 'Nghị định số 94/2021/NĐ-CP của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 168/2017/NĐ-CP';
const LAW_TOURISM_CIRCULAR = 'Thông tư số 06/2017/TT-BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch quy định chi tiết một số điều của Luật Du lịch';
const LAW_TOURISM_FEE = 'Thông tư số 33/2018/TT-BTC của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành, cấp thẻ hướng dẫn viên du lịch';
const LAW_HERITAGE = 'Luật Di sản văn hóa số 45/2024/QH15';
const LAW_FAMILY = 'Luật Phòng, chống bạo lực gia đình số 13/2022/QH15';
const LAW_FAMILY_DECREE = 'Nghị định số 76/2023/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Phòng, chống bạo lực gia đình';
const LAW_LIBRARY = 'Luật Thư viện số 46/2019/QH14';
const LAW_LIBRARY_DECREE = 'Nghị định số 93/2020/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật Thư viện';

const SITE_INSPECTION = 'Phải thẩm định thực tế cơ sở theo quy định trước khi cấp giấy phép; kết quả được trả trực tuyến hoặc qua bưu chính.';

/** Shared questions of the three sports-eligibility procedures. */
function sportsBusinessFields(): FormField[] {
  return [
    { name: 'businessName', label: 'Tên doanh nghiệp (hoặc hộ kinh doanh)', type: 'text', required: true, maxLength: 200 },
    { name: 'taxCode', label: 'Mã số doanh nghiệp / mã số thuế', type: 'text', required: true, pattern: TAX_CODE_PATTERN },
    { name: 'venueAddress', label: 'Địa điểm kinh doanh hoạt động thể thao', type: 'text', required: true, maxLength: 250 },
    {
      name: 'venueOwnership',
      label: 'Quyền sử dụng địa điểm',
      type: 'radio',
      required: true,
      options: [
        { value: 'so-huu', label: 'Thuộc quyền sử dụng của doanh nghiệp' },
        { value: 'thue', label: 'Thuê, mượn' },
      ],
    },
    { name: 'leaseEndDate', label: 'Ngày hết hạn hợp đồng thuê, mượn địa điểm', type: 'date', required: true, showIf: { field: 'venueOwnership', equals: 'thue' } },
  ];
}

// ---------------------------------------------------------------------------------------------
// The catalogue
// ---------------------------------------------------------------------------------------------

export const DEMO_PROCEDURES: DemoProcedure[] = [
  // ===================================== Văn hóa =====================================
  {
    code: 'DEMO.000101',
    name: 'Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
    field: 'van-hoa',
    level: 'partial',
    partialReason: SITE_INSPECTION,
    pauseAllowed: true,
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_KARAOKE, LAW_KARAOKE_FEE],
    processingDays: 5,
    fees: [
      { name: 'Phí thẩm định – từ 01 đến 03 phòng (thành phố, thị xã thuộc tỉnh)', amount: 4_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
      { name: 'Phí thẩm định – từ 04 đến 05 phòng (thành phố, thị xã thuộc tỉnh)', amount: 6_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
      { name: 'Phí thẩm định – từ 06 phòng trở lên (thành phố, thị xã thuộc tỉnh)', amount: 12_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
      { name: 'Phí thẩm định – từ 01 đến 03 phòng (khu vực khác)', amount: 2_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
      { name: 'Phí thẩm định – từ 04 đến 05 phòng (khu vực khác)', amount: 3_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
      { name: 'Phí thẩm định – từ 06 phòng trở lên (khu vực khác)', amount: 6_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
    ],
    documents: [
      { name: 'Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Giấy chứng nhận đủ điều kiện về an ninh, trật tự', copies: 1, original: 'either' },
      { name: 'Văn bản về phòng cháy và chữa cháy đối với cơ sở (nếu thuộc diện phải có)', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin cơ sở kinh doanh',
          fields: [
            { name: 'businessName', label: 'Tên doanh nghiệp hoặc hộ kinh doanh', type: 'text', required: true, maxLength: 200 },
            { name: 'taxCode', label: 'Mã số doanh nghiệp / mã số hộ kinh doanh', type: 'text', required: true, pattern: TAX_CODE_PATTERN },
            { name: 'venueName', label: 'Tên cơ sở karaoke (biển hiệu)', type: 'text', maxLength: 200 },
            { name: 'venueAddress', label: 'Địa chỉ kinh doanh', type: 'text', required: true, maxLength: 250 },
            {
              name: 'areaType',
              label: 'Khu vực đặt cơ sở',
              type: 'radio',
              required: true,
              hint: 'Dùng để xác định mức phí thẩm định.',
              options: [
                { value: 'do-thi', label: 'Thành phố, thị xã thuộc tỉnh' },
                { value: 'khac', label: 'Khu vực khác' },
              ],
            },
            { name: 'roomCount', label: 'Số phòng hát', type: 'number', required: true, min: 1, max: 200 },
            {
              name: 'roomAreas',
              label: 'Diện tích từng phòng hát (m²)',
              type: 'textarea',
              required: true,
              maxLength: 2000,
              hint: 'Ghi lần lượt từng phòng, ví dụ: Phòng 1 – 24 m²; Phòng 2 – 30 m². Diện tích mỗi phòng từ 20 m² trở lên, không kể công trình phụ.',
            },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            { name: 'commitGlassDoor', label: 'Cửa phòng hát là cửa kính không màu, bảo đảm nhìn thấy toàn bộ phòng từ bên ngoài.', type: 'checkbox', required: true },
            { name: 'commitConditions', label: 'Cơ sở đáp ứng đủ các điều kiện kinh doanh theo Nghị định số 54/2019/NĐ-CP.', type: 'checkbox', required: true },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Thẩm định hồ sơ và thẩm định thực tế điều kiện kinh doanh, dự thảo giấy phép'),
  },
  {
    code: 'DEMO.000102',
    name: 'Điều chỉnh Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
    field: 'van-hoa',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_KARAOKE, LAW_KARAOKE_FEE],
    processingDays: 4,
    fees: [{ name: 'Phí thẩm định điều chỉnh do tăng thêm phòng hát', amount: 2_000_000, note: `${ILLUSTRATIVE}; tính theo số phòng tăng thêm` }],
    documents: [
      { name: 'Đơn đề nghị điều chỉnh Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke', copies: 1, original: 'original', templateName: 'Mẫu số 03' },
      { name: 'Giấy tờ chứng minh nội dung thay đổi (nếu có)', copies: 1, original: 'either' },
    ],
    resultType: 'Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke (điều chỉnh)',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Nội dung đề nghị điều chỉnh',
          fields: [
            { name: 'licenceNumber', label: 'Số giấy phép đã được cấp', type: 'text', required: true, maxLength: 50 },
            { name: 'licenceDate', label: 'Ngày cấp giấy phép', type: 'date', required: true },
            {
              name: 'changeKind',
              label: 'Nội dung điều chỉnh',
              type: 'select',
              required: true,
              options: [
                { value: 'chu-so-huu', label: 'Thay đổi chủ sở hữu' },
                { value: 'tang-phong', label: 'Tăng số phòng hát' },
                { value: 'giam-phong', label: 'Giảm số phòng hát' },
                { value: 'khac', label: 'Nội dung khác' },
              ],
            },
            { name: 'newOwnerName', label: 'Tên chủ sở hữu mới', type: 'text', required: true, maxLength: 200, showIf: { field: 'changeKind', equals: 'chu-so-huu' } },
            { name: 'addedRooms', label: 'Số phòng hát tăng thêm', type: 'number', required: true, min: 1, max: 100, showIf: { field: 'changeKind', equals: 'tang-phong' } },
            { name: 'changeDetail', label: 'Mô tả nội dung điều chỉnh', type: 'textarea', required: true, maxLength: 2000 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(4, 'QLVH', 'Thẩm định nội dung điều chỉnh, dự thảo giấy phép điều chỉnh'),
  },
  {
    code: 'DEMO.000103',
    name: 'Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường',
    field: 'van-hoa',
    level: 'partial',
    partialReason: SITE_INSPECTION,
    pauseAllowed: true,
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_KARAOKE, LAW_KARAOKE_FEE],
    processingDays: 5,
    fees: [
      { name: 'Phí thẩm định (thành phố, thị xã thuộc tỉnh)', amount: 15_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
      { name: 'Phí thẩm định (khu vực khác)', amount: 10_000_000, note: 'Thông tư 01/2021/TT-BTC; cần đối chiếu' },
    ],
    documents: [
      { name: 'Đơn đề nghị cấp Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Giấy chứng nhận đủ điều kiện về an ninh, trật tự', copies: 1, original: 'either' },
      { name: 'Văn bản về phòng cháy và chữa cháy đối với cơ sở (nếu thuộc diện phải có)', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy phép đủ điều kiện kinh doanh dịch vụ vũ trường',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Thông tin vũ trường',
          fields: [
            { name: 'businessName', label: 'Tên doanh nghiệp', type: 'text', required: true, maxLength: 200 },
            { name: 'taxCode', label: 'Mã số doanh nghiệp', type: 'text', required: true, pattern: TAX_CODE_PATTERN },
            { name: 'venueAddress', label: 'Địa chỉ kinh doanh', type: 'text', required: true, maxLength: 250 },
            {
              name: 'areaType',
              label: 'Khu vực đặt cơ sở',
              type: 'radio',
              required: true,
              options: [
                { value: 'do-thi', label: 'Thành phố, thị xã thuộc tỉnh' },
                { value: 'khac', label: 'Khu vực khác' },
              ],
            },
            { name: 'floorArea', label: 'Diện tích phòng khiêu vũ (m²)', type: 'number', required: true, min: 80, max: 10000, hint: 'Từ 80 m² trở lên, không kể công trình phụ.' },
            { name: 'inHotel', label: 'Vũ trường đặt trong cơ sở lưu trú du lịch', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'hotelName', label: 'Tên và hạng cơ sở lưu trú du lịch', type: 'text', required: true, maxLength: 200, showIf: { field: 'inHotel', equals: 'co' } },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            {
              name: 'commitDistance',
              label: 'Địa điểm cách trường học, bệnh viện, cơ sở tôn giáo, tín ngưỡng, di tích lịch sử – văn hóa, cơ quan nhà nước từ 200 m trở lên.',
              type: 'checkbox',
              required: true,
            },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Thẩm định hồ sơ và thẩm định thực tế điều kiện kinh doanh, dự thảo giấy phép'),
  },

  // ===================================== Gia đình =====================================
  {
    code: 'DEMO.000201',
    name: 'Cấp Giấy chứng nhận đăng ký hoạt động của cơ sở trợ giúp phòng, chống bạo lực gia đình',
    field: 'gia-dinh',
    level: 'partial',
    partialReason: 'Phải kiểm tra thực tế địa điểm, cơ sở vật chất và nhân sự của cơ sở trợ giúp theo quy định.',
    pauseAllowed: true,
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_FAMILY, LAW_FAMILY_DECREE],
    processingDays: 10,
    fees: [],
    documents: [
      { name: 'Tờ khai đăng ký hoạt động của cơ sở trợ giúp phòng, chống bạo lực gia đình', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Văn bản chứng minh quyền sử dụng hợp pháp địa điểm hoạt động', copies: 1, original: 'copy' },
      { name: 'Danh sách người làm việc tại cơ sở kèm văn bằng, chứng chỉ chuyên môn', copies: 1, original: 'either' },
      { name: 'Quy chế hoạt động của cơ sở', copies: 1, original: 'original' },
    ],
    resultType: 'Giấy chứng nhận đăng ký hoạt động cơ sở trợ giúp phòng, chống bạo lực gia đình',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin cơ sở trợ giúp',
          fields: [
            { name: 'facilityName', label: 'Tên cơ sở', type: 'text', required: true, maxLength: 200 },
            { name: 'facilityAddress', label: 'Địa chỉ hoạt động', type: 'text', required: true, maxLength: 250 },
            {
              name: 'services',
              label: 'Loại hình dịch vụ chính',
              type: 'select',
              required: true,
              options: [
                { value: 'tu-van', label: 'Tư vấn, tham vấn' },
                { value: 'tam-lanh', label: 'Tạm lánh, hỗ trợ nhu cầu thiết yếu' },
                { value: 'tong-hop', label: 'Tổng hợp nhiều loại hình' },
              ],
            },
            { name: 'shelterBeds', label: 'Số chỗ tạm lánh', type: 'number', required: true, min: 1, max: 500, showIf: { field: 'services', equals: 'tam-lanh' } },
            { name: 'staffCount', label: 'Số người làm việc tại cơ sở', type: 'number', required: true, min: 1, max: 1000 },
            { name: 'hotline', label: 'Số điện thoại tiếp nhận tin báo', type: 'tel', required: true, pattern: PHONE_PATTERN },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            { name: 'commitConfidential', label: 'Cơ sở cam kết giữ bí mật thông tin về người bị bạo lực gia đình theo quy định.', type: 'checkbox', required: true },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(10, 'QLVH', 'Thẩm định hồ sơ, kiểm tra thực tế cơ sở, dự thảo giấy chứng nhận'),
  },
  {
    code: 'DEMO.000202',
    name: 'Cấp lại Giấy chứng nhận đăng ký hoạt động của cơ sở trợ giúp phòng, chống bạo lực gia đình',
    field: 'gia-dinh',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_FAMILY, LAW_FAMILY_DECREE],
    processingDays: 5,
    fees: [],
    documents: [
      { name: 'Đơn đề nghị cấp lại Giấy chứng nhận đăng ký hoạt động', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Giấy chứng nhận đã cấp (trường hợp bị hư hỏng)', copies: 1, original: 'original' },
    ],
    resultType: 'Giấy chứng nhận đăng ký hoạt động cơ sở trợ giúp phòng, chống bạo lực gia đình (cấp lại)',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Lý do cấp lại',
          fields: [
            { name: 'certificateNumber', label: 'Số giấy chứng nhận đã được cấp', type: 'text', required: true, maxLength: 50 },
            {
              name: 'reason',
              label: 'Lý do đề nghị cấp lại',
              type: 'radio',
              required: true,
              options: [
                { value: 'mat', label: 'Bị mất' },
                { value: 'hu-hong', label: 'Bị hư hỏng' },
                { value: 'thay-doi', label: 'Thay đổi tên, địa chỉ, người đứng đầu' },
              ],
            },
            { name: 'changeDetail', label: 'Nội dung thay đổi', type: 'textarea', required: true, maxLength: 2000, showIf: { field: 'reason', equals: 'thay-doi' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Kiểm tra hồ sơ lưu, dự thảo giấy chứng nhận cấp lại'),
  },

  // ===================================== Thể dục thể thao =====================================
  {
    code: 'DEMO.000301',
    name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao đối với môn Bơi, Lặn',
    field: 'the-duc-the-thao',
    level: 'partial',
    partialReason: 'Phải kiểm tra thực tế bể bơi, trang thiết bị cứu hộ và lực lượng nhân viên chuyên môn theo quy định.',
    pauseAllowed: true,
    unitCode: 'QLTDTT',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_SPORTS, LAW_SPORTS_2018, LAW_SPORTS_DECREE],
    processingDays: 7,
    fees: [{ name: 'Phí thẩm định cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', amount: 1_000_000, note: ILLUSTRATIVE }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh', copies: 1, original: 'original', templateName: 'Mẫu số 03' },
      { name: 'Văn bằng, chứng chỉ của nhân viên chuyên môn (người hướng dẫn tập luyện, nhân viên cứu hộ)', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Cơ sở vật chất và nhân sự',
          fields: [
            ...sportsBusinessFields(),
            { name: 'poolLength', label: 'Chiều dài bể bơi (m)', type: 'number', required: true, min: 6, max: 100 },
            { name: 'poolWidth', label: 'Chiều rộng bể bơi (m)', type: 'number', required: true, min: 3, max: 50 },
            { name: 'maxDepth', label: 'Độ sâu lớn nhất (m)', type: 'number', required: true, min: 0.5, max: 10 },
            { name: 'lifeguardCount', label: 'Số nhân viên cứu hộ', type: 'number', required: true, min: 1, max: 100 },
            { name: 'offersLessons', label: 'Có tổ chức dạy bơi', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'instructorCount', label: 'Số người hướng dẫn tập luyện', type: 'number', required: true, min: 1, max: 100, showIf: { field: 'offersLessons', equals: 'co' } },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            { name: 'commitRules', label: 'Cơ sở có nội quy, bảng chỉ dẫn độ sâu và trang thiết bị cứu hộ theo quy định.', type: 'checkbox', required: true },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(7, 'QLTDTT', 'Thẩm định hồ sơ, kiểm tra thực tế điều kiện kinh doanh, dự thảo giấy chứng nhận'),
  },
  {
    code: 'DEMO.000302',
    name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao đối với môn Thể dục thể hình và Fitness',
    field: 'the-duc-the-thao',
    level: 'full',
    unitCode: 'QLTDTT',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_SPORTS, LAW_SPORTS_2018, LAW_SPORTS_DECREE],
    processingDays: 7,
    fees: [{ name: 'Phí thẩm định cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', amount: 1_000_000, note: ILLUSTRATIVE }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh', copies: 1, original: 'original', templateName: 'Mẫu số 03' },
      { name: 'Văn bằng, chứng chỉ của người hướng dẫn tập luyện', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Cơ sở vật chất và nhân sự',
          fields: [
            ...sportsBusinessFields(),
            { name: 'trainingArea', label: 'Diện tích sàn tập (m²)', type: 'number', required: true, min: 1, max: 20000 },
            { name: 'instructorCount', label: 'Số người hướng dẫn tập luyện', type: 'number', required: true, min: 1, max: 200 },
            { name: 'equipmentList', label: 'Danh mục trang thiết bị tập luyện chính', type: 'textarea', required: true, maxLength: 3000 },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            { name: 'commitFirstAid', label: 'Cơ sở có túi sơ cứu, nội quy và bảo đảm chiếu sáng, thông gió theo quy định.', type: 'checkbox', required: true },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(7, 'QLTDTT', 'Thẩm định hồ sơ điều kiện kinh doanh, dự thảo giấy chứng nhận'),
  },
  {
    code: 'DEMO.000303',
    name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao đối với môn võ thuật',
    field: 'the-duc-the-thao',
    level: 'full',
    unitCode: 'QLTDTT',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_SPORTS, LAW_SPORTS_2018, LAW_SPORTS_DECREE],
    processingDays: 7,
    fees: [{ name: 'Phí thẩm định cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', amount: 1_000_000, note: ILLUSTRATIVE }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh', copies: 1, original: 'original', templateName: 'Mẫu số 03' },
      { name: 'Văn bằng, chứng chỉ, đẳng cấp của người hướng dẫn tập luyện', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Môn võ, cơ sở vật chất và nhân sự',
          fields: [
            ...sportsBusinessFields(),
            {
              name: 'discipline',
              label: 'Môn võ',
              type: 'select',
              required: true,
              options: [
                { value: 'vo-co-truyen', label: 'Võ cổ truyền' },
                { value: 'vovinam', label: 'Vovinam' },
                { value: 'karate', label: 'Karate' },
                { value: 'taekwondo', label: 'Taekwondo' },
                { value: 'judo', label: 'Judo' },
                { value: 'khac', label: 'Môn khác' },
              ],
            },
            { name: 'disciplineOther', label: 'Tên môn võ khác', type: 'text', required: true, maxLength: 100, showIf: { field: 'discipline', equals: 'khac' } },
            { name: 'matArea', label: 'Diện tích thảm / sàn tập (m²)', type: 'number', required: true, min: 1, max: 10000 },
            { name: 'instructorCount', label: 'Số người hướng dẫn tập luyện', type: 'number', required: true, min: 1, max: 200 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(7, 'QLTDTT', 'Thẩm định hồ sơ điều kiện kinh doanh, dự thảo giấy chứng nhận'),
  },
  {
    code: 'DEMO.000304',
    name: 'Đăng cai tổ chức giải thi đấu thể thao quần chúng cấp tỉnh',
    field: 'the-duc-the-thao',
    level: 'full',
    unitCode: 'QLTDTT',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_SPORTS, LAW_SPORTS_2018],
    processingDays: 7,
    fees: [],
    documents: [
      { name: 'Văn bản đề nghị đăng cai tổ chức giải', copies: 1, original: 'original' },
      { name: 'Điều lệ giải', copies: 1, original: 'original' },
      { name: 'Kế hoạch tổ chức, phương án bảo đảm an ninh, trật tự, y tế', copies: 1, original: 'original' },
    ],
    resultType: 'Văn bản chấp thuận đăng cai tổ chức giải thi đấu thể thao quần chúng',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Thông tin giải đấu',
          fields: [
            { name: 'eventName', label: 'Tên giải', type: 'text', required: true, maxLength: 250 },
            { name: 'sport', label: 'Môn thể thao', type: 'text', required: true, maxLength: 100 },
            { name: 'startDate', label: 'Ngày bắt đầu', type: 'date', required: true },
            { name: 'endDate', label: 'Ngày kết thúc', type: 'date', required: true },
            { name: 'venue', label: 'Địa điểm thi đấu', type: 'text', required: true, maxLength: 250 },
            { name: 'expectedAthletes', label: 'Số vận động viên dự kiến', type: 'number', required: true, min: 1, max: 100000 },
            { name: 'hasForeignAthletes', label: 'Có vận động viên nước ngoài tham gia', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'foreignAthleteDetail', label: 'Số lượng và quốc tịch vận động viên nước ngoài', type: 'textarea', required: true, maxLength: 1000, showIf: { field: 'hasForeignAthletes', equals: 'co' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(7, 'QLTDTT', 'Thẩm định điều lệ, kế hoạch tổ chức giải, dự thảo văn bản chấp thuận'),
  },

  // ===================================== Du lịch =====================================
  {
    code: 'DEMO.000401',
    name: 'Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa',
    field: 'du-lich',
    level: 'full',
    unitCode: 'QLDL',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_TOURISM, LAW_TOURISM_DECREE, LAW_TOURISM_DECREE_2021, LAW_TOURISM_CIRCULAR, LAW_TOURISM_FEE],
    processingDays: 10,
    fees: [{ name: 'Phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành nội địa', amount: 3_000_000, note: 'Thông tư 33/2018/TT-BTC; cần đối chiếu' }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành nội địa', copies: 1, original: 'original' },
      { name: 'Văn bằng hoặc chứng chỉ nghiệp vụ điều hành du lịch của người phụ trách kinh doanh dịch vụ lữ hành', copies: 1, original: 'copy' },
      { name: 'Quyết định bổ nhiệm hoặc hợp đồng lao động với người phụ trách kinh doanh dịch vụ lữ hành', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy phép kinh doanh dịch vụ lữ hành nội địa',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Doanh nghiệp và người phụ trách',
          fields: [
            { name: 'enterpriseName', label: 'Tên doanh nghiệp', type: 'text', required: true, maxLength: 200 },
            { name: 'enterpriseNameEn', label: 'Tên doanh nghiệp bằng tiếng nước ngoài (nếu có)', type: 'text', maxLength: 200 },
            { name: 'taxCode', label: 'Mã số doanh nghiệp', type: 'text', required: true, pattern: TAX_CODE_PATTERN },
            { name: 'headOffice', label: 'Địa chỉ trụ sở chính', type: 'text', required: true, maxLength: 250 },
            { name: 'depositBank', label: 'Ngân hàng nhận ký quỹ', type: 'text', required: true, maxLength: 200 },
            { name: 'managerName', label: 'Họ và tên người phụ trách kinh doanh dịch vụ lữ hành', type: 'text', required: true, maxLength: 100 },
            {
              name: 'managerQualification',
              label: 'Trình độ của người phụ trách',
              type: 'radio',
              required: true,
              options: [
                { value: 'chuyen-nganh', label: 'Tốt nghiệp trung cấp trở lên chuyên ngành về lữ hành' },
                { value: 'nganh-khac', label: 'Tốt nghiệp trung cấp trở lên ngành khác và có chứng chỉ nghiệp vụ điều hành du lịch nội địa' },
              ],
            },
            { name: 'certificateNumber', label: 'Số chứng chỉ nghiệp vụ điều hành du lịch', type: 'text', required: true, maxLength: 50, showIf: { field: 'managerQualification', equals: 'nganh-khac' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(10, 'QLDL', 'Thẩm định hồ sơ điều kiện kinh doanh dịch vụ lữ hành, dự thảo giấy phép'),
  },
  {
    code: 'DEMO.000402',
    name: 'Cấp thẻ hướng dẫn viên du lịch nội địa',
    field: 'du-lich',
    level: 'full',
    unitCode: 'QLDL',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_TOURISM, LAW_TOURISM_CIRCULAR, LAW_TOURISM_FEE],
    processingDays: 10,
    fees: [{ name: 'Phí thẩm định cấp thẻ hướng dẫn viên du lịch nội địa', amount: 650_000, note: 'Thông tư 33/2018/TT-BTC; cần đối chiếu' }],
    documents: [
      { name: 'Đơn đề nghị cấp thẻ hướng dẫn viên du lịch', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Văn bằng tốt nghiệp trung cấp trở lên chuyên ngành hướng dẫn du lịch, hoặc văn bằng ngành khác kèm chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa', copies: 1, original: 'copy' },
      { name: 'Giấy chứng nhận sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp không quá 06 tháng', copies: 1, original: 'original' },
      { name: 'Ảnh chân dung màu cỡ 3 cm × 4 cm', copies: 2, original: 'original' },
    ],
    resultType: 'Thẻ hướng dẫn viên du lịch nội địa',
    form: {
      steps: [
        applicantStep(),
        {
          title: 'Trình độ chuyên môn',
          fields: [
            { name: 'dateOfBirth', label: 'Ngày sinh', type: 'date', required: true },
            {
              name: 'qualification',
              label: 'Văn bằng',
              type: 'radio',
              required: true,
              options: [
                { value: 'chuyen-nganh', label: 'Trung cấp trở lên chuyên ngành hướng dẫn du lịch' },
                { value: 'nganh-khac', label: 'Trung cấp trở lên ngành khác, có chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa' },
              ],
            },
            { name: 'degreeInstitution', label: 'Cơ sở đào tạo cấp văn bằng', type: 'text', required: true, maxLength: 200 },
            { name: 'certificateNumber', label: 'Số chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa', type: 'text', required: true, maxLength: 50, showIf: { field: 'qualification', equals: 'nganh-khac' } },
            {
              name: 'deliveryMethod',
              label: 'Hình thức nhận thẻ',
              type: 'radio',
              required: true,
              options: [
                { value: 'truc-tiep', label: 'Nhận trực tiếp tại bộ phận một cửa' },
                { value: 'buu-chinh', label: 'Nhận qua dịch vụ bưu chính công ích' },
              ],
            },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(10, 'QLDL', 'Thẩm định hồ sơ, dự thảo quyết định và in thẻ'),
  },
  {
    code: 'DEMO.000403',
    name: 'Cấp thẻ hướng dẫn viên du lịch quốc tế',
    field: 'du-lich',
    level: 'full',
    unitCode: 'QLDL',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_TOURISM, LAW_TOURISM_CIRCULAR, LAW_TOURISM_FEE],
    processingDays: 10,
    fees: [{ name: 'Phí thẩm định cấp thẻ hướng dẫn viên du lịch quốc tế', amount: 650_000, note: 'Thông tư 33/2018/TT-BTC; cần đối chiếu' }],
    documents: [
      { name: 'Đơn đề nghị cấp thẻ hướng dẫn viên du lịch', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Văn bằng tốt nghiệp cao đẳng trở lên chuyên ngành hướng dẫn du lịch, hoặc văn bằng ngành khác kèm chứng chỉ nghiệp vụ hướng dẫn du lịch quốc tế', copies: 1, original: 'copy' },
      { name: 'Giấy tờ chứng minh sử dụng thành thạo ngoại ngữ đăng ký hành nghề', copies: 1, original: 'copy' },
      { name: 'Giấy chứng nhận sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp không quá 06 tháng', copies: 1, original: 'original' },
      { name: 'Ảnh chân dung màu cỡ 3 cm × 4 cm', copies: 2, original: 'original' },
    ],
    resultType: 'Thẻ hướng dẫn viên du lịch quốc tế',
    form: {
      steps: [
        applicantStep(),
        {
          title: 'Trình độ chuyên môn và ngoại ngữ',
          fields: [
            { name: 'dateOfBirth', label: 'Ngày sinh', type: 'date', required: true },
            {
              name: 'qualification',
              label: 'Văn bằng',
              type: 'radio',
              required: true,
              options: [
                { value: 'chuyen-nganh', label: 'Cao đẳng trở lên chuyên ngành hướng dẫn du lịch' },
                { value: 'nganh-khac', label: 'Cao đẳng trở lên ngành khác, có chứng chỉ nghiệp vụ hướng dẫn du lịch quốc tế' },
              ],
            },
            { name: 'certificateNumber', label: 'Số chứng chỉ nghiệp vụ hướng dẫn du lịch quốc tế', type: 'text', required: true, maxLength: 50, showIf: { field: 'qualification', equals: 'nganh-khac' } },
            {
              name: 'language',
              label: 'Ngoại ngữ đăng ký hành nghề',
              type: 'select',
              required: true,
              options: [
                { value: 'en', label: 'Tiếng Anh' },
                { value: 'zh', label: 'Tiếng Trung Quốc' },
                { value: 'ja', label: 'Tiếng Nhật' },
                { value: 'ko', label: 'Tiếng Hàn' },
                { value: 'fr', label: 'Tiếng Pháp' },
                { value: 'ru', label: 'Tiếng Nga' },
                { value: 'khac', label: 'Ngoại ngữ khác' },
              ],
            },
            { name: 'languageOther', label: 'Tên ngoại ngữ khác', type: 'text', required: true, maxLength: 50, showIf: { field: 'language', equals: 'khac' } },
            {
              name: 'languageProof',
              label: 'Căn cứ chứng minh ngoại ngữ',
              type: 'select',
              required: true,
              options: [
                { value: 'bang-ngoai-ngu', label: 'Bằng tốt nghiệp chuyên ngành ngoại ngữ' },
                { value: 'hoc-nuoc-ngoai', label: 'Bằng tốt nghiệp học bằng ngoại ngữ đó' },
                { value: 'chung-chi', label: 'Chứng chỉ ngoại ngữ bậc 5 (C1) trở lên còn thời hạn' },
              ],
            },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(10, 'QLDL', 'Thẩm định hồ sơ, dự thảo quyết định và in thẻ'),
  },
  {
    code: 'DEMO.000404',
    name: 'Cấp thẻ hướng dẫn viên du lịch tại điểm',
    field: 'du-lich',
    level: 'partial',
    partialReason: 'Người đề nghị phải tham dự kỳ kiểm tra nghiệp vụ hướng dẫn du lịch tại điểm do Sở tổ chức trực tiếp.',
    pauseAllowed: true,
    unitCode: 'QLDL',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_TOURISM, LAW_TOURISM_CIRCULAR, LAW_TOURISM_FEE],
    processingDays: 10,
    fees: [{ name: 'Phí thẩm định cấp thẻ hướng dẫn viên du lịch tại điểm', amount: 200_000, note: 'Thông tư 33/2018/TT-BTC; cần đối chiếu' }],
    documents: [
      { name: 'Đơn đề nghị cấp thẻ hướng dẫn viên du lịch', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Giấy chứng nhận đạt yêu cầu kiểm tra nghiệp vụ hướng dẫn du lịch tại điểm', copies: 1, original: 'either' },
      { name: 'Giấy chứng nhận sức khỏe do cơ sở khám bệnh, chữa bệnh có thẩm quyền cấp không quá 06 tháng', copies: 1, original: 'original' },
      { name: 'Ảnh chân dung màu cỡ 3 cm × 4 cm', copies: 2, original: 'original' },
    ],
    resultType: 'Thẻ hướng dẫn viên du lịch tại điểm',
    form: {
      steps: [
        applicantStep(),
        {
          title: 'Điểm du lịch hành nghề',
          fields: [
            { name: 'dateOfBirth', label: 'Ngày sinh', type: 'date', required: true },
            { name: 'siteName', label: 'Tên khu du lịch, điểm du lịch đăng ký hành nghề', type: 'text', required: true, maxLength: 200 },
            { name: 'testPassed', label: 'Đã đạt kỳ kiểm tra nghiệp vụ hướng dẫn du lịch tại điểm', type: 'radio', required: true, options: [{ value: 'co', label: 'Đã đạt' }, { value: 'chua', label: 'Chưa, đăng ký dự kiểm tra' }] },
            { name: 'testCertificateNumber', label: 'Số giấy chứng nhận đạt kiểm tra nghiệp vụ', type: 'text', required: true, maxLength: 50, showIf: { field: 'testPassed', equals: 'co' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(10, 'QLDL', 'Thẩm định hồ sơ, đối chiếu kết quả kiểm tra nghiệp vụ, dự thảo quyết định và in thẻ'),
  },
  {
    code: 'DEMO.000405',
    name: 'Công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao đối với khách sạn, biệt thự du lịch, căn hộ du lịch, tàu thủy lưu trú du lịch',
    field: 'du-lich',
    level: 'partial',
    partialReason: 'Phải thành lập đoàn thẩm định và đánh giá thực tế cơ sở lưu trú theo tiêu chuẩn quốc gia trước khi công nhận hạng.',
    pauseAllowed: true,
    unitCode: 'QLDL',
    authority: GIAM_DOC_SO,
    legalBasis: [
      LAW_TOURISM,
      LAW_TOURISM_DECREE,
      LAW_TOURISM_CIRCULAR,
      'Thông tư số 34/2018/TT-BTC của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định công nhận hạng cơ sở lưu trú du lịch',
    ],
    processingDays: 30,
    fees: [{ name: 'Phí thẩm định công nhận hạng 1 sao, 2 sao', amount: 1_500_000, note: 'Thông tư 34/2018/TT-BTC; cần đối chiếu' }],
    documents: [
      { name: 'Đơn đề nghị công nhận hạng cơ sở lưu trú du lịch', copies: 1, original: 'original', templateName: 'Mẫu số 03' },
      { name: 'Bản tự đánh giá chất lượng cơ sở lưu trú du lịch theo tiêu chuẩn quốc gia', copies: 1, original: 'original' },
      { name: 'Danh sách người quản lý và nhân viên kèm văn bằng, chứng chỉ nghiệp vụ', copies: 1, original: 'either' },
    ],
    resultType: 'Quyết định công nhận hạng cơ sở lưu trú du lịch (kèm biển hạng)',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Thông tin cơ sở lưu trú',
          fields: [
            { name: 'establishmentName', label: 'Tên cơ sở lưu trú du lịch', type: 'text', required: true, maxLength: 200 },
            { name: 'establishmentAddress', label: 'Địa chỉ', type: 'text', required: true, maxLength: 250 },
            {
              name: 'establishmentType',
              label: 'Loại cơ sở lưu trú',
              type: 'select',
              required: true,
              options: [
                { value: 'khach-san', label: 'Khách sạn' },
                { value: 'biet-thu', label: 'Biệt thự du lịch' },
                { value: 'can-ho', label: 'Căn hộ du lịch' },
                { value: 'tau-thuy', label: 'Tàu thủy lưu trú du lịch' },
              ],
            },
            { name: 'requestedRank', label: 'Hạng đề nghị công nhận', type: 'radio', required: true, options: [{ value: '1', label: '1 sao' }, { value: '2', label: '2 sao' }] },
            { name: 'roomCount', label: 'Tổng số buồng', type: 'number', required: true, min: 1, max: 1000 },
            { name: 'hotelSubtype', label: 'Loại khách sạn', type: 'select', showIf: { field: 'establishmentType', equals: 'khach-san' }, options: [
              { value: 'thanh-pho', label: 'Khách sạn thành phố' },
              { value: 'nghi-duong', label: 'Khách sạn nghỉ dưỡng' },
              { value: 'ben-duong', label: 'Khách sạn bên đường' },
              { value: 'noi', label: 'Khách sạn nổi' },
            ] },
            { name: 'staffCount', label: 'Tổng số lao động', type: 'number', required: true, min: 1, max: 5000 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(30, 'QLDL', 'Thẩm định hồ sơ, tổ chức đoàn thẩm định thực tế, dự thảo quyết định công nhận hạng'),
  },
  {
    code: 'DEMO.000406',
    name: 'Công nhận cơ sở kinh doanh dịch vụ ăn uống đạt tiêu chuẩn phục vụ khách du lịch',
    field: 'du-lich',
    level: 'partial',
    partialReason: 'Phải kiểm tra, đánh giá thực tế cơ sở theo tiêu chuẩn trước khi công nhận.',
    pauseAllowed: true,
    unitCode: 'QLDL',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_TOURISM, LAW_TOURISM_DECREE, LAW_TOURISM_CIRCULAR],
    processingDays: 15,
    fees: [],
    documents: [
      { name: 'Đơn đề nghị công nhận cơ sở kinh doanh dịch vụ ăn uống đạt tiêu chuẩn phục vụ khách du lịch', copies: 1, original: 'original', templateName: 'Mẫu số 04' },
      { name: 'Bản tự đánh giá theo tiêu chuẩn', copies: 1, original: 'original' },
      { name: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (nếu thuộc diện phải có)', copies: 1, original: 'copy' },
    ],
    resultType: 'Quyết định công nhận và biển hiệu cơ sở kinh doanh dịch vụ ăn uống đạt tiêu chuẩn phục vụ khách du lịch',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin cơ sở',
          fields: [
            { name: 'establishmentName', label: 'Tên cơ sở', type: 'text', required: true, maxLength: 200 },
            { name: 'establishmentAddress', label: 'Địa chỉ', type: 'text', required: true, maxLength: 250 },
            { name: 'seatCount', label: 'Số chỗ ngồi phục vụ khách', type: 'number', required: true, min: 1, max: 10000 },
            { name: 'cuisine', label: 'Loại hình ẩm thực chính', type: 'text', maxLength: 200 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(15, 'QLDL', 'Thẩm định hồ sơ, kiểm tra thực tế cơ sở, dự thảo quyết định công nhận'),
  },

  // ===================================== Di sản văn hóa =====================================
  {
    code: 'DEMO.000501',
    name: 'Đăng ký di vật, cổ vật, bảo vật quốc gia',
    field: 'di-san-van-hoa',
    level: 'partial',
    partialReason: 'Hiện vật phải được xuất trình để chuyên viên giám định, chụp ảnh và lập hồ sơ đăng ký trực tiếp.',
    pauseAllowed: true,
    unitCode: 'QLDS',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_HERITAGE, 'Nghị định số 308/2025/NĐ-CP (hướng dẫn thi hành Luật Di sản văn hóa; cần đối chiếu phạm vi điều chỉnh)'],
    processingDays: 15,
    fees: [{ name: 'Phí đăng ký di vật, cổ vật (tính theo hiện vật)', amount: 150_000, note: ILLUSTRATIVE }],
    documents: [
      { name: 'Đơn đề nghị đăng ký di vật, cổ vật, bảo vật quốc gia', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Ảnh màu chụp toàn thể và chi tiết hiện vật (cỡ 9 cm × 12 cm)', copies: 2, original: 'original' },
      { name: 'Giấy tờ chứng minh nguồn gốc hợp pháp của hiện vật (nếu có)', copies: 1, original: 'either' },
    ],
    resultType: 'Giấy chứng nhận đăng ký di vật, cổ vật, bảo vật quốc gia',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin hiện vật',
          fields: [
            { name: 'objectName', label: 'Tên hiện vật', type: 'text', required: true, maxLength: 200 },
            {
              name: 'objectClass',
              label: 'Loại',
              type: 'radio',
              required: true,
              options: [
                { value: 'di-vat', label: 'Di vật' },
                { value: 'co-vat', label: 'Cổ vật' },
                { value: 'bao-vat', label: 'Bảo vật quốc gia' },
              ],
            },
            { name: 'material', label: 'Chất liệu', type: 'text', required: true, maxLength: 100 },
            { name: 'dimensions', label: 'Kích thước, trọng lượng', type: 'text', required: true, maxLength: 200 },
            { name: 'estimatedPeriod', label: 'Niên đại (ước đoán)', type: 'text', maxLength: 100 },
            {
              name: 'origin',
              label: 'Nguồn gốc hiện vật',
              type: 'select',
              required: true,
              options: [
                { value: 'gia-truyen', label: 'Gia truyền' },
                { value: 'mua-ban', label: 'Mua, trao đổi' },
                { value: 'tang-cho', label: 'Được tặng cho, thừa kế' },
                { value: 'khac', label: 'Khác' },
              ],
            },
            { name: 'acquisitionDetail', label: 'Thời gian, nơi mua hoặc trao đổi và giấy tờ kèm theo', type: 'textarea', required: true, maxLength: 2000, showIf: { field: 'origin', equals: 'mua-ban' } },
            { name: 'description', label: 'Mô tả hiện trạng', type: 'textarea', required: true, maxLength: 3000 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(15, 'QLDS', 'Giám định hiện vật, lập hồ sơ đăng ký, dự thảo giấy chứng nhận'),
  },
  {
    code: 'DEMO.000502',
    name: 'Thẩm định dự án, báo cáo kinh tế – kỹ thuật tu bổ, phục hồi di tích cấp tỉnh',
    field: 'di-san-van-hoa',
    level: 'full',
    unitCode: 'QLDS',
    authority: GIAM_DOC_SO,
    legalBasis: [
      LAW_HERITAGE,
      'Nghị định số 166/2018/NĐ-CP của Chính phủ quy định thẩm quyền, trình tự, thủ tục lập, thẩm định, phê duyệt quy hoạch, dự án, báo cáo kinh tế – kỹ thuật bảo quản, tu bổ, phục hồi di tích lịch sử – văn hóa, danh lam thắng cảnh (cần rà soát hiệu lực theo Luật Di sản văn hóa 2024)',
    ],
    processingDays: 20,
    fees: [],
    documents: [
      { name: 'Tờ trình đề nghị thẩm định dự án (báo cáo kinh tế – kỹ thuật)', copies: 1, original: 'original' },
      { name: 'Hồ sơ dự án: thuyết minh, hồ sơ thiết kế, hồ sơ hiện trạng di tích', copies: 1, original: 'original' },
      { name: 'Quyết định xếp hạng di tích và bản đồ khoanh vùng bảo vệ', copies: 1, original: 'copy' },
    ],
    resultType: 'Văn bản thẩm định dự án (báo cáo kinh tế – kỹ thuật) tu bổ, phục hồi di tích',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Di tích và dự án',
          fields: [
            { name: 'relicName', label: 'Tên di tích', type: 'text', required: true, maxLength: 200 },
            { name: 'rankingDecision', label: 'Số, ngày quyết định xếp hạng di tích', type: 'text', required: true, maxLength: 100 },
            { name: 'relicLocation', label: 'Địa điểm di tích', type: 'text', required: true, maxLength: 250 },
            {
              name: 'dossierKind',
              label: 'Loại hồ sơ',
              type: 'radio',
              required: true,
              options: [
                { value: 'du-an', label: 'Dự án tu bổ, phục hồi' },
                { value: 'bao-cao-ktkt', label: 'Báo cáo kinh tế – kỹ thuật' },
              ],
            },
            { name: 'totalInvestment', label: 'Tổng mức đầu tư dự kiến (đồng)', type: 'number', required: true, min: 0 },
            { name: 'capitalSource', label: 'Nguồn vốn', type: 'select', required: true, options: [
              { value: 'ngan-sach', label: 'Ngân sách nhà nước' },
              { value: 'xa-hoi-hoa', label: 'Xã hội hóa' },
              { value: 'hon-hop', label: 'Hỗn hợp' },
            ] },
            { name: 'scope', label: 'Phạm vi, hạng mục can thiệp', type: 'textarea', required: true, maxLength: 4000 },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            { name: 'commitNoChange', label: 'Không tự ý thay đổi yếu tố gốc cấu thành di tích ngoài nội dung đã được thẩm định.', type: 'checkbox', required: true },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(20, 'QLDS', 'Thẩm định hồ sơ dự án, lấy ý kiến chuyên gia, dự thảo văn bản thẩm định'),
  },
  {
    code: 'DEMO.000503',
    name: 'Cấp phép cho người nước ngoài tiến hành nghiên cứu, sưu tầm di sản văn hóa phi vật thể tại địa phương',
    field: 'di-san-van-hoa',
    level: 'full',
    unitCode: 'QLDS',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_HERITAGE],
    processingDays: 10,
    fees: [],
    documents: [
      { name: 'Đơn đề nghị cấp phép nghiên cứu, sưu tầm di sản văn hóa phi vật thể', copies: 1, original: 'original' },
      { name: 'Văn bản giới thiệu của tổ chức, cơ quan Việt Nam phối hợp hoặc bảo lãnh', copies: 1, original: 'original' },
      { name: 'Kế hoạch, nội dung nghiên cứu, sưu tầm', copies: 1, original: 'original' },
      { name: 'Hộ chiếu của người đề nghị', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy phép nghiên cứu, sưu tầm di sản văn hóa phi vật thể',
    form: {
      steps: [
        applicantStep(),
        {
          title: 'Nội dung nghiên cứu',
          fields: [
            { name: 'researcherName', label: 'Họ và tên nhà nghiên cứu nước ngoài', type: 'text', required: true, maxLength: 100 },
            { name: 'nationality', label: 'Quốc tịch', type: 'text', required: true, maxLength: 100 },
            { name: 'passportNumber', label: 'Số hộ chiếu', type: 'text', required: true, maxLength: 20, pattern: '^[A-Z0-9]{6,20}$' },
            { name: 'partnerOrganisation', label: 'Tổ chức Việt Nam phối hợp', type: 'text', required: true, maxLength: 200 },
            { name: 'heritageSubject', label: 'Di sản văn hóa phi vật thể nghiên cứu', type: 'text', required: true, maxLength: 250 },
            { name: 'researchPlaces', label: 'Địa bàn nghiên cứu, sưu tầm', type: 'textarea', required: true, maxLength: 1000 },
            { name: 'startDate', label: 'Từ ngày', type: 'date', required: true },
            { name: 'endDate', label: 'Đến ngày', type: 'date', required: true },
            { name: 'recordsMedia', label: 'Có ghi âm, ghi hình, chụp ảnh', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'mediaPlan', label: 'Phương án sử dụng tư liệu ghi âm, ghi hình', type: 'textarea', required: true, maxLength: 2000, showIf: { field: 'recordsMedia', equals: 'co' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(10, 'QLDS', 'Thẩm định hồ sơ, lấy ý kiến cơ quan liên quan, dự thảo giấy phép'),
  },

  // ===================================== Thư viện =====================================
  {
    code: 'DEMO.000601',
    name: 'Thông báo thành lập thư viện chuyên ngành ở cấp tỉnh, thư viện ngoài công lập có phục vụ cộng đồng',
    field: 'thu-vien',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_LIBRARY, LAW_LIBRARY_DECREE],
    processingDays: 5,
    fees: [],
    documents: [
      { name: 'Văn bản thông báo thành lập thư viện', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Quyết định thành lập thư viện (đối với thư viện của tổ chức)', copies: 1, original: 'copy' },
      { name: 'Quy chế tổ chức và hoạt động của thư viện', copies: 1, original: 'either' },
    ],
    resultType: 'Văn bản xác nhận tiếp nhận thông báo và cập nhật thư viện vào cơ sở dữ liệu thư viện của tỉnh',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin thư viện',
          fields: [
            { name: 'libraryName', label: 'Tên thư viện', type: 'text', required: true, maxLength: 200 },
            { name: 'libraryAddress', label: 'Địa chỉ', type: 'text', required: true, maxLength: 250 },
            {
              name: 'libraryType',
              label: 'Loại thư viện',
              type: 'select',
              required: true,
              options: [
                { value: 'chuyen-nganh', label: 'Thư viện chuyên ngành' },
                { value: 'ngoai-cong-lap', label: 'Thư viện ngoài công lập có phục vụ cộng đồng' },
                { value: 'nuoc-ngoai', label: 'Thư viện của tổ chức, cá nhân nước ngoài có phục vụ người Việt Nam' },
              ],
            },
            { name: 'establishedDate', label: 'Ngày thành lập', type: 'date', required: true },
            { name: 'collectionSize', label: 'Số bản tài nguyên thông tin', type: 'number', required: true, min: 0 },
            { name: 'readingSeats', label: 'Số chỗ ngồi đọc', type: 'number', min: 0, max: 10000 },
            { name: 'openHours', label: 'Thời gian mở cửa phục vụ', type: 'text', required: true, maxLength: 200 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Kiểm tra nội dung thông báo, cập nhật cơ sở dữ liệu thư viện, dự thảo văn bản xác nhận'),
  },
  {
    code: 'DEMO.000602',
    name: 'Thông báo chấm dứt hoạt động thư viện chuyên ngành ở cấp tỉnh, thư viện ngoài công lập có phục vụ cộng đồng',
    field: 'thu-vien',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_LIBRARY, LAW_LIBRARY_DECREE],
    processingDays: 5,
    fees: [],
    documents: [
      { name: 'Văn bản thông báo chấm dứt hoạt động thư viện', copies: 1, original: 'original', templateName: 'Mẫu số 03' },
      { name: 'Phương án xử lý tài nguyên thông tin, tài sản của thư viện', copies: 1, original: 'original' },
    ],
    resultType: 'Văn bản xác nhận tiếp nhận thông báo chấm dứt hoạt động thư viện',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin chấm dứt hoạt động',
          fields: [
            { name: 'libraryName', label: 'Tên thư viện', type: 'text', required: true, maxLength: 200 },
            { name: 'closureDate', label: 'Ngày dự kiến chấm dứt hoạt động', type: 'date', required: true },
            { name: 'reason', label: 'Lý do chấm dứt hoạt động', type: 'textarea', required: true, maxLength: 2000 },
            {
              name: 'collectionPlan',
              label: 'Phương án xử lý tài nguyên thông tin',
              type: 'radio',
              required: true,
              options: [
                { value: 'chuyen-giao', label: 'Chuyển giao cho thư viện khác' },
                { value: 'tu-luu-giu', label: 'Tự lưu giữ' },
                { value: 'khac', label: 'Phương án khác' },
              ],
            },
            { name: 'receivingLibrary', label: 'Tên thư viện nhận chuyển giao', type: 'text', required: true, maxLength: 200, showIf: { field: 'collectionPlan', equals: 'chuyen-giao' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Kiểm tra nội dung thông báo, cập nhật cơ sở dữ liệu thư viện, dự thảo văn bản xác nhận'),
  },

  // ===================================== Nghệ thuật biểu diễn =====================================
  {
    code: 'DEMO.000701',
    name: 'Tổ chức biểu diễn nghệ thuật trên địa bàn quản lý (không thuộc trường hợp trong khuôn khổ hợp tác quốc tế của các hội chuyên ngành về nghệ thuật biểu diễn thuộc trung ương, đơn vị sự nghiệp công lập có chức năng biểu diễn nghệ thuật thuộc trung ương)',
    field: 'nghe-thuat-bieu-dien',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_PERFORMING, LAW_PERFORMING_FEE],
    processingDays: 5,
    fees: [
      { name: 'Phí thẩm định chương trình có độ dài đến 50 phút', amount: 1_500_000, note: ILLUSTRATIVE },
      { name: 'Phí thẩm định chương trình có độ dài từ 51 đến 100 phút', amount: 2_000_000, note: ILLUSTRATIVE },
      { name: 'Phí thẩm định chương trình có độ dài trên 100 phút', amount: 3_000_000, note: ILLUSTRATIVE },
    ],
    documents: [
      { name: 'Văn bản đề nghị tổ chức biểu diễn nghệ thuật', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Kịch bản, danh mục tác phẩm gắn với tác giả, người chịu trách nhiệm chính về nội dung chương trình', copies: 1, original: 'original' },
      { name: 'Bản nhạc hoặc lời bài hát đối với tác phẩm nước ngoài (kèm bản dịch tiếng Việt)', copies: 1, original: 'either' },
    ],
    resultType: 'Văn bản chấp thuận tổ chức biểu diễn nghệ thuật',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Chương trình biểu diễn',
          fields: [
            { name: 'programmeName', label: 'Tên chương trình', type: 'text', required: true, maxLength: 250 },
            {
              name: 'artForm',
              label: 'Loại hình nghệ thuật',
              type: 'select',
              required: true,
              options: [
                { value: 'ca-mua-nhac', label: 'Ca múa nhạc' },
                { value: 'san-khau', label: 'Sân khấu (kịch, chèo, tuồng, cải lương…)' },
                { value: 'xiec', label: 'Xiếc, ảo thuật' },
                { value: 'thoi-trang', label: 'Trình diễn thời trang' },
                { value: 'khac', label: 'Khác' },
              ],
            },
            { name: 'venue', label: 'Địa điểm biểu diễn', type: 'text', required: true, maxLength: 250 },
            { name: 'startDate', label: 'Thời gian bắt đầu', type: 'date', required: true },
            { name: 'endDate', label: 'Thời gian kết thúc', type: 'date', required: true },
            { name: 'durationMinutes', label: 'Thời lượng chương trình (phút)', type: 'number', required: true, min: 1, max: 600 },
            { name: 'hasForeignPerformers', label: 'Có người biểu diễn là người nước ngoài', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'foreignPerformers', label: 'Họ tên, quốc tịch người biểu diễn nước ngoài', type: 'textarea', required: true, maxLength: 2000, showIf: { field: 'hasForeignPerformers', equals: 'co' } },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            { name: 'commitContent', label: 'Nội dung chương trình không vi phạm các điều cấm theo quy định của pháp luật về nghệ thuật biểu diễn.', type: 'checkbox', required: true },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Thẩm định nội dung chương trình, dự thảo văn bản chấp thuận'),
  },
  {
    code: 'DEMO.000702',
    name: 'Tổ chức cuộc thi, liên hoan trên địa bàn quản lý (không thuộc trường hợp tổ chức cuộc thi, liên hoan của các hội chuyên ngành về nghệ thuật biểu diễn thuộc trung ương)',
    field: 'nghe-thuat-bieu-dien',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_PERFORMING],
    processingDays: 5,
    fees: [],
    documents: [
      { name: 'Văn bản đề nghị tổ chức cuộc thi, liên hoan', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Đề án tổ chức cuộc thi, liên hoan', copies: 1, original: 'original' },
      { name: 'Quy chế cuộc thi, liên hoan', copies: 1, original: 'original' },
    ],
    resultType: 'Văn bản chấp thuận tổ chức cuộc thi, liên hoan',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Cuộc thi, liên hoan',
          fields: [
            { name: 'eventName', label: 'Tên cuộc thi, liên hoan', type: 'text', required: true, maxLength: 250 },
            { name: 'eventKind', label: 'Hình thức', type: 'radio', required: true, options: [{ value: 'cuoc-thi', label: 'Cuộc thi' }, { value: 'lien-hoan', label: 'Liên hoan' }] },
            { name: 'prizeStructure', label: 'Cơ cấu giải thưởng', type: 'textarea', required: true, maxLength: 2000, showIf: { field: 'eventKind', equals: 'cuoc-thi' } },
            { name: 'venue', label: 'Địa điểm', type: 'text', required: true, maxLength: 250 },
            { name: 'startDate', label: 'Ngày bắt đầu', type: 'date', required: true },
            { name: 'endDate', label: 'Ngày kết thúc', type: 'date', required: true },
            { name: 'participantsExpected', label: 'Số người tham gia dự kiến', type: 'number', min: 1, max: 100000 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Thẩm định đề án, quy chế cuộc thi, liên hoan, dự thảo văn bản chấp thuận'),
  },

  // ===================================== Mỹ thuật – Nhiếp ảnh – Triển lãm =====================================
  {
    code: 'DEMO.000801',
    name: 'Cấp giấy phép triển lãm mỹ thuật',
    field: 'my-thuat-nhiep-anh-trien-lam',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_FINE_ARTS],
    processingDays: 7,
    fees: [{ name: 'Phí thẩm định nội dung triển lãm mỹ thuật', amount: 500_000, note: ILLUSTRATIVE }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép triển lãm mỹ thuật', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Danh sách tác giả, tác phẩm (tên, chất liệu, kích thước, năm sáng tác)', copies: 1, original: 'original' },
      { name: 'Ảnh màu từng tác phẩm (cỡ 10 cm × 15 cm) hoặc tệp ảnh', copies: 1, original: 'either' },
    ],
    resultType: 'Giấy phép triển lãm mỹ thuật',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin triển lãm',
          fields: [
            { name: 'exhibitionName', label: 'Tên triển lãm', type: 'text', required: true, maxLength: 250 },
            { name: 'venue', label: 'Địa điểm triển lãm', type: 'text', required: true, maxLength: 250 },
            { name: 'startDate', label: 'Ngày khai mạc', type: 'date', required: true },
            { name: 'endDate', label: 'Ngày bế mạc', type: 'date', required: true },
            { name: 'artworkCount', label: 'Số tác phẩm', type: 'number', required: true, min: 1, max: 5000 },
            { name: 'artistCount', label: 'Số tác giả', type: 'number', required: true, min: 1, max: 1000 },
            { name: 'hasForeignArtists', label: 'Có tác giả là người nước ngoài', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'foreignArtists', label: 'Họ tên, quốc tịch tác giả nước ngoài', type: 'textarea', required: true, maxLength: 2000, showIf: { field: 'hasForeignArtists', equals: 'co' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(7, 'QLVH', 'Thẩm định nội dung tác phẩm, dự thảo giấy phép triển lãm'),
  },
  {
    code: 'DEMO.000802',
    name: 'Cấp giấy phép triển lãm tác phẩm nhiếp ảnh tại Việt Nam',
    field: 'my-thuat-nhiep-anh-trien-lam',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_PHOTO],
    processingDays: 7,
    fees: [{ name: 'Phí thẩm định nội dung triển lãm tác phẩm nhiếp ảnh', amount: 500_000, note: ILLUSTRATIVE }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép triển lãm tác phẩm nhiếp ảnh', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Danh sách tác giả, tác phẩm, chú thích ảnh', copies: 1, original: 'original' },
      { name: 'Ảnh mẫu in trên giấy cỡ 13 cm × 18 cm hoặc tệp ảnh', copies: 1, original: 'either' },
    ],
    resultType: 'Giấy phép triển lãm tác phẩm nhiếp ảnh',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin triển lãm',
          fields: [
            { name: 'exhibitionName', label: 'Tên triển lãm', type: 'text', required: true, maxLength: 250 },
            { name: 'theme', label: 'Chủ đề', type: 'text', maxLength: 250 },
            { name: 'venue', label: 'Địa điểm triển lãm', type: 'text', required: true, maxLength: 250 },
            { name: 'startDate', label: 'Ngày khai mạc', type: 'date', required: true },
            { name: 'endDate', label: 'Ngày bế mạc', type: 'date', required: true },
            { name: 'photoCount', label: 'Số tác phẩm ảnh', type: 'number', required: true, min: 1, max: 5000 },
          ],
        },
        { title: 'Cam kết', fields: commitments([{ name: 'commitCopyright', label: 'Tổ chức, cá nhân đề nghị bảo đảm quyền tác giả đối với các tác phẩm trưng bày.', type: 'checkbox', required: true }]) },
      ],
    },
    workflow: standardWorkflow(7, 'QLVH', 'Thẩm định nội dung tác phẩm, dự thảo giấy phép triển lãm'),
  },
  {
    code: 'DEMO.000803',
    name: 'Cấp giấy phép sao chép tác phẩm mỹ thuật về danh nhân văn hóa, anh hùng dân tộc, lãnh tụ',
    field: 'my-thuat-nhiep-anh-trien-lam',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_FINE_ARTS],
    processingDays: 7,
    fees: [],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép sao chép tác phẩm mỹ thuật', copies: 1, original: 'original', templateName: 'Mẫu số 03' },
      { name: 'Văn bản đồng ý của chủ sở hữu tác phẩm hoặc tác giả', copies: 1, original: 'either' },
      { name: 'Ảnh màu tác phẩm gốc và ảnh phác thảo tác phẩm sao chép', copies: 1, original: 'original' },
    ],
    resultType: 'Giấy phép sao chép tác phẩm mỹ thuật',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Tác phẩm sao chép',
          fields: [
            { name: 'originalWork', label: 'Tên tác phẩm gốc', type: 'text', required: true, maxLength: 250 },
            { name: 'originalAuthor', label: 'Tác giả tác phẩm gốc', type: 'text', required: true, maxLength: 100 },
            { name: 'subject', label: 'Danh nhân, anh hùng dân tộc, lãnh tụ được thể hiện', type: 'text', required: true, maxLength: 200 },
            { name: 'material', label: 'Chất liệu sao chép', type: 'text', required: true, maxLength: 100 },
            { name: 'copyCount', label: 'Số lượng bản sao', type: 'number', required: true, min: 1, max: 10000 },
            { name: 'placement', label: 'Mục đích, địa điểm đặt bản sao', type: 'textarea', required: true, maxLength: 1000 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(7, 'QLVH', 'Thẩm định hồ sơ và phác thảo, dự thảo giấy phép'),
  },
  {
    code: 'DEMO.000804',
    name: 'Cấp giấy phép tổ chức triển lãm do tổ chức, cá nhân tại địa phương đưa ra nước ngoài không vì mục đích thương mại',
    field: 'my-thuat-nhiep-anh-trien-lam',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_EXHIBITION],
    processingDays: 7,
    fees: [],
    documents: [
      { name: 'Văn bản đề nghị cấp giấy phép tổ chức triển lãm', copies: 1, original: 'original', templateName: 'Mẫu số 02' },
      { name: 'Danh mục tài liệu, hiện vật, tác phẩm triển lãm', copies: 1, original: 'original' },
      { name: 'Văn bản mời hoặc thỏa thuận với đối tác nước ngoài (kèm bản dịch tiếng Việt)', copies: 1, original: 'either' },
    ],
    resultType: 'Giấy phép tổ chức triển lãm ở nước ngoài',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Thông tin triển lãm',
          fields: [
            { name: 'exhibitionName', label: 'Tên triển lãm', type: 'text', required: true, maxLength: 250 },
            { name: 'hostCountry', label: 'Quốc gia tổ chức', type: 'text', required: true, maxLength: 100 },
            { name: 'hostPartner', label: 'Đối tác phía nước ngoài', type: 'text', required: true, maxLength: 200 },
            { name: 'startDate', label: 'Ngày khai mạc', type: 'date', required: true },
            { name: 'endDate', label: 'Ngày bế mạc', type: 'date', required: true },
            { name: 'itemCount', label: 'Số tài liệu, hiện vật, tác phẩm', type: 'number', required: true, min: 1, max: 10000 },
            { name: 'includesRelics', label: 'Có di vật, cổ vật trong danh mục', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'relicPermitNote', label: 'Thông tin văn bản cho phép đưa di vật, cổ vật ra nước ngoài', type: 'textarea', required: true, maxLength: 1000, showIf: { field: 'includesRelics', equals: 'co' } },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(7, 'QLVH', 'Thẩm định nội dung triển lãm, dự thảo giấy phép'),
  },

  // ===================================== Quảng cáo =====================================
  {
    code: 'DEMO.000901',
    name: 'Tiếp nhận hồ sơ thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn',
    field: 'quang-cao',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_ADS, LAW_ADS_DECREE],
    processingDays: 5,
    fees: [],
    documents: [
      { name: 'Văn bản thông báo sản phẩm quảng cáo (ghi rõ nội dung, thời gian, địa điểm, số lượng)', copies: 1, original: 'original' },
      { name: 'Giấy tờ chứng minh sự phù hợp của sản phẩm, hàng hóa, dịch vụ quảng cáo theo quy định', copies: 1, original: 'either' },
      { name: 'Ma-két sản phẩm quảng cáo in màu có chữ ký của tổ chức, cá nhân thực hiện', copies: 1, original: 'original' },
      { name: 'Văn bản đồng ý của chủ sở hữu hoặc người được giao quản lý phương tiện quảng cáo', copies: 1, original: 'either' },
    ],
    resultType: 'Văn bản trả lời (chỉ khi không đồng ý với sản phẩm quảng cáo; quá thời hạn không trả lời thì được thực hiện)',
    form: {
      steps: [
        applicantStep({ organisation: 'optional' }),
        {
          title: 'Sản phẩm quảng cáo',
          fields: [
            { name: 'advertiser', label: 'Người quảng cáo', type: 'text', required: true, maxLength: 200 },
            {
              name: 'medium',
              label: 'Phương tiện quảng cáo',
              type: 'radio',
              required: true,
              options: [
                { value: 'bang', label: 'Bảng quảng cáo' },
                { value: 'bang-ron', label: 'Băng-rôn' },
              ],
            },
            { name: 'boardSize', label: 'Kích thước bảng (rộng × cao, m)', type: 'text', required: true, maxLength: 50, showIf: { field: 'medium', equals: 'bang' } },
            { name: 'bannerCount', label: 'Số lượng băng-rôn', type: 'number', required: true, min: 1, max: 10000, showIf: { field: 'medium', equals: 'bang-ron' } },
            { name: 'locations', label: 'Địa điểm thực hiện quảng cáo', type: 'textarea', required: true, maxLength: 3000 },
            { name: 'startDate', label: 'Ngày bắt đầu', type: 'date', required: true },
            { name: 'endDate', label: 'Ngày kết thúc', type: 'date', required: true },
            { name: 'contentSummary', label: 'Nội dung sản phẩm quảng cáo', type: 'textarea', required: true, maxLength: 2000 },
          ],
        },
        {
          title: 'Cam kết',
          fields: commitments([
            { name: 'commitPlanning', label: 'Vị trí thực hiện quảng cáo phù hợp với quy hoạch quảng cáo ngoài trời của địa phương.', type: 'checkbox', required: true },
          ]),
        },
      ],
    },
    workflow: standardWorkflow(5, 'QLVH', 'Kiểm tra nội dung sản phẩm quảng cáo, vị trí thực hiện; dự thảo văn bản trả lời nếu không đồng ý'),
  },
  {
    code: 'DEMO.000902',
    name: 'Cấp Giấy phép thành lập Văn phòng đại diện của doanh nghiệp quảng cáo nước ngoài tại Việt Nam',
    field: 'quang-cao',
    level: 'full',
    unitCode: 'QLVH',
    authority: GIAM_DOC_SO,
    legalBasis: [LAW_ADS, LAW_ADS_DECREE],
    processingDays: 10,
    fees: [{ name: 'Phí thẩm định cấp giấy phép thành lập văn phòng đại diện', amount: 3_000_000, note: ILLUSTRATIVE }],
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép thành lập văn phòng đại diện', copies: 1, original: 'original', templateName: 'Mẫu số 01' },
      { name: 'Giấy chứng nhận đăng ký kinh doanh của doanh nghiệp quảng cáo nước ngoài (hợp pháp hóa lãnh sự, kèm bản dịch tiếng Việt có chứng thực)', copies: 1, original: 'copy' },
      { name: 'Báo cáo tài chính có kiểm toán hoặc tài liệu chứng minh hoạt động của doanh nghiệp trong năm tài chính gần nhất', copies: 1, original: 'copy' },
      { name: 'Điều lệ hoạt động của doanh nghiệp', copies: 1, original: 'copy' },
    ],
    resultType: 'Giấy phép thành lập Văn phòng đại diện của doanh nghiệp quảng cáo nước ngoài',
    form: {
      steps: [
        applicantStep({ organisation: 'required' }),
        {
          title: 'Doanh nghiệp nước ngoài và văn phòng đại diện',
          fields: [
            { name: 'foreignCompany', label: 'Tên doanh nghiệp quảng cáo nước ngoài', type: 'text', required: true, maxLength: 250 },
            { name: 'homeCountry', label: 'Quốc gia nơi doanh nghiệp thành lập', type: 'text', required: true, maxLength: 100 },
            { name: 'yearsInOperation', label: 'Số năm hoạt động', type: 'number', required: true, min: 0, max: 200 },
            { name: 'officeAddress', label: 'Địa chỉ đặt văn phòng đại diện', type: 'text', required: true, maxLength: 250 },
            { name: 'representativeName', label: 'Họ tên người đứng đầu văn phòng đại diện', type: 'text', required: true, maxLength: 100 },
            { name: 'representativeForeign', label: 'Người đứng đầu là người nước ngoài', type: 'radio', required: true, options: [{ value: 'co', label: 'Có' }, { value: 'khong', label: 'Không' }] },
            { name: 'representativePassport', label: 'Số hộ chiếu người đứng đầu', type: 'text', required: true, maxLength: 20, pattern: '^[A-Z0-9]{6,20}$', showIf: { field: 'representativeForeign', equals: 'co' } },
            { name: 'activities', label: 'Nội dung hoạt động của văn phòng đại diện', type: 'textarea', required: true, maxLength: 2000 },
          ],
        },
        { title: 'Cam kết', fields: commitments() },
      ],
    },
    workflow: standardWorkflow(10, 'QLVH', 'Thẩm định hồ sơ, dự thảo giấy phép thành lập văn phòng đại diện'),
  },
];
