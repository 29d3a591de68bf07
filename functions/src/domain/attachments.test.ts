import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENTS, type RequestStatus } from '@parklink/contract';
import {
  attach,
  attachmentFor,
  attachmentKey,
  authoriseUpload,
  contentDisposition,
  declaredFrom,
  metadataOf,
  mismatch,
  pendingKey,
  type Declared,
} from './attachments';
import { weekendsOnly } from './calendar';
import { DomainError } from './errors';
import * as life from './request';
import type { RequestState } from './request';
import type { User } from './user';

// The owner enterprise E, another enterprise E2, liaison L (assignee) and colleague C and head H of
// department d1, liaison T of d2, the park admin A, and the owner's twin in another park.
const E: User = { id: 'u-e', parkId: 'p', name: '张经理', roles: ['enterprise'], enterpriseId: 'e1', enterpriseName: '鑫锐电子' };
const E2: User = { ...E, id: 'u-e2', enterpriseId: 'e2', enterpriseName: '恒通装备' };
const L: User = { id: 'u-l', parkId: 'p', name: '李审批', roles: ['liaison'], departmentId: 'd1', departmentName: '审批局' };
const C: User = { ...L, id: 'u-c', name: '王科员' };
const H: User = { ...L, id: 'u-h', name: '王局长', roles: ['dept_head'] };
const T: User = { id: 'u-t', parkId: 'p', name: '孙税务', roles: ['liaison'], departmentId: 'd2', departmentName: '税务局' };
const A: User = { id: 'u-a', parkId: 'p', name: '周书记', roles: ['admin'] };
const ELSEWHERE: User = { ...E, parkId: 'p2' };

const category = {
  id: 'c1',
  name: '审批办证',
  claimSla: { unit: 'hours' as const, amount: 4 },
  resolveSla: { unit: 'working_days' as const, amount: 3 },
  departments: [{ id: 'd1', name: '审批局' }],
  fields: [],
};
const input = { categoryId: 'c1', title: '环评审批进度', description: '环评材料提交两周了，想了解进度。', fields: {} };
let tick = 0;
const m = () => ({ now: new Date(Date.parse('2026-11-23T01:00:00.000Z') + ++tick * 60_000).toISOString(), eventId: `ev${String(tick).padStart(4, '0')}`, calendar: weekendsOnly });
const NOW = '2026-11-24T01:00:00.000Z';

const fresh = () => life.submit(E, input, category, 'r1', m());
const replied = () => life.reply(life.claim(fresh(), L, m()), L, { message: '请补充材料清单' }, m());
const replyOf = (state: RequestState) => state.timeline.find((e) => e.type === 'replied')!.id;

const pdf = (over: Partial<Declared> = {}): Declared => ({ fileName: '营业执照.pdf', contentType: 'application/pdf', size: 1000, uploaderId: E.id, ...over });
const withFiles = (state: RequestState, user: User, count: number, eventId?: string) => {
  let s = state;
  for (let i = 0; i < count; i++) s = attach(s, user, `att${i}${eventId ?? ''}`, pdf({ uploaderId: user.id, ...(eventId ? { eventId } : {}) }), m())!;
  return s;
};

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof DomainError) return `${error.status} ${error.field ?? ''}`.trim();
    throw error;
  }
};

describe('who may attach', () => {
  it('lets the owner attach to the request; hides it (404) from anyone who cannot view it', () => {
    const state = fresh();
    expect(authoriseUpload(state, E, undefined, NOW)).toBe('owner');
    for (const user of [E2, T, ELSEWHERE]) expect(codeOf(() => authoriseUpload(state, user, undefined, NOW))).toBe('404');
    expect(codeOf(() => authoriseUpload(undefined, E, undefined, NOW))).toBe('404');
  });

  it('refuses (403) viewers that play no uploading part: the pool before a claim, colleagues, the admin', () => {
    expect(codeOf(() => authoriseUpload(fresh(), L, undefined, NOW))).toBe('403');
    const state = replied();
    expect(codeOf(() => authoriseUpload(state, C, replyOf(state), NOW))).toBe('403');
    expect(codeOf(() => authoriseUpload(state, A, undefined, NOW))).toBe('403');
  });

  it("lets the handler attach only to their own public replies", () => {
    const state = replied();
    expect(authoriseUpload(state, L, replyOf(state), NOW)).toBe('handler');
    expect(codeOf(() => authoriseUpload(state, L, undefined, NOW))).toBe('400 eventId');
    const submitted = state.timeline[0]!.id;
    expect(codeOf(() => authoriseUpload(state, L, submitted, NOW))).toBe('400 eventId');
    expect(codeOf(() => authoriseUpload(state, L, 'nope', NOW))).toBe('400 eventId');
    // The head plays handler, but the liaison's reply is not theirs; an internal note is never a reply.
    expect(codeOf(() => authoriseUpload(state, H, replyOf(state), NOW))).toBe('400 eventId');
    const noted = life.note(state, L, { message: '内部' }, m());
    expect(codeOf(() => authoriseUpload(noted, L, noted.timeline.at(-1)!.id, NOW))).toBe('400 eventId');
  });

  it('lets the owner attach to its own public events, not to the liaison’s', () => {
    const state = replied();
    expect(authoriseUpload(state, E, state.timeline[0]!.id, NOW)).toBe('owner');
    expect(codeOf(() => authoriseUpload(state, E, replyOf(state), NOW))).toBe('400 eventId');
  });

  it('takes no files on a withdrawn or rated request (409 with where it stands)', () => {
    const closed: Record<string, RequestState> = {
      withdrawn: life.withdraw(fresh(), E, {}, m()),
      rated: life.rate(replied(), E, { satisfied: true, score: 5 }, m()),
    };
    for (const [status, state] of Object.entries(closed)) {
      try {
        authoriseUpload(state, E, undefined, NOW);
        expect.unreachable();
      } catch (error) {
        expect(error).toMatchObject({ code: 'INVALID_TRANSITION', current: { status: status as RequestStatus } });
      }
    }
    // Resolved is not closed: the enterprise may still add what it has.
    const resolved = life.resolve(replied(), L, { message: '已办结' }, m());
    expect(authoriseUpload(resolved, E, undefined, NOW)).toBe('owner');
  });
});

