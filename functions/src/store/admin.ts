/**
 * An admin's changes to the park's directory, each written in one transaction with its audit
 * event, on the version that was read (records from before versions count as version 1; a park
 * never edited as 0). Credit codes are unique per park by a lock item per code. Keys: keys.ts.
 */
import { QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditRecord } from '../domain/admin/audit';
import type { MemberRecord } from '../domain/admin/members';
import { stripKeys, type Db } from './db';
import { directoryItems, type CategoryRecord, type DepartmentRecord, type EnterpriseRecord, type ParkRecord } from './directory';
import { keys, parkPk } from './keys';
import { transact } from './stations';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const auditPut = (db: Db, audit: AuditRecord): TransactItem => ({
  Put: { TableName: db.tableName, Item: { ...keys.audit(audit.parkId, audit.id), entity: 'AuditEvent', ...audit }, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** Saves `item` if the stored version is `expected` (0 / 1 also match a record without a version). */
function versioned(db: Db, item: Record<string, unknown>, expected: number | 'new'): TransactItem {
  if (expected === 'new') return { Put: { TableName: db.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  return {
    Put: {
      TableName: db.tableName,
      Item: item,
      ConditionExpression: expected <= 1 ? 'attribute_exists(pk) AND (version = :v OR attribute_not_exists(version))' : 'version = :v',
      ExpressionAttributeValues: { ':v': expected },
    },
  };
}

/** The lock that keeps a credit code to one enterprise: free, or already this enterprise's. */
const creditLock = (db: Db, e: EnterpriseRecord): TransactItem => ({
  Put: {
    TableName: db.tableName,
    Item: directoryItems.creditCodeLock(e),
    ConditionExpression: 'attribute_not_exists(pk) OR enterpriseId = :id',
    ExpressionAttributeValues: { ':id': e.id },
  },
});

export const adminStore = {
  savePark: (db: Db, park: ParkRecord, expected: number, audit: AuditRecord) =>
    transact(db, [
      expected === 0
        ? { Put: { TableName: db.tableName, Item: directoryItems.park(park), ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(version)' } }
        : versioned(db, directoryItems.park(park), expected),
      auditPut(db, audit),
    ]),

  /** A new or changed enterprise, its credit code locked to it (an old code released). */
  saveEnterprise: (db: Db, e: EnterpriseRecord & { version: number }, previous: (EnterpriseRecord & { version?: number }) | undefined, audit: AuditRecord) =>
    transact(db, [
      versioned(db, directoryItems.enterprise(e), previous ? (previous.version ?? 1) : 'new'),
      creditLock(db, e),
      ...(previous && previous.creditCode !== e.creditCode
        ? [{ Delete: { TableName: db.tableName, Key: keys.creditCode(e.parkId, previous.creditCode), ConditionExpression: 'enterpriseId = :id', ExpressionAttributeValues: { ':id': e.id } } }]
        : []),
      auditPut(db, audit),
    ]),

  /** Which enterprise holds a credit code in the park (to name it when a second one is refused). */
  async creditCodeHolder(db: Db, parkId: string, code: string): Promise<string | undefined> {
    const page = await db.doc.send(new QueryCommand({ TableName: db.tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': keys.creditCode(parkId, code).pk, ':sk': keys.creditCode(parkId, code).sk }, ConsistentRead: true }));
    return page.Items?.[0]?.enterpriseId as string | undefined;
  },

  saveDepartment: (db: Db, d: DepartmentRecord & { version: number }, expected: number | 'new', audit: AuditRecord) =>
    transact(db, [versioned(db, directoryItems.department(d), expected), auditPut(db, audit)]),

  saveCategory: (db: Db, c: CategoryRecord & { version: number }, expected: number | 'new', audit: AuditRecord) =>
    transact(db, [versioned(db, directoryItems.category(c), expected), auditPut(db, audit)]),

  /** A new invited member and the code's link, or a member's changed record; with the audit event. */
  saveMember: (db: Db, m: MemberRecord, expected: number | 'new', audit: AuditRecord) =>
    transact(db, [
      versioned(db, directoryItems.user(m), expected),
      ...(expected === 'new' && m.inviteCode
        ? [{ Put: { TableName: db.tableName, Item: { ...directoryItems.invite({ ...m, inviteCode: m.inviteCode }), expiresAt: m.inviteExpiresAt }, ConditionExpression: 'attribute_not_exists(pk)' } }]
        : []),
      auditPut(db, audit),
    ]),

  /**
   * Writes a batch of new enterprises with their code locks, all or none: in transactions of 40
   * (two items each); if one is refused (a code registered meanwhile), the ones already written are
   * deleted again and false is answered. The audit event goes with the last transaction.
   */
  async importEnterprises(db: Db, enterprises: (EnterpriseRecord & { version: number })[], audit: AuditRecord): Promise<boolean> {
    const chunks: (EnterpriseRecord & { version: number })[][] = [];
    for (let i = 0; i < enterprises.length; i += 40) chunks.push(enterprises.slice(i, i + 40));
    const written: EnterpriseRecord[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const items = chunk.flatMap((e) => [versioned(db, directoryItems.enterprise(e), 'new'), creditLock(db, e)]);
      if (i === chunks.length - 1) items.push(auditPut(db, audit));
      if (!(await transact(db, items))) {
        await undoImport(db, written);
        return false;
      }
      written.push(...chunk);
    }
    return true;
  },

  /** Only the audit event (e.g. an export, which changes nothing else). */
  recordAudit: (db: Db, audit: AuditRecord) => transact(db, [auditPut(db, audit)]),

  async auditPage(db: Db, parkId: string, limit: number, cursor?: string): Promise<{ items: AuditRecord[]; nextCursor?: string }> {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: cursor ? 'pk = :pk AND sk BETWEEN :from AND :to' : 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: cursor ? { ':pk': parkPk(parkId), ':from': 'AUDIT#', ':to': `AUDIT#${cursor}` } : { ':pk': parkPk(parkId), ':prefix': 'AUDIT#' },
        ScanIndexForward: false,
        Limit: limit + 1,
      }),
    );
    const items = (page.Items ?? []).map((i) => stripKeys<AuditRecord>(i)).filter((a) => a.id !== cursor);
    const more = items.length > limit;
    return { items: items.slice(0, limit), ...(more ? { nextCursor: items[limit - 1]!.id } : {}) };
  },
};

/** Takes back enterprises an import wrote before one of its transactions was refused. */
async function undoImport(db: Db, written: EnterpriseRecord[]): Promise<void> {
  for (let i = 0; i < written.length; i += 50) {
    const items: TransactItem[] = written.slice(i, i + 50).flatMap((e) => [
      { Delete: { TableName: db.tableName, Key: keys.enterprise(e.parkId, e.id) } },
      { Delete: { TableName: db.tableName, Key: keys.creditCode(e.parkId, e.creditCode), ConditionExpression: 'enterpriseId = :id', ExpressionAttributeValues: { ':id': e.id } } },
    ]);
    await transact(db, items);
  }
}
