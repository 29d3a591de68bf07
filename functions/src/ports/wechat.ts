/**
 * WeChat's login API (jscode2session) behind a small interface, so tests run the real adapter
 * against a local fake server instead of mocking a function.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
 */
export interface WeChatSession {
  openid: string;
  unionid?: string;
}

export interface WeChatApi {
  code2Session(code: string): Promise<WeChatSession>;
}

/** WeChat answered with an errcode: 40029 invalid/used code, 40163 code already used, 45011 rate limit… */
export class WeChatError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat error ${errcode}: ${errmsg}`);
    this.name = 'WeChatError';
  }
}

export interface WeChatConfig {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com in production; a local fake in tests. */
  apiBase: string;
  timeoutMs?: number;
}

export function httpWeChatApi(config: WeChatConfig): WeChatApi {
  return {
    async code2Session(code) {
      const url = new URL('/sns/jscode2session', config.apiBase);
      url.search = new URLSearchParams({
        appid: config.appId,
        secret: config.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      }).toString();
      const response = await fetch(url, { signal: AbortSignal.timeout(config.timeoutMs ?? 5000) });
      if (!response.ok) throw new WeChatError(-response.status, `HTTP ${response.status}`);
      const body = (await response.json()) as { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
      if (body.errcode) throw new WeChatError(body.errcode, body.errmsg ?? '');
      if (!body.openid) throw new WeChatError(-1, 'no openid in response');
      return { openid: body.openid, ...(body.unionid ? { unionid: body.unionid } : {}) };
    },
  };
}
