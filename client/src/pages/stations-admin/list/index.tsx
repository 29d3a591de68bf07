import '../admin.css';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { api } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { PAGES, open, openManagedStation } from '../../../lib/nav';
import { isAdmin } from '../../../lib/roles';
import { openText } from '../../../lib/stationText';

/** 我的驿站 (hosts) / 驿站管理 (the park admin: every station, plus 新建驿站 and 服务统计). */
export default function ManagedListPage() {
  const me = useMe();
  const admin = isAdmin(me);
  const { data, error, loading } = useLoader(() => api.managedStations.list());

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: admin ? '驿站管理' : '我的驿站' });
  }, [admin]);

  return (
    <View className="page managed-list-page">
      {admin ? (
        <View className="entries">
          <View className="entry create-station" onClick={() => open(PAGES.createStation)}>
            <Text className="entry-title">新建驿站</Text>
            <Text className="entry-desc">位置、时间与管理员</Text>
          </View>
          <View className="entry station-stats" onClick={() => open(PAGES.stationStats)}>
            <Text className="entry-title">服务统计</Text>
            <Text className="entry-desc">每月服务骑手人次</Text>
          </View>
        </View>
      ) : null}
      <ErrorMessage message={error} />
      {data && data.length === 0 ? <EmptyState text={admin ? '园区还没有驿站' : '你还没有负责的驿站'} /> : null}
      {!data && loading ? <EmptyState text="加载中…" /> : null}
      <View className="managed-list">
        {(data ?? []).map((s) => (
          <View key={s.id} className="card managed-station" onClick={() => openManagedStation(s.id)}>
            <View className="card-head">
              <Text className="card-title">{s.name}</Text>
              <Text className={`station-state ${s.openNow ? 'station-open' : 'station-closed'}`}>{s.openNow ? '开放中' : '已关闭'}</Text>
            </View>
            <Text className="card-meta">
              {openText(s)} · 今日 {s.hoursToday}
            </Text>
            <View className="managed-counts">
              <Text className={`managed-reports ${s.openReports ? 'managed-reports-some' : ''}`}>待处理反馈 {s.openReports}</Text>
              <Text className="managed-checkins">今日打卡 {s.checkInsToday}</Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
