/**
 * Plain values, no schema (why: see people.ts): what a care station offers, what a rider can
 * report, and the limits on both. stations.ts builds its schemas from these and re-exports them.
 */

/** What a rider can find at a care station (爱心驿站). */
export const AMENITIES = ['water', 'charging', 'microwave', 'toilet', 'seats', 'air_conditioning', 'first_aid', 'wifi'] as const;

export const amenityLabels: Record<(typeof AMENITIES)[number], string> = {
  water: '热水',
  charging: '充电',
  microwave: '微波炉',
  toilet: '卫生间',
  seats: '休息座椅',
  air_conditioning: '空调',
  first_aid: '药箱',
  wifi: 'Wi-Fi',
};

export const REPORT_KINDS = ['no_water', 'no_power', 'closed_when_open', 'moved', 'dirty', 'other'] as const;

export const reportKindLabels: Record<(typeof REPORT_KINDS)[number], string> = {
  no_water: '没有热水',
  no_power: '无法充电',
  closed_when_open: '显示开放但关门',
  moved: '驿站已搬走',
  dirty: '卫生问题',
  other: '其他问题',
};

export const MAX_REPORT_NOTE = 200;

export const MAX_STATION_PHOTOS = 6;
export const MAX_STATION_PHOTO_BYTES = 5 * 1024 * 1024;
