import * as z from './zod';
import { CaseEventType, CaseKind, CaseStatus, MatchStatus, RequestStatus, TimelineEventType } from './states';
import { Id, IsoTime, Role } from './common';
import { Notification } from './inbox';
import {
  ERASE_CONFIRMATION,
  ERASED_NAME,
  INVITATION_STATES,
  invitationStateLabels,
  REQUEST_PARTS,
  requestPartLabels,
} from './values/people';
/** Plain values and labels, schema-free (values/people.ts). */
export { ERASE_CONFIRMATION, ERASED_NAME, INVITATION_STATES, invitationStateLabels, REQUEST_PARTS, requestPartLabels };

/**
 * Personal information (个人信息保护法, PIPL): what ParkLink holds about the signed-in person
 * (`GET /v1/me/data`), and erasing them (`DELETE /v1/me`). Records the park must keep — requests,
 * cases, matches, audit events: its service ledger — stay, with the person's name replaced by
 * `ERASED_NAME`. What a person must type (or the client send) so an erasure never happens by
 * accident: `ERASE_CONFIRMATION`.
 */

export const EraseMeInput = z.object({
  confirm: z.literal(ERASE_CONFIRMATION, { error: `请输入“${ERASE_CONFIRMATION}”以确认 / confirm: must be "${ERASE_CONFIRMATION}"` }),
});
export type EraseMeInput = z.infer<typeof EraseMeInput>;

export const EraseMeResult = z.object({
  erased: z.literal(true),
  /** How many kept records now show ERASED_NAME instead of the person's name, by kind. */
  anonymised: z.object({ requests: z.number().check(z.int()), matches: z.number().check(z.int()), cases: z.number().check(z.int()), auditEvents: z.number().check(z.int()), other: z.number().check(z.int()) }),
  /** Deleted outright. */
  deleted: z.object({ inboxMessages: z.number().check(z.int()) }),
  /**
   * What the call did is what the indexes reach; the records no index of theirs holds (a reply on a
   * request since transferred, an admin's notes, their name in others' text) are rewritten by the
   * overdue sweep's full pass, in the background (functions/src/services/erasurePass.ts):
   * `pending` until it is done, `finished` when a repeated call finds the erasure complete.
   */
  fullPass: z.enum(['pending', 'finished']),
});
export type EraseMeResult = z.infer<typeof EraseMeResult>;

/** The invitation that brought the person in: never the code itself. */
export const InvitationState = z.enum(INVITATION_STATES);
export type InvitationState = z.infer<typeof InvitationState>;

export const MyAccount = z.object({
  id: Id,
  name: z.string(),
  roles: z.array(Role),
  parkId: Id,
  parkName: z.string(),
  departmentId: z.optional(Id),
  departmentName: z.optional(z.string()),
  enterpriseId: z.optional(Id),
  enterpriseName: z.optional(z.string()),
  status: z.enum(['active', 'suspended']),
  /** Whether a WeChat account is bound; the openid only masked (its first and last characters). */
  wechat: z.object({ bound: z.boolean(), openidMasked: z.optional(z.string()), boundAt: z.optional(IsoTime) }),
  invitation: z.object({ state: InvitationState, expiresAt: z.optional(IsoTime) }),
  /** When the account was made (from its id, for accounts made by invitation; seeded accounts have none). */
  createdAt: z.optional(IsoTime),
});
export type MyAccount = z.infer<typeof MyAccount>;

/** Subscribe-message consents (订阅消息) banked, per template: each allows one WeChat message. */
export const MyConsents = z.object({ progress: z.number().check(z.int(), z.nonnegative()), todo: z.number().check(z.int(), z.nonnegative()) });
export type MyConsents = z.infer<typeof MyConsents>;

/** One thing the person did on a record: a timeline event of theirs, with their own words. */
export const MyContribution = z.object({ type: z.string(), at: IsoTime, message: z.optional(z.string()) });
export type MyContribution = z.infer<typeof MyContribution>;

/** How the person stands towards a request. */
export const RequestPart = z.enum(REQUEST_PARTS);
export type RequestPart = z.infer<typeof RequestPart>;

export const MyRequest = z.object({
  id: Id,
  title: z.string(),
  categoryName: z.string(),
  status: RequestStatus,
  submittedAt: IsoTime,
  updatedAt: IsoTime,
  parts: z.array(RequestPart),
  /** Their events on its timeline (submitted, replied, noted …), with what they wrote. */
  contributions: z.array(z.extend(MyContribution, { type: TimelineEventType })),
  /** Files they attached. */
  files: z.array(z.object({ fileName: z.string(), at: IsoTime })),
});
export type MyRequest = z.infer<typeof MyRequest>;

export const MyMatch = z.object({
  id: Id,
  needTitle: z.string(),
  resourceTitle: z.string(),
  status: MatchStatus,
  createdAt: IsoTime,
  side: z.enum(['need', 'resource']),
  contributions: z.array(MyContribution),
});
export type MyMatch = z.infer<typeof MyMatch>;

export const MyCase = z.object({
  id: Id,
  title: z.string(),
  kind: CaseKind,
  status: CaseStatus,
  createdAt: IsoTime,
  contributions: z.array(z.extend(MyContribution, { type: CaseEventType })),
  files: z.array(z.object({ fileName: z.string(), at: IsoTime })),
});
export type MyCase = z.infer<typeof MyCase>;

export const MyData = z.object({
  exportedAt: IsoTime,
  account: MyAccount,
  consents: MyConsents,
  inbox: z.object({
    unread: z.number().check(z.int(), z.nonnegative()),
    items: z.array(Notification),
    /** More messages exist than the newest ones listed here. */
    truncated: z.boolean(),
  }),
  /** Check-ins at care stations (打卡) are anonymous: only a hash of a random device id is kept, tied to nobody. */
  checkIns: z.object({ anonymous: z.literal(true), note: z.string() }),
  requests: z.array(MyRequest),
  matches: z.array(MyMatch),
  cases: z.array(MyCase),
  /** What is not listed here and why (records no index of the person reaches). */
  notes: z.array(z.string()),
});
export type MyData = z.infer<typeof MyData>;
