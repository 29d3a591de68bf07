/**
 * Care stations past the search: riders check in and report problems without an account (rate
 * limited), hosts and admins keep stations true (versions, photos over real HTTP), and nobody
 * reaches a station they do not manage — role by role, across two parks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApiErrorBody,
  CheckInResult,
  CheckInStats,
  DistrictList,
  ManagedStation,
  ManagedStationList,
  StationDetail,
  StationMonthStats,
  StationReportList,
  UploadTicket,
} from '@parklink/contract';
import { createTestApp, demoUsers, manualClock, otherParkUser, OTHER_PARK, type TestApp } from '../support/app';

let app: TestApp;
// Monday 2026-11-23 10:00 in China.
const clock = manualClock('2026-11-23T02:00:00.000Z');
const token: Record<string, string> = {};
type Or<T> = T & { error: ApiErrorBody['error'] };
const HOST = 'u-host-center';
const CENTER = 'st-service-center';
/** Each test's public calls come from their own address, so one test's limits never trip another's. */
let ipSeq = 0;
const freshIp = () => `10.0.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;
const device = (n: number) => `device-${String(n).padStart(12, '0')}`;

beforeAll(async () => {
  app = await createTestApp({ deps: { clock }, config: { tokenTtlSeconds: 400 * 24 * 3600 } });
  for (const [name, id] of Object.entries({ ...demoUsers, host: HOST })) token[name] = await app.login(id);
  token.otherHost = await app.login(otherParkUser(HOST));
  token.otherAdmin = await app.login(otherParkUser(demoUsers.admin));
});
afterAll(() => app.close());

const checkIn = (stationId: string, deviceId: string, ip = freshIp()) =>
  app.call<Or<CheckInResult>>('POST', `/v1/stations/${stationId}/checkins`, { body: { deviceId }, sourceIp: ip });
const report = (stationId: string, body: Record<string, unknown>, ip = freshIp()) =>
  app.call<Or<{ id: string; at: string }>>('POST', `/v1/stations/${stationId}/reports`, { body, sourceIp: ip });
const managed = (who: string, path = '', method = 'GET', body?: unknown) =>
  app.call<Or<any>>(method, `/v1/managed-stations${path}`, { token: token[who], ...(body ? { body } : {}) });

describe('check-ins (打卡)', () => {
  it('count once per device per station per hour, in the host’s figures for the day', async () => {
    const first = await checkIn(CENTER, device(1));
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ counted: true, nextCountsAt: '2026-11-23T03:00:00.000Z' });
    const again = await checkIn(CENTER, device(1));
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ counted: false, nextCountsAt: '2026-11-23T03:00:00.000Z' });
    expect((await checkIn(CENTER, device(2))).body.counted).toBe(true);
    expect((await checkIn('st-night', device(1))).body.counted).toBe(true);

    clock.advanceHours(1);
    expect((await checkIn(CENTER, device(1))).body.counted).toBe(true);

    const stats = await managed('host', `/${CENTER}/checkins?days=3`);
    expect(stats.status).toBe(200);
    expect((stats.body as CheckInStats).days).toEqual([
      { date: '2026-11-21', count: 0 },
      { date: '2026-11-22', count: 0 },
      { date: '2026-11-23', count: 3 },
    ]);
    const list = (await managed('host')).body as ManagedStationList;
    // Sorted by name in pinyin: 夜间骑手之家 (ye) before 园区党群服务中心 (yuan).
    expect(list.items.map((s) => [s.id, s.checkInsToday])).toEqual([
      ['st-night', 1],
      [CENTER, 3],
    ]);
  });

  it('count one of many simultaneous taps from one phone, and every phone once', async () => {
    const before = ((await managed('admin', '/st-24h/checkins?days=1')).body as CheckInStats).total;
    const taps = await Promise.all([
      ...Array.from({ length: 8 }, () => checkIn('st-24h', device(50))),
      ...Array.from({ length: 8 }, (_, i) => checkIn('st-24h', device(60 + i))),
    ]);
    expect(taps.every((t) => t.status === 200 || t.status === 201)).toBe(true);
    expect(taps.slice(0, 8).filter((t) => t.body.counted)).toHaveLength(1);
    expect(taps.slice(8).every((t) => t.body.counted)).toBe(true);
    expect(((await managed('admin', '/st-24h/checkins?days=1')).body as CheckInStats).total).toBe(before + 9);
  });

  it('feed the admin’s riders-served per station per month', async () => {
    const stats = await managed('admin', '', 'GET');
    expect(stats.status).toBe(200);
    const monthly = await app.call<StationMonthStats>('GET', '/v1/station-stats?from=2026-10&to=2026-11', { token: token.admin });
    expect(monthly.status).toBe(200);
    expect(monthly.body.months).toEqual(['2026-10', '2026-11']);
    const center = monthly.body.stations.find((s) => s.id === CENTER)!;
    expect(center).toMatchObject({ counts: [0, 3], total: 3 });
    expect(monthly.body.stations).toHaveLength(6);
    expect((await app.call('GET', '/v1/station-stats?from=2026-10&to=2026-11', { token: token.host })).status).toBe(403);
    expect((await app.call('GET', '/v1/station-stats?from=2026-12&to=2026-11', { token: token.admin })).status).toBe(400);
  });

  it('refuse a missing or malformed device id and an unknown station', async () => {
    const missing = await app.call<Or<unknown>>('POST', `/v1/stations/${CENTER}/checkins`, { body: {}, sourceIp: freshIp() });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'deviceId' });
    expect((await checkIn(CENTER, 'short')).status).toBe(400);
    expect((await checkIn('st-nowhere', device(3))).status).toBe(404);
  });
});

describe('problem reports (反馈)', () => {
  it('reach the station’s host, who resolves them once; riders never learn who else reported', async () => {
    const sent = await report(CENTER, { deviceId: device(7), kind: 'no_water', note: '饮水机没有热水' });
    expect(sent.status).toBe(201);
    expect(Object.keys(sent.body).sort()).toEqual(['at', 'id']);
    await report(CENTER, { deviceId: device(8), kind: 'closed_when_open' });

    const open = (await managed('host', `/${CENTER}/reports`)).body as StationReportList;
    expect(open.items.map((r) => [r.kind, r.note, r.status])).toEqual([
      ['no_water', '饮水机没有热水', 'open'],
      ['closed_when_open', undefined, 'open'],
    ]);
    expect(JSON.stringify(open)).not.toMatch(/device|parkId/);
    expect(((await managed('host')).body as ManagedStationList).items.find((s) => s.id === CENTER)?.openReports).toBe(2);

    const resolved = await managed('host', `/${CENTER}/reports/${sent.body.id}/resolve`, 'POST', { resolution: '已更换饮水机' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: '已更换饮水机', resolvedBy: '孟站长', resolvedAt: '2026-11-23T03:00:00.000Z' });
    expect((await managed('host', `/${CENTER}/reports/${sent.body.id}/resolve`, 'POST', { resolution: '再次' })).status).toBe(409);
    expect(((await managed('host', `/${CENTER}/reports`)).body as StationReportList).items).toHaveLength(1);
    const all = (await managed('host', `/${CENTER}/reports?status=all`)).body as StationReportList;
    expect(all.items.map((r) => r.status).sort()).toEqual(['open', 'resolved']);
  });

  it('refuse unknown kinds and over-long notes', async () => {
    const kind = await report(CENTER, { deviceId: device(9), kind: 'sauna' });
    expect(kind.status).toBe(400);
    expect(kind.body.error.field).toBe('kind');
    const note = await report(CENTER, { deviceId: device(9), kind: 'other', note: '长'.repeat(201) });
    expect(note.body.error).toMatchObject({ field: 'note', message: '补充说明最多 200 字' });
  });
});

describe('rate limits on the public routes', () => {
  it('allow five reports an hour from one device, then answer 429 with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await report('st-tax', { deviceId: device(20), kind: 'other' }));
    expect(answers.slice(0, 5).map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(answers[5]!.status).toBe(429);
    expect(answers[5]!.body.error.code).toBe('RATE_LIMITED');
    // 10:00 China time (+1 h moved by the check-in test) → the window ends at 11:00 China time.
    expect(answers[5]!.headers['retry-after']).toBe('3600');
    // The refused one wrote nothing.
    const open = ((await managed('admin', '/st-tax/reports')).body as StationReportList).items;
    expect(open).toHaveLength(5);
  });

  it('allow 120 reads a minute from one address, then 429; another address is unaffected', async () => {
    const ip = freshIp();
    const read = (from: string) => app.call('GET', '/v1/stations/nearby?lat=41.2945&lng=123.7662&limit=1', { sourceIp: from });
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await read(ip)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.at(-1)).toBe(429);
    expect((await read(freshIp())).status).toBe(200);
    // The next minute opens a new window.
    clock.advanceHours(1 / 60);
    expect((await read(ip)).status).toBe(200);
  });
});

describe('keeping a station true', () => {
  it('lets the host change hours, amenities, notice and a closure, which riders see at once', async () => {
    const current = (await managed('host', `/${CENTER}`)).body as ManagedStation;
    expect(current).toMatchObject({ version: 1, contactPhone: '024-42861234', hosts: [{ id: HOST, name: '孟站长' }] });
    const closure = { from: '2026-11-23T03:30:00.000Z', to: '2026-11-23T06:00:00.000Z', reason: '消毒' };
    const saved = await managed('host', `/${CENTER}`, 'PUT', { version: 1, notice: '今日 11:30–14:00 消毒闭站', amenities: ['water', 'charging'], closures: [closure] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, notice: '今日 11:30–14:00 消毒闭站', amenities: ['water', 'charging'] });

    const detail = (await app.call<StationDetail>('GET', `/v1/stations/${CENTER}`, { sourceIp: freshIp() })).body;
    expect(detail).toMatchObject({ notice: '今日 11:30–14:00 消毒闭站', amenities: ['water', 'charging'], closures: [closure] });
    expect(JSON.stringify(detail)).not.toMatch(/024-42861234|hostIds|孟站长/);

    clock.advanceHours(1); // inside the closure
    const closed = (await app.call<StationDetail>('GET', `/v1/stations/${CENTER}`, { sourceIp: freshIp() })).body;
    expect(closed).toMatchObject({ openNow: false, closedReason: 'closure' });
    clock.advanceHours(3); // after it: gone from the host's list and dropped at the next save
    const after = (await managed('host', `/${CENTER}`)).body as ManagedStation;
    expect(after.closures).toEqual([]);
    const resaved = await managed('host', `/${CENTER}`, 'PUT', { version: after.version, notice: '恢复开放' });
    expect(resaved.status).toBe(200);
    clock.advanceHours(-4);
    expect(((await managed('host', `/${CENTER}`)).body as ManagedStation).closures).toEqual([]);
  });

  it('refuses a second editor on the same version: exactly one of two racing saves wins', async () => {
    const { version } = (await managed('admin', '/st-night')).body as ManagedStation;
    const [a, b] = await Promise.all([
      managed('host', '/st-night', 'PUT', { version, notice: '甲' }),
      managed('admin', '/st-night', 'PUT', { version, notice: '乙' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error).toMatchObject({ code: 'CONFLICT', field: 'version' });
    const winner = a.status === 200 ? '甲' : '乙';
    expect(((await managed('admin', '/st-night')).body as ManagedStation)).toMatchObject({ version: version + 1, notice: winner });
  });

  it('keeps renaming, moving and host assignment for the admin', async () => {
    const { version } = (await managed('host', '/st-night')).body as ManagedStation;
    const rename = await managed('host', '/st-night', 'PUT', { version, name: '我的驿站' });
    expect(rename.status).toBe(403);
    expect(rename.body.error.field).toBe('name');
    const wrongHost = await managed('admin', '/st-night', 'PUT', { version, hostIds: [demoUsers.enterprise] });
    expect(wrongHost.status).toBe(400);
    expect(wrongHost.body.error.field).toBe('hostIds');
    const assigned = await managed('admin', '/st-night', 'PUT', { version, hostIds: [] });
    expect(assigned.status).toBe(200);
    // No longer theirs: the host finds no such station.
    expect((await managed('host', '/st-night')).status).toBe(404);
    expect(((await managed('host')).body as ManagedStationList).items.map((s) => s.id)).toEqual([CENTER]);
  });

  it('lets the admin open a station, which riders find and whose district appears', async () => {
    const hosts = await app.call('GET', '/v1/station-hosts', { token: token.admin });
    expect(hosts.body.items).toEqual([{ id: HOST, name: '孟站长' }]);
    const weekly = Array.from({ length: 7 }, () => [{ open: '22:00', close: '06:00' }]);
    const input = { name: '溪湖区夜班驿站', address: '溪湖路 8 号', district: '本溪市溪湖区', location: { lat: 41.33, lng: 123.73 }, amenities: ['water', 'microwave'], weekly, hostIds: [HOST] };
    const created = await managed('admin', '', 'POST', input);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ version: 1, name: '溪湖区夜班驿站', hosts: [{ id: HOST }], openNow: false, hoursToday: '22:00–次日06:00' });

    const near = await app.call('GET', '/v1/stations/nearby?lat=41.33&lng=123.73&limit=1', { sourceIp: freshIp() });
    expect(near.body.items[0].id).toBe(created.body.id);
    const districts = (await app.call<DistrictList>('GET', '/v1/station-districts', { sourceIp: freshIp() })).body.items;
    expect(districts).toContainEqual({ name: '本溪市溪湖区', centre: { lat: 41.33, lng: 123.73 }, stations: 1 });
    // Both parks' six demo stations share a district.
    expect(districts.find((d) => d.name === '本溪市平山区')?.stations).toBe(12);
    const searched = (await app.call<DistrictList>('GET', `/v1/station-districts?q=${encodeURIComponent('溪湖')}`, { sourceIp: freshIp() })).body.items;
    expect(searched.map((d) => d.name)).toEqual(['本溪市溪湖区']);

    // Moved to another district: the counts follow.
    const moved = await managed('admin', `/${created.body.id}`, 'PUT', { version: 1, district: '本溪市明山区', location: { lat: 41.31, lng: 123.8 } });
    expect(moved.status).toBe(200);
    const after = (await app.call<DistrictList>('GET', '/v1/station-districts', { sourceIp: freshIp() })).body.items;
    expect(after.find((d) => d.name === '本溪市溪湖区')).toBeUndefined();
    expect(after).toContainEqual({ name: '本溪市明山区', centre: { lat: 41.31, lng: 123.8 }, stations: 1 });
  });

  it('refuses a station with broken hours or outside China, writing nothing', async () => {
    const before = ((await managed('admin')).body as ManagedStationList).items.length;
    const bad = await managed('admin', '', 'POST', { name: '坏驿站', address: '某地', district: '某区', location: { lat: 60.5, lng: -0.1 }, amenities: [], weekly: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['location.lat', 'location.lng', 'weekly'].sort());
    expect(((await managed('admin')).body as ManagedStationList).items.length).toBe(before);
  });
});

describe('station photos', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const upload = async (who: string, bytes: Buffer, contentType = 'image/png', declared = bytes.length) => {
    const ticket = await managed(who, `/${CENTER}/photos/uploads`, 'POST', { contentType, size: declared });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    const t = ticket.body as UploadTicket;
    const put = await fetch(t.uploadUrl, { method: 'PUT', headers: t.headers, body: bytes });
    return { ticket: t, put };
  };

  it('go straight to storage, show on the public page with a link that downloads them, and can be removed', async () => {
    const { ticket, put } = await upload('host', PNG);
    expect(put.status).toBe(200);
    expect(decodeURIComponent(new URL(ticket.uploadUrl).pathname)).toMatch(new RegExp(`/pending/park/park-demo/station/${CENTER}/${ticket.attachmentId}$`));
    const confirmed = await managed('host', `/${CENTER}/photos`, 'POST', { photoId: ticket.attachmentId });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect((confirmed.body as ManagedStation).photos.map((p) => p.id)).toEqual([ticket.attachmentId]);
    // Confirming again changes nothing.
    expect(((await managed('host', `/${CENTER}/photos`, 'POST', { photoId: ticket.attachmentId })).body as ManagedStation).photos).toHaveLength(1);

    const detail = (await app.call<StationDetail>('GET', `/v1/stations/${CENTER}`, { sourceIp: freshIp() })).body;
    expect(detail.photos.map((p) => p.id)).toEqual([ticket.attachmentId]);
    const bytes = Buffer.from(await (await fetch(detail.photos[0]!.url)).arrayBuffer());
    expect(bytes.equals(PNG)).toBe(true);

    const removed = await managed('host', `/${CENTER}/photos/${ticket.attachmentId}`, 'DELETE');
    expect(removed.status).toBe(200);
    expect((removed.body as ManagedStation).photos).toEqual([]);
    expect((await fetch(detail.photos[0]!.url)).status).toBe(404);
    expect((await managed('host', `/${CENTER}/photos/${ticket.attachmentId}`, 'DELETE')).status).toBe(404);
  });

  it('refuse what is not a declared image, and someone else’s upload', async () => {
    expect((await managed('host', `/${CENTER}/photos/uploads`, 'POST', { contentType: 'application/pdf', size: 10 })).status).toBe(400);
    expect((await managed('host', `/${CENTER}/photos/uploads`, 'POST', { contentType: 'image/png', size: 6 * 1024 * 1024 })).status).toBe(400);
    const { ticket } = await upload('host', PNG);
    const stolen = await managed('admin', `/${CENTER}/photos`, 'POST', { photoId: ticket.attachmentId });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.field).toBe('photoId');
    expect((await managed('admin', `/${CENTER}/photos`, 'POST', { photoId: '01JNOTUPLOADED0000000000' })).status).toBe(400);
  });
});

describe('who reaches a managed station', () => {
  const routes = (id: string) => [
    ['GET', `/v1/managed-stations/${id}`],
    ['PUT', `/v1/managed-stations/${id}`, { version: 1, notice: '越权' }],
    ['GET', `/v1/managed-stations/${id}/checkins`],
    ['GET', `/v1/managed-stations/${id}/reports`],
    ['POST', `/v1/managed-stations/${id}/photos/uploads`, { contentType: 'image/png', size: 10 }],
  ] as const;

  it('is nobody without a login (401), no role but hosts and admins (403), nobody outside its park and no other host (404)', async () => {
    for (const [method, url, body] of routes(CENTER)) {
      expect((await app.call(method, url, { ...(body ? { body } : {}) })).status, `${method} ${url} anonymous`).toBe(401);
      for (const who of ['enterprise', 'approvals', 'approvalsHead']) {
        const answer = await app.call(method, url, { token: token[who], ...(body ? { body } : {}) });
        expect(answer.status, `${method} ${url} as ${who}`).toBe(403);
      }
      for (const who of ['otherHost', 'otherAdmin']) {
        const answer = await app.call(method, url, { token: token[who], ...(body ? { body } : {}) });
        expect(answer.status, `${method} ${url} as ${who}`).toBe(404);
      }
    }
    // The other park's host reaches their own station of the same name, not ours.
    const theirs = await app.call('GET', `/v1/managed-stations/${OTHER_PARK}-${CENTER}`, { token: token.otherHost });
    expect(theirs.status).toBe(200);
    expect((await app.call('GET', `/v1/managed-stations/${OTHER_PARK}-${CENTER}`, { token: token.host })).status).toBe(404);
  });

  it('refuses the list to people who keep no station, and creation to all but the admin', async () => {
    for (const who of ['enterprise', 'approvals', 'psbcHead']) {
      expect((await app.call('GET', '/v1/managed-stations', { token: token[who] })).status).toBe(403);
      expect((await app.call('GET', '/v1/station-hosts', { token: token[who] })).status).toBe(403);
    }
    const input = { name: '越权驿站', address: '某路 1 号', district: '本溪市平山区', location: { lat: 41.3, lng: 123.7 }, amenities: [], weekly: Array.from({ length: 7 }, () => []) };
    expect((await app.call('POST', '/v1/managed-stations', { token: token.host, body: input })).status).toBe(403);
    expect(((await app.call('GET', '/v1/managed-stations', { token: token.otherAdmin })).body as ManagedStationList).items.every((s) => s.parkId === OTHER_PARK)).toBe(true);
  });
});
