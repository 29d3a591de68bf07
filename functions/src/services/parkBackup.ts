/**
 * One park's data out of the table and back in, exactly (scripts/exportPark.ts, scripts/importPark.ts).
 *
 * The file is JSON Lines: a header, one line per item in DynamoDB's own JSON (`{"Item":{"pk":{"S":…},…}}`,
 * the form of DynamoDB's export to S3: numbers as their decimal strings, binary as base64, sets and
 * nested maps as they are — nothing passes through JavaScript numbers), and a trailer with the count and
 * the SHA-256 of every line before it (each with its "\n"):
 *
 *   {"format":"parklink-park-backup","version":1,"parkId":"park-demo","table":"parklink-dev","exportedAt":"…"}
 *   {"Item":{…}}
 *   {"end":"parklink-park-backup","items":1234,"sha256":"…"}
 *
 * Which items are a park's (keys.ts), and how they are found — by key, never by a Scan (a Scan reads the
 * whole table, every park's, to find one park's items):
 *
 * | item                                                         | key                             | in the file | found by |
 * |--------------------------------------------------------------|---------------------------------|-------------|----------|
 * | profile, calendar, departments, categories, enterprises, credit-code locks, users, requests, idempotency keys, stations, check-in counts, station reports, needs, resources, matches, match-pair locks, cases, audit events, ledger exports | PARK#<park> / … | yes | one Query of the park's partition (its GSI entries — pools, lists, geohash cells, PARKS, DEMO#USERS, USER#/STATION# by id — are attributes of these items and come with them) |
 * | inbox messages (and their unread / push-outbox index entries), the read mark | INBOX#<user> / N#<ulid>, N~READ | yes | a Query per user of the park, filtered on parkId |
 * | WeChat openid links                                          | WX#<openid> / WX                | yes | a BatchGet of the users' `openid` |
 * | unused invitations                                           | INVITE#<code> / INVITE          | yes | a BatchGet of the users' `inviteCode` |
 * | a device's last check-in at a station (hourly lock)          | CHECKIN#<station>#<device> / LAST | no        | carries the park's id but is reachable only by a Scan, and lives two hours (TTL): after a restore a device may check in once more straight away |
 * | districts with stations (count and coordinate sums)          | DISTRICTS / <name>              | no          | shared: one district's sums add up every park's stations in it. The import recomputes the districts it touches from all parks' stations |
 * | rate-limit windows of public routes                          | RATE#<rule>#<caller> / <window> | no          | by caller address, no park (and no parkId); gone in minutes (TTL) |
 * | the dev clock                                                | DEV#CLOCK / CLOCK               | no          | the stack's test hook, parkId '-' |
 *
 * Files in the attachments bucket (attachments, station photos, case evidence, ledgers) are not in the
 * table and not in the file: the items name their object keys.
 *
 * The import checks the whole file (header, every line, count, checksum, every item the park's) before it
 * writes anything, refuses keys another park holds (an openid, invitation, user or station id) and a park
 * that has data unless `replace`, which first deletes the park's items the file does not have. Then it writes in BatchWrites of
 * 25 (retrying unprocessed items) — not one transaction: an import cut off half-way is redone with
 * `replace`. Reads are not one snapshot: export a park nobody is using, or a point-in-time restore.
 */
import { createHash } from 'node:crypto';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  GetItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type BatchGetItemCommandOutput,
  type BatchWriteItemCommandOutput,
  type QueryCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { Id } from '@parklink/contract';
import type { Db } from '../store/db';
import { INDEX, gsiKeys, keys, parkPk } from '../store/keys';

export const BACKUP_FORMAT = 'parklink-park-backup';
export const BACKUP_VERSION = 1;

/** An item as DynamoDB's low-level API has it: every attribute with its type. */
export type RawItem = Record<string, AttributeValue>;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  parkId: string;
  table: string;
  exportedAt: string;
}

export interface BackupTrailer {
  end: typeof BACKUP_FORMAT;
  items: number;
  sha256: string;
}

export interface ExportSummary {
  parkId: string;
  items: number;
  sha256: string;
  /** Items per `entity` attribute. */
  entities: Record<string, number>;
}

