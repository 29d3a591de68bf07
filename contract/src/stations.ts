import * as z from './zod';
import { Id, IsoTime } from './common';
import { AMENITIES, amenityLabels, MAX_REPORT_NOTE, MAX_STATION_PHOTO_BYTES, MAX_STATION_PHOTOS, REPORT_KINDS, reportKindLabels } from './values/stations';
/** Plain lists, labels and limits, schema-free (values/stations.ts): the stations list needs no zod. */
export { AMENITIES, amenityLabels, MAX_REPORT_NOTE, MAX_STATION_PHOTO_BYTES, MAX_STATION_PHOTOS, REPORT_KINDS, reportKindLabels };

/** What a rider can find at a care station (爱心驿站). */
export const Amenity = z.enum(AMENITIES);
export type Amenity = z.infer<typeof Amenity>;

/** GCJ-02 coordinates, as WeChat's getLocation({type: 'gcj02'}) gives them; China only. */
export const LatLng = z.object({
  lat: z.coerce.number().check(
    z.minimum(3.8, { error: '纬度超出中国范围 / latitude outside China' }),
    z.maximum(53.6, { error: '纬度超出中国范围 / latitude outside China' }),
  ),
  lng: z.coerce.number().check(
    z.minimum(73.5, { error: '经度超出中国范围 / longitude outside China' }),
    z.maximum(135.1, { error: '经度超出中国范围 / longitude outside China' }),
  ),
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
  closesAt: z.optional(IsoTime),
  /** When closed: why (outside hours, holiday, temporarily closed by the host). */
  closedReason: z.optional(z.enum(['hours', 'holiday', 'closure'])),
  hoursToday: z.string(),
  distanceMetres: z.number().check(z.int(), z.nonnegative()),
  walkMinutes: z.number().check(z.int(), z.nonnegative()),
  rideMinutes: z.number().check(z.int(), z.nonnegative()),
});
export type StationSummary = z.infer<typeof StationSummary>;

export const NearbyQuery = z.extend(LatLng, {
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50, { error: '最多 50 个 / at most 50' })), 10),
  /** Comma-separated amenities every result must have, e.g. `charging,water`. */
  amenities: z.pipe(
    z.optional(z.string().check(z.maxLength(200))),
    // zod/mini's transform context has no addIssue: the issue goes on the payload itself.
    z.transform((text: string | undefined, payload) => {
      const list = (text ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      const parsed = z.array(Amenity).safeParse(list);
      if (!parsed.success) {
        payload.issues.push({ code: 'custom', message: '设施类型无效 / unknown amenity', input: payload.value });
        return z.NEVER;
      }
      return parsed.data;
    }),
  ),
  openNow: z.pipe(
    z.optional(z.enum(['true', 'false'])),
    z.transform((v: 'true' | 'false' | undefined) => v === 'true'),
  ),
});
export type NearbyQuery = z.infer<typeof NearbyQuery>;

export const NearbyStations = z.object({ items: z.array(StationSummary) });
export type NearbyStations = z.infer<typeof NearbyStations>;

/** Optional: where the rider stands, for the distance (both or neither). */
export const StationDetailQuery = z.object({ lat: z.optional(LatLng.shape.lat), lng: z.optional(LatLng.shape.lng) }).check(
  z.refine((q) => (q.lat === undefined) === (q.lng === undefined), { error: '经纬度须同时提供 / lat and lng go together', path: ['lng'] }),
);
export type StationDetailQuery = z.infer<typeof StationDetailQuery>;

export const StationDetail = z.extend(StationSummary, {
  weekly: z.array(z.array(z.object({ open: z.string(), close: z.string() }))),
  closedOnHolidays: z.boolean(),
  notice: z.optional(z.string()),
  /** The host's photos, each with a download URL valid for an hour. */
  photos: z.array(z.object({ id: Id, url: z.url() })),
  /** Temporary closures still to come or under way, so a rider knows before riding there. */
  closures: z.array(z.object({ from: IsoTime, to: IsoTime, reason: z.optional(z.string()) })),
});
export type StationDetail = z.infer<typeof StationDetail>;

