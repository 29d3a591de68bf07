/**
 * The supply-demand market in the table: needs, resources and matches. Posts are saved whole on
 * their version (counters such as a resource's successes are ADDed separately and survive);
 * a match and the lock on its need–resource pair change in one transaction with the inbox
 * messages it causes. Keys: see keys.ts.
 */
import { GetCommand, QueryCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { MatchRecord } from '../domain/market/match';
import type { NeedRecord, ResourceRecord } from '../domain/market/posts';
import { DomainError } from '../domain/errors';
import { getItems, queryItems, stripKeys, type Db } from './db';
import { notificationItem, type NotificationRecord } from './inbox';
import { INDEX, gsiKeys, idRange, isKeyValue, keys } from './keys';
import { transact } from './stations';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Post = NeedRecord | ResourceRecord;
export type PostType = 'need' | 'resource';

const skOf = (type: PostType, id: string) => `${type === 'need' ? 'NEED' : 'RES'}#${id}`;
const keyOf = (type: PostType, parkId: string, id: string) => (type === 'need' ? keys.need(parkId, id) : keys.resource(parkId, id));

function postItem(type: PostType, post: Post) {
  const sk = skOf(type, post.id);
  return {
    ...keyOf(type, post.parkId, post.id),
    ...gsiKeys.parkPosts(post.parkId, type === 'need' ? 'NEEDS' : 'RESOURCES', post.id),
    ...gsiKeys.ownerPosts(post.parkId, post.owner, sk),
    // Only posts that can still expire wait in the expiry index.
    ...(post.status === 'closed' ? {} : gsiKeys.postExpiry(post.parkId, post.expiresAt, sk)),
    entity: type === 'need' ? 'Need' : 'Resource',
    ...post,
  };
}

/** A resource's success count is kept by ADD: a whole-item save must carry the stored value, never its own. */
const POST_CONDITION = 'version = :v';

export interface PageOf<T> {
  items: T[];
  nextCursor?: string;
}

export const marketStore = {
  async createPost(db: Db, type: PostType, post: Post): Promise<void> {
    await transact(db, [{ Put: { TableName: db.tableName, Item: postItem(type, post), ConditionExpression: 'attribute_not_exists(pk)' } }]);
  },

  /** Saves the owner's change on the version read; false when someone saved first. */
  async savePost(db: Db, type: PostType, next: Post, previousVersion: number): Promise<boolean> {
    const { succeededMatches, ...rest } = next as ResourceRecord;
    void succeededMatches;
    const item = postItem(type, rest as Post);
    // Written field by field, so the ADDed counter of successes is never overwritten.
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':v': previousVersion };
    const sets = Object.entries(item)
      .filter(([k]) => k !== 'pk' && k !== 'sk')
      .map(([k, v], i) => {
        names[`#a${i}`] = k;
        values[`:a${i}`] = v;
        return `#a${i} = :a${i}`;
      });
    const removes = next.status === 'closed' ? ' REMOVE gsi4pk, gsi4sk' : '';
    return transact(db, [
      {
        Update: {
          TableName: db.tableName,
          Key: keyOf(type, next.parkId, next.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes}`,
          ConditionExpression: POST_CONDITION,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
    ]);
  },

  async getNeed(db: Db, parkId: string, id: string): Promise<NeedRecord | undefined> {
    return getItem<NeedRecord>(db, keys.need(parkId, id));
  },

  async getResource(db: Db, parkId: string, id: string): Promise<ResourceRecord | undefined> {
    const r = await getItem<ResourceRecord>(db, keys.resource(parkId, id));
    return r ? { ...r, succeededMatches: r.succeededMatches ?? 0 } : undefined;
  },

  /** A need and a resource of a park in one round trip (a proposal names both). */
  async getNeedAndResource(db: Db, parkId: string, needId: string, resourceId: string): Promise<{ need: NeedRecord | undefined; resource: ResourceRecord | undefined }> {
    const [need, resource] = await getItems(db, [keys.need(parkId, needId), keys.resource(parkId, resourceId)], { consistent: true });
    return { need: need && (normalise('need', need) as NeedRecord), resource: resource && (normalise('resource', resource) as ResourceRecord) };
  },

  /** A page of a park's posts (newest first) or an owner's, keeping those `keep` accepts. */
  async pagePosts<T extends Post>(db: Db, type: PostType, parkId: string, owner: { kind: string; id: string } | undefined, keep: (p: T) => boolean, limit: number, cursor?: string): Promise<PageOf<T>> {
    const source = owner
      ? { IndexName: INDEX.gsi2, pkName: 'gsi2pk', skName: 'gsi2sk', pk: gsiKeys.ownerPosts(parkId, owner, '').gsi2pk, prefix: type === 'need' ? 'NEED#' : 'RES#' }
      : { IndexName: INDEX.gsi1, pkName: 'gsi1pk', skName: 'gsi1sk', pk: gsiKeys.parkPosts(parkId, type === 'need' ? 'NEEDS' : 'RESOURCES', '').gsi1pk };
    return filteredPage<T>(db, source, keep, limit, cursor, (item) => normalise(type, item) as T);
  },

  /** A park's posts of one type created in [start, end] (ms), any status (the dashboard's count). */
  async createdBetween<T extends Post>(db: Db, type: PostType, parkId: string, start: number, end: number): Promise<T[]> {
    const [from, to] = idRange(start, end);
    const items = await queryItems(db, {
      IndexName: INDEX.gsi1,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': gsiKeys.parkPosts(parkId, type === 'need' ? 'NEEDS' : 'RESOURCES', '').gsi1pk, ':from': from, ':to': to },
    });
    return items.map((i) => normalise(type, i) as T);
  },

  /** A park's matches proposed in [start, end] (ms). */
  async matchesBetween(db: Db, parkId: string, start: number, end: number): Promise<MatchRecord[]> {
    const [from, to] = idRange(start, end);
    const items = await queryItems(db, {
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': keys.match(parkId, '').pk, ':from': `MATCH#${from}`, ':to': `MATCH#${to}` },
    });
    return items.map((i) => stripKeys<MatchRecord>(i));
  },

  /** Every open-or-paused post of a park of one type (the suggestions' candidates). */
  async allPosts<T extends Post>(db: Db, type: PostType, parkId: string): Promise<T[]> {
    const items = await queryItems(db, {
      IndexName: INDEX.gsi1,
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: '#status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pk': gsiKeys.parkPosts(parkId, type === 'need' ? 'NEEDS' : 'RESOURCES', '').gsi1pk, ':open': 'open' },
    });
    return items.map((i) => normalise(type, i) as T);
  },

  /** Posts whose date has passed while still open or paused (the sweep closes them). gsi4 holds keys only. */
  async expiredPosts(db: Db, parkId: string, now: string): Promise<{ type: PostType; parkId: string; id: string }[]> {
    const items = await queryItems(db, {
      IndexName: INDEX.gsi4,
      KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :now',
      ExpressionAttributeValues: { ':pk': gsiKeys.postExpiry(parkId, '', '').gsi4pk, ':now': now },
    });
    return items.map((i) => {
      const [prefix, id] = String(i.sk).split('#') as [string, string];
      return { type: prefix === 'NEED' ? ('need' as const) : ('resource' as const), parkId, id };
    });
  },

  /** Closes an expired post unless someone changed it meanwhile (then the next run looks again). */
  async closeExpired(db: Db, type: PostType, parkId: string, id: string, now: string): Promise<boolean> {
    return transact(db, [
      {
        Update: {
          TableName: db.tableName,
          Key: keyOf(type, parkId, id),
          UpdateExpression: 'SET #status = :closed, closedReason = :expired, updatedAt = :now, version = version + :one REMOVE gsi4pk, gsi4sk',
          ConditionExpression: '#status <> :closed AND expiresAt <= :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'closed', ':expired': 'expired', ':now': now, ':one': 1 },
        },
      },
    ]);
  },

  async getMatch(db: Db, parkId: string, id: string): Promise<MatchRecord | undefined> {
    return getItem<MatchRecord>(db, keys.match(parkId, id));
  },

  /** A new match, only if its pair has no active one; false when another proposal won. */
  async createMatch(db: Db, match: MatchRecord, messages: NotificationRecord[]): Promise<boolean> {
    return transact(db, [
      { Put: { TableName: db.tableName, Item: matchItem(match), ConditionExpression: 'attribute_not_exists(pk)' } },
      {
        Put: {
          TableName: db.tableName,
          Item: { ...keys.matchPair(match.parkId, match.need.id, match.resource.id), entity: 'MatchPair', parkId: match.parkId, matchId: match.id, active: true },
          ConditionExpression: 'attribute_not_exists(pk) OR active = :no',
          ExpressionAttributeValues: { ':no': false },
        },
      },
      ...messages.map(messagePut(db.tableName)),
    ]);
  },

  /** The pair's active match, if any (to tell a late proposer which one exists). */
  async activePairMatch(db: Db, parkId: string, needId: string, resourceId: string): Promise<string | undefined> {
    const pair = await getItem<{ matchId: string; active: boolean }>(db, keys.matchPair(parkId, needId, resourceId));
    return pair?.active ? pair.matchId : undefined;
  },

  /**
   * Saves a step on the version read, with what it implies: the pair unlocked when the match ends,
   * the resource's success counted, the messages written. False when someone stepped first.
   */
  async saveMatch(db: Db, next: MatchRecord, previousVersion: number, messages: NotificationRecord[]): Promise<boolean> {
    const ended = ['declined', 'withdrawn', 'succeeded', 'failed'].includes(next.status);
    const extra: TransactItem[] = [];
    if (ended) {
      extra.push({
        Update: {
          TableName: db.tableName,
          Key: keys.matchPair(next.parkId, next.need.id, next.resource.id),
          UpdateExpression: 'SET active = :no',
          ConditionExpression: 'matchId = :match',
          ExpressionAttributeValues: { ':no': false, ':match': next.id },
        },
      });
    }
    if (next.status === 'succeeded') {
      extra.push({
        Update: { TableName: db.tableName, Key: keys.resource(next.parkId, next.resource.id), UpdateExpression: 'ADD succeededMatches :one', ExpressionAttributeValues: { ':one': 1 } },
      });
    }
    return transact(db, [
      { Put: { TableName: db.tableName, Item: matchItem(next), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': previousVersion } } },
      ...extra,
      ...messages.map(messagePut(db.tableName)),
    ]);
  },

  /** Matches of a need or a resource, or of the caller's own side, newest first. */
  async pageMatches(db: Db, parkId: string, by: { needId?: string; resourceId?: string; owner?: { kind: string; id: string } }, keep: (m: MatchRecord) => boolean, limit: number, cursor?: string): Promise<PageOf<MatchRecord>> {
    const source = by.needId
      ? { IndexName: INDEX.gsi1, pkName: 'gsi1pk', skName: 'gsi1sk', pk: gsiKeys.needMatches(parkId, by.needId, '').gsi1pk }
      : by.resourceId
        ? { IndexName: INDEX.gsi2, pkName: 'gsi2pk', skName: 'gsi2sk', pk: gsiKeys.resourceMatches(parkId, by.resourceId, '').gsi2pk }
        : undefined;
    if (source) return filteredPage(db, source, keep, limit, cursor, (i) => stripKeys<MatchRecord>(i));
    if (!by.owner) throw new Error('pageMatches needs a need, a resource or an owner');
    // The caller's side: matches where they own the need, and where they own the resource, merged newest first.
    const [asNeed, asResource] = await Promise.all([
      queryItems(db, { IndexName: INDEX.gsi3, KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': gsiKeys.needSide(parkId, by.owner, '').gsi3pk } }),
      queryItems(db, { IndexName: INDEX.gsi5, KeyConditionExpression: 'gsi5pk = :pk', ExpressionAttributeValues: { ':pk': gsiKeys.resourceSide(parkId, by.owner, '').gsi5pk } }),
    ]);
    const all = [...asNeed, ...asResource].map((i) => stripKeys<MatchRecord>(i)).filter(keep).sort((a, b) => b.id.localeCompare(a.id));
    const start = cursor ? all.findIndex((m) => m.id < cursor) : 0;
    const items = start < 0 ? [] : all.slice(start, start + limit);
    const more = start >= 0 && all.length > start + limit;
    return { items, ...(more ? { nextCursor: items.at(-1)!.id } : {}) };
  },
};

function matchItem(match: MatchRecord) {
  return {
    ...keys.match(match.parkId, match.id),
    ...gsiKeys.needMatches(match.parkId, match.need.id, match.id),
    ...gsiKeys.resourceMatches(match.parkId, match.resource.id, match.id),
    ...gsiKeys.needSide(match.parkId, match.need.owner, match.id),
    ...gsiKeys.resourceSide(match.parkId, match.resource.owner, match.id),
    entity: 'Match',
    ...match,
  };
}

const messagePut = (tableName: string) => (n: NotificationRecord): TransactItem => ({
  Put: { TableName: tableName, Item: notificationItem(n), ConditionExpression: 'attribute_not_exists(pk)' },
});

function normalise(type: PostType, item: Record<string, unknown>): Post {
  const post = stripKeys<Post>(item);
  return type === 'resource' ? { ...(post as ResourceRecord), succeededMatches: Number((post as ResourceRecord).succeededMatches ?? 0) } : post;
}

async function getItem<T>(db: Db, key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
  return Item ? stripKeys<T>(Item) : undefined;
}

interface IndexSource {
  IndexName: string;
  pkName: string;
  skName: string;
  pk: string;
  prefix?: string;
}

/** Reads this many index entries a round trip while filling a page. */
const BATCH = 50;

/**
 * A page of an index range, newest first, keeping what `keep` accepts. The cursor is the index key
 * of the last entry the page consumed, checked to belong to this same range (never another's).
 */
async function filteredPage<T>(db: Db, source: IndexSource, keep: (t: T) => boolean, limit: number, cursor: string | undefined, read: (item: Record<string, unknown>) => T): Promise<PageOf<T>> {
  let start = decodeCursor(cursor, source);
  const items: T[] = [];
  let lastConsumed: Record<string, unknown> | undefined;
  let exhausted = false;
  while (items.length < limit && !exhausted) {
    const input: QueryCommandInput = {
      TableName: db.tableName,
      IndexName: source.IndexName,
      KeyConditionExpression: source.prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': source.pkName, '#sk': source.skName },
      ExpressionAttributeValues: { ':pk': source.pk, ...(source.prefix ? { ':prefix': source.prefix } : {}) },
      ScanIndexForward: false,
      Limit: BATCH,
      ExclusiveStartKey: start,
    };
    if (!source.prefix) delete input.ExpressionAttributeNames!['#sk'];
    const page = await db.doc.send(new QueryCommand(input));
    for (const item of page.Items ?? []) {
      lastConsumed = item;
      const value = read(item);
      if (keep(value)) items.push(value);
      if (items.length >= limit) break;
    }
    const consumedAll = lastConsumed === page.Items?.at(-1);
    exhausted = consumedAll && !page.LastEvaluatedKey;
    start = lastConsumed ? indexKey(lastConsumed, source) : start;
    if (!page.Items?.length) exhausted = !page.LastEvaluatedKey;
  }
  return { items, ...(!exhausted && lastConsumed ? { nextCursor: Buffer.from(JSON.stringify(indexKey(lastConsumed, source))).toString('base64url') } : {}) };
}

const indexKey = (item: Record<string, unknown>, source: IndexSource) => ({
  pk: item.pk,
  sk: item.sk,
  [source.pkName]: item[source.pkName],
  [source.skName]: item[source.skName],
});

function decodeCursor(cursor: string | undefined, source: IndexSource): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    // Every key attribute a string DynamoDB takes (isKeyValue), the index's inside the range's prefix:
    // DynamoDB refuses any other start key with a ValidationException, a 500 instead of our 400.
    const sk = key[source.skName];
    if (key[source.pkName] === source.pk && isKeyValue(sk) && (!source.prefix || sk.startsWith(source.prefix)) && isKeyValue(key.sk) && key.pk === parkPkOf(source.pk)) {
      return indexKey(key, source);
    }
  } catch {
    // fall through
  }
  throw new DomainError('VALIDATION_FAILED', '翻页参数无效，请从第一页开始', 'cursor: not a cursor of this list', 'cursor');
}

/** Index partitions of the market all start with the park's own pk. */
const parkPkOf = (indexPk: string) => indexPk.split('#').slice(0, 2).join('#');
