/**
 * Parks and the people and units in them: departments, categories, enterprises, users, and the
 * lookups login needs (openid, invite code, demo users). Keys: see keys.ts.
 */
import { GetCommand, PutCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { User } from '../domain/user';
import { weekendsOnly } from '../domain/calendar';
import { getItems, isConditionFailure, putOnce, queryItems, stripKeys, type Db } from './db';
import { CLOCK_KEY, clockOffsetOf } from './devClock';
import { INDEX, gsiKeys, keys, parkPk, prefixes } from './keys';

export interface ParkRecord {
  id: string;
  name: string;
  /** Who hears about requests overdue for a day (level-2 escalation). */
  adminUserIds: string[];
  /** Which version of the seed wrote the park-level records (local demo parks only). */
  seedVersion?: number;
  /** The park's own lists for enterprises and the market (片区, 行业); empty: any. */
  zones?: string[];
  industries?: string[];
  /** Bumped by every admin change (absent: never edited). */
  version?: number;
}

import type { CategoryField, DepartmentKind, SlaSpec } from '@parklink/contract';
import type { WorkCalendar } from '../domain/calendar';

export interface DepartmentRecord {
  id: string;
  parkId: string;
  name: string;
  kind: DepartmentKind;
  /** Who hears first when the department misses a deadline (level-1 escalation). */
  headUserIds: string[];
}

export interface CategoryRecord {
  id: string;
  parkId: string;
  name: string;
  description: string;
  claimSla: SlaSpec;
  resolveSla: SlaSpec;
  departmentIds: string[];
  fields?: CategoryField[];
  /** Display order in pickers. */
  order: number;
}

export interface CalendarRecord extends WorkCalendar {
  parkId: string;
  version?: number;
  /** Which years the lists cover, for the admin page that keeps them up to date. */
  years: number[];
}

export interface EnterpriseRecord {
  id: string;
  parkId: string;
  name: string;
  creditCode: string;
  industry: string;
  zone: string;
}

export interface UserRecord extends User {
  /** One-time code a park admin hands out; binds the first WeChat login to this user. */
  inviteCode?: string;
  openid?: string;
  /** Seeded demo users can be logged into without WeChat outside prod. */
  demo?: boolean;
  /** Until when the invite code binds a WeChat account (seeded users' codes do not expire). */
  inviteExpiresAt?: string;
  /** Suspended by the park admin: every call is refused from the next one on. */
  suspended?: boolean;
  /** Erased at the person's request (PIPL, services/erasure.ts): refused like a suspension, for good. */
  erased?: boolean;
  erasedAt?: string;
  /** While an erasure is not finished: what it needs to find the person's records (removed at the end). */
  erasure?: { since: string; name: string; roles: User['roles']; departmentId?: string; enterpriseId?: string };
  version?: number;
}

/** The person behind a record, without the login bookkeeping. */
export function userOf(record: UserRecord): User {
  const { inviteCode, openid, demo, inviteExpiresAt, suspended, erased, erasedAt, erasure, version, ...user } = record;
  void [inviteCode, openid, demo, inviteExpiresAt, suspended, erased, erasedAt, erasure, version];
  return user;
}

async function get<T>(db: Db, key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key }));
  return Item ? stripKeys<T>(Item) : undefined;
}

async function queryAll<T>(db: Db, input: Omit<QueryCommandInput, 'TableName'>): Promise<T[]> {
  return (await queryItems(db, input)).map((item) => stripKeys<T>(item));
}

/** A calendar item as deadlines use it; weekends only if none was ever set. */
export function workCalendarOf(item: Record<string, unknown> | undefined): WorkCalendar {
  const record = item ? stripKeys<CalendarRecord>(item) : undefined;
  return record ? { holidays: record.holidays, workdays: record.workdays } : weekendsOnly;
}

const inPark = (db: Db, parkId: string, prefix: string) =>
  queryAll(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': parkPk(parkId), ':prefix': prefix },
  });

