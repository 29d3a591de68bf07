import { describe, expect, it } from 'vitest';
import { ERASED_NAME } from '@parklink/contract';
import { weekendsOnly } from './calendar';
import { ADMIN_AFTER_MS, dueEscalations, nextEscalationAt } from './escalation';
import { notificationsFor } from './notifications';
import * as life from './request';
import type { User } from './user';

const E: User = { id: 'u-e', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'e1', enterpriseName: '鑫锐电子' };
const L: User = { id: 'u-l', parkId: 'p', name: '李审批', roles: ['liaison'], departmentId: 'd1', departmentName: '审批局' };
const category = {
  id: 'c1',
  name: '审批办证',
  claimSla: { unit: 'hours' as const, amount: 4 },
  resolveSla: { unit: 'hours' as const, amount: 72 },
  departments: [{ id: 'd1', name: '审批局' }],
  fields: [],
};
const t0 = Date.parse('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(t0 + hours * 3_600_000).toISOString();
let n = 0;
const m = (hours: number) => ({ now: at(hours), eventId: `e${++n}`, calendar: weekendsOnly });
const fresh = () =>
  life.submit(E, { categoryId: 'c1', title: '环评审批进度', description: '环评材料提交两周了，想了解进度。', fields: {} }, category, 'r1', m(0));

describe('escalation steps', () => {
  it('are due at the deadline (head) and a day later (admin), for each clock', () => {
    const state = fresh();
    expect(nextEscalationAt(state)).toBe(at(4));
    expect(dueEscalations(state, at(3.9))).toEqual([]);
    expect(dueEscalations(state, at(4)).map((s) => `${s.clock}#${s.level}`)).toEqual(['claim#1']);
    expect(dueEscalations(state, at(4 + ADMIN_AFTER_MS / 3_600_000)).map((s) => `${s.clock}#${s.level}`)).toEqual(['claim#1', 'claim#2']);
    expect(dueEscalations(state, at(100)).map((s) => `${s.clock}#${s.level}`)).toEqual(['claim#1', 'resolve#1', 'claim#2', 'resolve#2']);
  });

  it('are taken once: a recorded step is never due again', () => {
    const state = fresh();
    const once = life.escalate(state, dueEscalations(state, at(5)), m(5));
    expect(once.timeline.at(-1)).toMatchObject({ type: 'escalated', visibility: 'internal', escalation: { clock: 'claim', level: 1 } });
    expect(dueEscalations(once, at(5))).toEqual([]);
    expect(life.escalate(once, dueEscalations(state, at(5)), m(5))).toBe(once);
    expect(nextEscalationAt(once)).toBe(at(28));
  });

  it('stop for answered clocks and paused ones, and for closed requests', () => {
    const answered = life.reply(life.claim(fresh(), L, m(1)), L, { message: '已答复' }, m(2));
    expect(dueEscalations(answered, at(10))).toEqual([]);
    const waiting = life.requestInfo(life.claim(fresh(), L, m(1)), L, { message: '请补充' }, m(2));
    expect(dueEscalations(waiting, at(500))).toEqual([]);
    expect(nextEscalationAt(life.withdraw(fresh(), E, {}, m(1)))).toBeUndefined();
  });
});

describe('who hears about what', () => {
  it('tells the submitter of claims and answers, and the assignee of ratings, never the actor', () => {
    const claimed = life.claim(fresh(), L, m(1));
    expect(notificationsFor(claimed, claimed.timeline.slice(-1))).toEqual([
      expect.objectContaining({ kind: 'claimed', audience: { kind: 'user', userId: 'u-e' } }),
    ]);
    const answered = life.reply(claimed, L, { message: '已答复' }, m(2));
    const rated = life.rate(answered, E, { satisfied: false, score: 2 }, m(3));
    expect(notificationsFor(rated, rated.timeline.slice(-1))).toEqual([
      expect.objectContaining({ kind: 'reopened', audience: { kind: 'user', userId: 'u-l' } }),
    ]);
    const noted = life.note(claimed, L, { message: '内部' }, m(2));
    expect(notificationsFor(noted, noted.timeline.slice(-1))).toEqual([]);
  });

  it('tells nobody who erased their account (PIPL): the reference reads 已注销用户', () => {
    const claimed = life.claim(fresh(), L, m(1));
    const level1 = life.escalate(claimed, dueEscalations(claimed, at(5)), m(5));
    const erasedAssignee = { ...level1, assignee: { ...level1.assignee!, name: ERASED_NAME } };
    expect(notificationsFor(erasedAssignee, level1.timeline.slice(-1)).map((d) => d.audience)).toEqual([{ kind: 'departmentHeads', departmentIds: ['d1'] }]);
    const erasedSubmitter = { ...claimed, timeline: claimed.timeline.map((e, i) => (i === 0 ? { ...e, actor: { ...e.actor, name: ERASED_NAME } } : e)) };
    expect(notificationsFor(erasedSubmitter, claimed.timeline.slice(-1))).toEqual([]);
  });

  it('sends level 1 to the heads and the assignee, level 2 to the park admins', () => {
    const claimed = life.claim(fresh(), L, m(1));
    const level1 = life.escalate(claimed, dueEscalations(claimed, at(5)), m(5));
    expect(notificationsFor(level1, level1.timeline.slice(-1)).map((d) => d.audience)).toEqual([
      { kind: 'departmentHeads', departmentIds: ['d1'] },
      { kind: 'user', userId: 'u-l' },
    ]);
    const level2 = life.escalate(level1, dueEscalations(level1, at(29)), m(29));
    expect(notificationsFor(level2, level2.timeline.slice(-1)).map((d) => [d.audience, d.title])).toEqual([
      [{ kind: 'parkAdmins' }, '诉求响应时限超时已超 24 小时'],
    ]);
  });
});
