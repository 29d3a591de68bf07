import { z } from 'zod';

/**
 * Extra fields a category asks for on submission (like Open311 GeoReport v2 service definitions):
 * e.g. 融资信贷 asks the amount and the purpose. Shown in the submit form, validated on the server.
 */
export const FieldType = z.enum(['string', 'text', 'number', 'date', 'single_choice', 'multi_choice']);
export type FieldType = z.infer<typeof FieldType>;

export const FieldOption = z.object({ value: z.string().min(1).max(40), label: z.string().min(1).max(40) });
export type FieldOption = z.infer<typeof FieldOption>;

export const CategoryField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/),
  label: z.string().min(1).max(40),
  type: FieldType,
  required: z.boolean(),
  /** Shown under the input, e.g. 单位：万元. */
  hint: z.string().max(100).optional(),
  /** number: bounds and unit; string/text: length. */
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().max(10).optional(),
  maxLength: z.number().int().positive().max(2000).optional(),
  /** single_choice / multi_choice. */
  options: z.array(FieldOption).optional(),
});
export type CategoryField = z.infer<typeof CategoryField>;

/** What the client sends: text and dates as strings (dates YYYY-MM-DD), numbers, choices as values. */
export const FieldValue = z.union([z.string().max(2000), z.number(), z.array(z.string().max(40)).max(20)]);
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