export interface ImportSummary {
  parkId: string;
  exportedAt: string;
  items: number;
  /** Items of the park that the file does not have, deleted first (replace). */
  deleted: number;
  /** Districts whose station counts and sums were rewritten. */
  districts: string[];
}

/** A file or an existing park the backup refuses; nothing was written. */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Lines of a file: an array, or something that opens the file afresh each call (it is read twice). */
export type LineSource = readonly string[] | (() => AsyncIterable<string> | Iterable<string>);

// ---------------------------------------------------------------------------------------------------
// Export

/** Writes every item of `parkId` to `write`, one line each, between the header and the trailer. */
export async function exportPark(
  db: Db,
  parkId: string,
  write: (line: string) => void | Promise<void>,
  options: { now?: Date } = {},
): Promise<ExportSummary> {
  if (!Id.safeParse(parkId).success) throw new BackupError(`park id "${parkId}": letters, digits, - and _ only`);
  const profile = await db.doc.send(new GetItemCommand({ TableName: db.tableName, Key: rawKey(keys.park(parkId)), ConsistentRead: true }));
  if (!profile.Item) throw new BackupError(`no park ${parkId} in table ${db.tableName}`);

  const hash = createHash('sha256');
  const emit = async (line: string) => {
    hash.update(`${line}\n`);
    await write(line);
  };
  const header: BackupHeader = { format: BACKUP_FORMAT, version: BACKUP_VERSION, parkId, table: db.tableName, exportedAt: (options.now ?? new Date()).toISOString() };
  await emit(JSON.stringify(header));
  const entities: Record<string, number> = {};
  let items = 0;
  for await (const item of parkItems(db, parkId)) {
    await emit(JSON.stringify({ Item: encodeItem(item) }));
    items++;
    const entity = item.entity?.S ?? '(none)';
    entities[entity] = (entities[entity] ?? 0) + 1;
  }
  const sha256 = hash.digest('hex');
  const trailer: BackupTrailer = { end: BACKUP_FORMAT, items, sha256 };
  await write(JSON.stringify(trailer));
  return { parkId, items, sha256, entities };
}

/**
 * Every item of the park (see the table above): its partition, then its users' inboxes, then their
 * openid links and invitations. Memory holds one page and the park's user ids.
 */
export async function* parkItems(db: Db, parkId: string): AsyncGenerator<RawItem> {
  const users: { id: string; openid?: string; inviteCode?: string }[] = [];
  for await (const item of query(db, {
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': { S: parkPk(parkId) } },
    ConsistentRead: true,
  })) {
    const sk = item.sk?.S ?? '';
    if (sk.startsWith('USER#')) users.push({ id: sk.slice('USER#'.length), ...(item.openid?.S ? { openid: item.openid.S } : {}), ...(item.inviteCode?.S ? { inviteCode: item.inviteCode.S } : {}) });
    yield item;
  }
  for (const user of users) {
    yield* query(db, {
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'parkId = :park',
      ExpressionAttributeValues: { ':pk': { S: keys.notification(user.id, '').pk }, ':park': { S: parkId } },
      ConsistentRead: true,
    });
  }
  const links = users.flatMap((u) => [
    ...(u.openid ? [{ key: keys.openid(u.openid), userId: u.id }] : []),
    ...(u.inviteCode ? [{ key: keys.invite(u.inviteCode), userId: u.id }] : []),
  ]);
  const owner = new Map(links.map((l) => [keyText(l.key), l.userId]));
  const found = (await batchGet(db, links.map((l) => l.key))).filter((item) => item.parkId?.S === parkId && item.userId?.S === owner.get(keyOf(item)));
  yield* found.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
}

// ---------------------------------------------------------------------------------------------------
// Import

interface StationFacts {
  id: string;
  district: string;
  lat: string;
  lng: string;
}

interface Verified {
  header: BackupHeader;
  items: number;
  sha256: string;
  /** SHA-256 of each item line, so the second reading writes only what the first one checked. */
  lineDigests: string[];
  userIds: string[];
  stations: StationFacts[];
  /** Keys outside the park's partition (openid links, invitations): another park may hold them. */
  outsideKeys: { pk: string; sk: string }[];
  /** Every item's key (keyText). */
  keys: Set<string>;
}

