import { Text, View } from '@tarojs/components';
import { amenityLabels, type Amenity } from '@parklink/contract';

/** What a station offers, as short tags (`.amenity-tag`, `.amenity-<key>`). */
export function AmenityTags({ amenities, className = '' }: { amenities: Amenity[]; className?: string }) {
  if (amenities.length === 0) return null;
  return (
    <View className={`amenity-tags ${className}`}>
      {amenities.map((a) => (
        <Text key={a} className={`amenity-tag amenity-${a}`}>
          {amenityLabels[a]}
        </Text>
      ))}
    </View>
  );
}
