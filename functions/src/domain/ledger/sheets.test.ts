import { describe, expect, it } from 'vitest';
import type { RequestState } from '../request';
import type { SlaClock } from '../sla';
import type { CaseRecord } from '../cases/case';
import { caseSheet, chinaMinute, ledgerFileName, metDeadline, requestSheet, rowOf, yuan } from './sheets';
import { exportView, JOB_LIMIT_MS, timeSlices, type LedgerExportRecord } from './exports';

const clock = (over: Partial<SlaClock>): SlaClock => ({ spec: { amount: 1, unit: 'working_days' } as SlaClock['spec'], startedAt: '2026-11-02T01:00:00.000Z', pausedMs: 0, deadlineAt: '2026-11-03T09:00:00.000Z', ...over });

describe('ledger cells', () => {
  it('shows China time to the minute', () => {
    expect(chinaMinute('2026-11-23T17:05:09.000Z')).toBe('2026-11-24 01:05');
    expect(chinaMinute(undefined)).toBeUndefined();
  });

  it('turns fen into yuan exactly', () => {
    expect(yuan(300_000_000)).toBe(3_000_000);
    expect(yuan(12_345)).toBe(123.45);
    expect(yuan(1)).toBe(0.01);
    expect(yuan(undefined)).toBeUndefined();
  });

  it('judges a deadline: met, missed, missed while still open, not yet due', () => {
    expect(metDeadline(clock({ stoppedAt: '2026-11-03T08:59:00.000Z' }), '2026-12-01T00:00:00.000Z')).toBe('是');
    expect(metDeadline(clock({ stoppedAt: '2026-11-03T09:00:00.000Z' }), '2026-12-01T00:00:00.000Z')).toBe('是');
    expect(metDeadline(clock({ stoppedAt: '2026-11-03T09:01:00.000Z' }), '2026-12-01T00:00:00.000Z')).toBe('否');
    expect(metDeadline(clock({}), '2026-11-03T09:01:00.000Z')).toBe('否（已超时）');
    expect(metDeadline(clock({}), '2026-11-03T08:00:00.000Z')).toBe('未到期');
  });

  it('names the file after the park and the period, safe for any file system', () => {
    expect(ledgerFileName('平山 产业园/一期', '2026-11-01', '2026-11-30', 'xlsx')).toBe('台账-平山产业园一期-2026-11-01至2026-11-30.xlsx');
    expect(ledgerFileName('平山产业园', '2026-01-01', '2026-12-31', 'csv')).toBe('台账-平山产业园-2026-01-01至2026-12-31.zip');
  });
});

const actor = { id: 'u1', name: '王联络', role: 'liaison' as const };
const request: RequestState = {
  id: '01REQ',
  parkId: 'p',
  enterpriseId: 'ent-1',
  enterpriseName: '鑫锐电子科技有限公司',
  categoryId: 'cat-finance',
  categoryName: '融资信贷',
  departments: [{ id: 'd1', name: '邮储银行园区支行' }],
  involvedDepartmentIds: ['d0', 'd1'],
  title: '流动资金贷款',
  description: '…',
  status: 'rated',
  submittedAt: '2026-11-02T01:00:00.000Z',
  updatedAt: '2026-11-05T01:00:00.000Z',
  resolvedAt: '2026-11-04T02:00:00.000Z',
  version: 7,
  clocks: { claim: clock({ stoppedAt: '2026-11-02T03:00:00.000Z' }), resolve: clock({ deadlineAt: '2026-11-10T09:00:00.000Z', stoppedAt: '2026-11-04T02:00:00.000Z' }) },
  assignee: { id: 'u1', name: '褚客户经理', departmentId: 'd1', departmentName: '邮储银行园区支行' },
  rating: { satisfied: true, score: 5, comment: '很及时', at: '2026-11-05T01:00:00.000Z' },
  timeline: [
    { id: 'e1', type: 'submitted', at: '2026-11-02T01:00:00.000Z', actor, visibility: 'public', status: 'submitted' },
    { id: 'e2', type: 'transferred', at: '2026-11-02T02:00:00.000Z', actor, visibility: 'public', status: 'submitted' },
    { id: 'e3', type: 'claimed', at: '2026-11-02T03:00:00.000Z', actor, visibility: 'public', status: 'claimed' },
    { id: 'e4', type: 'replied', at: '2026-11-02T04:00:00.000Z', actor, visibility: 'internal', status: 'claimed', message: '内部' },
    { id: 'e5', type: 'replied', at: '2026-11-02T05:30:00.000Z', actor, visibility: 'public', status: 'answered', message: '已联系' },
    { id: 'e6', type: 'resolved', at: '2026-11-03T02:00:00.000Z', actor, visibility: 'public', status: 'resolved', message: '第一次办结' },
    { id: 'e7', type: 'reopened', at: '2026-11-03T05:00:00.000Z', actor, visibility: 'public', status: 'in_progress' },
    { id: 'e8', type: 'resolved', at: '2026-11-04T02:00:00.000Z', actor, visibility: 'public', status: 'resolved', message: '已放款 300 万元' },
  ],
};

