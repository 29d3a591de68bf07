import * as z from './zod';
import { ERROR_CODES, isApiErrorBody } from './values/errors';
/** Plain, schema-free (values/errors.ts): the codes, and the body checked by hand for clients without zod. */
export { ERROR_CODES, isApiErrorBody };

/** Machine-readable error codes; the client switches on these, never on messages (values/errors.ts). */
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({
  field: z.string(),
  message: z.string(),
  messageEn: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** Every non-2xx answer has this body: a Chinese message for people, an English one for logs. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    messageEn: z.string(),
    field: z.optional(z.string()),
    fields: z.optional(z.array(FieldError)),
    /** On INVALID_TRANSITION / CONFLICT over a request: where it stands and what the caller may do. */
    current: z.optional(z.object({ status: z.string(), allowedActions: z.array(z.string()) })),
  }),
  requestId: z.optional(z.string()),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
