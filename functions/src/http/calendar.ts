import { WorkCalendarView } from '@parklink/contract';
import { checkCalendar } from '../domain/calendar';
import { DomainError } from '../domain/errors';
import { directory } from '../store/directory';
import { json, lambdaHandler, route } from './middleware';

/**
 * The park's working calendar. Anyone in the park may read it (deadlines are counted on it); only
 * the park admin changes it, with the version they read. New deadlines use the new calendar; those
 * already set stay as promised.
 */
export const calendarRoutes = [
  route('getCalendar', async ({ deps, user }) => {
    const record = await directory.getCalendarRecord(deps.db, user.parkId);
    const body: WorkCalendarView = {
      years: record?.years ?? [],
      holidays: record?.holidays ?? [],
      workdays: record?.workdays ?? [],
      version: record?.version ?? 0,
    };
    return json(200, body);
  }),

  route('putCalendar', async (ctx) => {
    const input = ctx.body(WorkCalendarView);
    const checked = checkCalendar(input);
    const years = [...new Set(input.years)].sort();
    const next = { parkId: ctx.user.parkId, years, ...checked, version: input.version + 1 };
    if (!(await directory.saveCalendar(ctx.deps.db, next, input.version))) {
      throw new DomainError('CONFLICT', '工作日历已被他人修改，请刷新后再改', 'the calendar changed since it was read');
    }
    const body: WorkCalendarView = { years, ...checked, version: next.version };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(calendarRoutes);
