import '../admin.css';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { CheckInStats, ManagedStation, StationHost, StationReport } from '@parklink/contract';
import { ApiError, api, errorText } from '../../../api';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PrivacyPopup } from '../../../components/PrivacyPopup';
import { useLoader } from '../../../hooks/useLoader';
import { useMe } from '../../../hooks/useSession';
import { openStation } from '../../../lib/nav';
import { isAdmin } from '../../../lib/roles';
import { openText } from '../../../lib/stationText';
import { StationForm } from '../form/StationForm';
import { fromStation, toUpdate, type FormErrors, type StationFormValues } from '../form/values';
import { CheckInBars } from './CheckInBars';
import { PhotoManager } from './PhotoManager';
import { Reports } from './Reports';

interface Extras {
  reports: StationReport[];
  checkIns: CheckInStats;
}

/**
 * One managed station: today at a glance, open reports (resolve), check-ins of the last 30 days,
 * the edit form (sent on the version read; 409 reloads), photos. Hosts never see the admin's fields.
 */
export default function ManagedStationPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const me = useMe();
  const admin = isAdmin(me);
  const station = useLoader(() => api.managedStations.get(id));
  const extras = useLoader<Extras>(async () => {
    const [reports, checkIns] = await Promise.all([api.managedStations.reports(id), api.managedStations.checkIns(id, 30)]);
    return { reports, checkIns };
  });
  const [hosts, setHosts] = useState<StationHost[]>([]);
  const [errors, setErrors] = useState<FormErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (admin) api.managedStations.hosts().then(setHosts).catch(() => {});
  }, [admin]);
  useEffect(() => {
    if (station.data) void Taro.setNavigationBarTitle({ title: station.data.name });
  }, [station.data?.name]);

  const { reload: reloadStation, setData } = station;
  const reloadAll = useCallback(() => {
    void reloadStation();
    void extras.reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reloadStation]);

  const save = async (values: StationFormValues, s: ManagedStation) => {
    const { input, errors: problems } = toUpdate(values, s.version, admin);
    setErrors(problems);
    setMessage(null);
    if (!input) return;
    setSaving(true);
    try {
      setData(await api.managedStations.update(s.id, input));
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setMessage('驿站信息已被他人修改，已载入最新内容，请核对后再改');
        await reloadStation();
      } else {
        setMessage(errorText(err));
        if (err instanceof ApiError) setErrors(err.fieldMap());
      }
    } finally {
      setSaving(false);
    }
  };

  const s = station.data;
  if (!s) {
    return (
      <View className="page managed-station-page">
        {station.error ? <ErrorMessage message={station.error} /> : <EmptyState text="加载中…" />}
      </View>
    );
  }

  return (
    <View className="page managed-station-page">
      <PrivacyPopup purpose="上传驿站照片需要访问你的相册或相机" />
      <ErrorMessage message={message ?? station.error} />
      <View className="card">
        <Text className="detail-title managed-name">{s.name}</Text>
        <Text className="card-meta">
          {s.district} · {s.address}
        </Text>
        <View className="station-state-row">
          <Text className={`station-state ${s.openNow ? 'station-open' : 'station-closed'}`}>{openText(s)}</Text>
          <Text className="station-hours">今日 {s.hoursToday}</Text>
        </View>
        <View className="managed-counts">
          <Text className="managed-reports">待处理反馈 {s.openReports}</Text>
          <Text className="managed-checkins">今日打卡 {s.checkInsToday}</Text>
        </View>
        <Text className="card-meta">管理员：{s.hosts.map((h) => h.name).join('、') || '未指定'}</Text>
        <Text className="view-public" onClick={() => openStation(s.id)}>
          查看骑手看到的页面 ›
        </Text>
      </View>

      <Reports stationId={s.id} reports={extras.data?.reports ?? null} onChanged={reloadAll} />
      <CheckInBars stats={extras.data?.checkIns ?? null} />
      {extras.error ? <ErrorMessage message={extras.error} /> : null}

      <StationForm
        key={s.version}
        initial={fromStation(s)}
        admin={admin}
        hosts={hosts}
        errors={errors}
        busy={saving}
        submitLabel="保存修改"
        onSubmit={(v) => void save(v, s)}
      />

      <PhotoManager station={s} onChanged={setData} />
    </View>
  );
}
