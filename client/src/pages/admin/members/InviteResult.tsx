import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { roleLabels } from '@parklink/contract';
import type { InvitationResult } from '../../../api/admin';
import { TapButton } from '../../../components/TapButton';
import { formatTime } from '../../../lib/time';

async function copy(data: string) {
  try {
    await Taro.setClipboardData({ data });
  } catch {
    void Taro.showToast({ title: '复制失败，请长按选择', icon: 'none' });
  }
}

/**
 * The invitation just made: the code, big (`.admin-invite-code`), the mini-program path it opens
 * (`.admin-invite-path`), each with 复制 (`.admin-copy-code`, `.admin-copy-path`), and until when it works.
 */
export function InviteResult({ result, onDone }: { result: InvitationResult; onDone: () => void }) {
  const m = result.member;
  const unit = m.departmentName ?? m.enterpriseName;
  return (
    <View className="section admin-invite-result">
      <Text className="section-title">已邀请 {m.name}</Text>
      <Text className="card-meta">
        {m.roles.map((r) => roleLabels[r]).join('、')}
        {unit ? ` · ${unit}` : ''}
      </Text>
      <Text className="label admin-invite-label">邀请码</Text>
      <View className="admin-invite-row">
        <Text className="admin-invite-code" userSelect>
          {result.inviteCode}
        </Text>
        <TapButton className="admin-copy-code" small onClick={() => void copy(result.inviteCode)}>
          复制
        </TapButton>
      </View>
      <Text className="label admin-invite-label">小程序页面路径</Text>
      <View className="admin-invite-row">
        <Text className="admin-invite-path" userSelect>
          {result.path}
        </Text>
        <TapButton className="admin-copy-path" small primary={false} onClick={() => void copy(result.path)}>
          复制
        </TapButton>
      </View>
      <Text className="hint">有效至 {formatTime(result.expiresAt)}，只能使用一次。把邀请码发给对方，在小程序登录页填写；也可用此路径生成小程序码。</Text>
      <TapButton className="admin-invite-done" primary={false} onClick={onDone}>
        完成
      </TapButton>
    </View>
  );
}
