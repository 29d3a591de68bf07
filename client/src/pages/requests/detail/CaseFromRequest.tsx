import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import type { Me, ServiceRequest } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { PAGES, open } from '../../../lib/nav';

/**
 * 生成共建案例 (`.case-from-request`): for the handling department of a bank or the tax bureau
 * once the request is resolved or rated; drafts a case from it and opens the draft.
 */
export function CaseFromRequest({ r, me }: { r: ServiceRequest; me: Me | null }) {
  const [kindOk, setKindOk] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const busyRef = useRef(false);
  const departmentId = me?.departmentId;
  const eligible = !!departmentId && r.assignee?.departmentId === departmentId && (r.status === 'resolved' || r.status === 'rated');

  useEffect(() => {
    if (!eligible) return;
    let live = true;
    api
      .departments()
      .then((list) => {
        const kind = list.find((d) => d.id === departmentId)?.kind;
        if (live) setKindOk(kind === 'bank' || kind === 'tax');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [eligible, departmentId]);

  if (!eligible || !kindOk) return null;
  const draft = async () => {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(true);
    setError(null);
    try {
      const c = await api.cases.fromRequest(r.id);
      open(`${PAGES.caseDetail}?id=${encodeURIComponent(c.id)}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  return (
    <View className="case-from-request-box">
      <ErrorMessage message={error} />
      <TapButton className="case-from-request" primary={false} busy={busy} onClick={() => void draft()}>
        生成共建案例
      </TapButton>
    </View>
  );
}