describe('how many', () => {
  it(`takes ${MAX_ATTACHMENTS} files from the enterprise per request, then 400 on the attachments field`, () => {
    const full = withFiles(fresh(), E, MAX_ATTACHMENTS);
    expect(full.attachments).toHaveLength(MAX_ATTACHMENTS);
    expect(codeOf(() => authoriseUpload(full, E, undefined, NOW))).toBe('400 attachments');
    expect(codeOf(() => attach(full, E, 'one-more', pdf(), m()))).toBe('400 attachments');
  });

  it(`takes ${MAX_ATTACHMENTS} files per reply from the handler, apart from the enterprise's`, () => {
    const state = replied();
    const reply = replyOf(state);
    const full = withFiles(withFiles(state, E, MAX_ATTACHMENTS), L, MAX_ATTACHMENTS, reply);
    expect(codeOf(() => authoriseUpload(full, L, reply, NOW))).toBe('400 attachments');
    const second = life.reply(full, L, { message: '补充说明' }, m());
    expect(authoriseUpload(second, L, second.timeline.at(-1)!.id, NOW)).toBe('handler');
  });
});

describe('recording a file', () => {
  it('adds it with who and when, bumps the version, and does nothing the second time', () => {
    const state = fresh();
    const moment = m();
    const next = attach(state, E, 'a1', pdf(), moment)!;
    expect(next.version).toBe(state.version + 1);
    expect(next.updatedAt).toBe(moment.now);
    expect(next.timeline).toEqual(state.timeline);
    expect(next.attachments).toEqual([
      { id: 'a1', fileName: '营业执照.pdf', contentType: 'application/pdf', size: 1000, uploadedBy: expect.objectContaining({ id: E.id, role: 'enterprise' }), at: moment.now },
    ]);
    expect(attach(next, E, 'a1', pdf(), m())).toBeUndefined();
    expect(life.toView(next, L, NOW).attachments).toHaveLength(1);
    expect(life.toView(state, L, NOW).attachments).toEqual([]);
  });

  it('finds a recorded file only for those who can view the request', () => {
    const state = attach(fresh(), E, 'a1', pdf(), m())!;
    expect(attachmentFor(state, A, 'a1').id).toBe('a1');
    expect(attachmentFor(state, L, 'a1').id).toBe('a1');
    expect(codeOf(() => attachmentFor(state, E2, 'a1'))).toBe('404');
    expect(codeOf(() => attachmentFor(state, ELSEWHERE, 'a1'))).toBe('404');
    expect(codeOf(() => attachmentFor(state, E, 'a2'))).toBe('404');
  });
});

describe('what arrived', () => {
  it('round-trips the declaration through ASCII metadata, Chinese file names included', () => {
    const declared = pdf({ fileName: '现场照片 (1)#.pdf', eventId: 'ev1' });
    const metadata = metadataOf(declared);
    for (const value of Object.values(metadata)) expect(value).toMatch(/^[\x20-\x7e]*$/);
    expect(declaredFrom(metadata)).toEqual(declared);
    expect(declaredFrom({})).toBeUndefined();
    expect(declaredFrom({ ...metadata, 'declared-type': 'text/html' })).toBeUndefined();
  });

  it('accepts exactly what was declared, and names the type or size that differs', () => {
    const declared = pdf();
    expect(mismatch(declared, { contentType: 'application/pdf', size: 1000 })).toBeUndefined();
    expect(mismatch(declared, { contentType: 'Application/PDF; charset=binary', size: 1000 })).toBeUndefined();
    expect(mismatch(declared, { contentType: 'image/png', size: 1000 })).toMatchObject({ field: 'attachmentId', messageEn: expect.stringContaining('type') });
    expect(mismatch(declared, { size: 1000 })).toMatchObject({ field: 'attachmentId' });
    expect(mismatch(declared, { contentType: 'application/pdf', size: 1001 })).toMatchObject({ messageEn: expect.stringContaining('size') });
    expect(mismatch(declared, { contentType: 'application/pdf' })).toBeDefined();
    expect(mismatch(pdf({ size: 11 * 1024 * 1024 }), { contentType: 'application/pdf', size: 11 * 1024 * 1024 })).toBeDefined();
  });

  it('keeps files under the park and request, pending uploads under their own prefix', () => {
    expect(attachmentKey('p', 'r1', 'A1')).toBe('park/p/req/r1/A1');
    expect(pendingKey('p', 'r1', 'A1')).toBe('pending/park/p/req/r1/A1');
  });

  it('serves files inline under their own name', () => {
    expect(contentDisposition('营业执照.pdf')).toBe(`inline; filename="____.pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf`);
    expect(contentDisposition(`a"b's (1).png`)).toBe(`inline; filename="a_b's (1).png"; filename*=UTF-8''a%22b%27s%20%281%29.png`);
  });
});
