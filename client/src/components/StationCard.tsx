import { Text, View } from '@tarojs/components';
import type { StationSummary } from '@parklink/contract';
import { distanceText } from '../lib/geo';
import { navigateTo } from '../lib/mapNav';
import { openText } from '../lib/stationText';
import { TapButton } from './TapButton';
import { AmenityTags } from './AmenityTags';

/**
 * One station in the nearby list (`.station-card`, `.station-card-open` / `.station-card-closed`):
 * tap opens the detail, 导航 (`.station-nav`) opens the map.
 */
export function StationCard({ station, onOpen }: { station: StationSummary; onOpen: (s: StationSummary) => void }) {
  const s = station;
  return (
    <View className={`card station-card ${s.openNow ? 'station-card-open' : 'station-card-closed'}`} onClick={() => onOpen(s)}>
      <View className="card-head">
        <Text className="card-title station-name">{s.name}</Text>
        <Text className="station-distance">{distanceText(s.distanceMetres)}</Text>
      </View>
      <Text className="card-meta station-minutes">
        步行 {s.walkMinutes} 分钟 · 骑行 {s.rideMinutes} 分钟 · {s.address}
      </Text>
      <View className="station-state-row">
        <Text className={`station-state ${s.openNow ? 'station-open' : 'station-closed'}`}>{openText(s)}</Text>
        <Text className="station-hours">今日 {s.hoursToday}</Text>
      </View>
      <View className="card-foot">
        <AmenityTags amenities={s.amenities} />
        <TapButton className="station-nav" small onClick={() => navigateTo(s)}>
          导航
        </TapButton>
      </View>
    </View>
  );
}