describe('the requests sheet', () => {
  const spec = requestSheet({ creditCodeOf: (id) => (id === 'ent-1' ? '91210502MA0XXXXXX1' : undefined), now: '2026-12-01T00:00:00.000Z' });
  const row = Object.fromEntries(spec.columns.map((c, i) => [c.header, rowOf(spec, request)[i]]));

  it('has the columns a supervisor asks for, in Chinese', () => {
    expect(spec.columns.map((c) => c.header)).toEqual([
      '诉求编号', '企业名称', '统一社会信用代码', '诉求类别', '诉求标题', '承办部门', '联络员', '当前状态', '提交时间', '认领时间',
      '首次答复时间', '办结时间', '认领时限', '按时认领', '办结时限', '按时办结', '转办次数', '评分', '是否满意', '评价意见', '办理结果',
    ]);
  });

  it('fills a request’s row: the first public reply, the last resolution, transfers counted', () => {
    expect(row).toMatchObject({
      企业名称: '鑫锐电子科技有限公司',
      统一社会信用代码: '91210502MA0XXXXXX1',
      诉求类别: '融资信贷',
      承办部门: '邮储银行园区支行',
      联络员: '褚客户经理',
      当前状态: '已评价',
      提交时间: '2026-11-02 09:00',
      认领时间: '2026-11-02 11:00',
      首次答复时间: '2026-11-02 13:30',
      办结时间: '2026-11-04 10:00',
      按时认领: '是',
      按时办结: '是',
      转办次数: 1,
      评分: 5,
      是否满意: '满意',
      评价意见: '很及时',
      办理结果: '已放款 300 万元',
    });
  });

  it('leaves what has not happened empty, and names the departments holding an unclaimed request', () => {
    const fresh: RequestState = { ...request, status: 'submitted', assignee: undefined, rating: undefined, resolvedAt: undefined, clocks: { claim: clock({}), resolve: clock({}) }, timeline: request.timeline.slice(0, 1), departments: [{ id: 'd1', name: '甲' }, { id: 'd2', name: '乙' }] };
    const cells = Object.fromEntries(spec.columns.map((c, i) => [c.header, rowOf(spec, fresh)[i]]));
    expect(cells).toMatchObject({ 承办部门: '甲、乙', 联络员: undefined, 认领时间: undefined, 办结时间: undefined, 按时认领: '否（已超时）', 评分: undefined, 办理结果: undefined });
  });
});

describe('the cases sheet', () => {
  it('shows a bank case’s figures in yuan and per cent, and who confirmed', () => {
    const c = {
      id: 'c1', parkId: 'p', kind: 'bank', status: 'confirmed', title: '科技贷', department: { id: 'd1', name: '邮储银行园区支行' },
      enterprises: [{ id: 'e1', name: '鑫锐', confirmedAt: '2026-11-05T02:00:00.000Z' }, { id: 'e2', name: '恒通' }],
      bank: { instrument: 'loan', amountFen: 300_000_000, rateBp: 385, termMonths: 12, grantedOn: '2026-11-04', preferential: true },
      narrative: { difficulty: '缺流动资金', action: '一周放款' }, requestIds: ['r1', 'r2'], timeline: [], createdAt: '2026-11-04T00:00:00.000Z', updatedAt: '2026-11-05T00:00:00.000Z', version: 3,
    } as CaseRecord;
    const row = Object.fromEntries(caseSheet.columns.map((col, i) => [col.header, rowOf(caseSheet, c)[i]]));
    expect(row).toMatchObject({ 类型: '银企共建', 状态: '已确认', 日期: '2026-11-04', 融资方式: '贷款', '金额（元）': 3_000_000, '年利率（%）': 3.85, '期限（月）': 12, '普惠/优惠产品': '是', 税务服务: undefined, 企业确认: '鑫锐 2026-11-05 10:00；恒通 未确认', 关联诉求: 'r1、r2' });
  });
});

describe('an export as the admin sees it', () => {
  const record: LedgerExportRecord = { id: 'x', parkId: 'p', from: '2026-11-01', to: '2026-11-30', format: 'xlsx', status: 'running', requestedAt: '2026-12-01T00:00:00.000Z', requestedBy: { id: 'u', name: '周书记' }, objectKey: 'ledgers/p/x.xlsx' };
  it('never shows where the file is stored', () => {
    expect(exportView(record, record.requestedAt)).not.toHaveProperty('objectKey');
    expect(exportView(record, record.requestedAt)).not.toHaveProperty('parkId');
  });
  it('reads a job that outlived its time limit as failed', () => {
    const later = new Date(Date.parse(record.requestedAt) + JOB_LIMIT_MS + 1).toISOString();
    expect(exportView(record, later)).toMatchObject({ status: 'failed', error: '生成超时，请重新生成' });
    expect(exportView(record, record.requestedAt).status).toBe('running');
  });
  it('adds the link to a ready one only', () => {
    const link = { url: 'https://x', expiresAt: '2026-12-01T01:00:00.000Z' };
    expect(exportView({ ...record, status: 'ready' }, record.requestedAt, link)).toMatchObject({ url: 'https://x', urlExpiresAt: link.expiresAt });
    expect(exportView(record, record.requestedAt, link)).not.toHaveProperty('url');
  });
});

describe('reading a period in slices', () => {
  it('covers every millisecond once, in order', () => {
    expect(timeSlices(0, 99, 4)).toEqual([[0, 24], [25, 49], [50, 74], [75, 99]]);
    expect(timeSlices(0, 9, 4)).toEqual([[0, 2], [3, 5], [6, 8], [9, 9]]);
    expect(timeSlices(5, 5, 4)).toEqual([[5, 5]]);
    const month = timeSlices(Date.parse('2026-11-01T00:00:00+08:00'), Date.parse('2026-12-01T00:00:00+08:00') - 1, 4);
    expect(month).toHaveLength(4);
    for (let i = 1; i < month.length; i++) expect(month[i]![0]).toBe(month[i - 1]![1] + 1);
  });
});
