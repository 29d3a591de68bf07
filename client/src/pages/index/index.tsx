import { Text, View } from '@tarojs/components';
import { roleLabels } from '@parklink/contract';
import { clearSession } from '../../api';
import { ActionButton } from '../../components/ActionButton';
import { useMe } from '../../hooks/useSession';
import { PAGES, open, openTab, relaunch } from '../../lib/nav';
import { isAdmin, isEnterprise, isHandler, isStationHost } from '../../lib/roles';
import { useUnread } from '../../lib/unread';

export default function HomePage() {
  const me = useMe();
  const unread = useUnread();
  if (!me) return <View className="page" />;

  const logout = () => {
    clearSession();
    relaunch(PAGES.login);
  };

  return (
    <View className="page home-page">
      <View className="card me-card">
        <Text className="me-name">{me.name}</Text>
        <Text className="me-org">{me.enterpriseName || me.departmentName || ''}</Text>
        <Text className="me-park">{me.parkName}</Text>
        <View className="me-roles">
          {me.roles.map((r) => (
            <Text key={r} className="tag">
              {roleLabels[r]}
            </Text>
          ))}
        </View>
      </View>

      {unread ? (
        <View className="home-unread" onClick={() => openTab(PAGES.inbox)}>
          <Text className="home-unread-text">
            你有 <Text className="home-unread-count">{unread}</Text> 条未读消息
          </Text>
          <Text className="home-unread-go">查看 ›</Text>
        </View>
      ) : null}

      <View className="entries">
        {isEnterprise(me) ? (
          <>
            <View className="entry entry-submit" onClick={() => open(PAGES.submit)}>
              <Text className="entry-title">提交诉求</Text>
              <Text className="entry-desc">遇到困难，告诉联盟</Text>
            </View>
            <View className="entry entry-mine" onClick={() => open(PAGES.mine)}>
              <Text className="entry-title">我的诉求</Text>
              <Text className="entry-desc">查看进度、评价答复</Text>
            </View>
          </>
        ) : null}
        {isHandler(me) ? (
          <>
            <View className="entry entry-pool" onClick={() => open(PAGES.pool)}>
              <Text className="entry-title">待认领诉求</Text>
              <Text className="entry-desc">按剩余时间排序</Text>
            </View>
            <View className="entry entry-mine" onClick={() => open(PAGES.mine)}>
              <Text className="entry-title">我认领的</Text>
              <Text className="entry-desc">答复、跟进到办结</Text>
            </View>
          </>
        ) : null}
        {isAdmin(me) ? (
          <View className="entry entry-admin" onClick={() => open(PAGES.adminHome)}>
            <Text className="entry-title">园区管理</Text>
            <Text className="entry-desc">部门、类别时限、成员与企业</Text>
          </View>
        ) : null}
        {isAdmin(me) || isStationHost(me) ? (
          <View className="entry entry-stations" onClick={() => open(PAGES.managedList)}>
            <Text className="entry-title">{isAdmin(me) ? '驿站管理' : '我的驿站'}</Text>
            <Text className="entry-desc">{isAdmin(me) ? '驿站、管理员与服务统计' : '开放时间、反馈与打卡'}</Text>
          </View>
        ) : null}
        {isEnterprise(me) || isHandler(me) ? (
          <View className="entry entry-market" onClick={() => open(PAGES.marketList)}>
            <Text className="entry-title">供需对接</Text>
            <Text className="entry-desc">发布需求与资源，智能推荐对接</Text>
          </View>
        ) : null}
        {isEnterprise(me) || isHandler(me) || isAdmin(me) ? (
          <View className="entry entry-cases" onClick={() => open(PAGES.caseList)}>
            <Text className="entry-title">共建案例</Text>
            <Text className="entry-desc">银企共建、税企共建的成效</Text>
          </View>
        ) : null}
        {!isEnterprise(me) && !isHandler(me) && !isAdmin(me) && !isStationHost(me) ? <Text className="hint">管理功能即将上线</Text> : null}
        <View className="entry entry-privacy" onClick={() => open(PAGES.privacy)}>
          <Text className="entry-title">个人信息</Text>
          <Text className="entry-desc">查看保存的信息、注销账号</Text>
        </View>
      </View>

      <ActionButton className="logout-button" primary={false} onClick={logout}>
        退出登录
      </ActionButton>
    </View>
  );
}