/**
 * Writes a park back from its file. Checks everything first — the file, keys held by other parks, and
 * whether the park has data (refused unless `replace`) — and writes nothing when any check fails.
 */
export async function importPark(db: Db, source: LineSource, options: { replace?: boolean } = {}): Promise<ImportSummary> {
  const open = typeof source === 'function' ? source : () => source;
  const file = await verifyLines(open());
  const { parkId } = file.header;

  await refuseForeignKeys(db, file);
  const existing: { pk: string; sk: string }[] = [];
  const existingStations: StationFacts[] = [];
  for await (const item of parkItems(db, parkId)) {
    existing.push({ pk: item.pk!.S!, sk: item.sk!.S! });
    const station = stationFacts(item);
    if (station) existingStations.push(station);
  }
  // Inboxes and links of the file's users that the park's current users do not lead to.
  const seen = new Set(existing.map(keyText));
  for (const extra of await leftovers(db, file)) if (!seen.has(keyText(extra))) existing.push(extra);
  if (existing.length && !options.replace) {
    throw new BackupError(`park ${parkId} already has ${existing.length} items in table ${db.tableName}; import with --replace to delete them first`);
  }

  // The file's own keys are overwritten by its items; the rest of the park's items go.
  const obsolete = existing.filter((key) => !file.keys.has(keyText(key)));
  for (let i = 0; i < obsolete.length; i += 25) {
    await batchWrite(db, obsolete.slice(i, i + 25).map((key) => ({ DeleteRequest: { Key: rawKey(key) } })));
  }
  let written = 0;
  let batch: WriteRequest[] = [];
  for await (const item of verifiedItems(open(), file)) {
    batch.push({ PutRequest: { Item: item } });
    written++;
    if (batch.length === 25) {
      await batchWrite(db, batch);
      batch = [];
    }
  }
  if (batch.length) await batchWrite(db, batch);

  const touched = new Set([...existingStations, ...file.stations].map((s) => s.district));
  const districts = touched.size ? await recountDistricts(db, parkId, touched) : [];
  return { parkId, exportedAt: file.header.exportedAt, items: written, deleted: obsolete.length, districts };
}

/** The first reading: header, every line, the trailer's count and checksum. */
async function verifyLines(lines: AsyncIterable<string> | Iterable<string>): Promise<Verified> {
  const hash = createHash('sha256');
  let header: BackupHeader | undefined;
  let trailer: BackupTrailer | undefined;
  const lineDigests: string[] = [];
  const keysSeen = new Set<string>();
  const userIds: string[] = [];
  const stations: StationFacts[] = [];
  const outsideKeys: { pk: string; sk: string }[] = [];
  let lineNo = 0;
  let blankAtEnd = false;
  for await (const line of lines) {
    lineNo++;
    if (blankAtEnd) throw new BackupError(`line ${lineNo - 1}: an empty line`);
    if (line === '') {
      blankAtEnd = true;
      continue;
    }
    if (trailer) throw new BackupError(`line ${lineNo}: more after the trailer line`);
    const parsed = parseJson(line, lineNo);
    if (!header) {
      header = checkHeader(parsed, lineNo);
      hash.update(`${line}\n`);
      continue;
    }
    if (isRecord(parsed) && 'end' in parsed) {
      trailer = checkTrailer(parsed, lineNo);
      continue;
    }
    const item = checkItemLine(parsed, lineNo, header.parkId);
    const key = keyOf(item);
    if (keysSeen.has(key)) throw new BackupError(`line ${lineNo}: item ${item.pk!.S} / ${item.sk!.S} appears twice`);
    keysSeen.add(key);
    const pk = item.pk!.S!;
    const sk = item.sk!.S!;
    if (pk === parkPk(header.parkId) && sk.startsWith('USER#')) userIds.push(sk.slice('USER#'.length));
    if (pk.startsWith('WX#') || pk.startsWith('INVITE#')) outsideKeys.push({ pk, sk });
    const station = stationFacts(item);
    if (station) stations.push(station);
    hash.update(`${line}\n`);
    lineDigests.push(digest(line));
  }
  if (!header) throw new BackupError('empty file: no header line');
  if (!trailer) throw new BackupError(`truncated: no trailer line after ${lineDigests.length} items`);
  if (trailer.items !== lineDigests.length) throw new BackupError(`the trailer counts ${trailer.items} items, the file has ${lineDigests.length}`);
  const sha256 = hash.digest('hex');
  if (trailer.sha256 !== sha256) throw new BackupError(`checksum mismatch: the trailer says ${trailer.sha256}, the lines hash to ${sha256}`);
  return { header, items: lineDigests.length, sha256, lineDigests, userIds, stations, outsideKeys, keys: keysSeen };
}

