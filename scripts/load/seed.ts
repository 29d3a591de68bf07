/**
 * The people of the load run, written straight into the table as the seed writes the demo park's:
 * the demo park's own enterprise contacts and liaisons, plus as many more as there are virtual
 * enterprises and liaisons (each its own person, so a token is never shared), the liaisons spread
 * over the departments the requests go to. All `demo`, so POST /v1/auth/dev logs them in.
 */
import { BatchWriteCommand, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';
import { creditCodeCheckCharacter, isValidCreditCode } from '../../functions/src/domain/creditCode';
import { demoPark } from '../../functions/src/seed/demoPark';
import type { Db } from '../../functions/src/store/db';
import { directoryItems, type EnterpriseRecord, type UserRecord } from '../../functions/src/store/directory';
import { stationStore } from '../../functions/src/store/stations';
import { DEMO_PARK_ID } from '../local/table';

/** Categories the enterprises file in, with answers to their required fields, and the departments that claim them. */
const LOAD_CATEGORIES: (LoadCategory & { departmentIds: string[] })[] = [
  { id: 'cat-approval', fields: {}, departmentIds: ['dept-approvals'] },
  { id: 'cat-tax', fields: {}, departmentIds: ['dept-tax'] },
  { id: 'cat-legal', fields: {}, departmentIds: ['dept-law'] },
  { id: 'cat-talent', fields: { headcount: 20, roles: ['operator', 'technician'] }, departmentIds: ['dept-hr'] },
  { id: 'cat-site', fields: {}, departmentIds: ['dept-service'] },
  // Both banks' liaisons race for the same pool.
  { id: 'cat-finance', fields: { amount: 300, purpose: 'equipment', term: 24 }, departmentIds: ['dept-adbc', 'dept-psbc'] },
];

export type LoadCategory = { id: string; fields: Record<string, string | number | string[]> };

/**
 * As many of those categories as give every department of theirs two liaisons or more, so that
 * colleagues race for the same requests at any size: a small run files in fewer categories.
 */
function categoriesFor(liaisons: number) {
  let chosen = LOAD_CATEGORIES.slice(0, 1);
  for (let k = 2; k <= LOAD_CATEGORIES.length; k++) {
    const departments = new Set(LOAD_CATEGORIES.slice(0, k).flatMap((c) => c.departmentIds)).size;
    if (liaisons >= 2 * departments) chosen = LOAD_CATEGORIES.slice(0, k);
  }
  return { categories: chosen, departmentIds: [...new Set(chosen.flatMap((c) => c.departmentIds))] };
}

export interface LoadPerson {
  id: string;
  name: string;
}

export interface LoadPeople {
  enterprises: LoadPerson[];
  liaisons: (LoadPerson & { departmentId: string })[];
  /** Items written beside the demo park. */
  written: number;
  /** Stations added around the park's six. */
  stations: number;
  /** What the enterprises file in: only categories whose departments have liaisons of the run. */
  categories: LoadCategory[];
}

/**
 * Care stations added around the demo park's six, where the riders look (users.ts): the app asks
 * for the nearest 10, and with fewer stations than that in all of China a search has to read every
 * coarse cell of the country to be sure (store/stationSearch.ts) — true of the demo data only.
 */
export const LOAD_STATIONS = 30;

const pad = (n: number) => String(n).padStart(3, '0');

export async function seedLoadPeople(db: Db, counts: { enterprises: number; liaisons: number }): Promise<LoadPeople> {
  const demo = demoPark(DEMO_PARK_ID);
  const departmentName = (id: string) => demo.departments.find((d) => d.id === id)!.name;
  const items: Record<string, unknown>[] = [];

  const enterprises: LoadPerson[] = demo.users.filter((u) => u.roles.includes('enterprise')).slice(0, counts.enterprises);
  for (let i = 1; enterprises.length < counts.enterprises; i++) {
    const first17 = `91510100MA7${String(100000 + i)}`;
    const enterprise: EnterpriseRecord = {
      id: `ent-load-${pad(i)}`,
      parkId: DEMO_PARK_ID,
      name: `压测企业${pad(i)}有限公司`,
      creditCode: first17 + creditCodeCheckCharacter(first17)!,
      industry: '电子信息',
      zone: ['东区', '西区', '南区'][i % 3]!,
    };
    if (!isValidCreditCode(enterprise.creditCode)) throw new Error(`bad credit code ${enterprise.creditCode}`);
    const contact: UserRecord = {
      id: `u-load-ent-${pad(i)}`,
      parkId: DEMO_PARK_ID,
      name: `压测联系人${pad(i)}`,
      roles: ['enterprise'],
      demo: true,
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
    };
    items.push(directoryItems.enterprise(enterprise), directoryItems.creditCodeLock(enterprise), directoryItems.user(contact));
    enterprises.push(contact);
  }

  // Round the departments: the demo park's own liaison first in each, then as many more as needed.
  const { categories, departmentIds } = categoriesFor(counts.liaisons);
  const liaisons: LoadPeople['liaisons'] = [];
  for (let i = 0; i < counts.liaisons; i++) {
    const departmentId = departmentIds[i % departmentIds.length]!;
    const demoLiaison = i < departmentIds.length ? demo.users.find((u) => u.roles.includes('liaison') && u.departmentId === departmentId) : undefined;
    if (demoLiaison) {
      liaisons.push({ id: demoLiaison.id, name: demoLiaison.name, departmentId });
      continue;
    }
    const liaison: UserRecord = {
      id: `u-load-liaison-${pad(i + 1)}`,
      parkId: DEMO_PARK_ID,
      name: `压测联络员${pad(i + 1)}`,
      roles: ['liaison'],
      demo: true,
      departmentId,
      departmentName: departmentName(departmentId),
    };
    items.push(directoryItems.user(liaison));
    liaisons.push({ id: liaison.id, name: liaison.name, departmentId });
  }

  for (let i = 0; i < items.length; i += 25) {
    let pending: unknown[] | undefined = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending?.length) {
      const written: BatchWriteCommandOutput = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.tableName]: pending as never } }));
      pending = written.UnprocessedItems?.[db.tableName];
    }
  }
  const template = demo.stations[0]!;
  for (let i = 1; i <= LOAD_STATIONS; i++) {
    // A spiral around the park's service centre, out to about 4 km.
    const angle = i * 2.4;
    const reach = 0.004 + 0.036 * (i / LOAD_STATIONS);
    await stationStore.adoptSeed(db, {
      ...template,
      id: `st-load-${pad(i)}`,
      name: `压测爱心驿站${pad(i)}`,
      address: `园区压测路 ${i} 号`,
      location: { lat: Number((template.location.lat + reach * Math.sin(angle)).toFixed(5)), lng: Number((template.location.lng + 1.3 * reach * Math.cos(angle)).toFixed(5)) },
      hostIds: [],
    });
  }
  return { enterprises, liaisons, written: items.length, stations: LOAD_STATIONS, categories: categories.map(({ id, fields }) => ({ id, fields })) };
}
