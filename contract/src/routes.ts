/**
 * Every HTTP route, once. The API's handlers, serverless.yml and the client are all checked against
 * this list (see functions/test/contract), so a route cannot exist on one side only.
 */
export const routes = {
  health: { method: 'GET', path: '/v1/health', auth: false },
  devUsers: { method: 'GET', path: '/v1/auth/dev/users', auth: false },
  devLogin: { method: 'POST', path: '/v1/auth/dev', auth: false },
  devClock: { method: 'PUT', path: '/v1/dev/clock', auth: false },
  devSweep: { method: 'POST', path: '/v1/dev/sweep', auth: false },
  wechatLogin: { method: 'POST', path: '/v1/auth/wechat', auth: false },
  me: { method: 'GET', path: '/v1/me', auth: true },
  subscribe: { method: 'POST', path: '/v1/me/subscriptions', auth: true },
  listCategories: { method: 'GET', path: '/v1/categories', auth: true },
  listDepartments: { method: 'GET', path: '/v1/departments', auth: true },
  listEnterprises: { method: 'GET', path: '/v1/enterprises', auth: true },
  getCalendar: { method: 'GET', path: '/v1/calendar', auth: true },
  putCalendar: { method: 'PUT', path: '/v1/calendar', auth: true },
  createRequest: { method: 'POST', path: '/v1/requests', auth: true },
  listRequests: { method: 'GET', path: '/v1/requests', auth: true },
  getRequest: { method: 'GET', path: '/v1/requests/{id}', auth: true },
  claimRequest: { method: 'POST', path: '/v1/requests/{id}/claim', auth: true },
  replyRequest: { method: 'POST', path: '/v1/requests/{id}/replies', auth: true },
  rateRequest: { method: 'POST', path: '/v1/requests/{id}/rating', auth: true },
  noteRequest: { method: 'POST', path: '/v1/requests/{id}/notes', auth: true },
  startRequest: { method: 'POST', path: '/v1/requests/{id}/start', auth: true },
  requestInfo: { method: 'POST', path: '/v1/requests/{id}/info-requests', auth: true },
  provideInfo: { method: 'POST', path: '/v1/requests/{id}/info', auth: true },
  resolveRequest: { method: 'POST', path: '/v1/requests/{id}/resolve', auth: true },
  reopenRequest: { method: 'POST', path: '/v1/requests/{id}/reopen', auth: true },
  transferRequest: { method: 'POST', path: '/v1/requests/{id}/transfer', auth: true },
  withdrawRequest: { method: 'POST', path: '/v1/requests/{id}/withdraw', auth: true },
  createAttachmentUpload: { method: 'POST', path: '/v1/requests/{id}/attachments/uploads', auth: true },
  confirmAttachment: { method: 'POST', path: '/v1/requests/{id}/attachments', auth: true },
  attachmentUrl: { method: 'GET', path: '/v1/requests/{id}/attachments/{attachmentId}/url', auth: true },
  inbox: { method: 'GET', path: '/v1/inbox', auth: true },
  markRead: { method: 'POST', path: '/v1/inbox/{id}/read', auth: true },
  markAllRead: { method: 'POST', path: '/v1/inbox/read-all', auth: true },
  nearbyStations: { method: 'GET', path: '/v1/stations/nearby', auth: false },
  getStation: { method: 'GET', path: '/v1/stations/{id}', auth: false },
  checkIn: { method: 'POST', path: '/v1/stations/{id}/checkins', auth: false },
  reportStation: { method: 'POST', path: '/v1/stations/{id}/reports', auth: false },
  stationDistricts: { method: 'GET', path: '/v1/station-districts', auth: false },
  listManagedStations: { method: 'GET', path: '/v1/managed-stations', auth: true },
  createStation: { method: 'POST', path: '/v1/managed-stations', auth: true },
  getManagedStation: { method: 'GET', path: '/v1/managed-stations/{id}', auth: true },
  updateStation: { method: 'PUT', path: '/v1/managed-stations/{id}', auth: true },
  stationCheckIns: { method: 'GET', path: '/v1/managed-stations/{id}/checkins', auth: true },
  stationReports: { method: 'GET', path: '/v1/managed-stations/{id}/reports', auth: true },
  resolveStationReport: { method: 'POST', path: '/v1/managed-stations/{id}/reports/{reportId}/resolve', auth: true },
  createStationPhotoUpload: { method: 'POST', path: '/v1/managed-stations/{id}/photos/uploads', auth: true },
  confirmStationPhoto: { method: 'POST', path: '/v1/managed-stations/{id}/photos', auth: true },
  deleteStationPhoto: { method: 'DELETE', path: '/v1/managed-stations/{id}/photos/{photoId}', auth: true },
  stationHosts: { method: 'GET', path: '/v1/station-hosts', auth: true },
  stationStats: { method: 'GET', path: '/v1/station-stats', auth: true },
  listNeeds: { method: 'GET', path: '/v1/needs', auth: true },
  createNeed: { method: 'POST', path: '/v1/needs', auth: true },
  getNeed: { method: 'GET', path: '/v1/needs/{id}', auth: true },
  updateNeed: { method: 'PUT', path: '/v1/needs/{id}', auth: true },
  needSuggestions: { method: 'GET', path: '/v1/needs/{id}/suggestions', auth: true },
  listResources: { method: 'GET', path: '/v1/resources', auth: true },
  createResource: { method: 'POST', path: '/v1/resources', auth: true },
  getResource: { method: 'GET', path: '/v1/resources/{id}', auth: true },
  updateResource: { method: 'PUT', path: '/v1/resources/{id}', auth: true },
  resourceSuggestions: { method: 'GET', path: '/v1/resources/{id}/suggestions', auth: true },
  proposeMatch: { method: 'POST', path: '/v1/matches', auth: true },
  listMatches: { method: 'GET', path: '/v1/matches', auth: true },
  getMatch: { method: 'GET', path: '/v1/matches/{id}', auth: true },
  acceptMatch: { method: 'POST', path: '/v1/matches/{id}/accept', auth: true },
  declineMatch: { method: 'POST', path: '/v1/matches/{id}/decline', auth: true },
  withdrawMatch: { method: 'POST', path: '/v1/matches/{id}/withdraw', auth: true },
  noteMatch: { method: 'POST', path: '/v1/matches/{id}/notes', auth: true },
  succeedMatch: { method: 'POST', path: '/v1/matches/{id}/success', auth: true },
  failMatch: { method: 'POST', path: '/v1/matches/{id}/failure', auth: true },
  listCases: { method: 'GET', path: '/v1/cases', auth: true },
  createCase: { method: 'POST', path: '/v1/cases', auth: true },
  caseFromRequest: { method: 'POST', path: '/v1/cases/from-request', auth: true },
  caseFromMatch: { method: 'POST', path: '/v1/cases/from-match', auth: true },
  caseSummary: { method: 'GET', path: '/v1/cases/summary', auth: true },
  getCase: { method: 'GET', path: '/v1/cases/{id}', auth: true },
  updateCase: { method: 'PUT', path: '/v1/cases/{id}', auth: true },
  confirmCase: { method: 'POST', path: '/v1/cases/{id}/confirm', auth: true },
  closeCase: { method: 'POST', path: '/v1/cases/{id}/close', auth: true },
  getPark: { method: 'GET', path: '/v1/park', auth: true },
  updatePark: { method: 'PUT', path: '/v1/admin/park', auth: true },
  adminEnterprises: { method: 'GET', path: '/v1/admin/enterprises', auth: true },
  createEnterprise: { method: 'POST', path: '/v1/admin/enterprises', auth: true },
  updateEnterprise: { method: 'PUT', path: '/v1/admin/enterprises/{id}', auth: true },
  importEnterprises: { method: 'POST', path: '/v1/admin/enterprises/import', auth: true },
  adminDepartments: { method: 'GET', path: '/v1/admin/departments', auth: true },
  createDepartment: { method: 'POST', path: '/v1/admin/departments', auth: true },
  updateDepartment: { method: 'PUT', path: '/v1/admin/departments/{id}', auth: true },
  adminCategories: { method: 'GET', path: '/v1/admin/categories', auth: true },
  createCategory: { method: 'POST', path: '/v1/admin/categories', auth: true },
  updateCategory: { method: 'PUT', path: '/v1/admin/categories/{id}', auth: true },
  listMembers: { method: 'GET', path: '/v1/admin/members', auth: true },
  createInvitation: { method: 'POST', path: '/v1/admin/invitations', auth: true },
  suspendMember: { method: 'POST', path: '/v1/admin/members/{id}/suspend', auth: true },
  reinstateMember: { method: 'POST', path: '/v1/admin/members/{id}/reinstate', auth: true },
  auditLog: { method: 'GET', path: '/v1/admin/audit', auth: true },
  dashboard: { method: 'GET', path: '/v1/dashboard', auth: true },
} as const;

export type RouteName = keyof typeof routes;

/** API Gateway HTTP API route key, e.g. `POST /v1/requests/{id}/claim`. */
export function routeKey(name: RouteName): string {
  const route = routes[name];
  return `${route.method} ${route.path}`;
}

/** Fills `{id}`-style path parameters. */
export function routePath(name: RouteName, params: Record<string, string> = {}): string {
  return routes[name].path.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter ${key} for ${name}`);
    return encodeURIComponent(value);
  });
}
