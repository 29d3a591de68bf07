import * as z from './zod';

/** Machine-readable error codes; the client switches on these, never on messages. */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'WECHAT_CODE_INVALID',
  'WECHAT_NOT_BOUND',
  'WECHAT_UNAVAILABLE',
  'NOT_AVAILABLE_IN_PROD',
  /** Too many calls from one phone or address: wait `Retry-After` seconds. */
  'RATE_LIMITED',
  /** The body is larger than the route takes (64 KB; an enterprise import 3 MB). */
  'PAYLOAD_TOO_LARGE',
  /** The database is unreachable or throttling after the retries: try again after `Retry-After` seconds. */
  'UNAVAILABLE',
  'INTERNAL',
]);
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