// ---------------------------------------------------------------------------------------------
// What riders do at a station (public, no account): check in (打卡) and report a problem.

/**
 * An anonymous id the rider's phone makes once and keeps (random, 16–64 characters); never tied
 * to a person. One check-in per device per station per hour counts.
 */
export const DeviceId = z.string({ error: '设备标识：缺失 / deviceId: required' }).check(
  z.regex(/^[A-Za-z0-9_-]{16,64}$/, { error: '设备标识无效 / deviceId: 16–64 letters, digits, - or _' }),
);
export type DeviceId = z.infer<typeof DeviceId>;

export const CheckInInput = z.object({ deviceId: DeviceId });
export type CheckInInput = z.infer<typeof CheckInInput>;

export const CheckInResult = z.object({
  /** False when this device already checked in here within the hour (the visit still counts once). */
  counted: z.boolean(),
  /** When this device's next check-in here would count. */
  nextCountsAt: IsoTime,
});
export type CheckInResult = z.infer<typeof CheckInResult>;

export const ReportKind = z.enum(REPORT_KINDS, {
  error: '问题类型无效 / kind: unknown problem kind',
});
export type ReportKind = z.infer<typeof ReportKind>;

export const ReportInput = z.object({
  deviceId: DeviceId,
  kind: ReportKind,
  note: z.optional(z.string().check(
    z.trim(),
    z.maxLength(MAX_REPORT_NOTE, { error: `补充说明最多 ${MAX_REPORT_NOTE} 字 / note has at most ${MAX_REPORT_NOTE} characters` }),
  )),
});
export type ReportInput = z.infer<typeof ReportInput>;

/** What the rider hears back: it was received (never who else reported, never the host). */
export const ReportReceipt = z.object({ id: Id, at: IsoTime });
export type ReportReceipt = z.infer<typeof ReportReceipt>;

/** Search by district when the rider refuses location: each district's centre, from its stations. */
export const DistrictQuery = z.object({
  q: z.optional(z.string().check(z.trim(), z.maxLength(20, { error: '搜索词最多 20 字 / q has at most 20 characters' }))),
});
export const StationDistrict = z.object({ name: z.string(), centre: LatLng, stations: z.number().check(z.int(), z.nonnegative()) });
export type StationDistrict = z.infer<typeof StationDistrict>;
export const DistrictList = z.object({ items: z.array(StationDistrict) });
export type DistrictList = z.infer<typeof DistrictList>;

// ---------------------------------------------------------------------------------------------
// Hosts (驿站管理员) and park admins keep stations true.

const HHMM = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: '时间格式应为 HH:MM / time must be HH:MM' }));

export const IntervalInput = z.object({ open: HHMM, close: HHMM }).check(
  z.refine((i) => i.open !== '24:00', { error: '开始时间不能是 24:00 / open cannot be 24:00', path: ['open'] }),
  z.refine((i) => i.open !== i.close || i.open === '00:00', { error: '开始和结束时间不能相同 / open and close differ', path: ['close'] }),
);

/** Seven days, Sunday first; each day up to four intervals (a close at or before the open runs overnight). */
export const WeeklyHours = z.array(z.array(IntervalInput).check(z.maxLength(4, { error: '每天最多 4 个时段 / at most 4 intervals a day' })), {
  error: '营业时间：应为 7 天的时段 / weekly: seven lists of intervals',
}).check(
  z.length(7, { error: '营业时间：应为 7 天的时段 / weekly: seven lists of intervals' }),
);

export const Closure = z.object({
  from: IsoTime,
  to: IsoTime,
  reason: z.optional(z.string().check(z.trim(), z.maxLength(60, { error: '闭站原因最多 60 字 / reason has at most 60 characters' }))),
}).check(
  z.refine((c) => Date.parse(c.from) < Date.parse(c.to), { error: '闭站结束时间应晚于开始时间 / to must be after from', path: ['to'] }),
);
export type Closure = z.infer<typeof Closure>;

