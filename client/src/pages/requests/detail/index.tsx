import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Me, RequestStatus, ServiceRequest } from '@parklink/contract';
import { api, errorText } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { Countdown } from '../../../components/Countdown';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { StatusBadge } from '../../../components/StatusBadge';
import { Timeline } from '../../../components/Timeline';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { formatTime } from '../../../lib/time';
import { isEnterprise, isHandler } from '../../../lib/roles';
import { RatingForm } from './RatingForm';
import { ReplyForm } from './ReplyForm';

const REPLYABLE: RequestStatus[] = ['claimed', 'reopened', 'in_progress', 'needs_info'];
const RATEABLE: RequestStatus[] = ['answered', 'resolved'];

/** What the viewer may do now; the API checks again. */
function actionsFor(me: Me | null, r: ServiceRequest) {
  return {
    claim: isHandler(me) && r.status === 'submitted',
    reply: isHandler(me) && r.assignee?.id === me?.id && REPLYABLE.includes(r.status),
    rate: isEnterprise(me) && me?.enterpriseId === r.enterpriseId && RATEABLE.includes(r.status),
  };
}

export default function DetailPage() {
  const me = useMe();
  const id = useRouter().params.id ?? '';
  const request = useLoader(() => api.requests.get(id));
  const [claiming, setClaiming] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const updated = (r: ServiceRequest) => {
    setActionError(null);
    request.setData(r);
    void Taro.showToast({ title: '已提交', icon: 'success' });
  };

  const claim = async () => {
    if (claiming) return;
    setClaiming(true);
    setActionError(null);
    try {
      updated(await api.requests.claim(id));
    } catch (err) {
      setActionError(errorText(err));
      void request.reload();
    } finally {
      setClaiming(false);
    }
  };

  const r = request.data;
  if (!r) {
    return (
      <View className="page">
        <ErrorMessage message={request.error} />
        {request.loading ? <Text className="hint">加载中…</Text> : null}
      </View>
    );
  }
  const can = actionsFor(me, r);

  return (
    <View className="page detail-page">
      <ErrorMessage message={request.error} />
      <View className="card">
        <View className="card-head">
          <Text className="detail-title">{r.title}</Text>
          <StatusBadge status={r.status} overdue={r.overdue} />
        </View>
        <Countdown deadlineAt={r.deadlineAt} status={r.status} />
        <View className="fields">
          <Text className="field-row">类别：{r.categoryName}</Text>
          <Text className="field-row">企业：{r.enterpriseName}</Text>
          <Text className="field-row">提交：{formatTime(r.submittedAt)}</Text>
          <Text className="field-row">时限：{formatTime(r.deadlineAt)} 前</Text>
          <Text className="field-row">
            经办：{r.assignee ? `${r.assignee.departmentName} ${r.assignee.name}` : '待认领'}
          </Text>
        </View>
        <Text className="detail-description">{r.description}</Text>
        {r.rating ? (
          <Text className="field-row rating-summary">
            评价：{r.rating.satisfied ? '满意' : '不满意'} · {r.rating.score} 分
            {r.rating.comment ? ` · ${r.rating.comment}` : ''}
          </Text>
        ) : null}
      </View>

      <ErrorMessage message={actionError} />
      {can.claim ? (
        <ActionButton className="claim-button" busy={claiming} onClick={claim}>
          认领
        </ActionButton>
      ) : null}
      {can.reply ? <ReplyForm id={r.id} onDone={updated} /> : null}
      {can.rate ? <RatingForm id={r.id} onDone={updated} /> : null}

      <View className="section">
        <Text className="section-title">办理记录</Text>
        <Timeline events={r.timeline} />
      </View>
    </View>
  );
}
