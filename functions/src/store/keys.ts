/**
 * The key design of the single table `parklink-<stage>` — every access pattern beside the key that
 * serves it. A pattern that is not listed here would be a Scan: add a key instead.
 *
 * Table: pk / sk. Overloaded, sparse GSIs: gsi1 (gsi1pk/gsi1sk), gsi2, gsi3, gsi5 projecting ALL;
 * gsi4 projecting keys only (the sweep re-reads each request consistently anyway).
 * The definition itself is `table.json`, shared by serverless.yml and the local stack.
 *
 * | access pattern                                   | index | partition key                   | sort key                    |
 * |--------------------------------------------------|-------|---------------------------------|-----------------------------|
 * | park profile                                     | table | PARK#<park>                     | PARK                        |
 * | a park's departments / categories / enterprises  | table | PARK#<park>                     | DEPT# / CAT# / ENT# prefix  |
 * | a park's working calendar (holidays, 调休)        | table | PARK#<park>                     | CALENDAR                    |
 * | a user of a park (auth on every request)         | table | PARK#<park>                     | USER#<user>                 |
 * | a user by id, without knowing the park (dev login)| gsi2 | USER#<user>                     | USER                        |
 * | the seeded demo users (dev login picker)         | gsi1  | DEMO#USERS                      | <park>#<user>               |
 * | a WeChat openid's user (login)                   | table | WX#<openid>                     | WX                          |
 * | an invite code's user (first WeChat login)       | table | INVITE#<code>                   | INVITE                      |
 * | a request with its timeline                      | table | PARK#<park>                     | REQ#<ulid>                  |
 * | a category's pool of new requests, by time left  | gsi1  | PARK#<park>#POOL#CAT#<category> | <claim deadline>#<ulid>     |
 * | a department's pool of transferred requests      | gsi1  | PARK#<park>#POOL#DEPT#<dept>    | <claim deadline>#<ulid>     |
 * | an enterprise's requests, newest first           | gsi2  | PARK#<park>#ENT#<enterprise>    | REQ#<ulid>                  |
 * | a liaison's open requests, least time left first | gsi3  | PARK#<park>#ASSIGNEE#<user>     | OPEN#<deadline>#<ulid>      |
 * | a liaison's closed requests, newest first        | gsi3  | PARK#<park>#ASSIGNEE#<user>     | DONE#<updatedAt>#<ulid>     |
 * | a department's open assigned requests, by time left (overdue: sk < now) | gsi5 | PARK#<park>#DEPT#<dept>#ASSIGNED | <deadline>#<ulid> |
 * | a create already done under an idempotency key   | table | PARK#<park>                     | IDEM#<user>#<key>           |
 * | every park (the overdue sweep walks them)        | gsi1  | PARKS                           | <park>                      |
 * | a park's requests with an escalation coming, by when | gsi4 | PARK#<park>#DUE               | <next escalation at>#<ulid> |
 * | a care station (its park's record)               | table | PARK#<park>                     | STATION#<id>                |
 * | a care station by id, without the park (public)  | gsi2  | STATION#<id>                    | STATION                     |
 * | stations near a point, cells of precision 4–6    | gsi1  | GEO4#<geohash4>                 | <geohash9>#<id> (prefix = finer cell) |
 * | stations near a point, cells of precision 2–3    | gsi3  | GEO2#<geohash2>                 | <geohash9>#<id> (prefix = finer cell) |
 * | districts with stations (riders without location)| table | DISTRICTS                       | <district name>             |
 * | a device's last counted check-in at a station    | table | CHECKIN#<station>#<device hash> | LAST                        |
 * | a station's check-ins per day, a range of days   | table | PARK#<park>                     | CHECKINS#<station>#<date>   |
 * | a park's check-ins per station in a month range  | table | PARK#<park>                     | CHECKINMONTH#<month>#<station> |
 * | a station's reports, newest last                 | table | PARK#<park>                     | SREPORT#<station>#<ulid>    |
 * | a park's open station reports, by station        | gsi3  | PARK#<park>#OPEN_REPORTS        | <station>#<ulid>            |
 * | public calls from one address/device in a window | table | RATE#<rule>#<caller>            | <window start>              |
 * | a need / a resource / a match of a park          | table | PARK#<park>                     | NEED# / RES# / MATCH#<ulid> |
 * | a park's needs or resources, newest first        | gsi1  | PARK#<park>#NEEDS / #RESOURCES  | <ulid>                      |
 * | an owner's needs or resources (my posts)         | gsi2  | PARK#<park>#OWNER#<kind>#<id>   | NEED#<ulid> / RES#<ulid>    |
 * | open posts by expiry (the sweep closes them)     | gsi4  | PARK#<park>#EXPIRY              | <expiresAt>#<NEED|RES>#<ulid> |
 * | the one active match of a need–resource pair     | table | PARK#<park>                     | MATCHPAIR#<need>#<resource> |
 * | a need's matches / a resource's matches           | gsi1 / gsi2 | PARK#<park>#NEEDMATCHES#<need> / #RESMATCHES#<res> | <ulid> |
 * | the matches of an owner on the need / resource side | gsi3 / gsi5 | PARK#<park>#SIDE#<kind>#<id> | <ulid>                   |
 * | a park's co-building cases, newest first         | table | PARK#<park>                     | CASE#<ulid>                 |
 * | an enterprise by its credit code (unique per park) | table | PARK#<park>                   | CREDIT#<code>               |
 * | a park's audit events, newest first              | table | PARK#<park>                     | AUDIT#<ulid>                |
 * | a park's ledger exports (台账), newest first       | table | PARK#<park>                     | LEDGER#<ulid>               |
 * | a user's inbox, newest first                     | table | INBOX#<user>                    | N#<ulid>                    |
 * | a user's read mark (read-all: up to it is read)  | table | INBOX#<user>                    | N~READ                      |
 * | inbox messages still to push to WeChat (outbox)  | gsi4  | PUSH#PENDING                    | <at>#<ulid>                 |
 * | a user's unread messages (count)                 | gsi3  | INBOX#<user>#UNREAD             | <ulid>                      |
 * | erasures (PIPL) not finished yet (the sweep resumes them) | gsi4 | ERASURE#PENDING        | <since>#<park>#<user>       |
 *
 * Every item also carries `parkId` and `entity` attributes, so any item tells whose it is and what it is.
 */

