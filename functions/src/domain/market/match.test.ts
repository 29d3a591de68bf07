import { describe, expect, it } from 'vitest';
import { refusal } from '../../../test/support/refusal';
import type { MatchAction, MatchStatus } from '@parklink/contract';
import type { User } from '../user';
import { allowedActions, assertCanViewMatch, matchView, propose, step, type MatchRecord } from './match';
import { fixtureNeeds, fixtureResources } from './ranking.fixture';

const NOW = '2026-11-23T02:00:00.000Z';
const need = fixtureNeeds[0]![0]; // 鑫锐电子's financing need
const loan = fixtureResources.find((r) => r.id === 'r-psbc-micro')!;
const contact: User = { id: 'u-x', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'ent-xinrui', enterpriseName: '鑫锐电子科技有限公司' };
const banker: User = { id: 'u-b', parkId: 'p', name: '褚客户经理', roles: ['liaison'], departmentId: 'dept-psbc', departmentName: '邮储银行园区支行' };
const bankHead: User = { ...banker, id: 'u-bh', name: '卫行长', roles: ['dept_head'] };
const stranger: User = { id: 'u-s', parkId: 'p', name: '孙税务', roles: ['liaison'], departmentId: 'dept-tax', departmentName: '税务分局' };
const admin: User = { id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'] };
const otherPark: User = { ...contact, parkId: 'q' };

let seq = 0;
const proposed = (by: User = contact) => propose(need, loan, by, '想了解小微易贷', 'm1', `e${++seq}`, NOW);
const act = (m: MatchRecord, who: User, action: MatchAction, extra = {}) => step(m, who, { action, ...extra }, `e${++seq}`, NOW);

describe('proposing a match', () => {
  it('records who proposed, on which side, with the message as the first event', () => {
    const m = proposed();
    expect(m).toMatchObject({ status: 'proposed', proposedBy: 'need', version: 1, need: { id: need.id }, resource: { id: loan.id } });
    expect(m.timeline).toEqual([expect.objectContaining({ type: 'proposed', side: 'need', message: '想了解小微易贷', actor: expect.objectContaining({ name: '张经理' }) })]);
    expect(propose(need, loan, banker, undefined, 'm2', 'e', NOW).proposedBy).toBe('resource');
  });

  it('is only for the two sides, on open posts', () => {
    expect(refusal(() => proposed(stranger)).status).toBe(403);
    expect(refusal(() => proposed(admin)).status).toBe(403);
    expect(refusal(() => propose({ ...need, status: 'paused' }, loan, contact, undefined, 'm', 'e', NOW))).toMatchObject({ status: 409, field: 'needId' });
    expect(refusal(() => propose(need, { ...loan, expiresAt: '2026-11-01T00:00:00.000Z' }, contact, undefined, 'm', 'e', NOW))).toMatchObject({ field: 'resourceId' });
  });
});

describe('the steps of a match', () => {
  it('lets only the other side accept or decline, and the proposer withdraw', () => {
    const m = proposed();
    expect(allowedActions(m, 'need')).toEqual(['withdraw']);
    expect(allowedActions(m, 'resource')).toEqual(['accept', 'decline']);
    expect(refusal(() => act(m, contact, 'accept'))).toMatchObject({ status: 409, current: { status: 'proposed', allowedActions: ['withdraw'] } });
    expect(act(m, bankHead, 'accept').status).toBe('in_progress');
    expect(act(m, banker, 'decline', { message: '额度不符' }).status).toBe('declined');
    expect(act(m, contact, 'withdraw').status).toBe('withdrawn');
    expect(refusal(() => act(m, stranger, 'accept')).status).toBe(403);
  });

  it('follows an accepted match to an outcome by either side, then nothing more', () => {
    const running = act(proposed(), banker, 'accept');
    const noted = act(running, contact, 'note', { message: '已提交授信材料' });
    expect(noted.status).toBe('in_progress');
    const done = act(noted, banker, 'succeed', { outcome: { amountFen: 300_0000_00, date: '2026-12-10', note: '放款 300 万元' } });
    expect(done).toMatchObject({ status: 'succeeded', outcome: { amountFen: 300_0000_00, date: '2026-12-10' }, version: 4 });
    expect(done.timeline.map((e) => e.type)).toEqual(['proposed', 'accepted', 'noted', 'succeeded']);
    for (const status of ['succeeded', 'failed', 'declined', 'withdrawn'] as MatchStatus[]) {
      expect(allowedActions({ ...done, status }, 'need')).toEqual([]);
      expect(allowedActions({ ...done, status }, 'resource')).toEqual([]);
    }
    expect(act(noted, contact, 'fail', { outcome: { date: '2026-12-10', note: '资质不符' } }).status).toBe('failed');
  });

  it('is seen by its two sides and the park admin only', () => {
    const m = proposed();
    expect(assertCanViewMatch(m, admin)).toBe(m);
    expect(matchView(m, admin)).toMatchObject({ allowedActions: [] });
    expect(matchView(m, bankHead)).toMatchObject({ viewerSide: 'resource', allowedActions: ['accept', 'decline'] });
    expect(refusal(() => assertCanViewMatch(m, stranger)).status).toBe(404);
    expect(refusal(() => assertCanViewMatch(m, otherPark)).status).toBe(404);
  });
});
