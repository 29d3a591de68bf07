import Taro from '@tarojs/taro';

/**
 * wx.login's one-use code. The mini-program asks WeChat; the h5 build has no WeChat, so in
 * development it asks the local fake WeChat (TARO_APP_DEV_WECHAT, set by `npm start`) for this
 * browser's stand-in account, or a browser test provides `window.__parklinkWxLogin`.
 */
const IS_WEAPP = process.env.TARO_ENV === 'weapp';
const DEV_WECHAT = process.env.TARO_APP_DEV_WECHAT || '';
const OPENID_KEY = 'parklink.devOpenid';

type StandIn = () => Promise<string>;
const standIn = (): StandIn | undefined => (globalThis as { __parklinkWxLogin?: StandIn }).__parklinkWxLogin;

export const canWechatLogin = (): boolean => IS_WEAPP || !!standIn() || !!DEV_WECHAT;

export async function wechatLoginCode(): Promise<string> {
  if (IS_WEAPP) return (await Taro.login()).code;
  const provided = standIn();
  if (provided) return provided();
  if (!DEV_WECHAT) throw new Error('请在微信中打开');
  const response = await fetch(`${DEV_WECHAT}/_login?openid=${encodeURIComponent(devOpenid())}`);
  const body = (await response.json()) as { code?: string };
  if (!body.code) throw new Error('本地微信登录失败');
  return body.code;
}

/** This browser's stand-in WeChat account in development, kept across visits. */
function devOpenid(): string {
  let openid = Taro.getStorageSync<string>(OPENID_KEY);
  if (!openid) {
    openid = `dev-h5-${Math.random().toString(36).slice(2, 12)}`;
    Taro.setStorageSync(OPENID_KEY, openid);
  }
  return openid;
}
