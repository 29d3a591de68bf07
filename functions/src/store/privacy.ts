/**
 * The reads and writes of personal information (PIPL): the records where a person acts, found by
 * the indexes that reach them (keys.ts), and their erasure — the account anonymised in one
 * transaction with its WeChat link, its unused invitation and the audit event; inbox messages
 * deleted; kept records rewritten on what was read (their version, or the values changed); and
 * the full pass's pages of the park's records and of its members' inboxes, with its cursor kept
 * on the erased account. services/erasure.ts and services/erasurePass.ts decide; this only knows
 * DynamoDB.
 */
import { BatchWriteCommand, DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ERASED_NAME, type PostOwner } from '@parklink/contract';
import type { AuditRecord } from '../domain/admin/audit';
import type { CaseRecord } from '../domain/cases/case';
import type { LedgerExportRecord } from '../domain/ledger/exports';
import type { MatchRecord } from '../domain/market/match';
import type { RequestState } from '../domain/request';
import { isConditionFailure, queryItems, queryPages, stripKeys, updateIf, type Db } from './db';
import { directoryItems, type UserRecord } from './directory';
import { INDEX, gsiKeys, keys, parkPk } from './keys';
import { upgradeRequest } from './legacy';
import { transact } from './stations';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown> & { pk: string; sk: string };

/** Whose records: the person as the indexes know them. */
export interface Reach {
  parkId: string;
  userId: string;
  departmentId?: string;
  enterpriseId?: string;
}

/**
 * What an erasure keeps on the erased account until it is finished (removed at the end): who the
 * person was, as the records name them, and how far it got.
 */
export interface ErasureInfo extends NonNullable<UserRecord['erasure']> {
  /** When the part the indexes reach was done (services/erasure.ts); the full pass follows. */
  reachedAt?: string;
  /** Stations whose reports they could resolve (a report's `resolvedBy` holds a name only). */
  stationIds?: string[];
  /** The full pass's cursor (services/erasurePass.ts). */
  pass?: PassCursor;
}

/** Where the full pass stands: a phase, the last key done in it, and what it did so far. */
export interface PassCursor {
  /** 'park': the park's partition in key order; 'inboxes': its members' inboxes, member by member in id order. */
  phase: 'park' | 'inboxes';
  /** The last sort key done: of the park's partition, or of `member`'s inbox. */
  after?: string;
  /** The member whose inbox is being read. */
  member?: string;
  pages: number;
  rewritten: number;
}

export type ErasingRecord = UserRecord & { erasure?: ErasureInfo };

export interface Page {
  items: Item[];
  /** The last sort key read, when there is more after it. */
  last?: string;
}

const MAX_ATTEMPTS = 10;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));

const byIndex = (db: Db, index: string, name: 'gsi1pk' | 'gsi2pk' | 'gsi3pk' | 'gsi5pk', value: string) =>
  queryItems(db, { IndexName: index, KeyConditionExpression: `${name} = :pk`, ExpressionAttributeValues: { ':pk': value } });
const inPark = (db: Db, parkId: string, prefix: string, filter?: { expression: string; values: Record<string, unknown>; names?: Record<string, string> }) =>
  queryItems(db, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': parkPk(parkId), ':prefix': prefix, ...(filter?.values ?? {}) },
    ...(filter ? { FilterExpression: filter.expression } : {}),
    ...(filter?.names ? { ExpressionAttributeNames: filter.names } : {}),
  });

const isTransactionConflict = (error: unknown) =>
  error instanceof Error &&
  error.name === 'TransactionCanceledException' &&
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');

/** Items of several queries, each once (a request can be in two of a department's indexes). */
function unique(lists: Record<string, unknown>[][]): Item[] {
  const seen = new Map<string, Item>();
  for (const item of lists.flat() as Item[]) seen.set(`${item.pk}|${item.sk}`, item);
  return [...seen.values()];
}

