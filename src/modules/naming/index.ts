/** The naming module's public surface (ADR 008): what other modules may use. Tables are not part of it. */
export { foldName, viCollator } from './naming.queries.js';
export { NAME_CLASSES, OBJECT_KINDS, type NameClass, type ObjectKind } from './naming.schema.js';