import { encodeTime } from 'ulid';

export const INDEX = { gsi1: 'gsi1', gsi2: 'gsi2', gsi3: 'gsi3', gsi4: 'gsi4', gsi5: 'gsi5' } as const;

export const parkPk = (parkId: string) => `PARK#${parkId}`;

export const keys = {
  park: (parkId: string) => ({ pk: parkPk(parkId), sk: 'PARK' }),
  department: (parkId: string, departmentId: string) => ({ pk: parkPk(parkId), sk: `DEPT#${departmentId}` }),
  category: (parkId: string, categoryId: string) => ({ pk: parkPk(parkId), sk: `CAT#${categoryId}` }),
  calendar: (parkId: string) => ({ pk: parkPk(parkId), sk: 'CALENDAR' }),
  station: (parkId: string, stationId: string) => ({ pk: parkPk(parkId), sk: `STATION#${stationId}` }),
  enterprise: (parkId: string, enterpriseId: string) => ({ pk: parkPk(parkId), sk: `ENT#${enterpriseId}` }),
  user: (parkId: string, userId: string) => ({ pk: parkPk(parkId), sk: `USER#${userId}` }),
  openid: (openid: string) => ({ pk: `WX#${openid}`, sk: 'WX' }),
  invite: (code: string) => ({ pk: `INVITE#${code}`, sk: 'INVITE' }),
  request: (parkId: string, requestId: string) => ({ pk: parkPk(parkId), sk: `REQ#${requestId}` }),
  idempotency: (parkId: string, userId: string, key: string) => ({ pk: parkPk(parkId), sk: `IDEM#${userId}#${key}` }),
  notification: (userId: string, notificationId: string) => ({ pk: `INBOX#${userId}`, sk: `N#${notificationId}` }),
  district: (name: string) => ({ pk: 'DISTRICTS', sk: name }),
  checkInLock: (stationId: string, deviceHash: string) => ({ pk: `CHECKIN#${stationId}#${deviceHash}`, sk: 'LAST' }),
  checkInDay: (parkId: string, stationId: string, date: string) => ({ pk: parkPk(parkId), sk: `CHECKINS#${stationId}#${date}` }),
  checkInMonth: (parkId: string, month: string, stationId: string) => ({ pk: parkPk(parkId), sk: `CHECKINMONTH#${month}#${stationId}` }),
  stationReport: (parkId: string, stationId: string, reportId: string) => ({ pk: parkPk(parkId), sk: `SREPORT#${stationId}#${reportId}` }),
  need: (parkId: string, id: string) => ({ pk: parkPk(parkId), sk: `NEED#${id}` }),
  resource: (parkId: string, id: string) => ({ pk: parkPk(parkId), sk: `RES#${id}` }),
  match: (parkId: string, id: string) => ({ pk: parkPk(parkId), sk: `MATCH#${id}` }),
  matchPair: (parkId: string, needId: string, resourceId: string) => ({ pk: parkPk(parkId), sk: `MATCHPAIR#${needId}#${resourceId}` }),
  case: (parkId: string, id: string) => ({ pk: parkPk(parkId), sk: `CASE#${id}` }),
  ledgerExport: (parkId: string, id: string) => ({ pk: parkPk(parkId), sk: `LEDGER#${id}` }),
  creditCode: (parkId: string, code: string) => ({ pk: parkPk(parkId), sk: `CREDIT#${code}` }),
  audit: (parkId: string, id: string) => ({ pk: parkPk(parkId), sk: `AUDIT#${id}` }),
  rateWindow: (rule: string, caller: string, windowStart: number) => ({ pk: `RATE#${rule}#${caller}`, sk: String(windowStart) }),
};

