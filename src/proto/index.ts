// Single entry point for generated protobuf code. Import from here, never
// from the generated files directly, so numbers.ts always runs first.
import './numbers.js';
import { gochat as gi } from './internal.js';

export { gochat } from './gochat.js';
/** Server-internal messages (package gochat.internal): `internal.PersistBatch`. */
export const internal = gi.internal;
