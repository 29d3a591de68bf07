import { describe, expect, it } from 'vitest';
import type { RequestAction, RequestStatus } from '@parklink/contract';
import { weekendsOnly } from './calendar';
import { DomainError } from './errors';
import * as life from './request';
import type { RequestState } from './request';
import type { User } from './user';

// People: the owner enterprise E, another enterprise E2, liaisons L (assignee) and C (colleague) and
// head H of department d1, liaison T of department d2, the park admin A.
const E: User = { id: 'u-e', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'e1', enterpriseName: '鑫锐电子' };
const E2: User = { ...E, id: 'u-e2', enterpriseId: 'e2', enterpriseName: '恒通装备' };
const L: User = { id: 'u-l', parkId: 'p', name: '李审批', roles: ['liaison'], departmentId: 'd1', departmentName: '审批局' };
const C: User = { ...L, id: 'u-c', name: '王科员' };
const H: User = { ...L, id: 'u-h', name: '王局长', roles: ['dept_head'] };
const T: User = { id: 'u-t', parkId: 'p', name: '孙税务', roles: ['liaison'], departmentId: 'd2', departmentName: '税务局' };
const A: User = { id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'] };
const people = { E, E2, L, C, H, T, A };
type Who = keyof typeof people;

const d1 = { id: 'd1', name: '审批局' };
const d2 = { id: 'd2', name: '税务局' };
const category = (departments = [d1]) => ({
  id: 'c1',
  name: '审批办证',
  claimSla: { unit: 'hours' as const, amount: 4 },
  resolveSla: { unit: 'working_days' as const, amount: 3 },
  departments,
  fields: [],
});
const input = { categoryId: 'c1', title: '环评审批进度', description: '环评材料提交两周了，想了解进度。', fields: {} };

let tick = 0;
// Monday 2026-11-23 09:00 China time, plus minutes as the story goes on.
const at = (minutes = 0) => new Date(Date.parse('2026-11-23T01:00:00.000Z') + minutes * 60_000).toISOString();
const m = (minutes = ++tick) => ({ now: at(minutes), eventId: `ev${String(++tick).padStart(4, '0')}`, calendar: weekendsOnly });

const fresh = () => life.submit(E, input, category(), 'r1', m(0));
const claimed = () => life.claim(fresh(), L, m(10));
const answered = () => life.reply(claimed(), L, { message: '已答复' }, m(20));
const fixtures: Record<RequestStatus, () => RequestState> = {
  submitted: fresh,
  transferred: () => {
    const atD2 = life.submit(E, input, category([d2]), 'r1', m(0));
    return life.transfer(life.claim(atD2, T, m(5)), T, { departmentId: 'd1', reason: '属于审批事项' }, d1, m(10));
  },
  claimed,
  answered,
  in_progress: () => life.start(claimed(), L, {}, m(20)),
  needs_info: () => life.requestInfo(claimed(), L, { message: '请补充营业执照' }, m(20)),
  resolved: () => life.resolve(answered(), L, { message: '已办结' }, m(30)),
  rated: () => life.rate(answered(), E, { satisfied: true, score: 5 }, m(30)),
  reopened: () => life.rate(answered(), E, { satisfied: false, score: 2 }, m(30)),
  withdrawn: () => life.withdraw(fresh(), E, {}, m(10)),
};

const run: Record<RequestAction, (s: RequestState, u: User) => RequestState> = {
  claim: (s, u) => life.claim(s, u, m(40)),
  reply: (s, u) => life.reply(s, u, { message: '答复' }, m(40)),
  note: (s, u) => life.note(s, u, { message: '内部备注' }, m(40)),
  start: (s, u) => life.start(s, u, {}, m(40)),
  requestInfo: (s, u) => life.requestInfo(s, u, { message: '请补充' }, m(40)),
  provideInfo: (s, u) => life.provideInfo(s, u, { message: '已补充' }, m(40)),
  resolve: (s, u) => life.resolve(s, u, { message: '已办结' }, m(40)),
  rate: (s, u) => life.rate(s, u, { satisfied: true, score: 5 }, m(40)),
  reopen: (s, u) => life.reopen(s, u, { reason: '问题未解决' }, m(40)),
  transfer: (s, u) => life.transfer(s, u, { departmentId: 'd2', reason: '不属本部门' }, d2, m(40)),
  withdraw: (s, u) => life.withdraw(s, u, {}, m(40)),
};

/** The transition table, written out by hand: action → status → who may. Everything else is refused. */
const HANDLING = ['claimed', 'answered', 'in_progress', 'reopened'] as const;
const allowed: Record<RequestAction, Partial<Record<RequestStatus, Who[]>>> = {
  claim: { submitted: ['L', 'C', 'H'], transferred: ['L', 'C', 'H'] },
  reply: Object.fromEntries(HANDLING.map((s) => [s, ['L', 'H']])),
  note: {
    submitted: ['L', 'C', 'H', 'A'],
    transferred: ['L', 'C', 'H', 'A'],
    ...Object.fromEntries([...HANDLING, 'needs_info', 'resolved'].map((s) => [s, ['L', 'H', 'A']])),
  },
  start: { claimed: ['L', 'H'], answered: ['L', 'H'], reopened: ['L', 'H'] },
  requestInfo: Object.fromEntries(HANDLING.map((s) => [s, ['L', 'H']])),
  provideInfo: { needs_info: ['E'] },
  resolve: { answered: ['L', 'H'], in_progress: ['L', 'H'] },
  rate: { answered: ['E'], resolved: ['E'] },
  reopen: { resolved: ['E'] },
  transfer: {
    submitted: ['L', 'C', 'H', 'A'],
    transferred: ['L', 'C', 'H', 'A'],
    ...Object.fromEntries(HANDLING.map((s) => [s, ['L', 'H', 'A']])),
  },
  withdraw: Object.fromEntries(
    ['submitted', 'transferred', ...HANDLING, 'needs_info'].map((s) => [s, ['E']]),
  ),
};

const cases = (Object.keys(run) as RequestAction[]).flatMap((action) =>
  (Object.keys(fixtures) as RequestStatus[]).flatMap((status) =>
    (Object.keys(people) as Who[]).map((who) => ({ action, status, who, ok: !!allowed[action][status]?.includes(who) })),
  ),
);

describe('every transition, per role and state', () => {
  it.each(cases.filter((c) => c.ok))('$who may $action a $status request', ({ action, status, who }) => {
    const state = fixtures[status]();
    expect(life.actionsFor(state, people[who], at(40))).toContain(action);
    const next = run[action](state, people[who]);
    expect(next.version).toBe(state.version + 1);
    expect(next.timeline).toHaveLength(state.timeline.length + 1);
  });

  it.each(cases.filter((c) => !c.ok))('$who may not $action a $status request', ({ action, status, who }) => {
    const state = fixtures[status]();
    expect(life.actionsFor(state, people[who], at(40))).not.toContain(action);
    let error: unknown;
    try {
      run[action](state, people[who]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const refusal = error as DomainError;
    expect(['FORBIDDEN', 'INVALID_TRANSITION', 'CONFLICT']).toContain(refusal.code);
    // A refusal for the wrong moment tells where the request stands and what is open instead.
    if (refusal.code !== 'FORBIDDEN') {
      expect(refusal.status).toBe(409);
      expect(refusal.current?.status).toBe(status);
      expect(refusal.current?.allowedActions).toEqual(life.actionsFor(state, people[who], at(40)));
    }
  });
});

describe('submit', () => {
  it('opens a request with both clocks and one public event', () => {
    const state = fresh();
    expect(state).toMatchObject({ status: 'submitted', version: 1, departments: [d1] });
    expect(state.clocks.claim.deadlineAt).toBe('2026-11-23T05:00:00.000Z');
    expect(state.clocks.resolve.deadlineAt).toBe('2026-11-26T01:00:00.000Z');
    expect(state.timeline[0]).toMatchObject({ type: 'submitted', visibility: 'public', actor: { id: 'u-e', role: 'enterprise' } });
  });

  it('is for enterprise contacts only', () => {
    expect(() => life.submit(L, input, category(), 'r1', m())).toThrow(DomainError);
  });
});

describe('claims and clocks', () => {
  it('names who claimed it first, to a liaison of another pool department too', () => {
    const shared = life.submit(E, input, category([d1, d2]), 'r1', m(0));
    const won = life.claim(shared, T, m(1));
    for (const loser of [L, C, H]) {
      try {
        life.claim(won, loser, m(2));
        throw new Error('expected a conflict');
      } catch (error) {
        expect((error as DomainError).code).toBe('CONFLICT');
        expect((error as DomainError).messageZh).toBe('该诉求已被税务局的孙税务认领');
      }
    }
  });

  it('stops the claim clock on the first public reply only, never on a claim or a note', () => {
    let state = life.claim(fresh(), L, m(10));
    state = life.note(state, L, { message: '先内部核实' }, m(20));
    expect(state.clocks.claim.stoppedAt).toBeUndefined();
    state = life.reply(state, L, { message: '正在核实' }, m(30));
    expect(state.clocks.claim.stoppedAt).toBe(at(30));
    expect(life.toSummary(state, at(30)).deadlineAt).toBe(state.clocks.resolve.deadlineAt);
  });

  it('pauses the resolve clock while waiting on the enterprise, exactly, through a transfer', () => {
    let state = life.requestInfo(claimed(), L, { message: '请补充营业执照' }, m(60));
    expect(life.toSummary(state, at(600)).clocks.resolve.state).toBe('paused');
    state = life.provideInfo(state, E, { message: '已上传' }, m(60 + 24 * 60)); // a day later (Tuesday)
    expect(state.status).toBe('claimed');
    expect(state.clocks.resolve.deadlineAt).toBe('2026-11-27T01:00:00.000Z'); // Thursday → Friday
    state = life.transfer(state, L, { departmentId: 'd2', reason: '属税务' }, d2, m(60 + 25 * 60));
    expect(state.clocks.resolve.deadlineAt).toBe('2026-11-27T01:00:00.000Z');
    // The new department gets a fresh 4-hour claim clock.
    expect(state.clocks.claim.deadlineAt).toBe(new Date(Date.parse(at(60 + 25 * 60)) + 4 * 3_600_000).toISOString());
    expect(state).toMatchObject({ status: 'transferred', departments: [d2] });
    expect(state.assignee).toBeUndefined();
  });

  it('flags overdue when a clock is missed, and never for a withdrawn request', () => {
    const state = fresh();
    expect(life.isOverdue(state, at(239))).toBe(false);
    expect(life.isOverdue(state, at(241))).toBe(true);
    expect(life.isOverdue(life.withdraw(state, E, {}, m(300)), at(10_000))).toBe(false);
  });
});

describe('closing and reopening', () => {
  it('closes a satisfied request and stops its clocks', () => {
    const state = life.rate(answered(), E, { satisfied: true, score: 5 }, m(30));
    expect(state).toMatchObject({ status: 'rated', rating: { satisfied: true, score: 5 } });
    expect(state.clocks.resolve.stoppedAt).toBe(at(30));
  });

  it('reopens an unsatisfied one to the same liaison, with a fresh resolve clock', () => {
    const state = life.rate(answered(), E, { satisfied: false, score: 2, comment: '没说清楚' }, m(30));
    expect(state).toMatchObject({ status: 'reopened', assignee: { id: 'u-l' } });
    expect(state.clocks.resolve.startedAt).toBe(at(30));
  });

  it('lets the enterprise reopen within 7 days of resolution, not after', () => {
    const resolved = fixtures.resolved();
    expect(life.reopen(resolved, E, { reason: '问题复现' }, m(30 + 7 * 24 * 60)).status).toBe('reopened');
    const late = at(30 + 7 * 24 * 60 + 1);
    expect(life.actionsFor(resolved, E, late)).not.toContain('reopen');
    expect(() => life.reopen(resolved, E, { reason: '问题复现' }, { ...m(), now: late })).toThrow(/7 days|7-day/);
  });
});

describe('what each viewer sees', () => {
  it('hides internal notes from the enterprise, shows them to liaisons and admins', () => {
    const state = life.note(claimed(), L, { message: '企业资质存疑，先核实' }, m(15));
    expect(life.toView(state, E, at(20)).timeline.map((e) => e.type)).toEqual(['submitted', 'claimed']);
    expect(life.toView(state, H, at(20)).timeline.at(-1)).toMatchObject({ type: 'noted', visibility: 'internal' });
    expect(life.toView(state, A, at(20)).timeline).toHaveLength(3);
  });

  const visibility: [string, User, boolean][] = [
    ['the owner', E, true],
    ['another enterprise', E2, false],
    ['a liaison of the department', C, true],
    ['a liaison of another department', T, false],
    ['the park admin', A, true],
    ['the admin of another park', { ...A, parkId: 'q' }, false],
    ['the same liaison id in another park', { ...L, parkId: 'q' }, false],
  ];
  it.each(visibility)('%s → %s', (_, user, expected) => {
    expect(life.canView(fresh(), user)).toBe(expected);
  });

  it('keeps a request visible to a department it was transferred away from', () => {
    const moved = life.transfer(claimed(), L, { departmentId: 'd2', reason: '属税务' }, d2, m(20));
    expect(life.canView(moved, C)).toBe(true);
    expect(life.canView(moved, T)).toBe(true);
  });
});
