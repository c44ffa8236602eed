import type { FieldErrors } from '../../../core/errors.js';
import type { PageContext } from '../../../core/web/page.js';
import { Layout } from '../../../core/web/layout.js';
import { Button, Checkbox, ErrorSummary, Form, SelectField, TextArea, TextField } from '../../../core/web/components/form.js';
import { formatDateVi } from '../../../core/validation.js';
import { LEVELS, PROCEDURE_FIELDS } from '../procedures.fields.js';
import type { ProcedureWithVersion } from '../procedures.repository.js';
import { DataTable } from '../../../core/web/components/table.js';

export function ProcedureAdminList(p: { ctx: PageContext; rows: ProcedureWithVersion[] }) {
  const { ctx } = p;
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('Quản lý thủ tục', 'Manage procedures')} wide>
      <h1>{t('Quản lý thủ tục hành chính', 'Manage procedures')}</h1>
      <p>
        <a class="vh-button vh-button--primary" href="/quan-tri/thu-tuc/moi">
          {t('Thêm thủ tục', 'Add a procedure')}
        </a>
      </p>
      <DataTable
        ctx={ctx}
        caption={t('Thủ tục đang có hiệu lực', 'Procedures in force')}
        rows={p.rows}
        rowKey={(r) => r.code}
        columns={[
          { header: t('Mã', 'Code'), cell: (r) => r.code },
          { header: t('Tên thủ tục', 'Name'), cell: (r) => <a href={`/thu-tuc/${encodeURIComponent(r.code)}`}>{r.name}</a> },
          { header: t('Phiên bản', 'Version'), cell: (r) => r.version },
          { header: t('Hiệu lực từ', 'From'), cell: (r) => formatDateVi(r.effectiveFrom) },
          {
            header: t('Thao tác', 'Actions'),
            hiddenHeader: true,
            cell: (r) => (
              <a href={`/quan-tri/thu-tuc/${encodeURIComponent(r.code)}/phien-ban-moi`}>
                {t('Tạo phiên bản mới', 'New version')}
                <span class="vh-visually-hidden"> {r.code}</span>
              </a>
            ),
          },
        ]}
      />
    </Layout>
  );
}

export function ProcedureEditor(p: {
  ctx: PageContext;
  action: string;
  isNew: boolean;
  units: { code: string; name: string }[];
  values: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
}) {
  const { ctx, values: v, errors } = p;
  const t = ctx.t;
  const title = p.isNew ? t('Thêm thủ tục', 'Add a procedure') : `${t('Phiên bản mới', 'New version')}: ${v.code}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {t(
          'Mỗi lần lưu tạo một phiên bản mới có ngày hiệu lực; hồ sơ đã nộp giữ phiên bản cũ.',
          'Each save creates a new version with an effective date; filed dossiers keep their version.',
        )}
      </p>
      <ErrorSummary ctx={ctx} errors={errors} message={p.message} />
      <Form ctx={ctx} action={p.action}>
        {p.isNew ? (
          <TextField ctx={ctx} name="code" label={t('Mã thủ tục', 'Code')} hint={t('Mã trên Cơ sở dữ liệu quốc gia, ví dụ 1.001029', 'National code, e.g. 1.001029')} value={v.code} errors={errors} width="half" />
        ) : (
          <input type="hidden" name="code" value={v.code} />
        )}
        <TextField ctx={ctx} name="name" label={t('Tên thủ tục', 'Name')} value={v.name} errors={errors} />
        <SelectField ctx={ctx} name="field" label={t('Lĩnh vực', 'Field')} value={v.field} errors={errors} options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...Object.entries(PROCEDURE_FIELDS).map(([k, x]) => ({ value: k, label: t(x.vi, x.en) }))]} />
        <SelectField ctx={ctx} name="level" label={t('Mức độ dịch vụ công trực tuyến', 'Online service level')} value={v.level} errors={errors} options={Object.entries(LEVELS).map(([k, x]) => ({ value: k, label: t(x.vi, x.en) }))} />
        <TextArea ctx={ctx} name="partialReason" label={t('Lý do chỉ cung cấp một phần (bắt buộc với dịch vụ một phần)', 'Reason for partial service')} value={v.partialReason} errors={errors} rows={2} />
        <SelectField ctx={ctx} name="unitCode" label={t('Đơn vị thực hiện', 'Implementing unit')} value={v.unitCode} errors={errors} options={[{ value: '', label: t('— Chọn —', '— Choose —') }, ...p.units.map((u) => ({ value: u.code, label: u.name }))]} />
        <TextField ctx={ctx} name="authority" label={t('Cơ quan có thẩm quyền quyết định', 'Deciding authority')} value={v.authority} errors={errors} />
        <TextField ctx={ctx} name="processingDays" label={t('Thời hạn giải quyết (ngày làm việc)', 'Time limit (working days)')} value={v.processingDays} errors={errors} width="short" inputMode="numeric" />
        <Checkbox
          ctx={ctx}
          name="pauseAllowed"
          label={t('Cho phép tạm dừng tính thời hạn (thời gian thẩm định thực tế, lấy ý kiến không tính vào thời hạn)', 'The clock may pause for verification')}
          checked={v.pauseAllowed === 'on'}
          errors={errors}
        />
        <TextArea ctx={ctx} name="legalBasis" label={t('Căn cứ pháp lý (mỗi dòng một văn bản)', 'Legal basis (one per line)')} value={v.legalBasis} errors={errors} rows={4} />
        <TextArea ctx={ctx} name="fees" label={t('Phí, lệ phí', 'Fees')} hint={t('Mỗi dòng: Tên | số tiền (đồng) | ghi chú | căn cứ: văn bản quy định mức thu | khi: roomCount từ 1 đến 3; areaType là do-thi | miễn: đối tượng được miễn (mỗi đối tượng một cột)', 'One per line: name | amount (VND) | note | căn cứ: legal basis | khi: conditions | miễn: exemption')} value={v.fees} errors={errors} rows={6} />
        <TextArea ctx={ctx} name="documents" label={t('Thành phần hồ sơ', 'Required documents')} hint={t('Mỗi dòng: Tên giấy tờ | số bản | bản chính / bản sao / bản chính hoặc bản sao | mẫu', 'One per line: name | copies | original/copy/either | template')} value={v.documents} errors={errors} rows={5} />
        <TextField ctx={ctx} name="resultType" label={t('Kết quả thực hiện', 'Result')} value={v.resultType} errors={errors} />
        <TextArea ctx={ctx} name="workflow" label={t('Quy trình xử lý', 'Workflow')} hint={t('Mỗi dòng: Tên bước | vai trò (tiep_nhan, chuyen_vien, lanh_dao) | mã đơn vị | số ngày làm việc', 'One per line: step | role | unit code | working days')} value={v.workflow} errors={errors} rows={5} />
        <TextArea ctx={ctx} name="form" label={t('Biểu mẫu điện tử (JSON)', 'E-form (JSON)')} hint={t('Các bước (steps), mỗi bước có các trường (fields).', 'Steps, each with fields.')} value={v.form} errors={errors} rows={14} />
        <TextField ctx={ctx} name="effectiveFrom" label={t('Ngày có hiệu lực', 'Effective from')} hint={t('Ví dụ: 01/01/2027', 'For example 01/01/2027')} value={v.effectiveFrom} errors={errors} width="short" />
        <Button>{t('Lưu phiên bản', 'Save version')}</Button>
      </Form>
    </Layout>
  );
}
