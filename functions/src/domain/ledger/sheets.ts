/**
 * The ledger's three sheets as a supervisor reads them: which columns, in which order, under which
 * Chinese header, and each record's row. Pure: the job feeds records in and writes the rows out.
 * Times are China time to the minute; money is yuan with fen as decimals (exact: fen / 100 of an
 * integer prints as written); a deadline reads 是 / 否 / 否（已超时）/ 未到期.
 */
import {
  bankInstrumentLabels,
  caseKindLabels,
  caseStatusLabels,
  marketKindLabels,
  matchStatusLabels,
  requestStatusLabels,
  taxServiceLabels,
} from '@parklink/contract';
import type { CaseRecord } from '../cases/case';
import { caseDate } from '../cases/case';
import type { MatchRecord } from '../market/match';
import type { RequestState } from '../request';
import type { SlaClock } from '../sla';

export type Cell = string | number | undefined;

export interface SheetSpec<T> {
  name: string;
  columns: { header: string; width: number; value: (record: T) => Cell }[];
}

/** The parts of a request its row shows (the store reads only these). */
export type LedgerRequest = Pick<
  RequestState,
  'id' | 'enterpriseId' | 'enterpriseName' | 'categoryName' | 'title' | 'status' | 'submittedAt' | 'resolvedAt' | 'departments' | 'assignee' | 'clocks' | 'rating' | 'timeline'
>;

/** What a request's row needs beside the request: the enterprise's credit code, and the time now. */
export interface RequestContext {
  creditCodeOf(enterpriseId: string): string | undefined;
  now: string;
}

