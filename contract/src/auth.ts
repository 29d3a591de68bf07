import * as z from 'zod';
import { Id, IsoTime, Role } from './common';
import { DepartmentKind } from './categories';

export const DevLoginInput = z.object({ userId: Id });
export type DevLoginInput = z.infer<typeof DevLoginInput>;

/**
 * A `wx.login` code is single-use. `inviteCode` binds a WeChat account to a park user the first time;
 * afterwards the openid alone is enough.
 */
export const WechatLoginInput = z.object({
  code: z.string().min(1).max(128),
  inviteCode: z.string().trim().min(4).max(32).optional(),
});
export type WechatLoginInput = z.infer<typeof WechatLoginInput>;

export const Me = z.object({
  id: Id,
  name: z.string(),
  parkId: Id,
  parkName: z.string(),
  roles: z.array(Role),
  departmentId: Id.optional(),
  departmentName: z.string().optional(),
  /** What kind of unit the department is (a bank or the tax bureau records co-building cases). */
  departmentKind: DepartmentKind.optional(),
  enterpriseId: Id.optional(),
  enterpriseName: z.string().optional(),
  /** WeChat subscribe-message template ids to ask consent for (Taro.requestSubscribeMessage), when configured. */
  pushTemplates: z.object({ progress: z.string().optional(), todo: z.string().optional() }).optional(),
});
export type Me = z.infer<typeof Me>;

export const PushTemplateKind = z.enum(['progress', 'todo']);
export type PushTemplateKind = z.infer<typeof PushTemplateKind>;

/** The templates the user accepted in the consent dialog: each accept allows one message. */
export const SubscriptionsInput = z.object({ accepted: z.array(PushTemplateKind).max(2) });
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
  departmentName: z.string().optional(),
  enterpriseName: z.string().optional(),
});
export type DevUser = z.infer<typeof DevUser>;

export const DevUserList = z.object({ users: z.array(DevUser) });
export type DevUserList = z.infer<typeof DevUserList>;

/** Test hook (not in prod): move the stack's clock by this many minutes from real time. */
export const DevClockInput = z.object({ offsetMinutes: z.number().int().min(-525_600).max(525_600) });
export type DevClockInput = z.infer<typeof DevClockInput>;
