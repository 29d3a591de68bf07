/**
 * Members of a park and how they join: an invitation names the person and their role (with the
 * department or enterprise they act for) and carries a one-use code that expires; the first WeChat
 * login with it binds that WeChat account. An admin can suspend a member at once: the user record
 * is read on every call, so the next call with their still-valid token is refused.
 */
import type { InvitationInput, Member, MemberStatus } from '@parklink/contract';
import { DomainError, forbidden } from '../errors';
import { hasRole, type User } from '../user';

export interface MemberRecord extends User {
  inviteCode?: string;
  inviteExpiresAt?: string;
  openid?: string;
  demo?: boolean;
  suspended?: boolean;
  version?: number;
}

/** Codes people type: no 0/O, 1/I/L. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** An 8-character code from 40 random bits (`random` gives bytes). */
export function inviteCode(random: (n: number) => Uint8Array): string {
  return [...random(8)].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

/** The mini-program page an invitation's QR code opens, with the code filled in. */
export const invitePath = (code: string) => `pages/login/index?invite=${code}`;

export function statusOf(m: MemberRecord): MemberStatus {
  if (m.suspended) return 'suspended';
  return m.openid || !m.inviteCode ? 'active' : 'invited';
}

export function memberView(m: MemberRecord): Member {
  return {
    id: m.id,
    name: m.name,
    roles: m.roles,
    ...(m.departmentId ? { departmentId: m.departmentId, departmentName: m.departmentName } : {}),
    ...(m.enterpriseId ? { enterpriseId: m.enterpriseId, enterpriseName: m.enterpriseName } : {}),
    status: statusOf(m),
    ...(statusOf(m) === 'invited' && m.inviteCode
      ? { invite: { code: m.inviteCode, expiresAt: m.inviteExpiresAt ?? '9999-12-31T00:00:00.000Z', path: invitePath(m.inviteCode) } }
      : {}),
    version: m.version ?? 0,
  };
}

export function newInvitation(
  input: InvitationInput,
  parkId: string,
  unit: { department?: { id: string; name: string }; enterprise?: { id: string; name: string } },
  id: string,
  code: string,
  now: string,
): MemberRecord {
  return {
    id,
    parkId,
    name: input.name,
    roles: [input.role],
    ...(unit.department ? { departmentId: unit.department.id, departmentName: unit.department.name } : {}),
    ...(unit.enterprise ? { enterpriseId: unit.enterprise.id, enterpriseName: unit.enterprise.name } : {}),
    inviteCode: code,
    inviteExpiresAt: new Date(Date.parse(now) + input.expiresInDays * 86_400_000).toISOString(),
    version: 1,
  };
}

/** Suspends or reinstates; an admin never locks themselves out, and the version read must be current. */
export function setSuspended(member: MemberRecord, suspended: boolean, version: number, admin: User): MemberRecord {
  if (!hasRole(admin, 'admin')) throw forbidden('只有园区管理员可以这样做', 'park admins only');
  if (member.id === admin.id) throw new DomainError('VALIDATION_FAILED', '不能停用自己的账号', 'you cannot suspend yourself', 'id');
  if ((member.version ?? 0) !== version) throw new DomainError('CONFLICT', '成员信息已被修改，请刷新', `member changed meanwhile (now version ${member.version ?? 0})`, 'version');
  if (!!member.suspended === suspended) return member;
  const { suspended: _, ...rest } = member;
  void _;
  return { ...rest, ...(suspended ? { suspended: true } : {}), version: (member.version ?? 0) + 1 };
}

export const inviteExpired = (m: MemberRecord, now: string) => !!m.inviteExpiresAt && Date.parse(m.inviteExpiresAt) <= Date.parse(now);
