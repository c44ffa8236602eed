/**
 * A crafted March 2026 with known answers (Decision 766 ratios, issue 4 "done when"). Each case
 * is inserted as it would stand after its history; times are Vietnam time (+07:00).
 */
export const MARCH_CASES: {
  code: string;
  channel: string;
  category: string;
  status: string;
  received: string;
  due: string;
  classification?: string;
  unit?: string;
  answered?: string;
  satisfaction?: string;
  reopen?: number;
  forwardDue?: string;
  forwarded?: string;
  lat?: number;
  lng?: number;
}[] = [
  // within remit, answered before the due date, rated unsatisfied
  {
    code: 'PA-260302-9001',
    channel: 'web',
    category: 'VH-KARAOKE',
    status: 'answered',
    received: '2026-03-02T09:00:00+07:00',
    due: '2026-03-09',
    classification: 'within',
    unit: 'QLVH',
    answered: '2026-03-06T10:00:00+07:00',
    satisfaction: 'unsatisfied',
    lat: 10.7769,
    lng: 106.7009,
  },
  // answered on the due day (late evening, still that Vietnamese day), satisfied, re-opened twice before
  {
    code: 'PA-260303-9002',
    channel: 'hotline',
    category: 'VH-KARAOKE',
    status: 'answered',
    received: '2026-03-03T08:00:00+07:00',
    due: '2026-03-10',
    classification: 'within',
    unit: 'QLVH',
    answered: '2026-03-10T23:30:00+07:00',
    satisfaction: 'satisfied',
    reopen: 2,
    lat: 10.7771,
    lng: 106.7012,
  },
  // answered a day late and rated unsatisfied: subtracted once only
  {
    code: 'PA-260304-9003',
    channel: 'open311',
    category: 'VH-KARAOKE',
    status: 'answered',
    received: '2026-03-04T08:00:00+07:00',
    due: '2026-03-11',
    classification: 'within',
    unit: 'QLVH',
    answered: '2026-03-12T08:00:00+07:00',
    satisfaction: 'unsatisfied',
    lat: 21.0285,
    lng: 105.8542,
  },
  // closed after an early answer, unsatisfied
  {
    code: 'PA-260305-9004',
    channel: 'web',
    category: 'DL-DICHVU',
    status: 'closed',
    received: '2026-03-05T08:00:00+07:00',
    due: '2026-03-12',
    classification: 'within',
    unit: 'QLDL',
    answered: '2026-03-11T08:00:00+07:00',
    satisfaction: 'unsatisfied',
  },
  // re-opened: back in progress with an old answer on record, now overdue
  {
    code: 'PA-260306-9005',
    channel: 'email',
    category: 'DL-DICHVU',
    status: 'in_progress',
    received: '2026-03-06T08:00:00+07:00',
    due: '2026-03-20',
    classification: 'within',
    unit: 'QLDL',
    answered: '2026-03-13T08:00:00+07:00',
    reopen: 1,
  },
  // outside authority, forwarded a day after the 5-working-day limit
  {
    code: 'PA-260302-9006',
    channel: 'web',
    category: 'VH-KARAOKE',
    status: 'forwarded',
    received: '2026-03-02T10:00:00+07:00',
    due: '2026-03-09',
    classification: 'outside',
    forwardDue: '2026-03-09',
    forwarded: '2026-03-10T09:00:00+07:00',
  },
  {
    code: 'PA-260302-9007',
    channel: 'web',
    category: 'VH-KARAOKE',
    status: 'rejected',
    received: '2026-03-02T11:00:00+07:00',
    due: '2026-03-09',
    classification: 'rejected',
  },
  {
    code: 'PA-260302-9008',
    channel: 'hotline',
    category: 'DL-DICHVU',
    status: 'forwarded',
    received: '2026-03-02T12:00:00+07:00',
    due: '2026-03-09',
    classification: 'complaint',
  },
  { code: 'PA-260302-9009', channel: 'web', category: 'VH-KARAOKE', status: 'merged', received: '2026-03-02T13:00:00+07:00', due: '2026-03-09' },
  { code: 'PA-260302-9010', channel: 'web', category: 'VH-KARAOKE', status: 'new', received: '2026-03-02T14:00:00+07:00', due: '2026-03-09' },
  // in progress, not yet due on the report day; routed to another unit than its category's
  {
    code: 'PA-260325-9011',
    channel: 'hotline',
    category: 'DL-DICHVU',
    status: 'in_progress',
    received: '2026-03-25T08:00:00+07:00',
    due: '2026-04-30',
    classification: 'within',
    unit: 'QLVH',
  },
  // the last minutes of 31 March (Vietnam): in March although 16:30 UTC
  { code: 'PA-260331-9012', channel: 'web', category: 'VH-KARAOKE', status: 'new', received: '2026-03-31T23:30:00+07:00', due: '2026-04-07' },
  {
    code: 'PA-260309-9015',
    channel: 'web',
    category: 'VH-KARAOKE',
    status: 'answered',
    received: '2026-03-09T08:00:00+07:00',
    due: '2026-03-16',
    classification: 'within',
    unit: 'QLVH',
    answered: '2026-03-16T08:00:00+07:00',
    satisfaction: 'very_satisfied',
    lat: 10.78,
    lng: 106.7,
  },
  // outside March: the first minutes of 1 April and the last of 28 February (Vietnam time)
  { code: 'PA-260401-9013', channel: 'web', category: 'VH-KARAOKE', status: 'new', received: '2026-04-01T00:10:00+07:00', due: '2026-04-08' },
  { code: 'PA-260228-9014', channel: 'web', category: 'VH-KARAOKE', status: 'new', received: '2026-02-28T23:59:00+07:00', due: '2026-03-09' },
];

export async function insertCrafted(pool: { query: (text: string, params: unknown[]) => Promise<unknown> }) {
  for (const c of MARCH_CASES) {
    await pool.query(
      `INSERT INTO feedback_cases (code, channel, category_code, status, content, received_at, due_date, classification, unit_code, answered_at,
                                   satisfaction, reopen_count, forward_due_date, forwarded_at, reporter_name, reporter_phone, lat, lng, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$6)`,
      [
        c.code,
        c.channel,
        c.category,
        c.status,
        `Nội dung thử ${c.code}`,
        c.received,
        c.due,
        c.classification ?? null,
        c.unit ?? null,
        c.answered ?? null,
        c.satisfaction ?? null,
        c.reopen ?? 0,
        c.forwardDue ?? null,
        c.forwarded ?? null,
        'Người Thử Thống Kê',
        '0988777666',
        c.lat ?? null,
        c.lng ?? null,
      ],
    );
  }
}
