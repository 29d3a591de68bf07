/**
 * Who may call what: the one authorisation table of the API. For every route it names the roles
 * that may call it at all (checked by the middleware before the handler runs: 401 without a
 * login, 403 for a role the route is not for) and the relation the record must have to the
 * caller (checked where the record is read, by the domain predicate the relation names: a record
 * that fails it answers 404, as if it did not exist, so nobody can probe for another park's or
 * another enterprise's ids).
 *
 * functions/test/integration/policy.test.ts calls every route as every role, in the record's park
 * and from the other park, on the caller's own record and on someone else's, and expects exactly
 * what this table says. A route added to the contract without an entry here does not compile.
 */
import type { RouteName } from '@parklink/contract';
import type { Role } from '@parklink/contract';

/** How the record a route reads or changes must relate to the caller. */
export const relations = {
  none: 'no record of anyone: a login, a health check, public reference data',
  public: 'a public record of any park (care stations), rate-limited per address',
  self: 'the caller’s own account, inbox and consents (and, under PIPL, all of it exported or erased)',
  park: 'reference data of the caller’s own park (categories, departments, the calendar, the park)',
  parkAdmin: 'any record of the caller’s own park; only its admins call these routes',
  requestViewer: 'a request of the caller’s park that its enterprise, a department it is or was routed to, or the park admin may see (domain/request.ts canView)',
  requestParty: 'a request on which the caller plays the part the action needs: owner, pool, handler or admin (domain/transitions.ts)',
  requestUploader: 'a request of the caller’s own enterprise, or one the caller handles (domain/attachments.ts authoriseUpload)',
  ownRequests: 'lists hold only the caller’s enterprise’s requests, or its department’s pool and work',
  marketPost: 'a need or resource of the caller’s park; paused ones only for their owner and the admin (http/market.ts visible)',
  postOwner: 'a post the caller’s enterprise or department owns (domain/market/posts.ts actsFor)',
  matchViewer: 'a match one of whose sides the caller acts for, or the park admin (domain/market/match.ts assertCanViewMatch)',
  matchSide: 'a match one of whose sides the caller acts for (domain/market/match.ts sideOf)',
  caseViewer: 'a case of the caller’s department, one naming the caller’s enterprise, or any case for the park admin (domain/cases/case.ts canViewCase)',
  caseDepartment: 'a case drafted by the caller’s department (domain/cases/case.ts forDepartment)',
  caseEnterprise: 'a case that names the caller’s enterprise (domain/cases/case.ts namedEnterprise)',
  caseContributor: 'a case of the caller’s department or one naming the caller’s enterprise (domain/cases/attachments.ts)',
  hostedStation: 'a station the caller hosts, or any station of the park for its admin (domain/stationCare.ts canManage)',
  ownExport: 'a ledger export of the caller’s park (domain/ledger/exports.ts assertOwnExport)',
} as const;

export type Relation = keyof typeof relations;

export interface Policy {
  /** `anyone`: no login needed; otherwise the roles of which the caller must hold at least one. */
  roles: 'anyone' | readonly Role[];
  record: Relation;
  /** Routes for tests and local development: absent in prod. */
  devOnly?: true;
}

const ALL: readonly Role[] = ['enterprise', 'liaison', 'dept_head', 'station_host', 'admin'];
const ADMIN: readonly Role[] = ['admin'];
const DEPARTMENT: readonly Role[] = ['liaison', 'dept_head'];
const ENTERPRISE: readonly Role[] = ['enterprise'];
/** Those who take part in requests, the market and cases: everyone but a station host alone. */
const ALLIANCE: readonly Role[] = ['enterprise', 'liaison', 'dept_head', 'admin'];
const SIDES: readonly Role[] = ['enterprise', 'liaison', 'dept_head'];
const STATION_STAFF: readonly Role[] = ['station_host', 'admin'];

const open = (record: Relation = 'none'): Policy => ({ roles: 'anyone', record });
const dev = (): Policy => ({ roles: 'anyone', record: 'none', devOnly: true });
const by = (roles: readonly Role[], record: Relation): Policy => ({ roles, record });

