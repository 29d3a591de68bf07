import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { isValidCreditCode } from '../domain/creditCode';
import type { ResourceRecord } from '../domain/market/posts';
import type { Station } from '../domain/stations';
import { marketStore } from '../store/market';
import type { Db } from '../store/db';
import { stationStore } from '../store/stations';
import {
  directory,
  directoryItems,
  type CalendarRecord,
  type CategoryRecord,
  type DepartmentRecord,
  type EnterpriseRecord,
  type ParkRecord,
  type UserRecord,
} from '../store/directory';

export interface ParkSeed {
  park: ParkRecord;
  departments: DepartmentRecord[];
  categories: CategoryRecord[];
  enterprises: EnterpriseRecord[];
  users: UserRecord[];
  calendar: CalendarRecord;
  stations: Station[];
  /** Resources the park's members keep listed in the market. */
  resources: ResourceRecord[];
}

/** Bumped when the seed's park-level records change shape; older local parks get them rewritten. */
export const SEED_VERSION = 6;

/**
 * Rewrites the park-level records (park, departments, categories, calendar) of a park seeded by an
 * older version, and its demo stations. Users, invites and everything people entered are left as they are.
 */
export async function refreshParkSeed(db: Db, seed: ParkSeed): Promise<number> {
  const items = [
    directoryItems.park({ ...seed.park, seedVersion: SEED_VERSION }),
    directoryItems.calendar(seed.calendar),
    ...seed.departments.map(directoryItems.department),
    ...seed.categories.map(directoryItems.category),
    ...seed.enterprises.map(directoryItems.creditCodeLock),
  ];
  await putAll(db, items);
  // People added to the seed since (e.g. station hosts) join; existing ones are left as they are.
  const users = await Promise.all(seed.users.map((u) => directory.addUserIfMissing(db, directoryItems.user(u))));
  for (const station of seed.stations) await stationStore.adoptSeed(db, station);
  // Created only where missing: a re-run of the seed leaves what people changed.
  for (const resource of seed.resources) await marketStore.createPost(db, 'resource', resource);
  return items.length + users.filter(Boolean).length + seed.stations.length;
}

/** Writes a park's directory. Refuses a seed that breaks its own references rather than writing half of it. */
export async function writeParkSeed(db: Db, seed: ParkSeed): Promise<number> {
  checkSeed(seed);
  const items = [
    directoryItems.park({ ...seed.park, seedVersion: SEED_VERSION }),
    directoryItems.calendar(seed.calendar),
    ...seed.departments.map(directoryItems.department),
    ...seed.categories.map(directoryItems.category),
    ...seed.enterprises.map(directoryItems.enterprise),
    ...seed.enterprises.map(directoryItems.creditCodeLock),
    ...seed.users.map(directoryItems.user),
    ...seed.users.flatMap((u) => (u.inviteCode ? [directoryItems.invite({ ...u, inviteCode: u.inviteCode })] : [])),
  ];
  await putAll(db, items);
  // Stations one by one: each with its district's count, once, however often the seed runs.
  for (const station of seed.stations) await stationStore.adoptSeed(db, station);
  for (const resource of seed.resources) await marketStore.createPost(db, 'resource', resource);
  return items.length + seed.stations.length + seed.resources.length;
}

async function putAll(db: Db, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending?.length) {
      const { UnprocessedItems } = await db.doc.send(
        new BatchWriteCommand({ RequestItems: { [db.tableName]: pending as never } }),
      );
      pending = UnprocessedItems?.[db.tableName] as Record<string, unknown>[] | undefined;
    }
  }
}

function checkSeed(seed: ParkSeed) {
  const departmentIds = new Set(seed.departments.map((d) => d.id));
  const enterpriseIds = new Set(seed.enterprises.map((e) => e.id));
  for (const c of seed.categories) {
    for (const id of c.departmentIds) if (!departmentIds.has(id)) throw new Error(`category ${c.id}: unknown department ${id}`);
  }
  for (const e of seed.enterprises) {
    if (!isValidCreditCode(e.creditCode)) throw new Error(`enterprise ${e.id}: invalid credit code ${e.creditCode}`);
  }
  for (const u of seed.users) {
    if (u.departmentId && !departmentIds.has(u.departmentId)) throw new Error(`user ${u.id}: unknown department`);
    if (u.enterpriseId && !enterpriseIds.has(u.enterpriseId)) throw new Error(`user ${u.id}: unknown enterprise`);
  }
}
