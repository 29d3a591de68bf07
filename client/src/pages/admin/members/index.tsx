import '../admin.css';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { MemberStatus, memberStatusLabels, type Member } from '@parklink/contract';
import { api } from '../../../api';
import type { InvitationResult } from '../../../api/admin';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { TapButton } from '../../../components/TapButton';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { OneOf, TextInput } from '../Form';
import { CONFLICT_TEXT, useSave } from '../useSave';
import { InviteForm } from './InviteForm';
import { InviteResult } from './InviteResult';
import { MemberCard } from './MemberCard';

async function load() {
  const [members, departments, enterprises] = await Promise.all([api.admin.members(), api.admin.departments(), api.admin.enterprises()]);
  return { members, departments, enterprises };
}

type StatusFilter = MemberStatus | 'all';
const FILTERS: { key: StatusFilter; label: string }[] = [{ key: 'all', label: '全部' }, ...MemberStatus.options.map((key) => ({ key, label: memberStatusLabels[key] }))];

/**
 * The park's members (`.admin-member`), searchable by name or unit (`.admin-member-search`) and by
 * status (`.admin-status-filter`); 邀请成员 (`.admin-invite-open`) makes a one-use code; 停用 asks first.
 */
export default function AdminMembersPage() {
  const me = useMe();
  const list = useLoader(load);
  const [inviting, setInviting] = useState(false);
  const [invited, setInvited] = useState<InvitationResult | null>(null);
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [acting, setActing] = useState<string | null>(null);
  const change = useSave();

  /** Puts the changed member in the list at once (the reload after confirms it). */
  const replace = (m: Member) => {
    if (list.data) list.setData({ ...list.data, members: list.data.members.map((x) => (x.id === m.id ? m : x)) });
  };
  const setSuspended = async (m: Member, suspend: boolean) => {
    if (suspend) {
      const answer = await Taro.showModal({ title: '停用成员', content: `确定停用「${m.name}」？停用后立即无法登录和办理，可随时恢复。`, confirmText: '停用', confirmColor: '#b71c1c' });
      if (!answer.confirm) return;
    }
    setActing(m.id);
    const next = await change.run(() => (suspend ? api.admin.suspend(m.id, m.version) : api.admin.reinstate(m.id, m.version)), () => void list.reload());
    setActing(null);
    if (next) {
      replace(next);
      void Taro.showToast({ title: suspend ? '已停用' : '已恢复', icon: 'success' });
    }
  };
  const onInvited = (r: InvitationResult) => {
    setInviting(false);
    setInvited(r);
    void list.reload();
  };

  const term = q.trim();
  const items = (list.data?.members ?? []).filter(
    (m) => (status === 'all' || m.status === status) && (!term || m.name.includes(term) || (m.departmentName ?? m.enterpriseName ?? '').includes(term)),
  );

  return (
    <View className="page admin-page admin-members-page">
      <View className="toolbar admin-toolbar">
        <Text className="admin-count">{list.data ? `共 ${list.data.members.length} 人` : ''}</Text>
        {!inviting ? (
          <TapButton className="admin-invite-open" small onClick={() => { setInvited(null); setInviting(true); }}>
            邀请成员
          </TapButton>
        ) : null}
      </View>
      {invited ? <InviteResult result={invited} onDone={() => setInvited(null)} /> : null}
      {inviting && list.data ? <InviteForm departments={list.data.departments} enterprises={list.data.enterprises} onInvited={onInvited} onCancel={() => setInviting(false)} /> : null}
      <ErrorMessage message={list.error ?? (change.error === CONFLICT_TEXT ? '成员信息已被修改，已重新载入，请再试一次' : change.error)} />
      <View className="admin-member-search">
        <TextInput value={q} maxlength={20} placeholder="按姓名或单位查找" onInput={setQ} />
      </View>
      <OneOf options={FILTERS} value={status} className="admin-status-filter" onChange={setStatus} />
      {list.data && items.length === 0 ? <EmptyState text={term || status !== 'all' ? '没有符合条件的成员' : '还没有成员'} /> : null}
      {items.map((m) => (
        <MemberCard key={m.id} m={m} self={m.id === me?.id} busy={acting === m.id} onSuspend={() => void setSuspended(m, true)} onReinstate={() => void setSuspended(m, false)} />
      ))}
      {list.loading && !list.data ? <Text className="hint">加载中…</Text> : null}
    </View>
  );
}
