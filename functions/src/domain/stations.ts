/**
 * A care station as a rider sees it from where they stand: distance, minutes on foot and by
 * e-bike, open now or why not, and today's hours.
 */
import type { Amenity, StationSummary } from '@parklink/contract';
import { distanceMetres, type Point } from './geo';
import { hoursToday, openState, type Schedule } from './openingHours';

export interface StationPhotoRecord {
  id: string;
  contentType: 'image/jpeg' | 'image/png' | 'image/webp';
  size: number;
  at: string;
}

export interface Station {
  id: string;
  parkId: string;
  name: string;
  address: string;
  district: string;
  location: Point;
  amenities: Amenity[];
  schedule: Schedule;
  /** A short note from the host shown to riders (e.g. 饮水机维修中). */
  notice?: string;
  /** Bumped by every change; a change names the version it was made on. */
  version: number;
  /** The park's users (role station_host) who keep this station true. */
  hostIds: string[];
  /** The host's number: for the park, never shown to riders. */
  contactPhone?: string;
  photos: StationPhotoRecord[];
  updatedAt: string;
}

/** Metres a minute: walking 80 (4.8 km/h), an e-bike in town 250 (15 km/h). */
const WALK = 80;
const RIDE = 250;

export function summarise(station: Station, from: Point, at: string, holidays: string[]): StationSummary {
  const distance = Math.round(distanceMetres(from, station.location));
  const state = openState(station.schedule, holidays, at);
  return {
    id: station.id,
    name: station.name,
    address: station.address,
    district: station.district,
    location: station.location,
    amenities: station.amenities,
    openNow: state.open,
    ...(state.open ? { closesAt: state.closesAt } : { closedReason: state.reason }),
    hoursToday: hoursToday(station.schedule, holidays, at),
    distanceMetres: distance,
    walkMinutes: Math.ceil(distance / WALK),
    rideMinutes: Math.ceil(distance / RIDE),
  };
}

export const hasAmenities = (station: Station, wanted: Amenity[]) => wanted.every((a) => station.amenities.includes(a));

/** Closures a rider should know of: under way or still to come (past ones are history). */
export const upcomingClosures = (schedule: Schedule, at: string) => schedule.closures.filter((c) => Date.parse(c.to) > Date.parse(at));