export const policy: Record<RouteName, Policy> = {
  health: open(),
  devUsers: dev(),
  devLogin: dev(),
  devClock: dev(),
  devSweep: dev(),
  wechatLogin: open(),
  me: by(ALL, 'self'),
  subscribe: by(ALL, 'self'),
  myData: by(ALL, 'self'),
  deleteMe: by(ALL, 'self'),
  listCategories: by(ALL, 'park'),
  listDepartments: by(ALL, 'park'),
  listEnterprises: by(ALL, 'park'),
  getCalendar: by(ALL, 'park'),
  putCalendar: by(ADMIN, 'parkAdmin'),

  createRequest: by(ENTERPRISE, 'ownRequests'),
  listRequests: by(['enterprise', 'liaison', 'dept_head'], 'ownRequests'),
  getRequest: by(ALLIANCE, 'requestViewer'),
  claimRequest: by(DEPARTMENT, 'requestParty'),
  replyRequest: by(DEPARTMENT, 'requestParty'),
  noteRequest: by(['liaison', 'dept_head', 'admin'], 'requestParty'),
  startRequest: by(DEPARTMENT, 'requestParty'),
  requestInfo: by(DEPARTMENT, 'requestParty'),
  provideInfo: by(ENTERPRISE, 'requestParty'),
  resolveRequest: by(DEPARTMENT, 'requestParty'),
  rateRequest: by(ENTERPRISE, 'requestParty'),
  reopenRequest: by(ENTERPRISE, 'requestParty'),
  transferRequest: by(['liaison', 'dept_head', 'admin'], 'requestParty'),
  withdrawRequest: by(ENTERPRISE, 'requestParty'),
  createAttachmentUpload: by(SIDES, 'requestUploader'),
  confirmAttachment: by(SIDES, 'requestUploader'),
  attachmentUrl: by(ALLIANCE, 'requestViewer'),

  inbox: by(ALL, 'self'),
  markRead: by(ALL, 'self'),
  markAllRead: by(ALL, 'self'),

  nearbyStations: open('public'),
  getStation: open('public'),
  checkIn: open('public'),
  reportStation: open('public'),
  stationDistricts: open('public'),
  listManagedStations: by(STATION_STAFF, 'hostedStation'),
  createStation: by(ADMIN, 'parkAdmin'),
  getManagedStation: by(STATION_STAFF, 'hostedStation'),
  updateStation: by(STATION_STAFF, 'hostedStation'),
  stationCheckIns: by(STATION_STAFF, 'hostedStation'),
  stationReports: by(STATION_STAFF, 'hostedStation'),
  resolveStationReport: by(STATION_STAFF, 'hostedStation'),
  createStationPhotoUpload: by(STATION_STAFF, 'hostedStation'),
  confirmStationPhoto: by(STATION_STAFF, 'hostedStation'),
  deleteStationPhoto: by(STATION_STAFF, 'hostedStation'),
  stationHosts: by(ADMIN, 'parkAdmin'),
  stationStats: by(ADMIN, 'parkAdmin'),

  listNeeds: by(ALL, 'marketPost'),
  createNeed: by(ENTERPRISE, 'postOwner'),
  getNeed: by(ALL, 'marketPost'),
  updateNeed: by(ENTERPRISE, 'postOwner'),
  needSuggestions: by(ALL, 'marketPost'),
  listResources: by(ALL, 'marketPost'),
  createResource: by(SIDES, 'postOwner'),
  getResource: by(ALL, 'marketPost'),
  updateResource: by(SIDES, 'postOwner'),
  resourceSuggestions: by(ALL, 'marketPost'),
  proposeMatch: by(SIDES, 'postOwner'),
  listMatches: by(ALLIANCE, 'matchViewer'),
  getMatch: by(ALLIANCE, 'matchViewer'),
  acceptMatch: by(SIDES, 'matchSide'),
  declineMatch: by(SIDES, 'matchSide'),
  withdrawMatch: by(SIDES, 'matchSide'),
  noteMatch: by(SIDES, 'matchSide'),
  succeedMatch: by(SIDES, 'matchSide'),
  failMatch: by(SIDES, 'matchSide'),

  listCases: by(ALLIANCE, 'caseViewer'),
  createCase: by(DEPARTMENT, 'caseDepartment'),
  caseFromRequest: by(DEPARTMENT, 'requestParty'),
  caseFromMatch: by(DEPARTMENT, 'matchSide'),
  caseSummary: by(ALLIANCE, 'caseViewer'),
  getCase: by(ALLIANCE, 'caseViewer'),
  updateCase: by(DEPARTMENT, 'caseDepartment'),
  confirmCase: by(ENTERPRISE, 'caseEnterprise'),
  closeCase: by(DEPARTMENT, 'caseDepartment'),
  createCaseAttachmentUpload: by(SIDES, 'caseContributor'),
  confirmCaseAttachment: by(SIDES, 'caseContributor'),
  caseAttachmentUrl: by(ALLIANCE, 'caseViewer'),
  deleteCaseAttachment: by(SIDES, 'caseContributor'),

  getPark: by(ALL, 'park'),
  updatePark: by(ADMIN, 'parkAdmin'),
  adminEnterprises: by(ADMIN, 'parkAdmin'),
  createEnterprise: by(ADMIN, 'parkAdmin'),
  updateEnterprise: by(ADMIN, 'parkAdmin'),
  importEnterprises: by(ADMIN, 'parkAdmin'),
  adminDepartments: by(ADMIN, 'parkAdmin'),
  createDepartment: by(ADMIN, 'parkAdmin'),
  updateDepartment: by(ADMIN, 'parkAdmin'),
  adminCategories: by(ADMIN, 'parkAdmin'),
  createCategory: by(ADMIN, 'parkAdmin'),
  updateCategory: by(ADMIN, 'parkAdmin'),
  listMembers: by(ADMIN, 'parkAdmin'),
  createInvitation: by(ADMIN, 'parkAdmin'),
  suspendMember: by(ADMIN, 'parkAdmin'),
  reinstateMember: by(ADMIN, 'parkAdmin'),
  auditLog: by(ADMIN, 'parkAdmin'),
  dashboard: by(ADMIN, 'parkAdmin'),
  createLedgerExport: by(ADMIN, 'ownExport'),
  listLedgerExports: by(ADMIN, 'ownExport'),
  getLedgerExport: by(ADMIN, 'ownExport'),
};

export const needsLogin = (name: RouteName) => policy[name].roles !== 'anyone';

/** Whether the caller's roles let them call the route at all (the record is checked later). */
export function roleMayCall(name: RouteName, roles: readonly Role[]): boolean {
  const allowed = policy[name].roles;
  return allowed === 'anyone' || allowed.some((role) => roles.includes(role));
}
