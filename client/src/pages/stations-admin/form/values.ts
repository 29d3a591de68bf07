import {
  CreateStationInput,
  UpdateStationInput,
  type Amenity,
  type ManagedStation,
} from '@parklink/contract';
import { zh } from '../../../api';

export interface Interval {
  open: string;
  close: string;
}

export interface ClosureValue {
  from: string;
  to: string;
  reason?: string;
}

/** What the station form edits; numbers stay text until sent. */
export interface StationFormValues {
  name: string;
  address: string;
  district: string;
  lat: string;
  lng: string;
  hostIds: string[];
  /** Sunday first, like the API. */
  weekly: Interval[][];
  closedOnHolidays: boolean;
  amenities: Amenity[];
  notice: string;
  contactPhone: string;
  closures: ClosureValue[];
}

/** Field path (`weekly.1.0.close`, `location.lat`, `name`) → Chinese message. */
export type FormErrors = Record<string, string>;

export function fromStation(s: ManagedStation): StationFormValues {
  return {
    name: s.name,
    address: s.address,
    district: s.district,
    lat: String(s.location.lat),
    lng: String(s.location.lng),
    hostIds: s.hosts.map((h) => h.id),
    weekly: s.weekly.map((day) => day.map((i) => ({ ...i }))),
    closedOnHolidays: s.closedOnHolidays,
    amenities: [...s.amenities],
    notice: s.notice ?? '',
    contactPhone: s.contactPhone ?? '',
    closures: s.closures.map((c) => ({ ...c })),
  };
}

/** A new station: every day 08:00–20:00, nothing else filled in. */
export function blankStation(): StationFormValues {
  return {
    name: '',
    address: '',
    district: '',
    lat: '',
    lng: '',
    hostIds: [],
    weekly: Array.from({ length: 7 }, () => [{ open: '08:00', close: '20:00' }]),
    closedOnHolidays: false,
    amenities: ['water', 'seats'],
    notice: '',
    contactPhone: '',
    closures: [],
  };
}

function issuesToErrors(issues: { path: PropertyKey[]; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || 'form';
    if (!errors[key]) errors[key] = zh(issue.message);
  }
  return errors;
}

function location(v: StationFormValues): { value?: { lat: number; lng: number }; errors: FormErrors } {
  const lat = Number(v.lat.trim());
  const lng = Number(v.lng.trim());
  const errors: FormErrors = {};
  if (!v.lat.trim() || !Number.isFinite(lat)) errors['location.lat'] = '请输入纬度（GCJ-02，如 41.2945）';
  if (!v.lng.trim() || !Number.isFinite(lng)) errors['location.lng'] = '请输入经度（GCJ-02，如 123.7662）';
  return Object.keys(errors).length ? { errors } : { value: { lat, lng }, errors };
}

const trimmed = (text: string) => text.trim();

/**
 * The change to send, checked with the contract's own schema. Hosts send only what they may
 * change (the API refuses name, address, district, location and hosts from them with 403).
 */
export function toUpdate(v: StationFormValues, version: number, admin: boolean): { input?: UpdateStationInput; errors: FormErrors } {
  const body: Record<string, unknown> = {
    version,
    amenities: v.amenities,
    weekly: v.weekly,
    closedOnHolidays: v.closedOnHolidays,
    closures: v.closures.map((c) => ({ from: c.from, to: c.to, ...(c.reason?.trim() ? { reason: c.reason.trim() } : {}) })),
    contactPhone: trimmed(v.contactPhone),
    notice: trimmed(v.notice),
  };
  let errors: FormErrors = {};
  if (admin) {
    const loc = location(v);
    errors = loc.errors;
    Object.assign(body, { name: trimmed(v.name), address: trimmed(v.address), district: trimmed(v.district), location: loc.value, hostIds: v.hostIds });
  }
  const parsed = UpdateStationInput.safeParse(body);
  if (!parsed.success) errors = { ...issuesToErrors(parsed.error.issues), ...errors };
  if (Object.keys(errors).length || !parsed.success) return { errors };
  return { input: parsed.data, errors };
}

export function toCreate(v: StationFormValues): { input?: CreateStationInput; errors: FormErrors } {
  const loc = location(v);
  const phone = trimmed(v.contactPhone);
  const notice = trimmed(v.notice);
  const parsed = CreateStationInput.safeParse({
    name: trimmed(v.name),
    address: trimmed(v.address),
    district: trimmed(v.district),
    location: loc.value,
    amenities: v.amenities,
    weekly: v.weekly,
    closedOnHolidays: v.closedOnHolidays,
    hostIds: v.hostIds,
    ...(phone ? { contactPhone: phone } : {}),
    ...(notice ? { notice } : {}),
  });
  const errors = { ...(parsed.success ? {} : issuesToErrors(parsed.error.issues)), ...loc.errors };
  if (!parsed.success || Object.keys(errors).length) return { errors };
  return { input: parsed.data, errors };
}
