/** The subset of @natlibfi/marc-record-serializers (v10, untyped) this module uses. */
declare module '@natlibfi/marc-record-serializers' {
  interface NatlibField {
    tag: string;
    value?: string;
    ind1?: string;
    ind2?: string;
    subfields?: { code: string; value?: string }[];
  }
  export interface NatlibRecord {
    leader: string;
    fields: NatlibField[];
  }
  interface RecordLike {
    leader: string;
    getControlfields(): NatlibField[];
    getDatafields(): NatlibField[];
  }
  export const ISO2709: { from(s: string, opts?: object): NatlibRecord; to(r: RecordLike): string };
  export const MARCXML: { from(s: string, opts?: object): Promise<NatlibRecord>; to(r: RecordLike, opts?: object): string };
}
