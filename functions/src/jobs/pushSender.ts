/**
 * Delivers inbox messages as WeChat subscribe messages (every minute in AWS; on the local timer
 * under `npm start`, against the fake WeChat server). At most once per message: each is leased
 * before sending, marked as being sent (with the consent it spends) right before, and settled
 * after; a run that dies between the mark and the settling leaves a message nobody can tell was
 * delivered, and the next run gives it up instead of sending it again (store/push.ts). A user
 * without a banked consent for the template, or without WeChat, is skipped rather than pestered.
 */
import { pushContent, type PushTemplate } from '../domain/push';
import { defaultDeps, type Deps } from '../http/deps';
import { httpWeChatMessenger, type SendOutcome, type WeChatMessenger } from '../ports/wechatMessages';
import { directory } from '../store/directory';
import { pushStore, type PendingPush } from '../store/push';

export interface PushSettings {
  messenger?: WeChatMessenger;
  /** Template ids of the mini-program's subscribe messages, per template kind. */
  templateIds: Partial<Record<PushTemplate, string>>;
}

export function pushSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): PushSettings {
  const templateIds = {
    ...(env.WECHAT_TEMPLATE_PROGRESS ? { progress: env.WECHAT_TEMPLATE_PROGRESS } : {}),
    ...(env.WECHAT_TEMPLATE_TODO ? { todo: env.WECHAT_TEMPLATE_TODO } : {}),
  };
  const configured = env.WECHAT_APP_ID && env.WECHAT_APP_SECRET;
  return {
    templateIds,
    ...(configured
      ? {
          messenger: httpWeChatMessenger({
            appId: env.WECHAT_APP_ID!,
            appSecret: env.WECHAT_APP_SECRET!,
            apiBase: env.WECHAT_API_BASE || 'https://api.weixin.qq.com',
            miniprogramState: env.STAGE === 'prod' ? 'formal' : 'developer',
          }),
        }
      : {}),
  };
}

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

export interface PushResult {
  sent: number;
  refused: number;
  skipped: number;
  failed: number;
  retrying: number;
}

export async function sendPendingPushes(deps: Deps, settings: PushSettings, batch = 100): Promise<PushResult> {
  const result: PushResult = { sent: 0, refused: 0, skipped: 0, failed: 0, retrying: 0 };
  for (const push of await pushStore.listPending(deps.db, batch)) {
    const outcome = await deliver(deps, settings, push);
    if (outcome) result[outcome]++;
  }
  return result;
}

async function deliver(deps: Deps, settings: PushSettings, push: PendingPush): Promise<keyof PushResult | undefined> {
  const now = deps.clock.now();
  const message = await pushStore.lease(deps.db, push, now.getTime(), LEASE_MS);
  if (!message) return undefined; // settled already, or another run holds it
  const at = now.toISOString();
  if (message.sendingAt) {
    // An earlier run marked it and died before settling: WeChat may have it already (store/push.ts).
    await pushStore.settle(deps.db, push, 'failed', 'interrupted', at);
    return 'failed';
  }
  const skip = async (reason: string) => {
    await pushStore.settle(deps.db, push, 'skipped', reason, at);
    return 'skipped' as const;
  };
  const user = await directory.getUser(deps.db, message.parkId, message.userId);
  if (!user) return skip('no_user');
  const content = pushContent(message, user.roles);
  const templateId = settings.templateIds[content.template];
  if (!settings.messenger || !templateId) return skip('not_configured');
  if (!user.openid) return skip('no_wechat');
  const started = await pushStore.startSending(deps.db, push, message.leaseId, user, content.template, at);
  if (started === 'lost') return undefined; // our lease ran out and another run holds it now
  if (started === 'no_consent') return skip('no_consent');
  let sent: SendOutcome;
  // Only the send is guarded: a failure to settle after WeChat took the message (DynamoDB
  // throttled, the Lambda dying) must not read as a failed send — that gave the consent back,
  // released the message and sent it a second time on the next run.
  try {
    sent = await settings.messenger.send({ openid: user.openid, templateId, page: content.page, data: content.data });
  } catch (error) {
    await pushStore.addCredits(deps.db, user.parkId, user.id, [content.template]); // not spent after all
    deps.log({ level: 'warn', push: push.notificationId, error: (error as Error).message, attempt: message.attempts });
    if (message.attempts >= MAX_ATTEMPTS) {
      await pushStore.settle(deps.db, push, 'failed', (error as Error).message.slice(0, 200), at);
      return 'failed';
    }
    await pushStore.release(deps.db, push);
    return 'retrying';
  }
  if (sent === 'refused') {
    // The user withdrew consent in WeChat: what we banked for this template no longer holds.
    await pushStore.setCredits(deps.db, user.parkId, user.id, content.template, 0);
    await pushStore.settle(deps.db, push, 'refused', 'user_refused', at);
    return 'refused';
  }
  await pushStore.settle(deps.db, push, 'sent', 'ok', at);
  return 'sent';
}

export const handler = async () => {
  const deps = defaultDeps();
  const result = await sendPendingPushes(deps, pushSettingsFromEnv());
  deps.log({ job: 'pushSender', ...result });
  return result;
};
