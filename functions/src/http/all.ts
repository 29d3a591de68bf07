import { adminRoutes } from './admin';
import { attachmentRoutes } from './attachments';
import { authRoutes } from './auth';
import { calendarRoutes } from './calendar';
import { caseAttachmentRoutes } from './caseAttachments';
import { caseRoutes } from './cases';
import { categoryRoutes } from './categories';
import { dashboardRoutes } from './dashboard';
import { departmentRoutes } from './departments';
import { devRoutes } from './dev';
import { healthRoutes } from './health';
import { inboxRoutes } from './inbox';
import { ledgerRoutes } from './ledger';
import { managedStationRoutes } from './managedStations';
import { marketRoutes } from './market';
import { matchRoutes } from './matches';
import { meRoutes } from './me';
import { requestRoutes } from './requests';
import { stationRoutes } from './stations';

/** Every route of every Lambda, keyed by the function that serves it in serverless.yml. */
export const functionRoutes = {
  health: healthRoutes,
  auth: authRoutes,
  me: meRoutes,
  categories: categoryRoutes,
  calendar: calendarRoutes,
  departments: departmentRoutes,
  requests: requestRoutes,
  stations: stationRoutes,
  managedStations: managedStationRoutes,
  market: marketRoutes,
  matches: matchRoutes,
  cases: [...caseRoutes, ...caseAttachmentRoutes],
  admin: adminRoutes,
  dashboard: dashboardRoutes,
  ledger: ledgerRoutes,
  inbox: inboxRoutes,
  dev: devRoutes,
  attachments: attachmentRoutes,
};

export const allRoutes = Object.values(functionRoutes).flat();
