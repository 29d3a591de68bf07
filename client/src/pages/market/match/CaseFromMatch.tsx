import { View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { Match, Me } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { PAGES, open } from '../../../lib/nav';

/**
 * 生成共建案例 (`.case-from-match`): for the bank on a succeeded financing match; drafts a
 * bank-enterprise case from it (a second tap opens the same draft) and opens the draft.
 */
export function CaseFromMatch({ m, me }: { m: Match; me: Me | null }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busyRef = useRef(false);
  const eligible = m.status === 'succeeded' && m.need.kind === 'financing' && m.viewerSide === 'resource' && me?.departmentKind === 'bank';
  if (!eligible) return null;
  const draft = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const c = await api.cases.fromMatch(m.id);
      open(`${PAGES.caseDetail}?id=${encodeURIComponent(c.id)}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  return (
    <View className="case-from-match-box">
      <ErrorMessage message={error} />
      <TapButton className="case-from-match" primary={false} busy={busy} onClick={() => void draft()}>
        生成共建案例
      </TapButton>
    </View>
  );
}
