import * as z from './zod';
import { ROLES, roleLabels } from './values/people';
/** Plain lists and labels, schema-free (values/people.ts): a screen that only names roles needs no zod. */
export { ROLES, roleLabels };

/** Sortable ids (ULID, 26 Crockford base-32 characters) or readable seed ids such as `dept-tax`. */
export const Id = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/));
export type Id = z.infer<typeof Id>;

/** A calendar date in China, e.g. 2026-11-23 (deadlines, grants and periods are counted in China's days). */
export const ChinaDate = z.string().check(
  z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '日期格式应为 YYYY-MM-DD / date: YYYY-MM-DD' }),
  // 2026-11-31 has the shape of a date but is none: it must survive a round trip through a calendar.
  z.refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) === d;
  }, { error: '没有这一天 / date: no such day' }),
);

/**
 * ISO-8601 UTC timestamp, e.g. 2026-11-23T08:00:00.000Z. At most 30 characters (nanoseconds): the
 * format alone allows any number of fraction digits, and a kilobyte of them in a need's expiry
 * overflowed the index key it sorts by (DynamoDB's 1 KB) — a 500.
 */
export const IsoTime = z.iso.datetime().check(z.maxLength(30, { error: '时间格式应为 ISO 8601（如 2026-11-23T08:00:00.000Z）/ time: ISO 8601, at most 30 characters' }));
export type IsoTime = z.infer<typeof IsoTime>;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who did something: kept on timeline events so history survives renames. */
export const Actor = z.object({
  id: Id,
  name: z.string(),
  role: Role,
  departmentName: z.optional(z.string()),
  enterpriseName: z.optional(z.string()),
});
export type Actor = z.infer<typeof Actor>;
