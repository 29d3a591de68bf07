import * as z from './zod';
import { ChinaDate, Id } from './common';
import { CaseSummary } from './cases';
import { RequestStatus } from './requests';


/** The park's figures for a period (China dates, both ends included), for the park admin. */
export const DashboardQuery = z.object({ from: ChinaDate, to: ChinaDate }).check(
  z.refine((q) => q.from <= q.to, { error: '开始日期应不晚于结束日期 / from must not be after to', path: ['to'] }),
  z.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { error: '最多查询一年 / at most a year', path: ['to'] }),
);
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** A share as a whole per-mille (e.g. 875 = 87.5%) with what it was computed from; absent without a base. */
export const Rate = z.object({ permille: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1000))), of: z.number().check(z.int(), z.nonnegative()), met: z.number().check(z.int(), z.nonnegative()) });
export type Rate = z.infer<typeof Rate>;

export const Dashboard = z.object({
  from: z.string(),
  to: z.string(),
  requests: z.object({
    submitted: z.number().check(z.int()),
    byStatus: z.array(z.object({ status: RequestStatus, count: z.number().check(z.int()) })),
    byCategory: z.array(z.object({ id: Id, name: z.string(), count: z.number().check(z.int()) })),
    claimOnTime: Rate,
    resolveOnTime: Rate,
    /** Minutes, median over the requests that reached the step; absent when none did. */
    medianMinutesToClaim: z.optional(z.number().check(z.int())),
    medianMinutesToResolve: z.optional(z.number().check(z.int())),
    satisfaction: Rate,
  }),
  overdueNow: z.array(z.object({ id: Id, title: z.string(), enterpriseName: z.string(), departmentName: z.string(), clock: z.enum(['claim', 'resolve']), deadlineAt: z.string() })),
  busiestDepartments: z.array(z.object({ id: Id, name: z.string(), handled: z.number().check(z.int()), resolved: z.number().check(z.int()) })),
  market: z.object({
    needs: z.number().check(z.int()),
    resources: z.number().check(z.int()),
    matches: z.number().check(z.int()),
    succeeded: z.number().check(z.int()),
    failed: z.number().check(z.int()),
    inProgress: z.number().check(z.int()),
    succeededAmountFen: z.number().check(z.int()),
  }),
  cases: z.pick(CaseSummary, { cases: true, enterprisesServed: true, bank: true, tax: true }),
  stations: z.object({ stations: z.number().check(z.int()), ridersServed: z.number().check(z.int()), byStation: z.array(z.object({ id: Id, name: z.string(), count: z.number().check(z.int()) })) }),
  coverage: z.object({
    enterprises: z.number().check(z.int()),
    withMembers: z.number().check(z.int()),
    rate: Rate,
    byZone: z.array(z.object({ name: z.string(), enterprises: z.number().check(z.int()), withMembers: z.number().check(z.int()) })),
    byIndustry: z.array(z.object({ name: z.string(), enterprises: z.number().check(z.int()), withMembers: z.number().check(z.int()) })),
  }),
});
export type Dashboard = z.infer<typeof Dashboard>;