/** Mainland mobile or landline (digits, optional area-code dash). */
export const ContactPhone = z.string().check(
  z.trim(),
  z.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '联系电话格式不正确 / contactPhone: a mainland mobile or landline number' }),
);

export const StationPhoto = z.object({
  id: Id,
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  size: z.number().check(z.int(), z.positive()),
  at: IsoTime,
  /** A download URL valid for an hour (public detail) or minutes (management). */
  url: z.url(),
});
export type StationPhoto = z.infer<typeof StationPhoto>;

const name = z.string().check(
  z.trim(),
  z.minLength(2, { error: '名称至少 2 个字 / name: at least 2 characters' }),
  z.maxLength(40, { error: '名称最多 40 个字 / name: at most 40 characters' }),
);
const address = z.string().check(
  z.trim(),
  z.minLength(2, { error: '地址至少 2 个字 / address: at least 2 characters' }),
  z.maxLength(80, { error: '地址最多 80 个字 / address: at most 80 characters' }),
);
const district = z.string().check(
  z.trim(),
  z.minLength(2, { error: '区县至少 2 个字 / district: at least 2 characters' }),
  z.maxLength(20, { error: '区县最多 20 个字 / district: at most 20 characters' }),
);
const notice = z.string().check(z.trim(), z.maxLength(100, { error: '公告最多 100 字 / notice: at most 100 characters' }));
const amenities = z.array(Amenity).check(
  z.maxLength(8),
  z.refine((list) => new Set(list).size === list.length, { error: '设施不能重复 / amenities: no repeats' }),
);

/** What a park admin fills in to open a station. */
export const CreateStationInput = z.object({
  name,
  address,
  district,
  location: LatLng,
  amenities,
  weekly: WeeklyHours,
  closedOnHolidays: z._default(z.boolean(), false),
  contactPhone: z.optional(ContactPhone),
  notice: z.optional(notice),
  hostIds: z._default(z.array(Id).check(z.maxLength(5, { error: '每个驿站最多 5 位管理员 / at most 5 hosts' })), []),
});
export type CreateStationInput = z.infer<typeof CreateStationInput>;

/**
 * A change to a station, made on the version that was read (a stale version answers 409). Hosts
 * may change hours, amenities, closures, notice and contact; only the admin moves a station,
 * renames it or assigns hosts. `notice: ''` clears the notice.
 */
export const UpdateStationInput = z.object({
  version: z.number().check(z.int(), z.positive()),
  name: z.optional(name),
  address: z.optional(address),
  district: z.optional(district),
  location: z.optional(LatLng),
  amenities: z.optional(amenities),
  weekly: z.optional(WeeklyHours),
  closedOnHolidays: z.optional(z.boolean()),
  closures: z.optional(z.array(Closure).check(z.maxLength(10, { error: '最多 10 段临时闭站 / at most 10 closures' }))),
  contactPhone: z.optional(z.union([ContactPhone, z.literal('')])),
  notice: z.optional(notice),
  hostIds: z.optional(z.array(Id).check(z.maxLength(5, { error: '每个驿站最多 5 位管理员 / at most 5 hosts' }))),
});
export type UpdateStationInput = z.infer<typeof UpdateStationInput>;

export const ADMIN_ONLY_STATION_FIELDS = ['name', 'address', 'district', 'location', 'hostIds'] as const;

export const StationHost = z.object({ id: Id, name: z.string() });
export type StationHost = z.infer<typeof StationHost>;

