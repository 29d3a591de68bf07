import * as z from './zod';
import { Id, IsoTime, Role } from './common';
import { DepartmentKind } from './categories';

export const DevLoginInput = z.object({ userId: Id });
export type DevLoginInput = z.infer<typeof DevLoginInput>;

/**
 * A `wx.login` code is single-use. `inviteCode` binds a WeChat account to a park user the first time;
 * afterwards the openid alone is enough.
 */
export const WechatLoginInput = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(128)),
  inviteCode: z.optional(z.string().check(z.trim(), z.minLength(4), z.maxLength(32))),
});
export type WechatLoginInput = z.infer<typeof WechatLoginInput>;

export const Me = z.object({
  id: Id,
  name: z.string(),
  parkId: Id,
  parkName: z.string(),
  roles: z.array(Role),
  departmentId: z.optional(Id),
  departmentName: z.optional(z.string()),
  /** What kind of unit the department is (a bank or the tax bureau records co-building cases). */
  departmentKind: z.optional(DepartmentKind),
  enterpriseId: z.optional(Id),
  enterpriseName: z.optional(z.string()),
  /** WeChat subscribe-message template ids to ask consent for (Taro.requestSubscribeMessage), when configured. */
  pushTemplates: z.optional(z.object({ progress: z.optional(z.string()), todo: z.optional(z.string()) })),
});
export type Me = z.infer<typeof Me>;

export const PushTemplateKind = z.enum(['progress', 'todo']);
export type PushTemplateKind = z.infer<typeof PushTemplateKind>;

/** The templates the user accepted in the consent dialog: each accept allows one message. */
export const SubscriptionsInput = z.object({ accepted: z.array(PushTemplateKind).check(z.maxLength(2)) });
export type SubscriptionsInput = z.infer<typeof SubscriptionsInput>;

export const Session = z.object({
  token: z.string(),
  expiresAt: IsoTime,
  user: Me,
});
export type Session = z.infer<typeof Session>;

/** A seeded demo user that a tester can log in as (never served in prod). */
export const DevUser = z.object({
  id: Id,
  name: z.string(),
  parkId: Id,
  parkName: z.string(),
  roles: z.array(Role),
  departmentName: z.optional(z.string()),
  enterpriseName: z.optional(z.string()),
});
export type DevUser = z.infer<typeof DevUser>;

export const DevUserList = z.object({ users: z.array(DevUser) });
export type DevUserList = z.infer<typeof DevUserList>;

/** Test hook (not in prod): move the stack's clock by this many minutes from real time. */
export const DevClockInput = z.object({ offsetMinutes: z.number().check(z.int(), z.minimum(-525_600), z.maximum(525_600)) });
export type DevClockInput = z.infer<typeof DevClockInput>;
