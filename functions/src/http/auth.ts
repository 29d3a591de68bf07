import { WechatLoginInput, type Session } from '@parklink/contract';
import { DomainError, notFound } from '../domain/errors';
import { WeChatError } from '../ports/wechat';
import { directory, userOf, type UserRecord } from '../store/directory';
import type { Deps } from './deps';
import { json, lambdaHandler, route } from './middleware';
import { issueToken } from './tokens';

/** WeChat errcodes that mean "this code cannot be used": invalid (40029) or already used (40163). */
const SPENT_CODE_ERRORS = new Set([40029, 40163]);

export const authRoutes = [
  route('wechatLogin', async (ctx) => {
    const input = ctx.body(WechatLoginInput);
    const openid = await openidFor(ctx.deps, input.code);
    const bound = await directory.findUserByOpenid(ctx.deps.db, openid);
    if (bound) return json(200, await sessionFor(ctx.deps, bound));
    if (!input.inviteCode) {
      throw new DomainError(
        'WECHAT_NOT_BOUND',
        '该微信尚未绑定园区账号，请输入园区管理员提供的邀请码',
        'this WeChat account is not bound to a park user; an invite code is needed',
      );
    }
    const invited = await directory.findUserByInvite(ctx.deps.db, input.inviteCode);
    if (!invited) throw new DomainError('NOT_FOUND', '邀请码无效或已被使用', 'invite code unknown or used', 'inviteCode');
    const now = ctx.deps.clock.now().toISOString();
    if (invited.inviteExpiresAt && Date.parse(invited.inviteExpiresAt) <= Date.parse(now)) {
      throw new DomainError('VALIDATION_FAILED', '邀请码已过期，请联系园区管理员重新邀请', 'inviteCode: expired', 'inviteCode');
    }
    if (!(await directory.bindOpenid(ctx.deps.db, invited, openid, input.inviteCode, now))) {
      throw new DomainError('CONFLICT', '邀请码已被使用，或该账号已绑定其他微信', 'invite already used or user already bound', 'inviteCode');
    }
    return json(200, await sessionFor(ctx.deps, invited));
  }),
];

export const handler = lambdaHandler(authRoutes);

async function openidFor(deps: Deps, code: string): Promise<string> {
  if (!deps.wechat) {
    throw new DomainError('WECHAT_UNAVAILABLE', '未配置微信登录', 'WeChat login is not configured (WECHAT_APP_ID)');
  }
  try {
    return (await deps.wechat.code2Session(code)).openid;
  } catch (error) {
    if (error instanceof WeChatError && SPENT_CODE_ERRORS.has(error.errcode)) {
      throw new DomainError('WECHAT_CODE_INVALID', '登录凭证已失效，请重新登录', `WeChat rejected the code (${error.errcode})`, 'code');
    }
    deps.log({ level: 'warn', wechatError: error instanceof Error ? error.message : String(error) });
    throw new DomainError('WECHAT_UNAVAILABLE', '微信登录暂时不可用，请稍后再试', 'WeChat login failed');
  }
}

export async function sessionFor(deps: Deps, record: UserRecord): Promise<Session> {
  if (record.suspended) throw new DomainError('FORBIDDEN', '账号已停用，请联系园区管理员', 'user is suspended');
  if (record.erased) throw new DomainError('UNAUTHENTICATED', '账号已注销', 'user is erased');
  const park = await directory.getPark(deps.db, record.parkId);
  if (!park) throw notFound('园区', 'park');
  const user = userOf(record);
  const { token, expiresAt } = await issueToken(deps, user);
  const department = user.departmentId ? await directory.getDepartment(deps.db, user.parkId, user.departmentId) : undefined;
  return { token, expiresAt, user: { ...user, parkName: park.name, ...(department ? { departmentKind: department.kind } : {}) } };
}
