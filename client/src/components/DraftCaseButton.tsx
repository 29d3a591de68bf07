import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { errorText } from '../api';
import { PAGES, open } from '../lib/nav';
import { ErrorMessage } from './ErrorMessage';
import { TapButton } from './TapButton';

/**
 * 生成共建案例: drafts a co-building case from the work (a resolved request, a succeeded match) and
 * opens the draft; a second tap opens the same draft (the server keeps one per request or match).
 */
export function DraftCaseButton({ className, draft }: { className: string; draft: () => Promise<{ id: string }> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busyRef = useRef(false);
  const run = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const c = await draft();
      open(`${PAGES.caseDetail}?id=${encodeURIComponent(c.id)}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  return (
    <View className={`${className}-box`}>
      <ErrorMessage message={error} />
      <TapButton className={className} primary={false} busy={busy} onClick={() => void run()}>
        生成共建案例
      </TapButton>
    </View>
  );
}