export const prefixes = { department: 'DEPT#', category: 'CAT#', enterprise: 'ENT#' } as const;

/**
 * Whether a key attribute that came back from a client (inside a cursor) is one DynamoDB takes: a
 * string of 1 to 1024 bytes (the sort key's limit). An empty or overlong one in an
 * ExclusiveStartKey is a ValidationException — a 500 — instead of the 400 a bad cursor earns.
 */
export const isKeyValue = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && Buffer.byteLength(value, 'utf8') <= 1024;

/** GSI attributes, by the pattern they serve. */
export const gsiKeys = {
  userById: (userId: string) => ({ gsi2pk: `USER#${userId}`, gsi2sk: 'USER' }),
  demoUser: (parkId: string, userId: string) => ({ gsi1pk: 'DEMO#USERS', gsi1sk: `${parkId}#${userId}` }),
  categoryPool: (parkId: string, categoryId: string, deadlineAt: string, requestId: string) => ({
    gsi1pk: `${parkPk(parkId)}#POOL#CAT#${categoryId}`,
    gsi1sk: `${deadlineAt}#${requestId}`,
  }),
  stationById: (stationId: string) => ({ gsi2pk: `STATION#${stationId}`, gsi2sk: 'STATION' }),
  /** A station's place in both proximity indexes, from its 9-character geohash. */
  stationCells: (geohash9: string, stationId: string) => ({
    gsi1pk: `GEO4#${geohash9.slice(0, 4)}`,
    gsi1sk: `${geohash9}#${stationId}`,
    gsi3pk: `GEO2#${geohash9.slice(0, 2)}`,
    gsi3sk: `${geohash9}#${stationId}`,
  }),
  openReport: (parkId: string, stationId: string, reportId: string) => ({ gsi3pk: `${parkPk(parkId)}#OPEN_REPORTS`, gsi3sk: `${stationId}#${reportId}` }),
  parkPosts: (parkId: string, type: 'NEEDS' | 'RESOURCES', id: string) => ({ gsi1pk: `${parkPk(parkId)}#${type}`, gsi1sk: id }),
  ownerPosts: (parkId: string, owner: { kind: string; id: string }, sk: string) => ({ gsi2pk: `${parkPk(parkId)}#OWNER#${owner.kind}#${owner.id}`, gsi2sk: sk }),
  postExpiry: (parkId: string, expiresAt: string, sk: string) => ({ gsi4pk: `${parkPk(parkId)}#EXPIRY`, gsi4sk: `${expiresAt}#${sk}` }),
  needMatches: (parkId: string, needId: string, matchId: string) => ({ gsi1pk: `${parkPk(parkId)}#NEEDMATCHES#${needId}`, gsi1sk: matchId }),
  resourceMatches: (parkId: string, resourceId: string, matchId: string) => ({ gsi2pk: `${parkPk(parkId)}#RESMATCHES#${resourceId}`, gsi2sk: matchId }),
  needSide: (parkId: string, owner: { kind: string; id: string }, matchId: string) => ({ gsi3pk: `${parkPk(parkId)}#SIDE#${owner.kind}#${owner.id}`, gsi3sk: matchId }),
  resourceSide: (parkId: string, owner: { kind: string; id: string }, matchId: string) => ({ gsi5pk: `${parkPk(parkId)}#SIDE#${owner.kind}#${owner.id}`, gsi5sk: matchId }),
  allParks: (parkId: string) => ({ gsi1pk: 'PARKS', gsi1sk: parkId }),
  due: (parkId: string, at: string, requestId: string) => ({ gsi4pk: `${parkPk(parkId)}#DUE`, gsi4sk: `${at}#${requestId}` }),
  pushPending: (at: string, notificationId: string) => ({ gsi4pk: 'PUSH#PENDING', gsi4sk: `${at}#${notificationId}` }),
  unread: (userId: string, notificationId: string) => ({ gsi3pk: `INBOX#${userId}#UNREAD`, gsi3sk: notificationId }),
  /** On a user record while its erasure (services/erasure.ts) is not finished. */
  pendingErasure: (since: string, parkId: string, userId: string) => ({ gsi4pk: 'ERASURE#PENDING', gsi4sk: `${since}#${parkId}#${userId}` }),
  departmentPool: (parkId: string, departmentId: string, deadlineAt: string, requestId: string) => ({
    gsi1pk: `${parkPk(parkId)}#POOL#DEPT#${departmentId}`,
    gsi1sk: `${deadlineAt}#${requestId}`,
  }),
  enterpriseRequests: (parkId: string, enterpriseId: string, requestId: string) => ({
    gsi2pk: `${parkPk(parkId)}#ENT#${enterpriseId}`,
    gsi2sk: `REQ#${requestId}`,
  }),
  /** Open ones sort by deadline (time left), closed ones by when they closed. */
  assigneeRequests: (parkId: string, userId: string, open: boolean, sortAt: string, requestId: string) => ({
    gsi3pk: `${parkPk(parkId)}#ASSIGNEE#${userId}`,
    gsi3sk: `${open ? 'OPEN' : 'DONE'}#${sortAt}#${requestId}`,
  }),
  departmentAssigned: (parkId: string, departmentId: string, deadlineAt: string, requestId: string) => ({
    gsi5pk: `${parkPk(parkId)}#DEPT#${departmentId}#ASSIGNED`,
    gsi5sk: `${deadlineAt}#${requestId}`,
  }),
};

/**
 * The ULIDs made in [start, end] (ms) lie between these two (a ULID's first 10 characters are its
 * time): a range of ids is a range of creation times.
 */
export function idRange(start: number, end: number): [string, string] {
  return [encodeTime(Math.max(0, start), 10) + '0'.repeat(16), encodeTime(Math.max(0, end), 10) + 'Z'.repeat(16)];
}
