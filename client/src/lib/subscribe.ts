import Taro from '@tarojs/taro';
import type { PushTemplateKind } from '@parklink/contract';
import { api } from '../api';

/** 暂不: do not ask again for a day. */
const DECLINED_KEY = 'parklink.subscribe.declined';
const QUIET_MS = 24 * 3600 * 1000;

const texts: Record<PushTemplateKind, string> = {
  progress: '诉求有新进展（认领、答复、办结）时，通过微信通知你？',
  todo: '有新的待办或超时提醒时，通过微信通知你？',
};

function declinedRecently(kind: PushTemplateKind): boolean {
  try {
    const saved = Taro.getStorageSync<Record<string, number> | ''>(DECLINED_KEY);
    return !!saved && typeof saved === 'object' && Date.now() - (saved[kind] ?? 0) < QUIET_MS;
  } catch {
    return false;
  }
}

function rememberDeclined(kind: PushTemplateKind): void {
  try {
    const saved = Taro.getStorageSync<Record<string, number> | ''>(DECLINED_KEY);
    Taro.setStorageSync(DECLINED_KEY, { ...(saved && typeof saved === 'object' ? saved : {}), [kind]: Date.now() });
  } catch {
    // storage full or unavailable: ask again next time
  }
}

/**
 * Asks for WeChat subscribe-message consent after a step that starts something worth hearing
 * about (enterprise: after submit → `progress`; liaison: after claim → `todo`). Each accept banks
 * one message on the server. weapp only (h5 has no subscribe messages). Never throws, never blocks.
 *
 * WeChat opens the consent dialog only from a user tap, and a network call in between loses the
 * tap; so the dialog is opened from the confirm tap of our own short modal.
 */
export function askSubscribeConsent(kind: PushTemplateKind): void {
  if (process.env.TARO_ENV !== 'weapp' || declinedRecently(kind)) return;
  api.auth
    .me()
    .then((me) => {
      const templateId = me.pushTemplates?.[kind];
      if (!templateId) return;
      Taro.showModal({
        title: '消息提醒',
        content: texts[kind],
        confirmText: '接收',
        cancelText: '暂不',
        success: (modal) => {
          if (!modal.confirm) {
            rememberDeclined(kind);
            return;
          }
          Taro.requestSubscribeMessage({
            tmplIds: [templateId],
            success: (res: Taro.requestSubscribeMessage.SuccessCallbackResult) => {
              if (res[templateId] === 'accept') void api.subscriptions([kind]).catch(() => {});
            },
            fail: () => {},
            // Taro 4.2.1 types demand alipay's entityIds too; WeChat takes tmplIds only.
          } as unknown as Taro.requestSubscribeMessage.Option);
        },
      }).catch(() => {});
    })
    .catch(() => {});
}

/** Passes a step's result through and, when it succeeded, asks for consent (see askSubscribeConsent). */
export function thenAskConsent<T>(kind: PushTemplateKind, step: Promise<T>): Promise<T> {
  return step.then((result) => {
    askSubscribeConsent(kind);
    return result;
  });
}
