import type {
  CheckInResult,
  CheckInStats,
  CreateStationInput,
  DistrictList,
  ManagedStation,
  ManagedStationList,
  NearbyStations,
  ReportInput,
  ReportReceipt,
  StationDetail,
  StationDistrict,
  StationHost,
  StationHostList,
  StationMonthStats,
  StationReport,
  StationReportList,
  StationSummary,
  UpdateStationInput,
  UploadTicket,
} from '@parklink/contract';
import type { PickedFile } from '../lib/files';
import { nearbyQuery, type NearbySearch } from '../lib/nearbySearch';
import { ApiError, call } from './http';
import { putUpload } from './upload';

export type { NearbySearch } from '../lib/nearbySearch';

/** Care stations for riders: public routes, no token. */
export const stationsApi = {
  async nearby(search: NearbySearch): Promise<StationSummary[]> {
    const res = await call<NearbyStations>('nearbyStations', { query: nearbyQuery(search) });
    return res.items;
  },
  get(id: string): Promise<StationDetail> {
    return call<StationDetail>('getStation', { params: { id } });
  },
  /** `counted` is false when this device already checked in here within the hour. */
  checkIn(id: string, deviceId: string): Promise<CheckInResult> {
    return call<CheckInResult>('checkIn', { params: { id }, body: { deviceId } });
  },
  report(id: string, input: ReportInput): Promise<ReportReceipt> {
    return call<ReportReceipt>('reportStation', { params: { id }, body: input });
  },
  async districts(q?: string): Promise<StationDistrict[]> {
    const res = await call<DistrictList>('stationDistricts', { query: q ? { q } : {} });
    return res.items;
  },
};

/** Stations as their hosts (驿站管理员) and the park admin keep them. */
export const managedStationsApi = {
  async list(): Promise<ManagedStation[]> {
    return (await call<ManagedStationList>('listManagedStations')).items;
  },
  create(input: CreateStationInput): Promise<ManagedStation> {
    return call<ManagedStation>('createStation', { body: input });
  },
  get(id: string): Promise<ManagedStation> {
    return call<ManagedStation>('getManagedStation', { params: { id } });
  },
  /** A change made on the version read; a stale one answers 409 CONFLICT. */
  update(id: string, input: UpdateStationInput): Promise<ManagedStation> {
    return call<ManagedStation>('updateStation', { params: { id }, body: input });
  },
  checkIns(id: string, days = 30): Promise<CheckInStats> {
    return call<CheckInStats>('stationCheckIns', { params: { id }, query: { days: String(days) } });
  },
  async reports(id: string, status: 'open' | 'all' = 'open'): Promise<StationReport[]> {
    return (await call<StationReportList>('stationReports', { params: { id }, query: { status } })).items;
  },
  resolveReport(id: string, reportId: string, resolution: string): Promise<StationReport> {
    return call<StationReport>('resolveStationReport', { params: { id, reportId }, body: { resolution } });
  },
  /** Ticket → PUT the bytes with exactly the signed headers → confirm. Resolves with the station. */
  async addPhoto(id: string, file: PickedFile): Promise<ManagedStation> {
    const contentType = file.contentType;
    if (contentType !== 'image/jpeg' && contentType !== 'image/png' && contentType !== 'image/webp') {
      throw new ApiError(400, 'VALIDATION_FAILED', `${file.name}：照片只能是 JPG、PNG 或 WebP`);
    }
    const ticket = await call<UploadTicket>('createStationPhotoUpload', { params: { id }, body: { contentType, size: file.size } });
    await putUpload(ticket, file);
    return call<ManagedStation>('confirmStationPhoto', { params: { id }, body: { photoId: ticket.attachmentId } });
  },
  deletePhoto(id: string, photoId: string): Promise<ManagedStation> {
    return call<ManagedStation>('deleteStationPhoto', { params: { id, photoId } });
  },
  /** Park admin: who can be made a host. */
  async hosts(): Promise<StationHost[]> {
    return (await call<StationHostList>('stationHosts')).items;
  },
  /** Park admin: riders served (counted check-ins) per station per month, `YYYY-MM`. */
  stats(from: string, to: string): Promise<StationMonthStats> {
    return call<StationMonthStats>('stationStats', { query: { from, to } });
  },
};
