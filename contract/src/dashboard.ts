import * as z from 'zod';
import { ChinaDate, Id } from './common';
import { CaseSummary } from './cases';
import { RequestStatus } from './requests';


/** The park's figures for a period (China dates, both ends included), for the park admin. */
export const DashboardQuery = z
  .object({ from: ChinaDate, to: ChinaDate })
  .refine((q) => q.from <= q.to, { error: '开始日期应不晚于结束日期 / from must not be after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { error: '最多查询一年 / at most a year', path: ['to'] });
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** A share as a whole per-mille (e.g. 875 = 87.5%) with what it was computed from; absent without a base. */
export const Rate = z.object({ permille: z.number().int().min(0).max(1000).optional(), of: z.number().int().nonnegative(), met: z.number().int().nonnegative() });
export type Rate = z.infer<typeof Rate>;

export const Dashboard = z.object({
  from: z.string(),
  to: z.string(),
  requests: z.object({
    submitted: z.number().int(),
    byStatus: z.array(z.object({ status: RequestStatus, count: z.number().int() })),
    byCategory: z.array(z.object({ id: Id, name: z.string(), count: z.number().int() })),
    claimOnTime: Rate,
    resolveOnTime: Rate,
    /** Minutes, median over the requests that reached the step; absent when none did. */
    medianMinutesToClaim: z.number().int().optional(),
    medianMinutesToResolve: z.number().int().optional(),
    satisfaction: Rate,
  }),
  overdueNow: z.array(z.object({ id: Id, title: z.string(), enterpriseName: z.string(), departmentName: z.string(), clock: z.enum(['claim', 'resolve']), deadlineAt: z.string() })),
  busiestDepartments: z.array(z.object({ id: Id, name: z.string(), handled: z.number().int(), resolved: z.number().int() })),
  market: z.object({
    needs: z.number().int(),
    resources: z.number().int(),
    matches: z.number().int(),
    succeeded: z.number().int(),
    failed: z.number().int(),
    inProgress: z.number().int(),
    succeededAmountFen: z.number().int(),
  }),
  cases: CaseSummary.pick({ cases: true, enterprisesServed: true, bank: true, tax: true }),
  stations: z.object({ stations: z.number().int(), ridersServed: z.number().int(), byStation: z.array(z.object({ id: Id, name: z.string(), count: z.number().int() })) }),
  coverage: z.object({
    enterprises: z.number().int(),
    withMembers: z.number().int(),
    rate: Rate,
    byZone: z.array(z.object({ name: z.string(), enterprises: z.number().int(), withMembers: z.number().int() })),
    byIndustry: z.array(z.object({ name: z.string(), enterprises: z.number().int(), withMembers: z.number().int() })),
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;
