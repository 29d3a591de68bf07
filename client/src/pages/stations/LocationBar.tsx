import { Text, View } from '@tarojs/components';
import type { LocationProblem } from '../../lib/location';
import type { SearchOrigin } from '../../lib/stationCache';
import { STATIONS_WORDS } from '../../lib/stationText';

/**
 * Where the list is from (`.location-bar`): 我的位置 or a district; while locating, 正在定位; and
 * what can be done: 重新定位 (`.locate-button`), 按区县找 (`.choose-district`), and after a refusal in
 * the mini-program 去设置 (`.open-setting`).
 */
export function LocationBar({
  origin,
  locating,
  problem,
  onLocate,
  onChooseDistrict,
  onOpenSetting,
}: {
  origin: SearchOrigin | null;
  locating: boolean;
  problem: LocationProblem | null;
  onLocate: () => void;
  onChooseDistrict: () => void;
  onOpenSetting?: () => void;
}) {
  let where = '正在定位…';
  if (!locating) {
    if (origin?.district) where = `${origin.district}（区县中心）`;
    else if (origin) where = STATIONS_WORDS.nearMe;
    else if (problem === 'denied') where = '未允许获取位置';
    else if (problem) where = '定位失败';
  }
  return (
    <View className="location-bar">
      <Text className={`location-where ${problem && !origin ? 'location-problem' : ''}`}>📍 {where}</Text>
      <View className="location-actions">
        {problem === 'denied' && onOpenSetting ? (
          <Text className="location-action open-setting" onClick={onOpenSetting}>
            去设置
          </Text>
        ) : null}
        {!locating ? (
          <Text className="location-action locate-button" onClick={onLocate}>
            {STATIONS_WORDS.locate}
          </Text>
        ) : null}
        <Text className="location-action choose-district" onClick={onChooseDistrict}>
          {STATIONS_WORDS.chooseDistrict}
        </Text>
      </View>
    </View>
  );
}
