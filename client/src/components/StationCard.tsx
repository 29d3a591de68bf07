import { Text, View } from '@tarojs/components';
import type { StationSummary } from '@parklink/contract';
import { distanceText } from '../lib/geo';
import { navigateTo } from '../lib/mapNav';
import { STATIONS_WORDS, minutesText, openText, todayText } from '../lib/stationText';
import { TapButton } from './TapButton';
import { AmenityTags } from './AmenityTags';

/**
 * One station in the nearby list (index.html's early list draws the same, early/stationsScreen.ts) (`.station-card`, `.station-card-open` / `.station-card-closed`):
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
        {minutesText(s)}
      </Text>
      <View className="station-state-row">
        <Text className={`station-state ${s.openNow ? 'station-open' : 'station-closed'}`}>{openText(s)}</Text>
        <Text className="station-hours">{todayText(s)}</Text>
      </View>
      <View className="card-foot">
        <AmenityTags amenities={s.amenities} />
        <TapButton className="station-nav" small onClick={() => navigateTo(s)}>
          {STATIONS_WORDS.navigate}
        </TapButton>
      </View>
    </View>
  );
}
