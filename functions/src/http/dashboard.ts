/**
 * The park admin's dashboard (`GET /v1/dashboard?from&to`): the period's requests and how they
 * were served, what is overdue now, the market, co-building, stations and the alliance's reach —
 * read with key ranges (ids begin with their time), never a scan.
 */
import { DashboardQuery, type Dashboard } from '@parklink/contract';
import { summarise } from '../domain/cases/summary';
import { busiestDepartments, coverage, overdueNow, periodBounds, requestFigures } from '../domain/dashboard';
import type { RequestState } from '../domain/request';
import { caseStore } from '../store/cases';
import { directory } from '../store/directory';
import { marketStore } from '../store/market';
import { listPage, listSources } from '../store/requestLists';
import { requestStore } from '../store/requests';
import { stationActivity } from '../store/stationActivity';
import { stationStore } from '../store/stations';
import type { Deps } from './deps';
import { json, lambdaHandler, route } from './middleware';

/** Overdue requests listed on the dashboard, most overdue first. */
const OVERDUE_LIMIT = 50;

export const dashboardRoutes = [
  route('dashboard', async (ctx) => {
    const query = ctx.query(DashboardQuery);
    const { deps, user } = ctx;
    const parkId = user.parkId;
    const { start, end } = periodBounds(query.from, query.to);
    const now = deps.clock.now().toISOString();
    const [requests, overdue, needs, resources, matches, cases, stations, monthly, enterprises, users] = await Promise.all([
      requestStore.submittedBetween(deps.db, parkId, start, end),
      openOverdue(deps, parkId, now),
      marketStore.createdBetween(deps.db, 'need', parkId, start, end),
      marketStore.createdBetween(deps.db, 'resource', parkId, start, end),
      marketStore.matchesBetween(deps.db, parkId, start, end),
      caseStore.all(deps.db, parkId),
      stationStore.listByPark(deps.db, parkId),
      stationActivity.monthCounts(deps.db, parkId, query.from.slice(0, 7), query.to.slice(0, 7)),
      directory.listEnterprises(deps.db, parkId),
      directory.listUsers(deps.db, parkId),
    ]);
    const caseFigures = summarise(cases, query);
    const riders = new Map<string, number>();
    for (const m of monthly) riders.set(m.stationId, (riders.get(m.stationId) ?? 0) + m.count);
    const body: Dashboard = {
      from: query.from,
      to: query.to,
      requests: requestFigures(requests),
      overdueNow: overdueNow(overdue, now).slice(0, OVERDUE_LIMIT),
      busiestDepartments: busiestDepartments(requests),
      market: {
        needs: needs.length,
        resources: resources.length,
        matches: matches.length,
        succeeded: matches.filter((m) => m.status === 'succeeded').length,
        failed: matches.filter((m) => m.status === 'failed').length,
        inProgress: matches.filter((m) => m.status === 'in_progress').length,
        succeededAmountFen: matches.reduce((n, m) => n + (m.status === 'succeeded' ? (m.outcome?.amountFen ?? 0) : 0), 0),
      },
      cases: { cases: caseFigures.cases, enterprisesServed: caseFigures.enterprisesServed, bank: caseFigures.bank, tax: caseFigures.tax },
      stations: {
        stations: stations.length,
        ridersServed: [...riders.values()].reduce((a, b) => a + b, 0),
        byStation: stations.map((s) => ({ id: s.id, name: s.name, count: riders.get(s.id) ?? 0 })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh')),
      },
      coverage: coverage(enterprises, (id) => users.filter((u) => u.enterpriseId === id && !u.suspended).length),
    };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(dashboardRoutes);

/**
 * The park's most overdue open requests: every pool and every department's assigned work past its
 * deadline, merged most overdue first. Each range is read once — a category's pool is shared by
 * its departments, so reading each department's overdue list read shared pools several times.
 */
async function openOverdue(deps: Deps, parkId: string, now: string): Promise<RequestState[]> {
  const [departments, categories] = await Promise.all([directory.listDepartments(deps.db, parkId), directory.listCategories(deps.db, parkId)]);
  const sources = listSources.parkOverdue(parkId, categories.map((c) => c.id), departments.map((d) => d.id), now);
  return (await listPage(deps.db, { sources, ascending: true }, OVERDUE_LIMIT)).items;
}