export const privacyStore = {
  /**
   * Requests the person can have acted on, by index: their enterprise's (gsi2), the ones assigned
   * to them, open or done (gsi3), their department's open assigned ones and its pool of transferred
   * ones (gsi5, gsi1). Callers filter to the ones the person really acts in.
   */
  async requests(db: Db, r: Reach): Promise<RequestState[]> {
    const reads: Promise<Record<string, unknown>[]>[] = [];
    if (r.enterpriseId) reads.push(byIndex(db, INDEX.gsi2, 'gsi2pk', gsiKeys.enterpriseRequests(r.parkId, r.enterpriseId, '').gsi2pk));
    if (r.departmentId) {
      reads.push(byIndex(db, INDEX.gsi3, 'gsi3pk', gsiKeys.assigneeRequests(r.parkId, r.userId, true, '', '').gsi3pk));
      reads.push(byIndex(db, INDEX.gsi5, 'gsi5pk', gsiKeys.departmentAssigned(r.parkId, r.departmentId, '', '').gsi5pk));
      reads.push(byIndex(db, INDEX.gsi1, 'gsi1pk', gsiKeys.departmentPool(r.parkId, r.departmentId, '', '').gsi1pk));
    }
    return unique(await Promise.all(reads)).map((i) => upgradeRequest(stripKeys<RequestState>(i)));
  },

  /** Matches of the person's side (their enterprise's or department's posts), on either side (gsi3, gsi5). */
  async matches(db: Db, r: Reach): Promise<{ match: MatchRecord; side: 'need' | 'resource' }[]> {
    const owners: Pick<PostOwner, 'kind' | 'id'>[] = [
      ...(r.enterpriseId ? [{ kind: 'enterprise' as const, id: r.enterpriseId }] : []),
      ...(r.departmentId ? [{ kind: 'department' as const, id: r.departmentId }] : []),
    ];
    const found = await Promise.all(
      owners.map(async (owner) => {
        const [asNeed, asResource] = await Promise.all([
          byIndex(db, INDEX.gsi3, 'gsi3pk', gsiKeys.needSide(r.parkId, owner, '').gsi3pk),
          byIndex(db, INDEX.gsi5, 'gsi5pk', gsiKeys.resourceSide(r.parkId, owner, '').gsi5pk),
        ]);
        return [...asNeed.map((i) => ({ match: stripKeys<MatchRecord>(i), side: 'need' as const })), ...asResource.map((i) => ({ match: stripKeys<MatchRecord>(i), side: 'resource' as const }))];
      }),
    );
    return found.flat();
  },

  /** The park's cases: one key range, tens to hundreds a park (the case list reads it the same way). */
  cases: async (db: Db, parkId: string) => (await inPark(db, parkId, 'CASE#')).map((i) => stripKeys<CaseRecord>(i)),

  /** Audit events the person made or that are about them as a member: the park's audit range, filtered in DynamoDB. */
  audit: async (db: Db, parkId: string, userId: string) =>
    (await inPark(db, parkId, 'AUDIT#', { expression: 'actor.id = :u OR target.id = :u', values: { ':u': userId } })).map((i) => stripKeys<AuditRecord>(i)),

  ledgerExports: async (db: Db, parkId: string, userId: string) =>
    (await inPark(db, parkId, 'LEDGER#', { expression: 'requestedBy.id = :u', values: { ':u': userId } })).map((i) => stripKeys<LedgerExportRecord>(i)),

  /** The WeChat link's time of binding (the openid itself stays on the server). */
  async boundAt(db: Db, openid: string): Promise<string | undefined> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.openid(openid) }));
    return typeof Item?.boundAt === 'string' ? Item.boundAt : undefined;
  },

  /**
   * Erases the account in one transaction: the anonymised record (marked pending, with what the
   * rest of the erasure needs, in the index the sweep resumes from), the WeChat link and the unused
   * invitation deleted, the audit event; and, for an admin, a check that the admin who stays is
   * still there (two last admins erasing at once: one of them is refused). 'changed': the record,
   * or the admin who stays, changed since they were read — read again and decide again.
   */
  async markErased(db: Db, before: UserRecord, erased: UserRecord, audit: AuditRecord, stays: UserRecord | undefined): Promise<'erased' | 'changed'> {
    const items: TransactItem[] = [
      {
        Put: {
          TableName: db.tableName,
          Item: { ...directoryItems.user(erased), ...gsiKeys.pendingErasure(erased.erasure!.since, erased.parkId, erased.id) },
          ConditionExpression: before.version === undefined ? 'attribute_exists(pk) AND attribute_not_exists(version) AND attribute_not_exists(erased)' : 'version = :v AND attribute_not_exists(erased)',
          ...(before.version === undefined ? {} : { ExpressionAttributeValues: { ':v': before.version } }),
        },
      },
      ...(before.openid
        ? [{ Delete: { TableName: db.tableName, Key: keys.openid(before.openid), ConditionExpression: 'attribute_not_exists(pk) OR userId = :u', ExpressionAttributeValues: { ':u': before.id } } }]
        : []),
      ...(before.inviteCode
        ? [{ Delete: { TableName: db.tableName, Key: keys.invite(before.inviteCode), ConditionExpression: 'attribute_not_exists(pk) OR userId = :u', ExpressionAttributeValues: { ':u': before.id } } }]
        : []),
      { Put: { TableName: db.tableName, Item: { ...keys.audit(audit.parkId, audit.id), entity: 'AuditEvent', ...audit }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...(stays
        ? [
            {
              ConditionCheck: {
                TableName: db.tableName,
                Key: keys.user(stays.parkId, stays.id),
                ConditionExpression: 'attribute_not_exists(erased) AND (attribute_not_exists(suspended) OR suspended = :no)',
                ExpressionAttributeValues: { ':no': false },
              },
            },
          ]
        : []),
    ];
    try {
      return (await transact(db, items)) ? 'erased' : 'changed';
    } catch (error) {
      // Another transaction on the same items at the same moment (a second tap): decide again.
      if (isTransactionConflict(error)) return 'changed';
      throw error;
    }
  },

  /** A user record read consistently (erasure decides on it). */
  async account(db: Db, parkId: string, userId: string): Promise<ErasingRecord | undefined> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.user(parkId, userId), ConsistentRead: true }));
    return Item ? stripKeys<ErasingRecord>(Item) : undefined;
  },

  /**
   * Deletes a user's whole inbox partition — every message (the pending pushes among them leave the
   * outbox with them) and whatever else is kept there (the read mark) — and answers how many messages.
   */
  async deleteInbox(db: Db, userId: string): Promise<number> {
    let deleted = 0;
    for await (const page of queryPages(db, {
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.notification(userId, '').pk },
      ProjectionExpression: 'pk, sk',
    })) {
      const keysOf = (page.Items ?? []).map((i) => ({ pk: i.pk, sk: i.sk }));
      for (let i = 0; i < keysOf.length; i += 25) {
        let requests = keysOf.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
        for (let attempt = 1; requests.length; attempt++) {
          const { UnprocessedItems } = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: requests } }));
          requests = (UnprocessedItems?.[db.tableName] ?? []) as typeof requests;
          if (requests.length && attempt >= MAX_ATTEMPTS) throw new Error(`inbox of ${userId}: ${requests.length} deletes left unprocessed`);
          if (requests.length) await backoff(attempt);
        }
      }
      deleted += keysOf.filter((k) => String(k.sk).startsWith('N#')).length;
    }
    return deleted;
  },

  /**
   * Takes a user id off a list on one record (the park's admins, a department's heads), on the
   * list read: a concurrent change is read again, never overwritten.
   */
  async removeFromList(db: Db, key: { pk: string; sk: string }, attribute: 'adminUserIds' | 'headUserIds', userId: string): Promise<void> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
      const list = Item?.[attribute];
      if (!Array.isArray(list) || !list.includes(userId)) return;
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: key,
            UpdateExpression: 'SET #list = :next',
            ConditionExpression: '#list = :read',
            ExpressionAttributeNames: { '#list': attribute },
            ExpressionAttributeValues: { ':next': list.filter((id) => id !== userId), ':read': list },
          }),
        );
        return;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        await backoff(attempt);
      }
    }
    throw new Error(`${attribute} of ${key.sk} kept changing`);
  },

  /**
   * Rewrites one item through `change` (the attributes that change, with their new values, or
   * undefined when nothing does), starting from `read` (what a query gave; read again when absent).
   * Only those attributes are set, on what was read: a versioned item on its version, bumped, so a
   * writer who read the old one is refused and decides again on this one; an item without a version
   * on the values changed being still those read. A lost race is read again (consistently) and
   * decided again — where nothing is left to change (someone, or this call's own earlier attempt,
   * did it) nothing is written. The item's keys and indexes stay. True if this call changed it.
   */
  async rewrite(db: Db, key: { pk: string; sk: string }, read: Record<string, unknown> | undefined, change: (item: Record<string, unknown>) => Record<string, unknown> | undefined): Promise<boolean> {
    let item = read;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (!item) {
        const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
        if (!Item) return false;
        item = Item;
      }
      const next = change(item);
      if (!next || !Object.keys(next).length) return false;
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = {};
      const sets: string[] = [];
      const conditions: string[] = ['attribute_exists(pk)'];
      Object.entries(next).forEach(([attribute, value], i) => {
        names[`#a${i}`] = attribute;
        values[`:a${i}`] = value;
        sets.push(`#a${i} = :a${i}`);
      });
      if (typeof item.version === 'number') {
        names['#v'] = 'version';
        values[':v'] = item.version;
        values[':v1'] = item.version + 1;
        sets.push('#v = :v1');
        conditions.push('#v = :v');
      } else {
        Object.keys(next).forEach((attribute, i) => {
          values[`:o${i}`] = item![attribute];
          conditions.push(`#a${i} = :o${i}`);
        });
      }
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.tableName,
            Key: key,
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: conditions.join(' AND '),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        item = undefined;
        if (attempt > 1) await backoff(attempt);
      }
    }
    throw new Error(`${key.sk} kept changing during an erasure`);
  },

  /** Deletes one item (the person's own idempotency records: nobody replays their calls any more). */
  async remove(db: Db, key: { pk: string; sk: string }): Promise<void> {
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: key }));
  },

  /**
   * Station reports resolved under the person's name on the given stations (`resolvedBy` holds a
   * name only: the reports of stations they could resolve, by that name), renamed. Returns how many.
   */
  async anonymiseStationReports(db: Db, parkId: string, stationIds: string[], name: string): Promise<number> {
    let renamed = 0;
    for (const stationId of stationIds) {
      const reports = await inPark(db, parkId, `SREPORT#${stationId}#`, { expression: 'resolvedBy = :name', values: { ':name': name } });
      for (const report of reports) {
        await db.doc
          .send(
            new UpdateCommand({
              TableName: db.tableName,
              Key: { pk: report.pk, sk: report.sk },
              UpdateExpression: 'SET resolvedBy = :erased',
              ConditionExpression: 'resolvedBy = :name',
              ExpressionAttributeValues: { ':erased': ERASED_NAME, ':name': name },
            }),
          )
          .then(() => renamed++)
          .catch((error) => {
            if (!isConditionFailure(error)) throw error;
          });
      }
    }
    return renamed;
  },

  /**
   * What the indexes reach is done: noted on the erased account with the stations whose reports
   * the person could resolve, and the full pass's cursor at its start unless it has one.
   */
  async markReached(db: Db, parkId: string, userId: string, at: string, stationIds: string[]): Promise<void> {
    const start: PassCursor = { phase: 'park', pages: 0, rewritten: 0 };
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.user(parkId, userId),
          UpdateExpression: 'SET erasure.reachedAt = :at, erasure.stationIds = :stations, erasure.pass = if_not_exists(erasure.pass, :start)',
          ConditionExpression: 'erased = :yes AND attribute_exists(erasure)',
          ExpressionAttributeValues: { ':at': at, ':stations': stationIds, ':start': start, ':yes': true },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  },

  /**
   * A page of the park's partition after `after` (every record of the park, in key order: requests,
   * matches, cases, audit, stations, users, …), up to `limit` items, read eventually consistent
   * (each rewrite is conditional on what it read, so a stale item is only read again).
   */
  async parkPage(db: Db, parkId: string, after: string | undefined, limit: number): Promise<Page> {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': parkPk(parkId) },
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { pk: parkPk(parkId), sk: after } } : {}),
      }),
    );
    const last = page.LastEvaluatedKey?.sk;
    return { items: (page.Items ?? []) as Item[], ...(typeof last === 'string' ? { last } : {}) };
  },

  /** A page of a member's inbox after `after`: the messages whose title or body holds the name (filtered in DynamoDB). */
  async inboxPage(db: Db, userId: string, name: string, after: string | undefined, limit: number): Promise<Page> {
    const pk = keys.notification(userId, '').pk;
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: 'pk = :pk',
        FilterExpression: 'contains(title, :name) OR contains(body, :name)',
        ExpressionAttributeValues: { ':pk': pk, ':name': name },
        Limit: limit,
        ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
      }),
    );
    const last = page.LastEvaluatedKey?.sk;
    return { items: (page.Items ?? []) as Item[], ...(typeof last === 'string' ? { last } : {}) };
  },

  /**
   * Moves the full pass's cursor from `from` to `to`, only if it still stands at `from`: false when
   * another run moved it (two sweeps overlapping; the other one carries on, this one stops).
   */
  async savePass(db: Db, parkId: string, userId: string, from: PassCursor | undefined, to: PassCursor): Promise<boolean> {
    return updateIf(db, {
      Key: keys.user(parkId, userId),
      UpdateExpression: 'SET erasure.pass = :to',
      ConditionExpression: from ? 'erased = :yes AND erasure.pass = :from' : 'erased = :yes AND attribute_exists(erasure) AND attribute_not_exists(erasure.pass)',
      ExpressionAttributeValues: { ':to': to, ':yes': true, ...(from ? { ':from': from } : {}) },
    });
  },

  /** The erasure is done: what it needed to know goes (the name with it), and it leaves the sweep's index. */
  async finishErasure(db: Db, parkId: string, userId: string): Promise<void> {
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.user(parkId, userId),
          UpdateExpression: 'REMOVE erasure, gsi4pk, gsi4sk',
          ConditionExpression: 'erased = :yes',
          ExpressionAttributeValues: { ':yes': true },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  },

  /** Erasures not finished yet, oldest first (the sweep carries them on). */
  async pendingErasures(db: Db): Promise<{ parkId: string; userId: string }[]> {
    const items = await queryItems(db, {
      IndexName: INDEX.gsi4,
      KeyConditionExpression: 'gsi4pk = :pk',
      ExpressionAttributeValues: { ':pk': gsiKeys.pendingErasure('', '', '').gsi4pk },
    });
    return items.map((i) => ({ parkId: String(i.pk).replace(/^PARK#/, ''), userId: String(i.sk).replace(/^USER#/, '') }));
  },
};
