import { Text, View } from '@tarojs/components';
import { AMENITIES, amenityLabels, type Amenity } from '@parklink/contract';
import { openNowChipText } from '../lib/stationText';

/**
 * Above the nearby list: 只看开放中 (`.filter-open-now`, on by default) and one chip per amenity
 * (`.amenity-chip`, `.amenity-chip-<key>`, `.amenity-chip-on` when chosen); several may be chosen.
 */
export function AmenityFilter({
  openNow,
  amenities,
  onChange,
}: {
  openNow: boolean;
  amenities: Amenity[];
  onChange: (next: { openNow: boolean; amenities: Amenity[] }) => void;
}) {
  const toggle = (a: Amenity) =>
    onChange({ openNow, amenities: amenities.includes(a) ? amenities.filter((x) => x !== a) : [...amenities, a] });
  return (
    <View className="amenity-filter">
      <Text
        className={`filter-chip filter-open-now ${openNow ? 'filter-chip-on' : ''}`}
        onClick={() => onChange({ openNow: !openNow, amenities })}
      >
        {openNowChipText(openNow)}
      </Text>
      {AMENITIES.map((a) => (
        <Text
          key={a}
          className={`filter-chip amenity-chip amenity-chip-${a} ${amenities.includes(a) ? 'filter-chip-on amenity-chip-on' : ''}`}
          onClick={() => toggle(a)}
        >
          {amenityLabels[a]}
        </Text>
      ))}
    </View>
  );
}
