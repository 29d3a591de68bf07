import * as z from './zod';

/**
 * Extra fields a category asks for on submission (like Open311 GeoReport v2 service definitions):
 * e.g. 融资信贷 asks the amount and the purpose. Shown in the submit form, validated on the server.
 */
export const FieldType = z.enum(['string', 'text', 'number', 'date', 'single_choice', 'multi_choice']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldOption = z.object({ value: z.string().check(z.minLength(1), z.maxLength(40)), label: z.string().check(z.minLength(1), z.maxLength(40)) });

/**
 * The numbers a field takes or is bounded by: up to a trillion either way, far past any amount in
 * 万元 or any headcount, and none closer to zero than a millionth. Without bounds, 1e308 and 1e-200
 * reached the table: the SDK refuses numbers past Number.MAX_SAFE_INTEGER, DynamoDB magnitudes
 * below 1e-130 — a 500 instead of a 400.
 */
export const FIELD_NUMBER_LIMIT = 1e12;
const FieldNumber = z.number().check(
  z.minimum(-FIELD_NUMBER_LIMIT, { error: `数值不能小于 -${FIELD_NUMBER_LIMIT} / number: at least -${FIELD_NUMBER_LIMIT}` }),
  z.maximum(FIELD_NUMBER_LIMIT, { error: `数值不能大于 ${FIELD_NUMBER_LIMIT} / number: at most ${FIELD_NUMBER_LIMIT}` }),
  z.refine((n) => n === 0 || Math.abs(n) >= 1e-6, { error: '数值过小（最小 0.000001）/ number: too close to zero (0.000001 at least)' }),
);
export type FieldOption = z.infer<typeof FieldOption>;

export const CategoryField = z.object({
  key: z.string().check(z.regex(/^[a-z][a-zA-Z0-9_]{0,39}$/)),
  label: z.string().check(z.minLength(1), z.maxLength(40)),
  type: FieldType,
  required: z.boolean(),
  /** Shown under the input, e.g. 单位：万元. */
  hint: z.optional(z.string().check(z.maxLength(100))),
  /** number: bounds and unit; string/text: length. */
  min: z.optional(FieldNumber),
  max: z.optional(FieldNumber),
  unit: z.optional(z.string().check(z.maxLength(10))),
  maxLength: z.optional(z.number().check(z.int(), z.positive(), z.maximum(2000))),
  /** single_choice / multi_choice. */
  options: z.optional(z.array(FieldOption)),
});
export type CategoryField = z.infer<typeof CategoryField>;

/** What the client sends: text and dates as strings (dates YYYY-MM-DD), numbers, choices as values. */
export const FieldValue = z.union([z.string().check(z.maxLength(2000)), FieldNumber, z.array(z.string().check(z.maxLength(40))).check(z.maxLength(20))]);
export type FieldValue = z.infer<typeof FieldValue>;

export const FieldValues = z.record(z.string().check(z.maxLength(40)), FieldValue);
export type FieldValues = z.infer<typeof FieldValues>;

/** A value as stored on the request, with its label and a display text that survive category edits. */
export const AnsweredField = z.object({
  key: z.string(),
  label: z.string(),
  value: FieldValue,
  display: z.string(),
});
export type AnsweredField = z.infer<typeof AnsweredField>;
