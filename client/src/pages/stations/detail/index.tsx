import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { StationDetail } from '@parklink/contract';
import { api } from '../../../api';
import { TapButton } from '../../../components/TapButton';
import { AmenityTags } from '../../../components/AmenityTags';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { useLoader } from '../../../hooks/useLoader';
import { chinaShort } from '../../../lib/chinaTime';
import { distanceMetres, distanceText, travelMinutes } from '../../../lib/geo';
import { navigateTo } from '../../../lib/mapNav';
import { loadLastResult } from '../../../lib/stationCache';
import { openText } from '../../../lib/stationText';
import { CheckIn } from './CheckIn';
import { Photos } from './Photos';
import { ReportForm } from './ReportForm';
import { WeekHours } from './WeekHours';

/** How far the rider is, when the last search was from their own position (not a district). */
function distanceLine(s: StationDetail): string | null {
  const origin = loadLastResult()?.origin;
  if (!origin || origin.district) return null;
  const metres = distanceMetres(origin, s.location);
  const { walk, ride } = travelMinutes(metres);
  return `距你 ${distanceText(metres)} · 步行 ${walk} 分钟 · 骑行 ${ride} 分钟`;
}

/** One station for a rider: hours, closures, notice, amenities, photos; 导航, 打卡, 反馈问题. */
export default function StationDetailPage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const { data: s, error, reload } = useLoader(() => api.stations.get(id));

  if (!s) {
    return (
      <View className="page station-detail-page">
        {error ? (
          <>
            <ErrorMessage message={error} />
            <TapButton className="stations-retry" primary={false} onClick={() => void reload()}>
              重试
            </TapButton>
          </>
        ) : (
          <EmptyState text="加载中…" />
        )}
      </View>
    );
  }

  const distance = distanceLine(s);
  return (
    <View className="page station-detail-page">
      <ErrorMessage message={error} />
      <View className="card">
        <Text className="detail-title station-detail-name">{s.name}</Text>
        <Text className="card-meta station-detail-address">
          {s.district} · {s.address}
        </Text>
        {distance ? <Text className="card-meta station-detail-distance">{distance}</Text> : null}
        <View className="station-state-row">
          <Text className={`station-state ${s.openNow ? 'station-open' : 'station-closed'}`}>{openText(s)}</Text>
          <Text className="station-hours">今日 {s.hoursToday}</Text>
        </View>
        <AmenityTags className="detail-amenities" amenities={s.amenities} />
        <TapButton className="detail-nav" onClick={() => navigateTo(s)}>
          导航
        </TapButton>
        <CheckIn stationId={s.id} />
      </View>

      {s.notice ? (
        <View className="section station-notice">
          <Text className="section-title">驿站公告</Text>
          <Text className="station-notice-text">{s.notice}</Text>
        </View>
      ) : null}

      {s.closures.length ? (
        <View className="section station-closures">
          <Text className="section-title">临时闭站</Text>
          {s.closures.map((c) => (
            <Text key={c.from} className="station-closure">
              {chinaShort(c.from)} 至 {chinaShort(c.to)}
              {c.reason ? ` · ${c.reason}` : ''}
            </Text>
          ))}
        </View>
      ) : null}

      <View className="section">
        <Text className="section-title">开放时间</Text>
        <WeekHours weekly={s.weekly} />
        <Text className="hint station-holidays">{s.closedOnHolidays ? '法定节假日休息' : '法定节假日照常开放'}</Text>
      </View>

      {s.photos.length ? (
        <View className="section">
          <Text className="section-title">驿站照片</Text>
          <Photos photos={s.photos} />
        </View>
      ) : null}

      <ReportForm stationId={s.id} />
    </View>
  );
}
