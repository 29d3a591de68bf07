import * as z from 'zod';

/**
 * Extra fields a category asks for on submission (like Open311 GeoReport v2 service definitions):
 * e.g. 融资信贷 asks the amount and the purpose. Shown in the submit form, validated on the server.
 */
export const FieldType = z.enum(['string', 'text', 'number', 'date', 'single_choice', 'multi_choice']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldOption = z.object({ value: z.string().min(1).max(40), label: z.string().min(1).max(40) });

/**
 * The numbers a field takes or is bounded by: up to a trillion either way, far past any amount in
 * 万元 or any headcount, and none closer to zero than a millionth. Without bounds, 1e308 and 1e-200
 * reached the table: the SDK refuses numbers past Number.MAX_SAFE_INTEGER, DynamoDB magnitudes
 * below 1e-130 — a 500 instead of a 400.
 */
export const FIELD_NUMBER_LIMIT = 1e12;
const FieldNumber = z
  .number()
  .min(-FIELD_NUMBER_LIMIT, { error: `数值不能小于 -${FIELD_NUMBER_LIMIT} / number: at least -${FIELD_NUMBER_LIMIT}` })
  .max(FIELD_NUMBER_LIMIT, { error: `数值不能大于 ${FIELD_NUMBER_LIMIT} / number: at most ${FIELD_NUMBER_LIMIT}` })
  .refine((n) => n === 0 || Math.abs(n) >= 1e-6, { error: '数值过小（最小 0.000001）/ number: too close to zero (0.000001 at least)' });
export type FieldOption = z.infer<typeof FieldOption>;

export const CategoryField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/),
  label: z.string().min(1).max(40),
  type: FieldType,
  required: z.boolean(),
  /** Shown under the input, e.g. 单位：万元. */
  hint: z.string().max(100).optional(),
  /** number: bounds and unit; string/text: length. */
  min: FieldNumber.optional(),
  max: FieldNumber.optional(),
  unit: z.string().max(10).optional(),
  maxLength: z.number().int().positive().max(2000).optional(),
  /** single_choice / multi_choice. */
  options: z.array(FieldOption).optional(),
});
export type CategoryField = z.infer<typeof CategoryField>;

/** What the client sends: text and dates as strings (dates YYYY-MM-DD), numbers, choices as values. */
export const FieldValue = z.union([z.string().max(2000), FieldNumber, z.array(z.string().max(40)).max(20)]);
export type FieldValue = z.infer<typeof FieldValue>;

export const FieldValues = z.record(z.string().max(40), FieldValue);
export type FieldValues = z.infer<typeof FieldValues>;

/** A value as stored on the request, with its label and a display text that survive category edits. */
export const AnsweredField = z.object({
  key: z.string(),
  label: z.string(),
  value: FieldValue,
  display: z.string(),
});
export type AnsweredField = z.infer<typeof AnsweredField>;
