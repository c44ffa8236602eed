export { dimsKey, parseDimsKey } from './indicators.dims.js';
