/**
 * A local table seeded by an older version is brought up to date at `npm start` (prepareTable):
 * people added to the seed since join, stations written before versions are adopted and counted
 * in their district once, credit codes get their locks, the market's resources appear — and what
 * people changed is left alone. Run twice, it changes nothing more.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import type { DistrictList, ManagedStation } from '@parklink/contract';
import { prepareTable } from '../../../scripts/local/table';
import { keys } from '../../src/store/keys';
import { createTestApp, type TestApp } from '../support/app';

let app: TestApp;
const TABLE = 'parklink-dev-upgrade';

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe('bringing an old local table up to date', () => {
  it('adds what newer seeds define, once, and keeps people’s changes', async () => {
    const client = new DynamoDBClient({ region: 'cn-north-1', endpoint: inject('dynamoEndpoint'), credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    expect((await prepareTable(client, TABLE)).created).toBe(true);
    const db = { doc: app.deps.db.doc, tableName: TABLE };
    // Make it look like version 3: no host, a station without a version (and uncounted), no resources, an old seed version.
    await db.doc.send(new DeleteCommand({ TableName: TABLE, Key: keys.user('park-demo', 'u-host-center') }));
    await db.doc.send(new DeleteCommand({ TableName: TABLE, Key: keys.resource('park-demo', 'res-psbc-micro') }));
    await db.doc.send(new DeleteCommand({ TableName: TABLE, Key: keys.district('本溪市平山区') }));
    const legacyStation = { ...keys.station('park-demo', 'st-tax'), gsi2pk: 'STATION#st-tax', gsi2sk: 'STATION', entity: 'Station', id: 'st-tax', parkId: 'park-demo', name: '税务分局办税厅驿站', address: '兴业街 6 号', district: '本溪市平山区', location: { lat: 41.2902, lng: 123.7598 }, amenities: ['water'], schedule: { weekly: Array.from({ length: 7 }, () => []), closedOnHolidays: true, closures: [] } };
    await db.doc.send(new PutCommand({ TableName: TABLE, Item: legacyStation }));
    await db.doc.send(new PutCommand({ TableName: TABLE, Item: { ...keys.park('park-demo'), entity: 'Park', id: 'park-demo', parkId: 'park-demo', name: '高新区智造产业园', adminUserIds: ['u-admin'], seedVersion: 3, gsi1pk: 'PARKS', gsi1sk: 'park-demo' } }));

    const upgraded = await prepareTable(client, TABLE);
    expect(upgraded.refreshed).toBeGreaterThan(0);
    const again = await prepareTable(client, TABLE);
    expect(again).toMatchObject({ created: false, seeded: 0, refreshed: 0 });

    const local = app.withConfig({ tableName: TABLE }, { db });
    const host = await local.login('u-host-center');
    const mine = await local.call<{ items: ManagedStation[] }>('GET', '/v1/managed-stations', { token: host });
    expect(mine.body.items.map((s) => s.id).sort()).toEqual(['st-night', 'st-service-center']);
    const districts = (await local.call<DistrictList>('GET', '/v1/station-districts')).body.items;
    // The district item was dropped above: the old station was adopted and counted once, the five current ones not again.
    expect(districts.find((d) => d.name === '本溪市平山区')?.stations).toBe(1);
    const admin = await local.login('u-admin');
    expect((await local.call('GET', '/v1/managed-stations/st-tax', { token: admin })).body).toMatchObject({ version: 1, amenities: ['water', 'toilet', 'seats'] });
    expect((await local.call('GET', '/v1/resources/res-psbc-micro', { token: admin })).status).toBe(200);
    client.destroy();
  });
});
