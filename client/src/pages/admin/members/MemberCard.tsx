import { Text, View } from '@tarojs/components';
import { memberStatusLabels, roleLabels, type Member } from '@parklink/contract';
import { TapButton } from '../../../components/TapButton';
import { formatTime } from '../../../lib/time';

/** Seeded demo codes never expire (their date is 9999-12-31). */
const expiry = (iso: string) => (iso.startsWith('9999') ? '长期有效' : `有效至 ${formatTime(iso)}`);

/**
 * One member (`.admin-member`, `.admin-member-<status>`): name, status (`.admin-member-status`),
 * role and unit, a pending invitation's code; 停用 (`.admin-member-suspend`) or 恢复
 * (`.admin-member-reinstate`), never on oneself.
 */
export function MemberCard({ m, self, busy, onSuspend, onReinstate }: { m: Member; self: boolean; busy: boolean; onSuspend: () => void; onReinstate: () => void }) {
  const unit = m.departmentName ?? m.enterpriseName;
  return (
    <View className={`card admin-card admin-member admin-member-${m.status}`}>
      <View className="card-head">
        <Text className="card-title admin-member-name">{m.name}</Text>
        <Text className={`admin-status admin-status-${m.status} admin-member-status`}>{memberStatusLabels[m.status]}</Text>
      </View>
      <View className="card-foot admin-card-foot">
        <View className="admin-card-foot-text">
          <Text className="card-meta admin-member-role">
            {m.roles.map((r) => roleLabels[r]).join('、')}
            {unit ? ` · ${unit}` : ''}
          </Text>
          {m.invite ? <Text className="card-meta admin-member-invite">邀请码 {m.invite.code} · {expiry(m.invite.expiresAt)}</Text> : null}
        </View>
        {self ? null : m.status === 'suspended' ? (
          <TapButton className="admin-member-reinstate" small busy={busy} onClick={onReinstate}>
            恢复
          </TapButton>
        ) : (
          <TapButton className="admin-member-suspend" small primary={false} busy={busy} onClick={onSuspend}>
            停用
          </TapButton>
        )}
      </View>
    </View>
  );
}