/** The second reading: each item line as checked by the first (a file changed in between stops here). */
async function* verifiedItems(lines: AsyncIterable<string> | Iterable<string>, file: Verified): AsyncGenerator<RawItem> {
  let index = -1;
  for await (const line of lines) {
    if (index === -1) {
      index = 0;
      continue;
    }
    if (index === file.items) return;
    if (digest(line) !== file.lineDigests[index]) throw new BackupError(`the file changed while it was imported (item ${index + 1}); import it again with --replace`);
    index++;
    yield decodeItem((JSON.parse(line) as { Item: Record<string, unknown> }).Item, '');
  }
  if (index !== file.items) throw new BackupError('the file changed while it was imported (it ends early); import it again with --replace');
}

function checkHeader(value: unknown, lineNo: number): BackupHeader {
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) throw new BackupError(`line ${lineNo}: not a ${BACKUP_FORMAT} file`);
  if (value.version !== BACKUP_VERSION) throw new BackupError(`line ${lineNo}: format version ${String(value.version)}, this code reads ${BACKUP_VERSION}`);
  if (typeof value.parkId !== 'string' || !Id.safeParse(value.parkId).success) throw new BackupError(`line ${lineNo}: no valid parkId`);
  if (typeof value.exportedAt !== 'string' || typeof value.table !== 'string') throw new BackupError(`line ${lineNo}: no exportedAt or table`);
  return { format: BACKUP_FORMAT, version: value.version, parkId: value.parkId, table: value.table, exportedAt: value.exportedAt };
}

function checkTrailer(value: Record<string, unknown>, lineNo: number): BackupTrailer {
  if (value.end !== BACKUP_FORMAT || !Number.isInteger(value.items) || typeof value.sha256 !== 'string') throw new BackupError(`line ${lineNo}: not a trailer line`);
  return { end: BACKUP_FORMAT, items: value.items as number, sha256: value.sha256 };
}

/** An item line, decoded; it must be the park's (its partition, or an inbox/link item with its parkId). */
function checkItemLine(value: unknown, lineNo: number, parkId: string): RawItem {
  if (!isRecord(value) || Object.keys(value).length !== 1 || !isRecord(value.Item)) throw new BackupError(`line ${lineNo}: not an {"Item": …} line`);
  const item = decodeItem(value.Item, `line ${lineNo}: `);
  const pk = item.pk?.S;
  const sk = item.sk?.S;
  if (!pk || !sk) throw new BackupError(`line ${lineNo}: an item without a string pk and sk`);
  if (pk === parkPk(parkId)) return item;
  const outside = pk.startsWith('INBOX#') || pk.startsWith('WX#') || pk.startsWith('INVITE#');
  if (!outside || item.parkId?.S !== parkId) throw new BackupError(`line ${lineNo}: item ${pk} / ${sk} is not park ${parkId}'s`);
  return item;
}

function parseJson(line: string, lineNo: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new BackupError(`line ${lineNo}: not JSON (a truncated or damaged file?)`);
  }
}

/**
 * Keys of the file that another park holds: its openid links or invitations, its users' inboxes or
 * user ids, its station ids (the ids the gsi2 lookups and inbox partitions take as global).
 */
