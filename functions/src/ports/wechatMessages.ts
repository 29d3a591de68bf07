/**
 * WeChat subscribe messages (订阅消息 subscribeMessage.send) behind a small interface. The real
 * adapter keeps one stable access token per container and fetches a new one when WeChat says it
 * expired; tests and `npm start` point it at the local fake WeChat server.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
import { WeChatError, type WeChatConfig } from './wechat';

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** A page of the mini-program, e.g. pages/requests/detail/index?id=… */
  page: string;
  data: Record<string, string>;
}

/** `refused`: the user has no subscription for this template (43101); anything else throws. */
export type SendOutcome = 'sent' | 'refused';

export interface WeChatMessenger {
  send(message: SubscribeMessage): Promise<SendOutcome>;
}

const EXPIRED_TOKEN = new Set([40001, 42001]);
const USER_REFUSED = 43101;

export function httpWeChatMessenger(config: WeChatConfig & { miniprogramState?: 'developer' | 'trial' | 'formal' }): WeChatMessenger {
  let token: { value: string; expiresAt: number } | undefined;

  async function call(path: string, body: object): Promise<Record<string, unknown>> {
    const response = await fetch(new URL(path, config.apiBase), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(config.timeoutMs ?? 5000),
    });
    if (!response.ok) throw new WeChatError(-response.status, `HTTP ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }

  async function accessToken(): Promise<string> {
    if (token && token.expiresAt > Date.now()) return token.value;
    const body = await call('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: config.appId, secret: config.appSecret });
    if (typeof body.access_token !== 'string') throw new WeChatError(Number(body.errcode ?? -1), String(body.errmsg ?? 'no token'));
    // Renew five minutes early rather than be refused mid-batch.
    token = { value: body.access_token, expiresAt: Date.now() + (Number(body.expires_in ?? 7200) - 300) * 1000 };
    return token.value;
  }

  async function sendOnce(message: SubscribeMessage): Promise<number> {
    const url = `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await accessToken())}`;
    const body = await call(url, {
      touser: message.openid,
      template_id: message.templateId,
      page: message.page,
      miniprogram_state: config.miniprogramState ?? 'formal',
      lang: 'zh_CN',
      data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
    });
    return Number(body.errcode ?? 0);
  }

  return {
    async send(message) {
      let errcode = await sendOnce(message);
      if (EXPIRED_TOKEN.has(errcode)) {
        token = undefined;
        errcode = await sendOnce(message);
      }
      if (errcode === 0) return 'sent';
      if (errcode === USER_REFUSED) return 'refused';
      throw new WeChatError(errcode, 'subscribeMessage.send failed');
    },
  };
}
