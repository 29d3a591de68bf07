/**
 * The one way the API writes logs: one JSON line per entry, with personal data and secrets taken
 * out before it leaves the process. Handlers log ids, routes, statuses and counts; this is the net
 * under them, so a stack trace or an SDK error that quotes a value cannot leak it either:
 * - keys that carry secrets or people's words (authorization, token, secret, body, message text…)
 *   are dropped whatever they hold;
 * - in every other string, bearer tokens and JWTs are replaced, credit codes (统一社会信用代码) and
 *   phone numbers are masked the way lists show them.
 */
const DROPPED_KEYS = /^(authorization|cookie|token|accessToken|access_token|jwt|secret|password|body|message|description|comment|content|note|text|code)$/i;

const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;
const BEARER = /\bBearer\s+\S+/gi;
const CREDIT_CODE = /\b([0-9A-HJ-NPQRTUWXY]{2}\d{6})[0-9A-HJ-NPQRTUWXY]{6}([0-9A-HJ-NPQRTUWXY]{4})\b/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)\d{3,4}(\d{4})(?!\d)/g;

export function redactText(text: string): string {
  return text
    .replace(JWT, '[token]')
    .replace(BEARER, 'Bearer [token]')
    .replace(CREDIT_CODE, '$1******$2')
    .replace(MOBILE, '$1****$2')
    .replace(LANDLINE, '$1****$2');
}

export function redactLogEntry(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return depth > 5 ? '[…]' : value.map((v) => redactLogEntry(v, depth + 1));
  if (value && typeof value === 'object') {
    if (depth > 5) return '[…]';
    const kept: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (DROPPED_KEYS.test(key)) continue;
      kept[key] = redactLogEntry(inner, depth + 1);
    }
    return kept;
  }
  return value;
}

export type Log = (entry: Record<string, unknown>) => void;

export const jsonLogger =
  (write: (line: string) => void): Log =>
  (entry) =>
    write(JSON.stringify(redactLogEntry(entry)));
