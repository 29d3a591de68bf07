import { z } from 'zod';
import { Id, IsoTime } from './common';

/** What a rider can find at a care station (爱心驿站). */
export const Amenity = z.enum(['water', 'charging', 'microwave', 'toilet', 'seats', 'air_conditioning', 'first_aid', 'wifi']);
export type Amenity = z.infer<typeof Amenity>;

export const amenityLabels: Record<Amenity, string> = {
  water: '热水',
  charging: '充电',
  microwave: '微波炉',
  toilet: '卫生间',
  seats: '休息座椅',
  air_conditioning: '空调',
  first_aid: '药箱',
  wifi: 'Wi-Fi',
};

/** GCJ-02 coordinates, as WeChat's getLocation({type: 'gcj02'}) gives them; China only. */
export const LatLng = z.object({
  lat: z.coerce.number().min(3.8, { error: '纬度超出中国范围 / latitude outside China' }).max(53.6, { error: '纬度超出中国范围 / latitude outside China' }),
  lng: z.coerce.number().min(73.5, { error: '经度超出中国范围 / longitude outside China' }).max(135.1, { error: '经度超出中国范围 / longitude outside China' }),
});
export type LatLng = z.infer<typeof LatLng>;

export const StationSummary = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  district: z.string(),
  location: LatLng,
  amenities: z.array(Amenity),
  openNow: z.boolean(),
  /** When open: until when (the end of the current interval). */
  closesAt: IsoTime.optional(),
  /** When closed: why (outside hours, holiday, temporarily closed by the host). */
  closedReason: z.enum(['hours', 'holiday', 'closure']).optional(),
  hoursToday: z.string(),
  distanceMetres: z.number().int().nonnegative(),
  walkMinutes: z.number().int().nonnegative(),
  rideMinutes: z.number().int().nonnegative(),
});
export type StationSummary = z.infer<typeof StationSummary>;

export const NearbyQuery = LatLng.extend({
  limit: z.coerce.number().int().min(1).max(50, { error: '最多 50 个 / at most 50' }).default(10),
  /** Comma-separated amenities every result must have, e.g. `charging,water`. */
  amenities: z
    .string()
    .max(200)
    .optional()
    .transform((text, ctx) => {
      const list = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const parsed = z.array(Amenity).safeParse(list);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', message: '设施类型无效 / unknown amenity' });
        return z.NEVER;
      }
      return parsed.data;
    }),
  openNow: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export type NearbyQuery = z.infer<typeof NearbyQuery>;

export const NearbyStations = z.object({ items: z.array(StationSummary) });
export type NearbyStations = z.infer<typeof NearbyStations>;

export const StationDetail = StationSummary.extend({
  weekly: z.array(z.array(z.object({ open: z.string(), close: z.string() }))),
  closedOnHolidays: z.boolean(),
  notice: z.string().optional(),
});
export type StationDetail = z.infer<typeof StationDetail>;
