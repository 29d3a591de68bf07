/**
 * Creating a park (a tenant) and its first admin: the platform operator's step, never an HTTP
 * route (scripts/createPark.ts). The park starts empty — the admin adds departments, categories,
 * enterprises and stations — with China's working calendar for its deadlines and an invitation
 * for the admin, who binds their WeChat with it on first login. One transaction: an id already in
 * use refuses the whole thing.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { Id } from '@parklink/contract';
import { inviteCode, invitePath } from '../domain/admin/members';
import { isConditionFailure, type Db } from '../store/db';
import { directoryItems, type UserRecord } from '../store/directory';
import { calendarFor } from '../seed/chinaCalendar';

export interface NewParkInput {
  /** e.g. park-pingshan; generated when absent. */
  parkId?: string;
  name: string;
  adminName: string;
  /** How long the admin's invitation works. */
  inviteDays?: number;
}

export interface NewPark {
  parkId: string;
  adminUserId: string;
  inviteCode: string;
  invitePath: string;
  inviteExpiresAt: string;
}

export class ParkSetupError extends Error {}

export async function createPark(db: Db, input: NewParkInput, deps: { now: Date; newId: () => string; random: (n: number) => Uint8Array }): Promise<NewPark> {
  const parkId = input.parkId ?? `park-${deps.newId().toLowerCase()}`;
  if (!Id.safeParse(parkId).success) throw new ParkSetupError(`park id "${parkId}": letters, digits, - and _ only`);
  const name = input.name.trim();
  const adminName = input.adminName.trim();
  if (!name || name.length > 40) throw new ParkSetupError('park name: 1–40 characters');
  if (!adminName || adminName.length > 20) throw new ParkSetupError('admin name: 1–20 characters');
  const days = input.inviteDays ?? 7;
  if (!Number.isInteger(days) || days < 1 || days > 30) throw new ParkSetupError('invite days: 1–30');

  const adminUserId = `u-${deps.newId().toLowerCase()}`;
  const code = inviteCode(deps.random);
  const inviteExpiresAt = new Date(deps.now.getTime() + days * 86_400_000).toISOString();
  const year = Number(new Date(deps.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const years = [year, year + 1];
  const admin: UserRecord & { inviteCode: string } = { id: adminUserId, parkId, name: adminName, roles: ['admin'], inviteCode: code, inviteExpiresAt, version: 1 };
  const fresh = (Item: Record<string, unknown>) => ({ Put: { TableName: db.tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } });
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          fresh(directoryItems.park({ id: parkId, name, adminUserIds: [adminUserId], zones: [], industries: [] })),
          fresh(directoryItems.calendar({ parkId, years, ...calendarFor(years) })),
          fresh(directoryItems.user(admin)),
          fresh(directoryItems.invite(admin)),
        ],
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ParkSetupError(`park ${parkId} already exists`);
    throw error;
  }
  return { parkId, adminUserId, inviteCode: code, invitePath: invitePath(code), inviteExpiresAt };
}