async function refuseForeignKeys(db: Db, file: Verified): Promise<void> {
  const { parkId } = file.header;
  const foreign: string[] = [];
  for (const item of await batchGet(db, file.outsideKeys)) {
    if (item.parkId?.S !== parkId) foreign.push(`${item.pk?.S} belongs to park ${item.parkId?.S}`);
  }
  await eachLimited(file.userIds, 8, async (userId) => {
    for await (const item of query(db, { IndexName: INDEX.gsi2, KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': { S: gsiKeys.userById(userId).gsi2pk } } })) {
      if (item.pk?.S !== parkPk(parkId)) foreign.push(`user id ${userId} is taken in ${item.pk?.S}`);
    }
    for await (const item of query(db, { KeyConditionExpression: 'pk = :pk', ProjectionExpression: 'pk, sk, parkId', ExpressionAttributeValues: { ':pk': { S: keys.notification(userId, '').pk } } })) {
      if (item.parkId?.S !== parkId) {
        foreign.push(`the inbox of user ${userId} holds park ${item.parkId?.S}'s messages`);
        break;
      }
    }
  });
  await eachLimited(file.stations, 8, async (station) => {
    for await (const item of query(db, { IndexName: INDEX.gsi2, KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': { S: gsiKeys.stationById(station.id).gsi2pk } } })) {
      if (item.pk?.S !== parkPk(parkId)) foreign.push(`station id ${station.id} is taken in ${item.pk?.S}`);
    }
  });
  if (foreign.length) throw new BackupError(`keys of this file belong to another park: ${foreign.slice(0, 5).join('; ')}${foreign.length > 5 ? ` (and ${foreign.length - 5} more)` : ''}`);
}

/** The park's items under the file's keys outside its partition (inboxes, links) the current users do not name. */
async function leftovers(db: Db, file: Verified): Promise<{ pk: string; sk: string }[]> {
  const { parkId } = file.header;
  const found: { pk: string; sk: string }[] = [];
  for (const item of await batchGet(db, file.outsideKeys)) if (item.parkId?.S === parkId) found.push({ pk: item.pk!.S!, sk: item.sk!.S! });
  await eachLimited(file.userIds, 8, async (userId) => {
    for await (const item of query(db, {
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'parkId = :park',
      ProjectionExpression: 'pk, sk',
      ExpressionAttributeValues: { ':pk': { S: keys.notification(userId, '').pk }, ':park': { S: parkId } },
      ConsistentRead: true,
    })) {
      found.push({ pk: item.pk!.S!, sk: item.sk!.S! });
    }
  });
  return found;
}

function stationFacts(item: RawItem): StationFacts | undefined {
  if (item.entity?.S !== 'Station' || !item.sk?.S?.startsWith('STATION#')) return undefined;
  const location = item.location?.M;
  const district = item.district?.S;
  if (!district || !location?.lat?.N || !location.lng?.N) return undefined;
  return { id: item.sk.S.slice('STATION#'.length), district, lat: location.lat.N, lng: location.lng.N };
}

/**
 * Sets each touched district's count and coordinate sums to those of every park's stations in it (the
 * app keeps them by ADDs; DynamoDB adds decimals exactly, and so does this), where they differ.
 */
async function recountDistricts(db: Db, importedPark: string, districts: Set<string>): Promise<string[]> {
  const parks = new Set([importedPark]);
  for await (const item of query(db, { IndexName: INDEX.gsi1, KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': { S: gsiKeys.allParks('').gsi1pk } } })) {
    if (item.gsi1sk?.S) parks.add(item.gsi1sk.S);
  }
  const totals = new Map<string, { stations: bigint; lat: Decimal; lng: Decimal }>();
  for (const park of parks) {
    for await (const item of query(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': { S: parkPk(park) }, ':prefix': { S: 'STATION#' } },
      ConsistentRead: true,
    })) {
      const station = stationFacts(item);
      if (!station || !districts.has(station.district)) continue;
      const total = totals.get(station.district) ?? { stations: 0n, lat: ZERO, lng: ZERO };
      totals.set(station.district, { stations: total.stations + 1n, lat: addDecimal(total.lat, parseDecimal(station.lat)), lng: addDecimal(total.lng, parseDecimal(station.lng)) });
    }
  }
  const rewritten: string[] = [];
  for (const name of [...districts].sort()) {
    const total = totals.get(name) ?? { stations: 0n, lat: ZERO, lng: ZERO };
    const { Item } = await db.doc.send(new GetItemCommand({ TableName: db.tableName, Key: rawKey(keys.district(name)), ConsistentRead: true }));
    if (!Item && total.stations === 0n) continue;
    const same =
      Item?.stations?.N !== undefined &&
      Item.sumLat?.N !== undefined &&
      Item.sumLng?.N !== undefined &&
      BigInt(Item.stations.N) === total.stations &&
      equalDecimal(parseDecimal(Item.sumLat.N), total.lat) &&
      equalDecimal(parseDecimal(Item.sumLng.N), total.lng);
    if (same) continue;
    await db.doc.send(
      new UpdateItemCommand({
        TableName: db.tableName,
        Key: rawKey(keys.district(name)),
        UpdateExpression: 'SET entity = :entity, #name = :name, stations = :n, sumLat = :lat, sumLng = :lng',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: {
          ':entity': { S: 'District' },
          ':name': { S: name },
          ':n': { N: total.stations.toString() },
          ':lat': { N: formatDecimal(total.lat) },
          ':lng': { N: formatDecimal(total.lng) },
        },
      }),
    );
    rewritten.push(name);
  }
  return rewritten;
}

// ---------------------------------------------------------------------------------------------------
// DynamoDB JSON: the low-level form with binary as base64, checked strictly on the way in.

type JsonValue = { S: string } | { N: string } | { B: string } | { SS: string[] } | { NS: string[] } | { BS: string[] } | { BOOL: boolean } | { NULL: true } | { L: JsonValue[] } | { M: Record<string, JsonValue> };

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function encodeItem(item: RawItem): Record<string, JsonValue> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, encodeValue(value)]));
}

function encodeValue(value: AttributeValue): JsonValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.L !== undefined) return { L: value.L.map(encodeValue) };
  if (value.M !== undefined) return { M: encodeItem(value.M) };
  throw new BackupError(`an attribute of a type this code does not know: ${JSON.stringify(value)}`);
}

