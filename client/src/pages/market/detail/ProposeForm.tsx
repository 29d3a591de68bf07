import { Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import type { Match } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { PAGES, open } from '../../../lib/nav';

const ACTIVE = new Set(['proposed', 'in_progress']);

/**
 * 发起对接 of one need with one resource, with an optional message (`.propose-message`,
 * `.propose-submit`). Opens the new match; a pair already matched (409) says so and links to it.
 */
export function ProposeForm({ needId, resourceId, onCancel }: { needId: string; resourceId: string; onCancel?: () => void }) {
  const [message, setMessage] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [existing, setExisting] = useState<Match | null>(null);

  const send = async () => {
    if (sending) return;
    setSending(true);
    setError(null);
    setExisting(null);
    try {
      const match = await api.market.proposeMatch({ needId, resourceId, ...(message.trim() ? { message: message.trim() } : {}) });
      setMessage('');
      // Coming back to this page shows 发起对接 again (a second try hears the pair is matched).
      onCancel?.();
      open(`${PAGES.match}?id=${encodeURIComponent(match.id)}`);
    } catch (err) {
      setError(errorText(err));
      if (err instanceof ApiError && err.status === 409) {
        const list = await api.market.listMatches({ needId, resourceId }).catch(() => null);
        setExisting(list?.items.find((m) => m.resource.id === resourceId && m.need.id === needId && ACTIVE.has(m.status)) ?? null);
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <View className="propose-form">
      <Textarea className="textarea propose-message" value={message} maxlength={500} placeholder="留言（可不填）：想了解什么、方便联系的时间" onInput={(e) => setMessage(e.detail.value)} />
      <ErrorMessage message={error} />
      {existing ? (
        <Text className="propose-existing" onClick={() => open(`${PAGES.match}?id=${encodeURIComponent(existing.id)}`)}>
          查看这一对接 ›
        </Text>
      ) : null}
      <View className="market-actions">
        <TapButton className="propose-submit" small busy={sending} onClick={() => void send()}>
          发送对接请求
        </TapButton>
        {onCancel ? (
          <TapButton className="propose-cancel" small primary={false} onClick={onCancel}>
            取消
          </TapButton>
        ) : null}
      </View>
    </View>
  );
}
