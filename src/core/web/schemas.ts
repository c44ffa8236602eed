import { Type } from '@sinclair/typebox';

/** RFC 9457 problem details as returned by every /api error. */
export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: 'Mã lỗi ổn định, ví dụ CORE-100' }),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
});