export function decodeItem(json: Record<string, unknown>, where: string): RawItem {
  return Object.fromEntries(Object.entries(json).map(([name, value]) => [name, decodeValue(value, `${where}${name}`)]));
}

const NUMBER = /^-?(\d+)(\.\d+)?([eE][+-]?\d+)?$/;

function decodeValue(value: unknown, where: string): AttributeValue {
  const fail = (): never => {
    throw new BackupError(`${where}: not a DynamoDB attribute value`);
  };
  if (!isRecord(value)) return fail();
  const entries = Object.entries(value);
  if (entries.length !== 1) return fail();
  const [type, v] = entries[0]!;
  const strings = (list: unknown, check: (s: string) => boolean = () => true): string[] =>
    Array.isArray(list) && list.length > 0 && list.every((s) => typeof s === 'string' && check(s)) ? (list as string[]) : fail();
  const number = (s: string) => NUMBER.test(s);
  const bytes = (s: string) => {
    const decoded = Buffer.from(s, 'base64');
    if (decoded.toString('base64') !== s) fail();
    return new Uint8Array(decoded);
  };
  switch (type) {
    case 'S':
      return typeof v === 'string' ? { S: v } : fail();
    case 'N':
      return typeof v === 'string' && number(v) ? { N: v } : fail();
    case 'B':
      return typeof v === 'string' ? { B: bytes(v) } : fail();
    case 'SS':
      return { SS: strings(v) };
    case 'NS':
      return { NS: strings(v, number) };
    case 'BS':
      return { BS: strings(v).map(bytes) };
    case 'BOOL':
      return typeof v === 'boolean' ? { BOOL: v } : fail();
    case 'NULL':
      return v === true ? { NULL: true } : fail();
    case 'L':
      return Array.isArray(v) ? { L: v.map((e, i) => decodeValue(e, `${where}[${i}]`)) } : fail();
    case 'M':
      return isRecord(v) ? { M: decodeItem(v, `${where}.`) } : fail();
    default:
      return fail();
  }
}