/** A station as its host and the park admin see it: everything, with the version to edit on. */
export const ManagedStation = z.object({
  id: Id,
  parkId: Id,
  version: z.number().check(z.int(), z.positive()),
  name: z.string(),
  address: z.string(),
  district: z.string(),
  location: LatLng,
  amenities: z.array(Amenity),
  weekly: z.array(z.array(z.object({ open: z.string(), close: z.string() }))),
  closedOnHolidays: z.boolean(),
  closures: z.array(z.object({ from: IsoTime, to: IsoTime, reason: z.optional(z.string()) })),
  contactPhone: z.optional(z.string()),
  notice: z.optional(z.string()),
  hosts: z.array(StationHost),
  photos: z.array(StationPhoto),
  openNow: z.boolean(),
  closedReason: z.optional(z.enum(['hours', 'holiday', 'closure'])),
  hoursToday: z.string(),
  openReports: z.number().check(z.int(), z.nonnegative()),
  checkInsToday: z.number().check(z.int(), z.nonnegative()),
  updatedAt: IsoTime,
});
export type ManagedStation = z.infer<typeof ManagedStation>;

export const ManagedStationList = z.object({ items: z.array(ManagedStation) });
export type ManagedStationList = z.infer<typeof ManagedStationList>;

export const StationHostList = z.object({ items: z.array(StationHost) });
export type StationHostList = z.infer<typeof StationHostList>;

export const ReportStatus = z.enum(['open', 'resolved']);
export type ReportStatus = z.infer<typeof ReportStatus>;

export const StationReport = z.object({
  id: Id,
  stationId: Id,
  kind: ReportKind,
  note: z.optional(z.string()),
  at: IsoTime,
  status: ReportStatus,
  resolvedAt: z.optional(IsoTime),
  resolvedBy: z.optional(z.string()),
  resolution: z.optional(z.string()),
});
export type StationReport = z.infer<typeof StationReport>;

export const ReportListQuery = z.object({ status: z._default(z.enum(['open', 'all']), 'open') });
export const StationReportList = z.object({ items: z.array(StationReport) });
export type StationReportList = z.infer<typeof StationReportList>;

export const ResolveReportInput = z.object({
  resolution: z.string().check(
    z.trim(),
    z.minLength(1, { error: '请说明如何处理 / resolution: required' }),
    z.maxLength(200, { error: '处理说明最多 200 字 / resolution: at most 200 characters' }),
  ),
});
export type ResolveReportInput = z.infer<typeof ResolveReportInput>;

/** Check-ins per day (China dates), oldest first; `days` back from today, today included. */
export const CheckInStatsQuery = z.object({
  days: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(92, { error: '最多查询 92 天 / at most 92 days' })), 30),
});
export const CheckInStats = z.object({
  days: z.array(z.object({ date: z.string(), count: z.number().check(z.int(), z.nonnegative()) })),
  total: z.number().check(z.int(), z.nonnegative()),
});
export type CheckInStats = z.infer<typeof CheckInStats>;

/** For the park dashboard: riders served (counted check-ins) per station per month. */
const Month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM / month must be YYYY-MM' }));
export const StationStatsQuery = z.object({ from: Month, to: Month }).check(
  z.refine((q) => q.from <= q.to, { error: '开始月份应不晚于结束月份 / from must not be after to', path: ['to'] }),
);
export const StationMonthStats = z.object({
  months: z.array(z.string()),
  stations: z.array(z.object({ id: Id, name: z.string(), counts: z.array(z.number().check(z.int(), z.nonnegative())), total: z.number().check(z.int(), z.nonnegative()) })),
});
export type StationMonthStats = z.infer<typeof StationMonthStats>;

export const StationPhotoUploadInput = z.object({
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp'], { error: '照片只能是 JPG、PNG 或 WebP / contentType: JPEG, PNG or WebP' }),
  size: z.number({ error: '文件大小：应为字节数 / size: a number of bytes' }).check(
    z.int({ error: '文件大小：应为字节数 / size: a number of bytes' }),
    z.minimum(1, { error: '文件大小：文件是空的 / size: the file is empty' }),
    z.maximum(MAX_STATION_PHOTO_BYTES, { error: '照片不超过 5 MB / size: at most 5 MB' }),
  ),
});
export type StationPhotoUploadInput = z.infer<typeof StationPhotoUploadInput>;

export const ConfirmStationPhotoInput = z.object({ photoId: Id });
export type ConfirmStationPhotoInput = z.infer<typeof ConfirmStationPhotoInput>;
