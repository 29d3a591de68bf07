import '../me.css';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import {
  caseStatusLabels,
  invitationStateLabels,
  matchStatusLabels,
  requestPartLabels,
  requestStatusLabels,
  roleLabels,
  type MyContribution,
  type MyData,
} from '@parklink/contract';
import { api, clearSession, errorText } from '../../../api';
import { ActionButton } from '../../../components/ActionButton';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, relaunch } from '../../../lib/nav';
import { formatTime } from '../../../lib/time';

/** What a person did on a record, in a word (request, match and case events alike). */
const DID: Record<string, string> = {
  submitted: '提交',
  claimed: '认领',
  replied: '答复',
  noted: '备注',
  started: '开始办理',
  info_requested: '请求补充',
  info_provided: '补充材料',
  resolved: '办结',
  rated: '评价',
  reopened: '重新打开',
  transferred: '转派',
  withdrawn: '撤回',
  proposed: '发起对接',
  accepted: '接受',
  declined: '婉拒',
  succeeded: '对接成功',
  failed: '未成功',
  drafted: '起草',
  edited: '修改',
  confirmed: '确认',
  closed: '归档',
  attached: '上传附件',
  detached: '删除附件',
};

const did = (list: MyContribution[]) => {
  const counts = new Map<string, number>();
  for (const c of list) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${DID[type] ?? type}${n > 1 ? ` ×${n}` : ''}`).join('、');
};

const ERASE_TEXT =
  '将删除：姓名和账号、微信绑定、消息、订阅授权。\n' +
  '将保留：诉求、对接、案例和操作记录是园区的服务台账，其中您的姓名改为“已注销用户”（部分记录在后台陆续改写）。\n' +
  '注销后不能恢复。';

function Row({ label, value }: { label: string; value?: string }) {
  return (
    <View className="privacy-row">
      <Text className="privacy-label">{label}</Text>
      <Text className="privacy-value">{value || '—'}</Text>
    </View>
  );
}

function Account({ data }: { data: MyData }) {
  const a = data.account;
  return (
    <View className="section privacy-account">
      <Text className="section-title">账号</Text>
      <Row label="姓名" value={a.name} />
      <Row label="角色" value={a.roles.map((r) => roleLabels[r]).join('、')} />
      <Row label="园区" value={a.parkName} />
      <Row label="单位" value={a.enterpriseName ?? a.departmentName} />
      <Row label="微信" value={a.wechat.bound ? `已绑定 ${a.wechat.openidMasked ?? ''}` : '未绑定'} />
      <Row label="邀请码" value={invitationStateLabels[a.invitation.state]} />
      {a.createdAt ? <Row label="创建时间" value={formatTime(a.createdAt)} /> : null}
      <Row label="订阅消息" value={`进度提醒 ${data.consents.progress} 次，待办提醒 ${data.consents.todo} 次`} />
    </View>
  );
}

/** One kind of record: its title with the count, 没有 when empty, one item per record. */
function Section<T extends { id: string }>(props: { className: string; itemClassName?: string; title: string; items: T[]; children: (item: T) => ReactNode }) {
  return (
    <View className={`section ${props.className}`}>
      <Text className="section-title">
        {props.title}（{props.items.length}）
      </Text>
      {props.items.length === 0 ? <Text className="hint">没有</Text> : null}
      {props.items.map((item) => (
        <View key={item.id} className={`privacy-item ${props.itemClassName ?? ''}`}>
          {props.children(item)}
        </View>
      ))}
    </View>
  );
}

function Records({ data }: { data: MyData }) {
  return (
    <>
      <Section className="privacy-requests" itemClassName="privacy-request" title="诉求" items={data.requests}>
        {(r) => (
          <>
            <Text className="privacy-item-title">{r.title}</Text>
            <Text className="card-meta">
              {requestStatusLabels[r.status]} · {r.parts.map((p) => requestPartLabels[p]).join('、')} · {formatTime(r.submittedAt)}
            </Text>
            {r.contributions.length ? <Text className="card-meta">您的操作：{did(r.contributions)}</Text> : null}
            {r.files.length ? <Text className="card-meta">您的附件：{r.files.map((f) => f.fileName).join('、')}</Text> : null}
          </>
        )}
      </Section>
      <Section className="privacy-matches" title="供需对接" items={data.matches}>
        {(m) => (
          <>
            <Text className="privacy-item-title">
              {m.needTitle} ↔ {m.resourceTitle}
            </Text>
            <Text className="card-meta">
              {matchStatusLabels[m.status]} · {did(m.contributions)}
            </Text>
          </>
        )}
      </Section>
      <Section className="privacy-cases" title="共建案例" items={data.cases}>
        {(c) => (
          <>
            <Text className="privacy-item-title">{c.title}</Text>
            <Text className="card-meta">
              {caseStatusLabels[c.status]} · {did(c.contributions) || '上传附件'}
            </Text>
          </>
        )}
      </Section>
    </>
  );
}

/**
 * 个人信息 (PIPL): what ParkLink holds about the signed-in person, in plain sections, and 注销账号 —
 * asked first with what goes and what stays; after it the session is cleared and the login page shows.
 */
export default function PrivacyPage() {
  useMe();
  const loaded = useLoader(() => api.privacy.data());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const data = loaded.data;

  const erase = async () => {
    const { confirm } = await Taro.showModal({ title: '注销账号', content: ERASE_TEXT, confirmText: '注销', confirmColor: '#b71c1c', cancelText: '再想想' });
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      await api.privacy.erase();
      clearSession();
      void Taro.showToast({ title: '账号已注销', icon: 'none' });
      relaunch(PAGES.login);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };

  return (
    <View className="page privacy-page">
      <ErrorMessage message={loaded.error} />
      {!data && loaded.loading ? <Text className="hint">加载中…</Text> : null}
      {data ? (
        <>
          <Text className="hint">以下是园企通保存的关于您的全部信息（{formatTime(data.exportedAt)}）。</Text>
          <Account data={data} />
          <View className="section privacy-inbox">
            <Text className="section-title">消息（{data.inbox.items.length}{data.inbox.truncated ? '+' : ''}）</Text>
            {data.inbox.items.length === 0 ? <Text className="hint">没有</Text> : null}
            {data.inbox.items.slice(0, 5).map((n) => (
              <Text key={n.id} className="card-meta">
                {formatTime(n.at)} {n.title}
              </Text>
            ))}
            {data.inbox.items.length > 5 ? <Text className="hint">其余消息见“消息”页</Text> : null}
          </View>
          <Records data={data} />
          <View className="section privacy-notes">
            <Text className="section-title">说明</Text>
            <Text className="privacy-note">{data.checkIns.note}</Text>
            {data.notes.map((note) => (
              <Text key={note} className="privacy-note">
                {note}
              </Text>
            ))}
          </View>
          <ErrorMessage message={error} />
          <ActionButton className="privacy-erase" primary={false} busy={busy} onClick={() => void erase()}>
            注销账号
          </ActionButton>
        </>
      ) : null}
    </View>
  );
}
