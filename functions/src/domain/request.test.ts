import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { canView, claim, rate, reply, submit, toView, type CategoryForSubmit, type RequestState } from './request';
import type { User } from './user';

const enterprise: User = { id: 'u-e', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'e1', enterpriseName: '鑫锐电子' };
const otherEnterprise: User = { ...enterprise, id: 'u-e2', enterpriseId: 'e2', enterpriseName: '恒通装备' };
const liaison: User = { id: 'u-l', parkId: 'p', name: '李审批', roles: ['liaison'], departmentId: 'd1', departmentName: '审批局' };
const colleague: User = { ...liaison, id: 'u-l2', name: '王科员' };
const head: User = { ...liaison, id: 'u-h', name: '王局长', roles: ['dept_head'] };
const otherDept: User = { ...liaison, id: 'u-t', departmentId: 'd2', departmentName: '税务局' };
const admin: User = { id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'] };
const category: CategoryForSubmit = { id: 'c1', name: '审批办证', deadlineHours: 72, departmentIds: ['d1'] };
const input = { categoryId: 'c1', title: '环评审批进度', description: '环评材料提交两周了，想了解进度。' };

let tick = 0;
const moment = (now = '2026-11-23T01:00:00.000Z') => ({ now, eventId: `ev${++tick}` });

const submitted = () => submit(enterprise, input, category, 'r1', moment());
const claimed = () => claim(submitted(), liaison, moment());
const answered = () => reply(claimed(), liaison, { message: '已答复' }, moment());

function expectError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return error as DomainError;
  }
  throw new Error(`expected ${code}`);
}

describe('submit', () => {
  it('opens a request with a deadline from the category and one event', () => {
    const state = submitted();
    expect(state).toMatchObject({ status: 'submitted', version: 1, deadlineAt: '2026-11-26T01:00:00.000Z', departmentIds: ['d1'] });
    expect(state.timeline).toEqual([
      expect.objectContaining({ type: 'submitted', status: 'submitted', actor: expect.objectContaining({ id: 'u-e', role: 'enterprise' }) }),
    ]);
  });

  it('is for enterprise contacts only', () => {
    expectError(() => submit(liaison, input, category, 'r1', moment()), 'FORBIDDEN');
  });
});

describe('claim', () => {
  it('assigns the request to the liaison', () => {
    expect(claimed()).toMatchObject({ status: 'claimed', version: 2, assignee: { id: 'u-l', departmentId: 'd1', departmentName: '审批局' } });
  });

  it('names who claimed it first', () => {
    const error = expectError(() => claim(claimed(), colleague, moment()), 'CONFLICT');
    expect(error.messageZh).toBe('该诉求已被审批局的李审批认领');
  });

  it("is refused outside the category's departments", () => {
    expectError(() => claim(submitted(), otherDept, moment()), 'FORBIDDEN');
    expectError(() => claim(submitted(), enterprise, moment()), 'FORBIDDEN');
    expectError(() => claim(submitted(), admin, moment()), 'FORBIDDEN');
  });
});

describe('reply', () => {
  it('answers and remembers the first answer time', () => {
    const first = reply(claimed(), liaison, { message: '第一次' }, moment('2026-11-24T00:00:00.000Z'));
    const second = reply(first, liaison, { message: '补充' }, moment('2026-11-25T00:00:00.000Z'));
    expect(second).toMatchObject({ status: 'answered', firstAnsweredAt: '2026-11-24T00:00:00.000Z', version: 4 });
  });

  it('is for the assignee or their head only', () => {
    expect(reply(claimed(), head, { message: '代答' }, moment()).status).toBe('answered');
    expectError(() => reply(claimed(), colleague, { message: 'x' }, moment()), 'FORBIDDEN');
    expectError(() => reply(submitted(), liaison, { message: 'x' }, moment()), 'FORBIDDEN');
  });
});

describe('rate', () => {
  it('closes a satisfied request', () => {
    const state = rate(answered(), enterprise, { satisfied: true, score: 5 }, moment());
    expect(state).toMatchObject({ status: 'rated', rating: { satisfied: true, score: 5 } });
    expect(state.timeline.at(-1)).toMatchObject({ type: 'rated', score: 5 });
  });

  it('reopens an unsatisfied one to the same liaison', () => {
    const state = rate(answered(), enterprise, { satisfied: false, score: 2, comment: '没说清楚' }, moment());
    expect(state).toMatchObject({ status: 'reopened', assignee: { id: 'u-l' } });
    expect(reply(state, liaison, { message: '补充说明' }, moment()).status).toBe('answered');
  });

  it('is for the owner only, and only once answered', () => {
    expectError(() => rate(answered(), otherEnterprise, { satisfied: true, score: 5 }, moment()), 'FORBIDDEN');
    expectError(() => rate(claimed(), enterprise, { satisfied: true, score: 5 }, moment()), 'INVALID_TRANSITION');
    const closed = rate(answered(), enterprise, { satisfied: true, score: 5 }, moment());
    const error = expectError(() => rate(closed, enterprise, { satisfied: true, score: 4 }, moment()), 'INVALID_TRANSITION');
    expect(error.messageZh).toContain('已评价');
  });
});

describe('who can view', () => {
  const cases: [string, User, boolean][] = [
    ['the owner', enterprise, true],
    ['another enterprise', otherEnterprise, false],
    ['a liaison of a handling department', colleague, true],
    ['a liaison of another department', otherDept, false],
    ['the park admin', admin, true],
    ['the admin of another park', { ...admin, parkId: 'q' }, false],
    ['the same liaison id in another park', { ...liaison, parkId: 'q' }, false],
  ];
  it.each(cases)('%s → %s', (_, user, expected) => {
    expect(canView(submitted(), user)).toBe(expected);
  });
});

describe('the view', () => {
  it('flags overdue when the deadline passed before any answer', () => {
    const state: RequestState = submitted();
    expect(toView(state, '2026-11-26T00:59:59.000Z').overdue).toBe(false);
    expect(toView(state, '2026-11-26T01:00:01.000Z').overdue).toBe(true);
    const late = reply(claim(state, liaison, moment()), liaison, { message: '晚了' }, moment('2026-11-27T00:00:00.000Z'));
    expect(toView(late, '2026-12-30T00:00:00.000Z').overdue).toBe(true);
    const onTime = reply(claim(state, liaison, moment()), liaison, { message: '及时' }, moment('2026-11-24T00:00:00.000Z'));
    expect(toView(onTime, '2026-12-30T00:00:00.000Z').overdue).toBe(false);
  });
});