/** 2026-11-23T01:05:00Z → 2026-11-23 09:05 (China time). */
export function chinaMinute(at: string | undefined): string | undefined {
  if (!at) return undefined;
  return new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Fen as yuan, e.g. 300000000 → 3000000, 12345 → 123.45. */
export const yuan = (fen: number | undefined): number | undefined => (fen === undefined ? undefined : fen / 100);

/** Whether a clock stopped in time; an unstopped one is judged against now. */
export function metDeadline(clock: SlaClock, now: string): string {
  if (clock.stoppedAt) return clock.stoppedAt <= clock.deadlineAt ? '是' : '否';
  return now > clock.deadlineAt ? '否（已超时）' : '未到期';
}

const firstEvent = (r: LedgerRequest, type: RequestState['timeline'][number]['type']) => r.timeline.find((e) => e.type === type);
const lastEvent = (r: LedgerRequest, type: RequestState['timeline'][number]['type']) => r.timeline.filter((e) => e.type === type).at(-1);

export function requestSheet(context: RequestContext): SheetSpec<LedgerRequest> {
  return {
    name: '诉求台账',
    columns: [
      { header: '诉求编号', width: 28, value: (r) => r.id },
      { header: '企业名称', width: 30, value: (r) => r.enterpriseName },
      { header: '统一社会信用代码', width: 22, value: (r) => context.creditCodeOf(r.enterpriseId) },
      { header: '诉求类别', width: 14, value: (r) => r.categoryName },
      { header: '诉求标题', width: 36, value: (r) => r.title },
      { header: '承办部门', width: 22, value: (r) => r.assignee?.departmentName ?? r.departments.map((d) => d.name).join('、') },
      { header: '联络员', width: 10, value: (r) => r.assignee?.name },
      { header: '当前状态', width: 10, value: (r) => requestStatusLabels[r.status] },
      { header: '提交时间', width: 17, value: (r) => chinaMinute(r.submittedAt) },
      { header: '认领时间', width: 17, value: (r) => chinaMinute(r.clocks.claim.stoppedAt ?? firstEvent(r, 'claimed')?.at) },
      { header: '首次答复时间', width: 17, value: (r) => chinaMinute(r.timeline.find((e) => e.type === 'replied' && e.visibility === 'public')?.at) },
      { header: '办结时间', width: 17, value: (r) => chinaMinute(r.resolvedAt) },
      { header: '认领时限', width: 17, value: (r) => chinaMinute(r.clocks.claim.deadlineAt) },
      { header: '按时认领', width: 12, value: (r) => metDeadline(r.clocks.claim, context.now) },
      { header: '办结时限', width: 17, value: (r) => chinaMinute(r.clocks.resolve.deadlineAt) },
      { header: '按时办结', width: 12, value: (r) => metDeadline(r.clocks.resolve, context.now) },
      { header: '转办次数', width: 10, value: (r) => r.timeline.filter((e) => e.type === 'transferred').length },
      { header: '评分', width: 8, value: (r) => r.rating?.score },
      { header: '是否满意', width: 10, value: (r) => (r.rating ? (r.rating.satisfied ? '满意' : '不满意') : undefined) },
      { header: '评价意见', width: 30, value: (r) => r.rating?.comment },
      { header: '办理结果', width: 50, value: (r) => lastEvent(r, 'resolved')?.message },
    ],
  };
}

const bankOf = (c: CaseRecord) => (c.kind === 'bank' ? c.bank : undefined);
const taxOf = (c: CaseRecord) => (c.kind === 'tax' ? c.tax : undefined);

export const caseSheet: SheetSpec<CaseRecord> = {
  name: '共建案例',
  columns: [
    { header: '案例编号', width: 28, value: (c) => c.id },
    { header: '类型', width: 10, value: (c) => caseKindLabels[c.kind] },
    { header: '案例标题', width: 32, value: (c) => c.title },
    { header: '部门', width: 20, value: (c) => c.department.name },
    { header: '企业', width: 30, value: (c) => c.enterprises.map((e) => e.name).join('、') },
    { header: '状态', width: 12, value: (c) => caseStatusLabels[c.status] },
    { header: '日期', width: 12, value: (c) => caseDate(c) },
    { header: '融资方式', width: 10, value: (c) => { const b = bankOf(c); return b ? bankInstrumentLabels[b.instrument] : undefined; } },
    { header: '金额（元）', width: 16, value: (c) => yuan(bankOf(c)?.amountFen) },
    { header: '年利率（%）', width: 12, value: (c) => { const bp = bankOf(c)?.rateBp; return bp === undefined ? undefined : bp / 100; } },
    { header: '期限（月）', width: 10, value: (c) => bankOf(c)?.termMonths },
    { header: '普惠/优惠产品', width: 12, value: (c) => { const b = bankOf(c); return b ? (b.preferential ? '是' : '否') : undefined; } },
    { header: '用途', width: 20, value: (c) => bankOf(c)?.purpose },
    { header: '税务服务', width: 10, value: (c) => { const t = taxOf(c); return t ? taxServiceLabels[t.service] : undefined; } },
    { header: '减免或退税（元）', width: 16, value: (c) => yuan(taxOf(c)?.savedFen) },
    { header: '适用政策', width: 30, value: (c) => taxOf(c)?.policies.join('；') },
    { header: '企业确认', width: 30, value: (c) => c.enterprises.map((e) => (e.confirmedAt ? `${e.name} ${chinaMinute(e.confirmedAt)}` : `${e.name} 未确认`)).join('；') },
    { header: '关联诉求', width: 28, value: (c) => c.requestIds.join('、') || undefined },
    { header: '关联对接', width: 28, value: (c) => c.matchId },
    { header: '企业困难', width: 40, value: (c) => c.narrative.difficulty },
    { header: '服务举措', width: 50, value: (c) => c.narrative.action },
  ],
};

const ENDED: MatchRecord['status'][] = ['declined', 'withdrawn', 'succeeded', 'failed'];

export const matchSheet: SheetSpec<MatchRecord> = {
  name: '供需对接',
  columns: [
    { header: '对接编号', width: 28, value: (m) => m.id },
    { header: '类型', width: 8, value: (m) => marketKindLabels[m.need.kind] },
    { header: '需求', width: 30, value: (m) => m.need.title },
    { header: '需求方', width: 26, value: (m) => m.need.owner.name },
    { header: '资源', width: 30, value: (m) => m.resource.title },
    { header: '资源方', width: 26, value: (m) => m.resource.owner.name },
    { header: '发起方', width: 8, value: (m) => (m.proposedBy === 'need' ? '需求方' : '资源方') },
    { header: '状态', width: 10, value: (m) => matchStatusLabels[m.status] },
    { header: '发起时间', width: 17, value: (m) => chinaMinute(m.createdAt) },
    { header: '结束时间', width: 17, value: (m) => (ENDED.includes(m.status) ? chinaMinute(m.updatedAt) : undefined) },
    { header: '成交金额（元）', width: 16, value: (m) => yuan(m.outcome?.amountFen) },
    { header: '成交日期', width: 12, value: (m) => m.outcome?.date },
    { header: '结果说明', width: 40, value: (m) => m.outcome?.note },
  ],
};

export const rowOf = <T>(spec: SheetSpec<T>, record: T): Cell[] => spec.columns.map((c) => c.value(record));

/** `台账-<park>-<from>至<to>.xlsx`, without characters a file system refuses. */
export function ledgerFileName(parkName: string, from: string, to: string, format: 'xlsx' | 'csv'): string {
  const safe = parkName.replace(/[\\/:*?"<>|\s]+/g, '');
  return `台账-${safe}-${from}至${to}.${format === 'xlsx' ? 'xlsx' : 'zip'}`;
}
