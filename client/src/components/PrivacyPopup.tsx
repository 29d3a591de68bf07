import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

const AGREE_ID = 'privacy-agree';

/**
 * WeChat's privacy authorisation (用户隐私保护指引): the first privacy API call (getLocation,
 * chooseImage) waits until the user agrees. `onNeedPrivacyAuthorization` has one listener per app,
 * so the page that shows registers it; this popup's agree button has
 * `openType="agreePrivacyAuthorization"`, which WeChat checks before letting the call go on.
 * weapp only: renders nothing in h5.
 */
export function PrivacyPopup({ purpose }: { purpose: string }) {
  const [pending, setPending] = useState<Resolve | null>(null);

  const listen = useCallback(() => {
    if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
    Taro.onNeedPrivacyAuthorization((resolve) => {
      resolve({ event: 'exposureAuthorization' });
      setPending(() => resolve);
    });
  }, []);
  useEffect(listen, [listen]);
  useDidShow(listen);

  if (process.env.TARO_ENV !== 'weapp' || !pending) return null;

  const answer = (event: 'agree' | 'disagree') => {
    pending(event === 'agree' ? { event, buttonId: AGREE_ID } : { event });
    setPending(null);
  };

  return (
    <View className="privacy-mask">
      <View className="privacy-popup">
        <Text className="privacy-title">隐私保护提示</Text>
        <Text className="privacy-text">{purpose}，需要你同意《用户隐私保护指引》。</Text>
        <Text className="privacy-link" onClick={() => void Taro.openPrivacyContract({})}>
          查看《用户隐私保护指引》
        </Text>
        <View className="privacy-actions">
          <Button className="btn btn-plain privacy-disagree" onClick={() => answer('disagree')}>
            不同意
          </Button>
          <Button
            id={AGREE_ID}
            className="btn btn-primary privacy-agree"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer('agree')}
          >
            同意
          </Button>
        </View>
      </View>
    </View>
  );
}
