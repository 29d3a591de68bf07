/**
 * The contract's zod: `zod/mini`, whose schemas carry no methods (checks are functions passed to
 * `.check()`), so a Lambda bundle keeps only the schema kinds and checks it uses: 31–41 KB of zod
 * minified, both locales included, instead of classic zod's 91–100 KB. Every contract file imports
 * `* as z from './zod'`.
 *
 * zod/mini loads no locale: without one, zod's own messages all read "Invalid input". English is
 * set below, as classic zod does, unless a locale is set already. The call must survive bundling:
 * contract/package.json says `"sideEffects": false`, so a module imported for its side effect alone,
 * or one that only re-exports (`export * from 'zod/mini'`), is left out of a bundle, and the call
 * with it. Hence the bindings below are this module's own: a bundle that holds any contract schema
 * holds this module (the schema was built with them), and the call runs before the schema is
 * built. functions/src/http/validation.ts adds the Chinese messages per parse.
 *
 * A zod function the contract has not used before must be added here (the typecheck says so).
 * Not `export const z = mini`: a namespace passed on as a value is kept whole (every locale zod
 * ships, ~420 KB).
 */
import * as mini from 'zod/mini';
import en from 'zod/v4/locales/en.js';

if (!mini.config().localeError) mini.config(en());

// Schemas.
export const string = mini.string;
export const number = mini.number;
export const boolean = mini.boolean;
export const unknown = mini.unknown;
export const literal = mini.literal;
const enum_ = mini.enum;
export { enum_ as enum };
export const url = mini.url;
export const iso = { datetime: mini.iso.datetime };
export const coerce = { number: mini.coerce.number };
export const object = mini.object;
export const array = mini.array;
export const record = mini.record;
export const union = mini.union;

// Wrappers and object helpers (classic's .optional(), .default(), .extend()…).
export const optional = mini.optional;
export const _default = mini._default;
export const extend = mini.extend;
export const partial = mini.partial;
export const pick = mini.pick;
export const omit = mini.omit;
export const pipe = mini.pipe;
export const transform = mini.transform;
export const NEVER = mini.NEVER;

// Checks, for `.check(…)`.
export const minLength = mini.minLength;
export const maxLength = mini.maxLength;
export const length = mini.length;
export const minimum = mini.minimum;
export const maximum = mini.maximum;
export const int = mini.int;
export const positive = mini.positive;
export const nonnegative = mini.nonnegative;
export const trim = mini.trim;
export const toUpperCase = mini.toUpperCase;
export const regex = mini.regex;
export const refine = mini.refine;
export const superRefine = mini.superRefine;

export type { infer, input, output } from 'zod/mini';
