import type { ErrorCode, FieldError } from '@parklink/contract';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  WECHAT_CODE_INVALID: 400,
  WECHAT_NOT_BOUND: 403,
  WECHAT_UNAVAILABLE: 502,
  NOT_AVAILABLE_IN_PROD: 404,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * An expected failure with a message for people (Chinese) and for logs (English). The HTTP layer
 * turns it into the contract's error body; anything else thrown is a bug and becomes a 500.
 */
export class DomainError extends Error {
  readonly status: number;
  /** For RATE_LIMITED: sent as the Retry-After header. */
  retryAfterSeconds?: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly field?: string,
    readonly fields?: FieldError[],
    /** Where a request stands and what the caller may do, on a refused transition. */
    readonly current?: { status: string; allowedActions: string[] },
  ) {
    super(messageEn);
    this.name = 'DomainError';
    this.status = statusOf[code];
  }
}

export const notFound = (what: string, whatEn: string) =>
  new DomainError('NOT_FOUND', `${what}不存在或无权查看`, `${whatEn} not found`);

export const forbidden = (zh: string, en: string) => new DomainError('FORBIDDEN', zh, en);
