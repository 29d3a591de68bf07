import * as z from './zod';
import { Id } from './common';
import { CategoryField } from './fields';
import { DEPARTMENT_KINDS } from './values/people';
/** Plain list, schema-free (values/people.ts). */
export { DEPARTMENT_KINDS };

export const DepartmentRef = z.object({ id: Id, name: z.string() });
export type DepartmentRef = z.infer<typeof DepartmentRef>;

/** A clock's length: calendar hours, or working days (工作日) on the park's calendar. */
export const SlaSpec = z.object({
  unit: z.enum(['hours', 'working_days']),
  amount: z.number().check(z.int(), z.positive(), z.maximum(1000)),
});
export type SlaSpec = z.infer<typeof SlaSpec>;

export const Category = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  /** From submission to the first public reply (e.g. 4 hours). */
  claimSla: SlaSpec,
  /** From submission to resolution (e.g. 3 working days: the green channel's 3日内拿出解决方案). */
  resolveSla: SlaSpec,
  departments: z.array(DepartmentRef),
  /** Extra questions this category asks on submission. */
  fields: z.array(CategoryField),
});
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({ categories: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;

export const DepartmentKind = z.enum(DEPARTMENT_KINDS);
export type DepartmentKind = z.infer<typeof DepartmentKind>;

export const Department = z.extend(DepartmentRef, { kind: DepartmentKind });
export type Department = z.infer<typeof Department>;

export const DepartmentList = z.object({ departments: z.array(Department) });
export type DepartmentList = z.infer<typeof DepartmentList>;

const CalendarDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 年-月-日 / dates are YYYY-MM-DD' }));

/** The park's working calendar (工作日): days off and make-up working days (调休), as published each year. */
export const WorkCalendarView = z.object({
  years: z.array(z.number().check(z.int(), z.minimum(2000), z.maximum(2100))).check(z.maxLength(20)),
  holidays: z.array(CalendarDate).check(z.maxLength(400)),
  workdays: z.array(CalendarDate).check(z.maxLength(100)),
  /** The version read; a save with an older one is refused (409) rather than overwriting someone's edit. */
  version: z.number().check(z.int(), z.nonnegative()),
});
export type WorkCalendarView = z.infer<typeof WorkCalendarView>;

/** The park's enterprises as members see them (for pickers): names, industry and zone, no codes. */
export const EnterpriseRef = z.object({ id: Id, name: z.string(), industry: z.string(), zone: z.string() });
export type EnterpriseRef = z.infer<typeof EnterpriseRef>;
export const EnterpriseList = z.object({ enterprises: z.array(EnterpriseRef) });
export type EnterpriseList = z.infer<typeof EnterpriseList>;