// ---------------------------------------------------------------------------------------------------
// Exact decimals (DynamoDB numbers have up to 38 digits; a JavaScript number would round them).

interface Decimal {
  units: bigint;
  scale: number;
}

const ZERO: Decimal = { units: 0n, scale: 0 };

function parseDecimal(text: string): Decimal {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) throw new BackupError(`not a number: ${text}`);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  let scale = fraction.length - Number(exponent);
  let units = BigInt(`${sign}${whole}${fraction}`);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units, scale };
}

const rescale = (d: Decimal, scale: number) => d.units * 10n ** BigInt(scale - d.scale);

function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

function equalDecimal(a: Decimal, b: Decimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return rescale(a, scale) === rescale(b, scale);
}

/**
 * Keeps the scale of the sum as DynamoDB Local's ADD does (BigDecimal: 41.2945 + 41.2665 = 82.5610);
 * DynamoDB itself trims trailing zeros on the way in, so either way the stored number is the app's.
 */
function formatDecimal(d: Decimal): string {
  const negative = d.units < 0n;
  const digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
  const whole = digits.slice(0, digits.length - d.scale);
  const text = d.scale ? `${whole}.${digits.slice(digits.length - d.scale)}` : whole;
  return negative ? `-${text}` : text;
}

// ---------------------------------------------------------------------------------------------------
// Low-level reads and writes

const rawKey = (key: { pk: string; sk: string }): RawItem => ({ pk: { S: key.pk }, sk: { S: key.sk } });
const keyText = (key: { pk: string; sk: string }) => `${key.pk}\u0000${key.sk}`;
const keyOf = (item: RawItem) => keyText({ pk: item.pk?.S ?? '', sk: item.sk?.S ?? '' });
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const digest = (line: string) => createHash('sha256').update(line).digest('base64');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every item of a query, page by page, in the low-level form. */
async function* query(db: Db, input: Omit<QueryCommandInput, 'TableName'>): AsyncGenerator<RawItem> {
  let ExclusiveStartKey: RawItem | undefined;
  do {
    const page = await db.doc.send(new QueryCommand({ ...input, TableName: db.tableName, ExclusiveStartKey }));
    yield* page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Items under these keys (consistent reads, 100 a call, unprocessed keys asked again). */
async function batchGet(db: Db, list: { pk: string; sk: string }[]): Promise<RawItem[]> {
  const found: RawItem[] = [];
  for (let i = 0; i < list.length; i += 100) {
    let pending: RawItem[] | undefined = list.slice(i, i + 100).map(rawKey);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt > 0) await pause(Math.min(2_000, 50 * 2 ** attempt));
      if (attempt > 10) throw new Error(`DynamoDB left ${pending.length} reads unprocessed`);
      const answer: BatchGetItemCommandOutput = await db.doc.send(new BatchGetItemCommand({ RequestItems: { [db.tableName]: { Keys: pending, ConsistentRead: true } } }));
      found.push(...(answer.Responses?.[db.tableName] ?? []));
      pending = answer.UnprocessedKeys?.[db.tableName]?.Keys;
    }
  }
  return found;
}

/** One BatchWrite of up to 25, retrying what DynamoDB leaves unprocessed (throttling) with backoff. */
async function batchWrite(db: Db, requests: WriteRequest[]): Promise<void> {
  let pending: WriteRequest[] | undefined = requests;
  for (let attempt = 0; pending?.length; attempt++) {
    if (attempt > 0) await pause(Math.min(2_000, 50 * 2 ** attempt));
    if (attempt > 10) throw new Error(`DynamoDB left ${pending.length} writes unprocessed after ${attempt} attempts; import again with --replace`);
    const answer: BatchWriteItemCommandOutput = await db.doc.send(new BatchWriteItemCommand({ RequestItems: { [db.tableName]: pending } }));
    pending = answer.UnprocessedItems?.[db.tableName];
  }
}

async function eachLimited<T>(list: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, list.length) }, async () => {
      while (next < list.length) await run(list[next++]!);
    }),
  );
}
