/**
 * The public surface of the procedures module: what other modules may use. Anything not
 * exported here (tables, repository internals) is private to the module.
 */
export { findCurrentByCode, findVersion, forgetCachedVersions, searchCurrent, type ProcedureWithVersion, type ProcedureVersion } from './procedures.repository.js';
export { allFields, followUpsOfStep, inPart, isShown, validateAnswers, type StepPart, toJsonSchema, type FormDefinition, type FormField } from './procedures.forms.js';
export { ORIGINAL_KIND, PROCEDURE_FIELDS, LEVELS, formatVnd, type ProcedureField } from './procedures.fields.js';
export type { Fee, RequiredDocument, WorkflowStep } from './procedures.schema.js';
