/**
 * The reads and writes of personal information (PIPL): the records where a person acts, found by
 * the indexes that reach them (keys.ts), and their erasure — the account anonymised in one
 * transaction with its WeChat link, its unused invitation and the audit event; inbox messages
 * deleted; kept records rewritten on their version. services/erasure.ts decides; this only knows
 * DynamoDB.
 */
import { BatchWriteCommand, GetCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ERASED_NAME, type PostOwner } from '@parklink/contract';
import type { AuditRecord } from '../domain/admin/audit';
import type { CaseRecord } from '../domain/cases/case';
import type { LedgerExportRecord } from '../domain/ledger/exports';
import type { MatchRecord } from '../domain/market/match';
import type { RequestState } from '../domain/request';
import { isConditionFailure, putOnce, queryItems, queryPages, stripKeys, type Db } from './db';
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
  async account(db: Db, parkId: string, userId: string): Promise<UserRecord | undefined> {
    const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.user(parkId, userId), ConsistentRead: true }));
    return Item ? stripKeys<UserRecord>(Item) : undefined;
  },

  /** Deletes every message of a user's inbox (the pending pushes among them leave the outbox with them). */
  async deleteInbox(db: Db, userId: string): Promise<number> {
    let deleted = 0;
    for await (const page of queryPages(db, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :n)',
      ExpressionAttributeValues: { ':pk': keys.notification(userId, '').pk, ':n': 'N#' },
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
      deleted += keysOf.length;
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
   * Rewrites one versioned record (a request, a match, a case) through `change` on the version
   * read, bumping it so a writer who read the old one is refused and decides again on this one;
   * a lost race is read again. The item's keys and indexes stay as they are. True if it changed.
   */
  async rewriteVersioned<T>(db: Db, key: { pk: string; sk: string }, change: (record: T) => T | undefined): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const { Item } = await db.doc.send(new GetCommand({ TableName: db.tableName, Key: key, ConsistentRead: true }));
      if (!Item) return false;
      const next = change(Item as T) as (Item & { version?: number }) | undefined;
      if (!next) return false;
      const version = typeof Item.version === 'number' ? Item.version : undefined;
      const written = await putOnce(db, {
        Item: { ...next, ...key, ...(version === undefined ? {} : { version: version + 1 }) },
        ConditionExpression: version === undefined ? 'attribute_exists(pk) AND attribute_not_exists(version)' : 'version = :v',
        ...(version === undefined ? {} : { ExpressionAttributeValues: { ':v': version } }),
      });
      if (written) return true;
      await backoff(attempt);
    }
    throw new Error(`${key.sk} kept changing during an erasure`);
  },

  /** Rewrites an audit event (written once, never changed after: no version to race on). */
  async rewriteAudit(db: Db, next: AuditRecord): Promise<void> {
    await putOnce(db, { Item: { ...keys.audit(next.parkId, next.id), entity: 'AuditEvent', ...next }, ConditionExpression: 'attribute_exists(pk)' });
  },

  /** Renames who asked for a ledger export, touching nothing else (its job may be finishing it right now). */
  async anonymiseLedgerExport(db: Db, record: LedgerExportRecord, userId: string): Promise<void> {
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.tableName,
          Key: keys.ledgerExport(record.parkId, record.id),
          UpdateExpression: 'SET requestedBy.#name = :erased',
          ConditionExpression: 'requestedBy.id = :u',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':erased': ERASED_NAME, ':u': userId },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
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

  /** The erasure is done: what it needed to know goes, and it leaves the sweep's index. */
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

  /** Erasures begun before `before` and not finished (a call that failed half-way): the sweep resumes them. */
  async pendingErasures(db: Db, before: string): Promise<{ parkId: string; userId: string }[]> {
    const items = await queryItems(db, {
      IndexName: INDEX.gsi4,
      KeyConditionExpression: 'gsi4pk = :pk AND gsi4sk < :before',
      ExpressionAttributeValues: { ':pk': gsiKeys.pendingErasure('', '', '').gsi4pk, ':before': before },
    });
    return items.map((i) => ({ parkId: String(i.pk).replace(/^PARK#/, ''), userId: String(i.sk).replace(/^USER#/, '') }));
  },
};
