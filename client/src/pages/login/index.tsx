import { Input, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { roleLabels, WechatLoginInput, type DevUser, type Role } from '@parklink/contract';
import { ApiError, api, errorText, zh } from '../../api';
import { ActionButton } from '../../components/ActionButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { FieldError } from '../../components/FieldError';
import { PAGES, relaunch } from '../../lib/nav';
import { canWechatLogin, wechatLoginCode } from '../../lib/wxLogin';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';
/** An invitation's QR path: pages/login/index?invite=<code>. */
const INVITE_PARAM = 'invite';
const ROLE_ORDER: Role[] = ['enterprise', 'liaison', 'dept_head', 'station_host', 'admin'];

function groupByRole(users: DevUser[]): { role: Role; users: DevUser[] }[] {
  return ROLE_ORDER.map((role) => ({
    role,
    users: users.filter((u) => (u.roles[0] ?? 'enterprise') === role),
  })).filter((g) => g.users.length > 0);
}

export default function LoginPage() {
  const [devUsers, setDevUsers] = useState<DevUser[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [needInvite, setNeedInvite] = useState(false);
  const [inviteCode, setInviteCode] = useState('');
  const [inviteError, setInviteError] = useState<string | undefined>();

  useLoad((options: Record<string, string | undefined>) => {
    const invited = options[INVITE_PARAM];
    if (invited) {
      setNeedInvite(true);
      setInviteCode(decodeURIComponent(invited).trim().toUpperCase());
    }
    api.auth
      .devUsers()
      .then(setDevUsers)
      .catch((err: unknown) => {
        // In production the list does not exist: just hide it.
        if (err instanceof ApiError && err.code === 'NOT_AVAILABLE_IN_PROD') return setDevUsers(null);
        if (!IS_WEAPP) setError(errorText(err));
      });
  });

  const done = () => relaunch(PAGES.home);

  const devLogin = async (user: DevUser) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.auth.devLogin(user.id);
      done();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const wechatLogin = async () => {
    if (busy) return;
    setError(null);
    setInviteError(undefined);
    let input: { code: string; inviteCode?: string };
    try {
      // A wx.login code is single-use: get a fresh one for every attempt.
      const code = await wechatLoginCode();
      input = needInvite ? { code, inviteCode } : { code };
    } catch (err) {
      setError(err instanceof Error && err.message === '请在微信中打开' ? '请在微信中打开园企通小程序登录' : '微信登录失败，请重试');
      return;
    }
    const parsed = WechatLoginInput.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      if (issue?.path[0] === 'inviteCode') setInviteError('请输入园区管理员给你的邀请码（4–32 位）');
      else setError(issue ? zh(issue.message) : '微信登录失败，请重试');
      return;
    }
    setBusy(true);
    try {
      await api.auth.wechatLogin(parsed.data);
      done();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'WECHAT_NOT_BOUND') {
        setNeedInvite(true);
        setError(err.message);
      } else if (err instanceof ApiError && err.fieldMap().inviteCode) {
        setInviteError(err.fieldMap().inviteCode);
      } else {
        setError(errorText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page login-page">
      <View className="login-brand">
        <Text className="login-title">园企通</Text>
        <Text className="login-subtitle">园区党建联盟 · 企业服务</Text>
      </View>

      {canWechatLogin() ? (
        <View className="section">
          {needInvite ? (
            <View className="form-item">
              <Text className="label">邀请码</Text>
              <Input
                className="input invite-input"
                value={inviteCode}
                maxlength={32}
                placeholder="请输入园区管理员给你的邀请码"
                onInput={(e) => setInviteCode(e.detail.value)}
              />
              <FieldError message={inviteError} />
            </View>
          ) : null}
          <ActionButton className="wechat-login-button" busy={busy} onClick={wechatLogin}>
            {needInvite ? '绑定并登录' : '微信登录'}
          </ActionButton>
        </View>
      ) : null}

      {!canWechatLogin() && needInvite ? (
        <View className="section invite-elsewhere">
          <Text>请在微信中打开园企通小程序，用邀请码 {inviteCode} 加入。</Text>
        </View>
      ) : null}

      <ErrorMessage message={error} />

      {devUsers && devUsers.length > 0 ? (
        <View className="section">
          <Text className="section-title">演示账号（开发环境）</Text>
          {groupByRole(devUsers).map((group) => (
            <View key={group.role} className="login-group">
              <Text className="login-group-title">{roleLabels[group.role]}</Text>
              {group.users.map((u) => (
                <View key={u.id} className="login-user" onClick={() => devLogin(u)}>
                  <Text className="login-user-name">{u.name}</Text>
                  <Text className="login-user-org">{u.enterpriseName || u.departmentName || u.parkName}</Text>
                </View>
              ))}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