export const directory = {
  getPark: (db: Db, parkId: string) => get<ParkRecord>(db, keys.park(parkId)),
  getUser: (db: Db, parkId: string, userId: string) => get<UserRecord>(db, keys.user(parkId, userId)),
  getCategory: (db: Db, parkId: string, categoryId: string) => get<CategoryRecord>(db, keys.category(parkId, categoryId)),
  getEnterprise: (db: Db, parkId: string, id: string) => get<EnterpriseRecord>(db, keys.enterprise(parkId, id)),
  getDepartment: (db: Db, parkId: string, id: string) => get<DepartmentRecord>(db, keys.department(parkId, id)),
  /** The calendar record as an admin edits it (with its version), if one was ever set. */
  getCalendarRecord: (db: Db, parkId: string) => get<CalendarRecord>(db, keys.calendar(parkId)),

  /** Saves an admin's calendar only if nobody saved since `expectedVersion` (0: never saved). */
  async saveCalendar(db: Db, record: CalendarRecord & { version: number }, expectedVersion: number): Promise<boolean> {
    // putOnce: a retry after a lost answer is not mistaken for someone else's save (db.ts).
    return putOnce(db, {
      Item: directoryItems.calendar(record),
      ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk) OR attribute_not_exists(version)' : 'version = :v',
      ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
    });
  },

  /** The park's working calendar; weekends only if none was ever set. */
  async getCalendar(db: Db, parkId: string): Promise<WorkCalendar> {
    const record = await get<CalendarRecord>(db, keys.calendar(parkId));
    return record ? { holidays: record.holidays, workdays: record.workdays } : weekendsOnly;
  },

  /** Several parks' calendars in one round trip (up to 100 parks): the parks of the stations near a rider. */
  async getCalendars(db: Db, parkIds: string[]): Promise<Map<string, WorkCalendar>> {
    const items = await getItems(db, parkIds.map((id) => keys.calendar(id)));
    return new Map(parkIds.map((id, i) => [id, workCalendarOf(items[i])]));
  },

  /** A category with the calendar its deadlines are counted on, in one round trip (a new request). */
  async getCategoryWithCalendar(db: Db, parkId: string, categoryId: string): Promise<{ category: CategoryRecord | undefined; calendar: WorkCalendar }> {
    const [category, calendar] = await getItems(db, [keys.category(parkId, categoryId), keys.calendar(parkId)]);
    return { category: category && stripKeys<CategoryRecord>(category), calendar: workCalendarOf(calendar) };
  },

  /** The park and, for a liaison, their department, in one round trip (GET /v1/me). */
  async getParkAndDepartment(db: Db, parkId: string, departmentId: string | undefined): Promise<{ park: ParkRecord | undefined; department: DepartmentRecord | undefined }> {
    const [park, department] = await getItems(db, [keys.park(parkId), ...(departmentId ? [keys.department(parkId, departmentId)] : [])]);
    return { park: park && stripKeys<ParkRecord>(park), department: department && stripKeys<DepartmentRecord>(department) };
  },

  /**
   * The caller's record, read on every signed-in call (http/middleware.ts): never cached, and read
   * consistently, so a suspension holds from the very next call on any container. Outside prod the
   * dev clock's offset (devClock.ts) comes in the same round trip: one BatchGetItem, not two reads.
   */
  async getCaller(db: Db, parkId: string, userId: string, withClockOffset: boolean): Promise<{ user: UserRecord | undefined; clockOffsetMs: number }> {
    const [user, clock] = await getItems(db, [keys.user(parkId, userId), ...(withClockOffset ? [CLOCK_KEY] : [])], { consistent: true });
    return { user: user && stripKeys<UserRecord>(user), clockOffsetMs: clockOffsetOf(clock) };
  },

  async listParkIds(db: Db): Promise<string[]> {
    const parks = await queryAll<ParkRecord>(db, {
      IndexName: INDEX.gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'PARKS' },
    });
    return parks.map((p) => p.id);
  },
  /** A park's people (tens to a few thousand: one partition range, read in pages). */
  listUsers: (db: Db, parkId: string) => inPark(db, parkId, 'USER#') as Promise<UserRecord[]>,
  listDepartments: (db: Db, parkId: string) => inPark(db, parkId, prefixes.department) as Promise<DepartmentRecord[]>,
  listEnterprises: (db: Db, parkId: string) => inPark(db, parkId, prefixes.enterprise) as Promise<EnterpriseRecord[]>,
  async listCategories(db: Db, parkId: string): Promise<CategoryRecord[]> {
    const categories = (await inPark(db, parkId, prefixes.category)) as CategoryRecord[];
    return categories.sort((a, b) => a.order - b.order);
  },

  /** Writes a user item unless that user exists; true if it was written. */
  async addUserIfMissing(db: Db, item: Record<string, unknown>): Promise<boolean> {
    try {
      await db.doc.send(new PutCommand({ TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },

  /** Any user by id, across parks: only dev login needs this. */
  async findUserById(db: Db, userId: string): Promise<UserRecord | undefined> {
    const [user] = await queryAll<UserRecord>(db, {
      IndexName: INDEX.gsi2,
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk = :sk',
      ExpressionAttributeValues: { ':pk': gsiKeys.userById(userId).gsi2pk, ':sk': 'USER' },
    });
    return user;
  },

  listDemoUsers: (db: Db) =>
    queryAll<UserRecord>(db, {
      IndexName: INDEX.gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': 'DEMO#USERS' },
    }),

  async findUserByOpenid(db: Db, openid: string): Promise<UserRecord | undefined> {
    const link = await get<{ parkId: string; userId: string }>(db, keys.openid(openid));
    return link ? directory.getUser(db, link.parkId, link.userId) : undefined;
  },

  async findUserByInvite(db: Db, code: string): Promise<UserRecord | undefined> {
    const link = await get<{ parkId: string; userId: string }>(db, keys.invite(code));
    return link ? directory.getUser(db, link.parkId, link.userId) : undefined;
  },

  /**
   * Binds an openid to a user through their invite code, all or nothing: the openid must be new,
   * the user unbound, and the invite unused (it is consumed). Returns false if any of that failed.
   */
  async bindOpenid(db: Db, user: UserRecord, openid: string, inviteCode: string, now: string): Promise<boolean> {
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: db.tableName,
                Item: { ...keys.openid(openid), entity: 'OpenidLink', parkId: user.parkId, userId: user.id, boundAt: now },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: db.tableName,
                Key: keys.user(user.parkId, user.id),
                UpdateExpression: 'SET openid = :openid REMOVE inviteCode',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(openid) AND inviteCode = :code',
                ExpressionAttributeValues: { ':openid': openid, ':code': inviteCode },
              },
            },
            {
              Delete: {
                TableName: db.tableName,
                Key: keys.invite(inviteCode),
                ConditionExpression: 'userId = :userId',
                ExpressionAttributeValues: { ':userId': user.id },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  },
};

/** Items as written by the seed and, later, by the admin pages. */
export const directoryItems = {
  park: (park: ParkRecord) => ({ ...keys.park(park.id), ...gsiKeys.allParks(park.id), entity: 'Park', parkId: park.id, ...park }),
  department: (d: DepartmentRecord) => ({ ...keys.department(d.parkId, d.id), entity: 'Department', ...d }),
  category: (c: CategoryRecord) => ({ ...keys.category(c.parkId, c.id), entity: 'Category', ...c }),
  enterprise: (e: EnterpriseRecord) => ({ ...keys.enterprise(e.parkId, e.id), entity: 'Enterprise', ...e }),
  /** Keeps a credit code to one enterprise of the park (see store/admin.ts). */
  creditCodeLock: (e: EnterpriseRecord) => ({ ...keys.creditCode(e.parkId, e.creditCode), entity: 'CreditCodeLock', parkId: e.parkId, enterpriseId: e.id }),
  calendar: (c: CalendarRecord) => ({ ...keys.calendar(c.parkId), entity: 'Calendar', ...c }),
  user: (u: UserRecord) => ({
    ...keys.user(u.parkId, u.id),
    ...gsiKeys.userById(u.id),
    ...(u.demo ? gsiKeys.demoUser(u.parkId, u.id) : {}),
    entity: 'User',
    ...u,
  }),
  invite: (u: UserRecord & { inviteCode: string }) => ({
    ...keys.invite(u.inviteCode),
    entity: 'Invite',
    parkId: u.parkId,
    userId: u.id,
  }),
};
