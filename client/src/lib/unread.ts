import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { api } from '../api';

/** The 消息 tab's position in app.config.ts tabBar.list. */
export const INBOX_TAB_INDEX = 2;

/** Shows the unread count on the 消息 tab (weapp: native tab bar; h5: Taro's `.taro-tabbar-badge`). */
export function setUnreadBadge(unread: number): void {
  // Only works while a tab page is shown; a failure is not worth a message.
  const ignore = () => {};
  if (unread > 0) {
    void Taro.setTabBarBadge({ index: INBOX_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) }).catch(ignore);
  } else {
    void Taro.removeTabBarBadge({ index: INBOX_TAB_INDEX }).catch(ignore);
  }
}

/** Unread messages, re-read whenever the page shows; keeps the tab badge in step. */
export function useUnread(): number | null {
  const [unread, setUnread] = useState<number | null>(null);
  useDidShow(() => {
    api.inbox
      .list(undefined, 1)
      .then((inbox) => {
        setUnread(inbox.unread);
        setUnreadBadge(inbox.unread);
      })
      .catch(() => {});
  });
  return unread;
}
