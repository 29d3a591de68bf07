import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { Me } from '@parklink/contract';
import { loadSession } from '../api';
import { PAGES, relaunch } from '../lib/nav';

/** The logged-in user, re-read whenever the page shows; sends people without a session to the login page. */
export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(() => loadSession()?.user ?? null);
  useDidShow(() => {
    const session = loadSession();
    if (!session) {
      relaunch(PAGES.login);
      return;
    }
    setMe(session.user);
  });
  return me;
}
