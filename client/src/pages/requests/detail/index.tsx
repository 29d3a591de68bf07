import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { requestActionLabels, type RequestAction, type ServiceRequest } from '@parklink/contract';
import { api } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { Countdown } from '../../../components/Countdown';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { SlaClocks } from '../../../components/SlaClocks';
import { StatusBadge } from '../../../components/StatusBadge';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { useSend, type RequestActionProps } from '../../../hooks/useSend';
import { useMe } from '../../../hooks/useSession';
import { isEnterprise } from '../../../lib/roles';
import { thenAskConsent } from '../../../lib/subscribe';
import { formatTime } from '../../../lib/time';
import { EventAttachments, RequestAttachments, RequestFields } from './Attachments';
import { CaseFromRequest } from './CaseFromRequest';
import { InfoRequestForm } from './InfoRequestForm';
import { NoteForm } from './NoteForm';
import { ProvideInfoForm } from './ProvideInfoForm';
import { RatingForm } from './RatingForm';
import { ReopenForm } from './ReopenForm';
import { ReplyForm } from './ReplyForm';
import { ResolveForm } from './ResolveForm';
import { TransferForm } from './TransferForm';
import { WithdrawForm } from './WithdrawForm';

/** Actions behind a button that opens their form, in this order. */
const FOLDED: RequestAction[] = ['resolve', 'requestInfo', 'note', 'transfer', 'reopen', 'withdraw'];

/**
 * One request: what it is, its clocks, what the viewer may do (exactly the API's `allowedActions`)
 * and its history.
 */
export default function DetailPage() {
  const me = useMe();
  const id = useRouter().params.id ?? '';
  const request = useLoader(() => api.requests.get(id));
  const [open, setOpen] = useState<RequestAction | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { setData, reload } = request;

  const onDone = useCallback(
    (r: ServiceRequest) => {
      setNotice(null);
      setOpen(null);
      setData(r);
    },
    [setData],
  );
  const onStale = useCallback(
    (message: string) => {
      setNotice(message);
      setOpen(null);
      void reload();
    },
    [reload],
  );
  const direct = useSend({ onDone, onStale });

  const r = request.data;
  if (!r) {
    return (
      <View className="page">
        <ErrorMessage message={request.error} />
        {request.loading ? <Text className="hint">加载中…</Text> : null}
      </View>
    );
  }
  const can = (action: RequestAction) => r.allowedActions.includes(action);
  const props: RequestActionProps = { id: r.id, onDone, onStale };
  const lastAsk = [...r.timeline].reverse().find((e) => e.type === 'info_requested');

  return (
    <View className="page detail-page">
      <ErrorMessage message={request.error} />
      <View className="card">
        <View className="card-head">
          <Text className="detail-title">{r.title}</Text>
          <StatusBadge status={r.status} overdue={r.overdue} />
        </View>
        {isEnterprise(me) ? <Countdown deadlineAt={r.deadlineAt} status={r.status} clocks={r.clocks} /> : <SlaClocks clocks={r.clocks} />}
        <View className="fields">
          <Text className="field-row">类别：{r.categoryName}</Text>
          <Text className="field-row">企业：{r.enterpriseName}</Text>
          <Text className="field-row">提交：{formatTime(r.submittedAt)}</Text>
          <Text className="field-row">
            经办：
            {r.assignee
              ? `${r.assignee.departmentName} ${r.assignee.name}`
              : `待认领（${r.departments.map((d) => d.name).join('、')}）`}
          </Text>
          {r.resolvedAt ? <Text className="field-row">办结：{formatTime(r.resolvedAt)}</Text> : null}
        </View>
        <Text className="detail-description">{r.description}</Text>
        <RequestFields r={r} />
        {r.rating ? (
          <Text className="field-row rating-summary">
            评价：{r.rating.satisfied ? '满意' : '不满意'} · {r.rating.score} 分
            {r.rating.comment ? ` · ${r.rating.comment}` : ''}
          </Text>
        ) : null}
      </View>

      <RequestAttachments r={r} me={me} onDone={onDone} />

      <ErrorMessage message={notice ?? direct.error} />
      {can('claim') ? (
        <ActionButton className="claim-button action-claim" busy={direct.sending} onClick={() => void direct.run(() => thenAskConsent('todo', api.requests.claim(r.id)), '已认领')}>
          认领
        </ActionButton>
      ) : null}
      {can('provideInfo') ? <ProvideInfoForm {...props} asked={lastAsk?.message} /> : null}
      {can('reply') ? <ReplyForm {...props} /> : null}
      {can('rate') ? <RatingForm {...props} /> : null}

      {can('start') || FOLDED.some(can) ? (
        <View className="action-bar">
          {can('start') ? (
            <ActionButton className="action-start" small primary={false} busy={direct.sending} onClick={() => void direct.run(() => api.requests.start(r.id), '开始办理')}>
              {requestActionLabels.start}
            </ActionButton>
          ) : null}
          {FOLDED.filter(can).map((action) => (
            <ActionButton
              key={action}
              className={`action-${action} ${open === action ? 'action-open' : ''}`}
              small
              primary={false}
              onClick={() => setOpen(open === action ? null : action)}
            >
              {requestActionLabels[action]}
            </ActionButton>
          ))}
        </View>
      ) : null}
      {can('reopen') && r.reopenableUntil ? (
        <Text className="hint reopen-until">{formatTime(r.reopenableUntil)} 前可重新打开</Text>
      ) : null}
      {open === 'resolve' && can('resolve') ? <ResolveForm {...props} /> : null}
      {open === 'requestInfo' && can('requestInfo') ? <InfoRequestForm {...props} /> : null}
      {open === 'note' && can('note') ? <NoteForm {...props} /> : null}
      {open === 'transfer' && can('transfer') ? <TransferForm {...props} current={r.departments} /> : null}
      {open === 'reopen' && can('reopen') ? <ReopenForm {...props} until={r.reopenableUntil} /> : null}
      {open === 'withdraw' && can('withdraw') ? <WithdrawForm {...props} /> : null}
      <CaseFromRequest r={r} me={me} />

      <View className="section">
        <Text className="section-title">办理记录</Text>
        <Timeline events={r.timeline} extra={(e) => <EventAttachments r={r} me={me} event={e} onDone={onDone} />} />
      </View>
    </View>
  );
}
