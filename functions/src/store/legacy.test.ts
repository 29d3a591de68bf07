import { describe, expect, it } from 'vitest';
import { toSummary, type RequestState } from '../domain/request';
import { upgradeRequest } from './legacy';

describe('requests written by the first version', () => {
  const legacy = {
    id: 'r1',
    parkId: 'p',
    enterpriseId: 'e',
    enterpriseName: '鑫锐电子',
    categoryId: 'c',
    categoryName: '审批办证',
    departmentIds: ['d1'],
    title: '环评审批进度',
    description: '环评材料提交两周了',
    status: 'answered',
    submittedAt: '2026-11-23T01:00:00.000Z',
    deadlineAt: '2026-11-26T01:00:00.000Z',
    firstAnsweredAt: '2026-11-24T01:00:00.000Z',
    updatedAt: '2026-11-24T01:00:00.000Z',
    version: 3,
    timeline: [{ id: 'e1', type: 'submitted', at: '2026-11-23T01:00:00.000Z', actor: { id: 'u', name: '张经理', role: 'enterprise' }, status: 'submitted' }],
  } as unknown as RequestState;

  it('read with both clocks ending at the old deadline, stopped at the first answer', () => {
    const upgraded = upgradeRequest(legacy);
    expect(upgraded.clocks.claim).toMatchObject({ deadlineAt: '2026-11-26T01:00:00.000Z', stoppedAt: '2026-11-24T01:00:00.000Z' });
    expect(upgraded).toMatchObject({ departments: [{ id: 'd1' }], involvedDepartmentIds: ['d1'] });
    expect(upgraded.timeline[0]!.visibility).toBe('public');
    expect(toSummary(upgraded, '2026-12-01T00:00:00.000Z')).toMatchObject({ overdue: false, deadlineAt: '2026-11-26T01:00:00.000Z' });
  });

  it('leaves current requests untouched', () => {
    const current = upgradeRequest(legacy);
    expect(upgradeRequest(current)).toBe(current);
  });
});
