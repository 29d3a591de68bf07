import '../market.css';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { marketKindLabels, matchStatusLabels, type Match, type MatchAction } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { open } from '../../../lib/nav';
import { MatchTimeline } from '../MatchTimeline';
import { fenText } from '../money';
import { detailUrl } from '../text';
import { CaseFromMatch } from './CaseFromMatch';
import { MessageStep, OutcomeStep, type Step } from './Forms';

type Folded = 'note' | 'succeed' | 'fail' | 'withdraw';
const FOLDED: { action: Folded; label: string }[] = [
  { action: 'note', label: '记录进展' },
  { action: 'succeed', label: '对接成功' },
  { action: 'fail', label: '未成功' },
  { action: 'withdraw', label: '撤回' },
];

/**
 * One match: both posts, its status and outcome, the steps the API allows the viewer
 * (`allowedActions` only) and the history. A refused step (409) says why and reloads.
 */
export default function MatchPage() {
  const me = useMe();
  const id = useRouter().params.id ?? '';
  const match = useLoader(() => api.market.getMatch(id));
  const [openForm, setOpenForm] = useState<Folded | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const busy = useRef(false);
  const { setData, reload } = match;

  const step: Step = useCallback(
    async (send, toast) => {
      if (busy.current) return { ok: false };
      busy.current = true;
      setNotice(null);
      try {
        const next = await send();
        setData(next);
        setOpenForm(null);
        void Taro.showToast({ title: toast, icon: 'success' });
        return { ok: true };
      } catch (err) {
        if (err instanceof ApiError && (err.status === 409 || err.status === 403 || err.status === 404)) {
          setNotice(err.message);
          setOpenForm(null);
          void reload();
          return { ok: false };
        }
        return { ok: false, error: errorText(err), fields: err instanceof ApiError ? err.fieldMap() : {} };
      } finally {
        busy.current = false;
      }
    },
    [setData, reload],
  );

  const m: Match | null = match.data;
  if (!m) {
    return (
      <View className="page">
        <ErrorMessage message={match.error} />
        {match.loading ? <Text className="hint">加载中…</Text> : null}
      </View>
    );
  }
  const can = (a: MatchAction) => m.allowedActions.includes(a);
  const mySide = m.viewerSide === 'need' ? '需求方' : m.viewerSide === 'resource' ? '资源方' : '';

  return (
    <View className={`page match-page match-${m.status}`}>
      <View className="card">
        <View className="card-head">
          <Text className="detail-title">对接</Text>
          <Text className={`match-status match-status-${m.status}`}>{matchStatusLabels[m.status]}</Text>
        </View>
        <View className="match-post match-need" onClick={() => open(detailUrl('need', m.need.id))}>
          <Text className="label">需求 · {marketKindLabels[m.need.kind]}</Text>
          <Text className="card-title">{m.need.title}</Text>
          <Text className="card-meta">{m.need.owner.name}</Text>
        </View>
        <View className="match-post match-resource" onClick={() => open(detailUrl('resource', m.resource.id))}>
          <Text className="label">资源 · {marketKindLabels[m.resource.kind]}</Text>
          <Text className="card-title">{m.resource.title}</Text>
          <Text className="card-meta">{m.resource.owner.name}</Text>
        </View>
        <Text className="field-row">
          由{m.proposedBy === 'need' ? '需求方' : '资源方'}发起{mySide ? ` · 你是${mySide}` : ''}
        </Text>
        {m.outcome ? (
          <View className="match-outcome">
            <Text className="match-outcome-text">
              {m.status === 'succeeded' ? '对接成功' : '未成功'} · {m.outcome.date}
              {m.outcome.amountFen !== undefined ? ` · ${fenText(m.outcome.amountFen)}` : ''}
            </Text>
            {m.outcome.note ? <Text className="field-row">{m.outcome.note}</Text> : null}
          </View>
        ) : null}
      </View>

      <ErrorMessage message={notice} />
      <CaseFromMatch m={m} me={me} />
      {can('accept') || can('decline') ? (
        <MessageStep
          name="respond"
          title="回复对接请求"
          placeholder="留言（可不填）：联系方式、下一步安排或婉拒原因"
          step={step}
          buttons={[
            ...(can('accept') ? [{ className: 'action-accept', label: '接受', toast: '已接受', send: (message?: string) => api.market.accept(m.id, message ? { message } : {}) }] : []),
            ...(can('decline') ? [{ className: 'action-decline', label: '婉拒', primary: false, toast: '已婉拒', send: (message?: string) => api.market.decline(m.id, message ? { message } : {}) }] : []),
          ]}
        />
      ) : null}

      {FOLDED.some((f) => can(f.action)) ? (
        <View className="market-actions match-actions">
          {FOLDED.filter((f) => can(f.action)).map((f) => (
            <TapButton key={f.action} className={`action-${f.action} ${openForm === f.action ? 'action-open' : ''}`} small primary={false} onClick={() => setOpenForm(openForm === f.action ? null : f.action)}>
              {f.label}
            </TapButton>
          ))}
        </View>
      ) : null}
      {openForm === 'note' && can('note') ? (
        <MessageStep name="note" title="记录进展" required placeholder="如：已约定下周三上门面谈" step={step} buttons={[{ className: 'note-submit', label: '保存进展', toast: '已记录', send: (message) => api.market.note(m.id, { message: message ?? '' }) }]} />
      ) : null}
      {openForm === 'withdraw' && can('withdraw') ? (
        <MessageStep name="withdraw" title="撤回对接请求" placeholder="原因（可不填）" step={step} buttons={[{ className: 'withdraw-submit', label: '确认撤回', toast: '已撤回', send: (message) => api.market.withdraw(m.id, message ? { message } : {}) }]} />
      ) : null}
      {openForm === 'succeed' && can('succeed') ? <OutcomeStep kind="succeed" step={step} send={(input) => api.market.succeed(m.id, input)} /> : null}
      {openForm === 'fail' && can('fail') ? <OutcomeStep kind="fail" step={step} send={(input) => api.market.fail(m.id, input)} /> : null}

      <View className="section">
        <Text className="section-title">对接记录</Text>
        <MatchTimeline match={m} />
      </View>
    </View>
  );
}
