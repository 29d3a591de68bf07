/**
 * Hostile input for every route (issue 10): fast-check arbitraries for bodies, query strings, path
 * parameters, headers and callers, and the API Gateway event that carries them to the real
 * middleware. Bodies and queries start from the contract's own input schemas (a plausible value,
 * real ids of the seeded park included) and are then mutated — a field replaced by something
 * hostile, a field dropped, a `__proto__` key added — so most inputs get past the first check and
 * reach the handler, where partial writes and 500s hide. The rest is hostile from the first byte:
 * raw text that is not JSON, a thousand levels of nesting, a megabyte of emoji.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import type * as z from 'zod/mini';
import {
  AuditQuery,
  CaseFromMatchInput,
  CaseFromRequestInput,
  CaseListQuery,
  CaseSummaryQuery,
  CaseUploadInput,
  CaseVersionInput,
  CategoryInput,
  CheckInInput,
  CheckInStatsQuery,
  ConfirmAttachmentInput,
  ConfirmStationPhotoInput,
  CreateCaseInput,
  CreateNeedInput,
  CreateRequestInput,
  CreateResourceInput,
  CreateStationInput,
  CreateUploadInput,
  DashboardQuery,
  DepartmentInput,
  DevClockInput,
  DevLoginInput,
  DistrictQuery,
  EnterpriseInput,
  EraseMeInput,
  FieldValues,
  Id,
  ImportEnterprisesInput,
  InboxQuery,
  InvitationInput,
  LedgerExportInput,
  ListRequestsQuery,
  MarketListQuery,
  MatchListQuery,
  MatchMessageInput,
  MatchNoteInput,
  MatchOutcomeInput,
  MemberVersionInput,
  NearbyQuery,
  NoteInput,
  ProposeMatchInput,
  ProvideInfoInput,
  RatingInput,
  ReopenInput,
  ReplyInput,
  ReportInput,
  ReportListQuery,
  RequestInfoInput,
  ResolveInput,
  ResolveReportInput,
  StartInput,
  StationDetailQuery,
  StationPhotoUploadInput,
  StationStatsQuery,
  SubscriptionsInput,
  TransferInput,
  UpdateCaseInput,
  UpdateCategoryInput,
  UpdateDepartmentInput,
  UpdateEnterpriseInput,
  UpdateNeedInput,
  UpdateParkInput,
  UpdateResourceInput,
  UpdateStationInput,
  WechatLoginInput,
  WithdrawInput,
  WorkCalendarView,
  routes,
  type RouteName,
} from '@parklink/contract';

/** The schemas each route's handler parses its body and query with (see functions/src/http). */
export const inputs: Record<RouteName, { body?: z.ZodMiniType; query?: z.ZodMiniType }> = {
  health: {},
  devUsers: {},
  devLogin: { body: DevLoginInput },
  devClock: { body: DevClockInput },
  devSweep: {},
  wechatLogin: { body: WechatLoginInput },
  me: {},
  subscribe: { body: SubscriptionsInput },
  myData: {},
  deleteMe: { body: EraseMeInput },
  listCategories: {},
  listDepartments: {},
  listEnterprises: {},
  getCalendar: {},
  putCalendar: { body: WorkCalendarView },
  createRequest: { body: CreateRequestInput },
  listRequests: { query: ListRequestsQuery },
  getRequest: {},
  claimRequest: {},
  replyRequest: { body: ReplyInput },
  rateRequest: { body: RatingInput },
  noteRequest: { body: NoteInput },
  startRequest: { body: StartInput },
  requestInfo: { body: RequestInfoInput },
  provideInfo: { body: ProvideInfoInput },
  resolveRequest: { body: ResolveInput },
  reopenRequest: { body: ReopenInput },
  transferRequest: { body: TransferInput },
  withdrawRequest: { body: WithdrawInput },
  createAttachmentUpload: { body: CreateUploadInput },
  confirmAttachment: { body: ConfirmAttachmentInput },
  attachmentUrl: {},
  inbox: { query: InboxQuery },
  markRead: {},
  markAllRead: {},
  nearbyStations: { query: NearbyQuery },
  getStation: { query: StationDetailQuery },
  checkIn: { body: CheckInInput },
  reportStation: { body: ReportInput },
  stationDistricts: { query: DistrictQuery },
  listManagedStations: {},
  createStation: { body: CreateStationInput },
  getManagedStation: {},
  updateStation: { body: UpdateStationInput },
  stationCheckIns: { query: CheckInStatsQuery },
  stationReports: { query: ReportListQuery },
  resolveStationReport: { body: ResolveReportInput },
  createStationPhotoUpload: { body: StationPhotoUploadInput },
  confirmStationPhoto: { body: ConfirmStationPhotoInput },
  deleteStationPhoto: {},
  stationHosts: {},
  stationStats: { query: StationStatsQuery },
  listNeeds: { query: MarketListQuery },
  createNeed: { body: CreateNeedInput },
  getNeed: {},
  updateNeed: { body: UpdateNeedInput },
  needSuggestions: {},
  listResources: { query: MarketListQuery },
  createResource: { body: CreateResourceInput },
  getResource: {},
  updateResource: { body: UpdateResourceInput },
  resourceSuggestions: {},
  proposeMatch: { body: ProposeMatchInput },
  listMatches: { query: MatchListQuery },
  getMatch: {},
  acceptMatch: { body: MatchMessageInput },
  declineMatch: { body: MatchMessageInput },
  withdrawMatch: { body: MatchMessageInput },
  noteMatch: { body: MatchNoteInput },
  succeedMatch: { body: MatchOutcomeInput },
  failMatch: { body: MatchOutcomeInput },
  listCases: { query: CaseListQuery },
  createCase: { body: CreateCaseInput },
  caseFromRequest: { body: CaseFromRequestInput },
  caseFromMatch: { body: CaseFromMatchInput },
  caseSummary: { query: CaseSummaryQuery },
  getCase: {},
  updateCase: { body: UpdateCaseInput },
  confirmCase: { body: CaseVersionInput },
  closeCase: { body: CaseVersionInput },
  createCaseAttachmentUpload: { body: CaseUploadInput },
  confirmCaseAttachment: { body: ConfirmAttachmentInput },
  caseAttachmentUrl: {},
  deleteCaseAttachment: {},
  getPark: {},
  updatePark: { body: UpdateParkInput },
  adminEnterprises: {},
  createEnterprise: { body: EnterpriseInput },
  updateEnterprise: { body: UpdateEnterpriseInput },
  importEnterprises: { body: ImportEnterprisesInput },
  adminDepartments: {},
  createDepartment: { body: DepartmentInput },
  updateDepartment: { body: UpdateDepartmentInput },
  adminCategories: {},
  createCategory: { body: CategoryInput },
  updateCategory: { body: UpdateCategoryInput },
  listMembers: {},
  createInvitation: { body: InvitationInput },
  suspendMember: { body: MemberVersionInput },
  reinstateMember: { body: MemberVersionInput },
  auditLog: { query: AuditQuery },
  dashboard: { query: DashboardQuery },
  createLedgerExport: { body: LedgerExportInput },
  listLedgerExports: {},
  getLedgerExport: {},
};

/** What the seeded park holds, read through the API before the run: the ids a plausible input names. */
export interface World {
  /** Real ids by kind: request, notification, station, report, need, resource, match, case, ledger, user, enterprise, department, category. */
  ids: Record<string, string[]>;
  /** The keys of the park's categories' extra fields, and the values their choices offer. */
  fieldKeys: string[];
  choiceValues: string[];
  /** Real cursors of the lists, handed to other lists. */
  cursors: string[];
}

// ---------------------------------------------------------------------------------------------
// Hostile values.

const MB = 1024 * 1024;

/** Strings chosen to hurt: numbers and dates that are not, paths, injections, broken Unicode, control characters. */
export const nastyStrings = [
  '', ' ', '   ', '\t\n\r', 'null', 'undefined', 'true', 'false', '[]', '{}',
  // numbers as strings, NaN-ish strings, page sizes
  '0', '-0', '-1', '1.5', '1e308', '-1e308', '1e999', '9007199254740993', '0x1F', '1,000', '１２', 'NaN', 'Infinity', '-Infinity', '10000', '51', 'abc', ' 5 ',
  // coordinates off the globe
  '91', '-91', '181', '-181', '41.2945,123.7662',
  // dates and times that are not
  '2026-02-30', '2026-13-01', '2026-00-10', '0000-00-00', '9999-12-31', 'yesterday', '2026/11/23', '2026-1-1', '2026-11-23T25:61:00Z',
  `2027-01-01T00:00:00.${'0'.repeat(2000)}Z`, '2026-11-23T08:00:00.000+08:00', '2026-11',
  // paths, keys of the table, injections
  '../', '../../etc/passwd', '..%2F..%2F', '%00', 'a%00b', '\u0000', 'a\u0000b', '%', '%zz', '/', '\\', 'PARK#park-other', 'PARK#park-demo#REQ#', '#',
  '<script>alert(1)</script>', "' OR '1'='1", '${jndi:ldap://x/a}', '{{7*7}}', '__proto__', 'constructor', 'prototype', 'hasOwnProperty',
  // Unicode: lone surrogates, emoji, mixed scripts, direction marks, combining marks
  '\ud800', '\udfff', 'a\ud83db', '😀', '👨‍👩‍👧‍👦'.repeat(20), '\u202eevil', '\ufeff', 'Z̑ͫ̓ͪ̂ͫ̽͏̴̙̤̞͉͚̯̞̠͍A̴̵̜̰͔ͫ͗͢L̠ͨͧͩ͘G̴̻͈͍͔̹̑͗̎̅͛́',
  'مرحبا بالعالم', 'שָׁלוֹם', '漢字かなカナ한글', '\u3000全角空格\u3000', '新厂房环评审批进度😀🏭',
  // control characters
  '\u0001\u0002\u0003\u001b[31m', '\u007f', '\u2028\u2029', '\r\n\r\n',
];

/** Long strings: over every field's limit, over the body limit, a megabyte. */
const longString = fc
  .tuple(fc.constantFrom(61, 2_001, 20_000, 70_000, MB), fc.constantFrom('x', '字', '😀', ' ', '\u0000'))
  .map(([n, unit]) => unit.repeat(n));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...nastyStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: longString },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, 1.5, 91, -181, 1e308, -1e308, 2 ** 53 + 1, -(2 ** 53 + 1), 2 ** 31, Number.MAX_VALUE, Number.MIN_VALUE, 1e-200, 1e13 + 1, 1e125, 1e126, 0.1 + 0.2),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Keys an object should not be trusted with. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', ' ', 'a.b', '$where', 'pk', 'sk', 'parkId', 'id', 'version', 'status', 'roles', 'suspended', 'userId', 'enterpriseId'),
  fc.string({ unit: 'binary', maxLength: 10 }),
);

/** An object with these own properties, `__proto__` included (a literal or assignment would set the prototype). */
export function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

const nested = (depth: number, leaf: unknown, asArray: boolean): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
};

/** 1000 levels of arrays or objects (as a value; deeper ones are sent as raw text). */
const deepValue = fc.tuple(fc.constantFrom(100, 1000), fc.boolean()).map(([depth, asArray]) => nested(depth, 'x', asArray));

const hostileLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: deepValue },
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    hostileLeaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 3 }).map(objectOf),
  ),
})).value;

const deepText = (depth: number, open: string, close: string) => open.repeat(depth) + '1' + close.repeat(depth);

/** Bodies that are not what JSON.stringify would make. */
export const rawTexts: string[] = [
  '', ' ', '{', '}', '{"title": ', '{"a":1,}', "{'title': 'single quotes'}", 'null', 'true', '0', '"a string"', '[]', '[{}]', 'NaN', 'undefined', '<xml/>', 'a=1&b=2',
  '\ufeff{}', '\u0000', '{"a":1e999}', '{"amountFen":-1e999,"version":1e400}', '{"version":' + '9'.repeat(400) + '}', '{"score":4.999999999999999999999}',
  '{"__proto__":{"roles":["admin"],"suspended":false}}', '{"constructor":{"prototype":{"polluted":true}}}', '{"title":"aaaa","title":"bbbbbbbbbbbbbbb"}',
  '{"title":"\\ud800\\udc00\\ud800","description":"\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000\\u0000"}',
  deepText(1000, '[', ']'), deepText(1000, '{"a":', '}'), deepText(20_000, '[', ']'), deepText(6_000, '{"a":', '}'),
];

/** Cursors: garbage, other lists' (added from the world), and well-formed ones that point where they must not. */
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const forgedCursors = [
  b64(null), b64([]), b64({}), b64('x'), b64([null, 'done', { pk: 'PARK#park-other', sk: 'REQ#1' }]), b64({ pk: 'PARK#park-other', sk: 'NEED#01' }),
  b64({ pk: 'INBOX#u-admin', sk: 'N#01' }), b64(objectOf([['__proto__', { pk: 1 }]])), b64({ pk: 1, sk: 2 }), b64({ pk: 'x'.repeat(2000), sk: 'y' }), 'AAAA', '====', '01ARZ3NDEKTSV4RRFFQ69G5FAV',
];
const cursorArb = (world: World) => fc.oneof(fc.constantFrom(...forgedCursors, ...world.cursors), hostileString);
const limitArb = fc.constantFrom('0', '-1', '10000', 'abc', '1.5', '1e3', '', ' ', '0x10', 'Infinity', 'NaN', '50', '51', '1', '20', '9'.repeat(400));

// ---------------------------------------------------------------------------------------------
// Plausible values from a contract schema (zod v4's definitions), then mutated.

/* zod's internal definitions are untyped: `any` from here to the end of `plausible`. */
const defOf = (schema: z.ZodMiniType): any => (schema as any)._zod.def;
const checksOf = (schema: z.ZodMiniType): any[] => (defOf(schema).checks ?? []).map((c: any) => c._zod.def);

/** Which kind of id a property names, from its name: `categoryId`, `hostIds`, `needId`… */
function idKind(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const base = hint.replace(/Ids?$/, '');
  const kinds: Record<string, string> = { host: 'user', user: 'user', photo: 'none', attachment: 'none', event: 'none' };
  return kinds[base] ?? base;
}

function idArb(world: World, hint: string | undefined): fc.Arbitrary<string> {
  const kind = idKind(hint);
  const pool = kind && kind !== 'none' ? (world.ids[kind] ?? []) : [];
  const all = Object.values(world.ids).flat();
  return fc.oneof(
    { weight: pool.length ? 6 : 0, arbitrary: fc.constantFrom(...(pool.length ? pool : ['x'])) },
    { weight: 2, arbitrary: fc.constantFrom(...all) },
    { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) },
  );
}

/**
 * Cut to `max` UTF-16 units (an astral character may lose its second half: a lone surrogate, fine
 * here) and lengthened to `min` after trimming. (A filter would almost never pass: most code
 * points take two units.)
 */
const fit = (min: number, max: number) => (text: string) => {
  let fitted = text.slice(0, max);
  for (let i = 0; i < max && fitted.trim().length < min; i++) fitted = 'x' + fitted.slice(0, max - 1);
  return fitted;
};

const chinese = ['园区', '企业', '融资', '审批', '厂房', '用工', '订单', '政策', '新', '进度', '材料', '说明', '一', '的'];
/**
 * Text the schema takes (by length), hostile all the same: any code point (control characters,
 * lone surrogates), emoji, mixed scripts, the nasty strings that fit.
 */
function textArb(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.max(min, Math.min(max, 80));
  const fits = nastyStrings.filter((t) => t.trim().length >= min && t.length <= max);
  return fc.oneof(
    fc.string({ unit: 'grapheme-ascii', minLength: min, maxLength: cap }),
    fc.array(fc.constantFrom(...chinese), { minLength: min, maxLength: cap }).map((parts) => parts.join('').slice(0, max)),
    fc.string({ unit: 'binary', minLength: min, maxLength: cap }).map(fit(min, max)),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: cap }).map(fit(min, max)),
    ...(fits.length ? [fc.constantFrom(...fits)] : []),
  );
}

const dateArb = fc.date({ min: new Date('2025-06-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });

function stringArb(schema: z.ZodMiniType, world: World, hint: string | undefined): fc.Arbitrary<string> {
  if (schema === Id) return idArb(world, hint);
  if (hint === 'inviteCode' && world.ids.invite?.length) return fc.oneof(fc.constantFrom(...world.ids.invite), hostileString);
  const def = defOf(schema);
  if (def.format === 'datetime') return fc.oneof({ weight: 5, arbitrary: dateArb.map((d) => d.toISOString()) }, { weight: 1, arbitrary: fc.constantFrom(...shapedTimes) });
  let min = 0;
  let max = 60;
  let pattern: RegExp | undefined;
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') min = check.minimum;
    if (check.check === 'max_length') max = check.maximum;
    if (check.check === 'length_equals') min = max = check.length;
    if (check.check === 'string_format' && check.pattern) pattern = check.pattern;
  }
  if (pattern?.source.startsWith('^\\d{4}-')) {
    const datePattern = pattern;
    const real = dateArb.map((d) => [10, 7].map((n) => d.toISOString().slice(0, n)).find((s) => datePattern.test(s)) ?? d.toISOString().slice(0, 10));
    return fc.oneof({ weight: 5, arbitrary: real }, { weight: 1, arbitrary: fc.constantFrom(...shapedDates) });
  }
  if (pattern) return fc.stringMatching(pattern);
  return fc.oneof({ weight: 5, arbitrary: textArb(min, max) }, { weight: 1, arbitrary: lengthEdges(min, max) });
}

/** Dates of the right shape that are no day, or days at the ends of the calendar. */
const shapedDates = ['2026-13-01', '2026-02-30', '2026-00-10', '2026-04-31', '0000-00-00', '9999-99-99', '2025-02-29', '2028-02-29', '1900-01-01', '2099-12-31', '2026-13', '2026-00'];
/** Timestamps of the right shape that are no time, or far off, or overlong. */
const shapedTimes = ['2026-02-30T00:00:00Z', '2026-11-23T24:00:00Z', '0000-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', `2027-01-01T00:00:00.${'0'.repeat(1100)}Z`, '2026-11-23T08:00:00.123456789Z'];

/** Text at and just past its limits: one short, the most, one over, padded with spaces that trim away. */
function lengthEdges(min: number, max: number): fc.Arbitrary<string> {
  return fc.constantFrom(
    'x'.repeat(Math.max(0, min - 1)),
    ' '.repeat(3) + 'y'.repeat(Math.max(1, min - 1)) + ' '.repeat(3),
    '字'.repeat(Math.min(max, 5000)),
    '字'.repeat(Math.min(max + 1, 5001)),
    '😀'.repeat(Math.min(max, 5000)),
  );
}

function numberArb(schema: z.ZodMiniType): fc.Arbitrary<number> {
  let min = -1000;
  let max = 1_000_000;
  let int = false;
  for (const check of checksOf(schema)) {
    if (check.check === 'greater_than') min = check.inclusive ? check.value : check.value + 1;
    if (check.check === 'less_than') max = check.inclusive ? check.value : check.value - 1;
    if (check.check === 'number_format' && /int/.test(check.format)) int = true;
  }
  const unbounded = min === -1000 || max === 1_000_000;
  // At and past the bounds, half-way between integers, and — without bounds — numbers DynamoDB cannot hold.
  const edges = fc.constantFrom(min - 1, min, max, max + 1, min + 0.5, ...(unbounded ? [1e308, -1e308, 2 ** 53 + 1, 1e-200, 0.1 + 0.2] : []));
  const normal = int ? fc.integer({ min: Math.ceil(Math.max(min, -(2 ** 31))), max: Math.floor(Math.min(max, 2 ** 31)) }) : fc.double({ min, max, noNaN: true });
  return fc.oneof({ weight: 5, arbitrary: normal }, { weight: 1, arbitrary: edges });
}

/** Arrays of a few items, now and then of the most items allowed or one more (when that is few). */
function arrayArb(schema: z.ZodMiniType, item: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  let minLength = 0;
  let maxLength = 3;
  let most: number | undefined;
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') minLength = check.minimum;
    if (check.check === 'max_length') most = check.maximum;
    if (check.check === 'length_equals') minLength = most = check.length;
  }
  const few = fc.array(item, { minLength, maxLength: Math.max(minLength, Math.min(most ?? maxLength, maxLength)) });
  if (most === undefined || most > 25) return few;
  return fc.oneof({ weight: 5, arbitrary: few }, { weight: 1, arbitrary: fc.constantFrom(most, most + 1).chain((n) => fc.array(item, { minLength: n, maxLength: n })) });
}

/** The extra fields of a request: the park's real keys, with values of every type. */
function fieldValuesArb(world: World): fc.Arbitrary<unknown> {
  const value = fc.oneof(
    textArb(0, 30),
    fc.integer({ min: -10, max: 200_000 }),
    dateArb.map((d) => d.toISOString().slice(0, 10)),
    fc.constantFrom(...shapedDates, ...world.choiceValues),
    fc.array(fc.constantFrom(...world.choiceValues, 'nope'), { maxLength: 3 }),
    hostileNumber,
  );
  return fc.array(fc.tuple(fc.constantFrom(...world.fieldKeys), value), { maxLength: 4 }).map(objectOf);
}

/** A value the schema probably accepts (refinements across fields are not attempted). */
export function plausible(schema: z.ZodMiniType, world: World, hint?: string): fc.Arbitrary<unknown> {
  if (schema === FieldValues) return fieldValuesArb(world);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodMiniType>;
      const optional = (s: z.ZodMiniType) => ['optional', 'default', 'prefault'].includes(defOf(s).type);
      const record = Object.fromEntries(Object.entries(shape).map(([key, s]) => [key, plausible(s, world, key)]));
      const requiredKeys = Object.keys(shape).filter((key) => !optional(shape[key]!));
      return fc.record(record, { requiredKeys });
    }
    case 'string':
      return stringArb(schema, world, hint);
    case 'number':
      return numberArb(schema);
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'array':
      return arrayArb(schema, plausible(def.element, world, hint));
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'catch':
    case 'readonly':
      return plausible(def.innerType, world, hint);
    case 'union':
      return fc.oneof(...(def.options as z.ZodMiniType[]).map((s) => plausible(s, world, hint)));
    case 'record':
      return fc.array(fc.tuple(plausible(def.keyType, world) as fc.Arbitrary<string>, plausible(def.valueType, world)), { maxLength: 3 }).map(objectOf);
    case 'pipe':
      return plausible(def.in, world, hint);
    default:
      return hostileValue;
  }
}

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (value && typeof value === 'object') for (const key of Object.keys(value)) pathsOf((value as Record<string, unknown>)[key], [...path, key], out);
  return out;
}

export interface Mutation {
  op: 'replace' | 'delete' | 'add' | 'wrap';
  at: number;
  key: string;
  value: unknown;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('replace', 'replace', 'delete', 'add', 'wrap'),
  at: fc.nat(),
  key: hostileKey,
  value: hostileValue,
});

/** Applies mutations to a copy (JSON.parse keeps a `__proto__` key as an own property). */
export function mutate(value: unknown, mutations: Mutation[]): unknown {
  let root: unknown = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  for (const m of mutations) {
    const paths = pathsOf(root);
    const path = paths[m.at % paths.length]!;
    const parent = path.length ? (path.slice(0, -1).reduce((node: any, k) => node[k], root) as any) : undefined;
    const last = path.at(-1);
    const node = path.reduce((n: any, k) => n[k], root);
    const set = (next: unknown) => {
      if (!parent) root = next;
      else Object.defineProperty(parent, last!, { value: next, enumerable: true, writable: true, configurable: true });
    };
    if (m.op === 'replace') set(m.value);
    else if (m.op === 'wrap') set([node]);
    else if (m.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else if (parent) delete parent[last!];
      else root = undefined;
    } else if (node && typeof node === 'object' && !Array.isArray(node)) Object.defineProperty(node, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(node)) node.push(m.value);
    else set(objectOf([[m.key, m.value]]));
  }
  return root;
}

/** Half the time as generated (hostile within the schema), else with one to three mutations. */
const mutations = fc.oneof({ weight: 1, arbitrary: fc.constant<Mutation[]>([]) }, { weight: 1, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) });
const mutated = (arb: fc.Arbitrary<unknown>) => fc.tuple(arb, mutations).map(([v, ms]) => mutate(v, ms));

// ---------------------------------------------------------------------------------------------
// One call.

export type CallerName = 'anonymous' | 'enterprise' | 'liaison' | 'admin' | 'otherParkAdmin' | 'garbageToken' | 'forgedToken';
export const signedInCallers = ['enterprise', 'liaison', 'admin'] as const;

export type BodySpec = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };

export interface HostileCall {
  caller: CallerName;
  params: Record<string, string>;
  query?: Record<string, string>;
  body: BodySpec;
  /**
   * `isBase64Encoded` (API Gateway sets it for binary content types): `yes` sends the text encoded,
   * `flagged` sends the text as it is but flagged, so it decodes to junk.
   */
  base64: 'no' | 'yes' | 'flagged';
  headers?: Record<string, string>;
}

export function bodyArb(world: World, name: RouteName): fc.Arbitrary<BodySpec> {
  const schema = inputs[name].body;
  return fc.oneof(
    { weight: schema ? 10 : 0, arbitrary: schema ? mutated(plausible(schema, world)).map((value): BodySpec => ({ kind: 'json', value })) : fc.constant<BodySpec>({ kind: 'none' }) },
    { weight: 2, arbitrary: hostileValue.map((value): BodySpec => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: fc.constantFrom(...rawTexts).map((text): BodySpec => ({ kind: 'raw', text })) },
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
  );
}

/** A query as API Gateway hands it over: strings only, the schema's keys and others. */
export function queryArb(world: World, name: RouteName): fc.Arbitrary<Record<string, string> | undefined> {
  const schema = inputs[name].query;
  const valueFor = (key: string) => (key === 'cursor' ? cursorArb(world) : key === 'limit' ? limitArb : hostileString);
  const hostileEntry = fc.oneof(fc.constantFrom('limit', 'cursor', 'scope', 'q', 'from', 'to', 'lat', 'lng', 'status', 'kind'), hostileKey).chain((key) => valueFor(key).map((value) => [key, value] as [string, string]));
  const asQuery = (value: unknown): Record<string, string> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.join(',') : String(v)]])))
      : {};
  const fromSchema = schema
    ? fc.tuple(plausible(schema, world).map(asQuery), fc.array(hostileEntry, { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 1 })).map(([query, extra, drops]) => {
        const entries = Object.entries(query).filter((_, i) => !drops.includes(i));
        return objectOf([...entries, ...extra]) as Record<string, string>;
      })
    : fc.constant(undefined);
  return fc.oneof(
    { weight: schema ? 8 : 0, arbitrary: fromSchema },
    { weight: 2, arbitrary: fc.array(hostileEntry, { minLength: 1, maxLength: 3 }).map((e) => objectOf(e) as Record<string, string>) },
    { weight: schema ? 1 : 4, arbitrary: fc.constant(undefined) },
  );
}

const pathKinds: Record<string, string> = {
  requests: 'request', inbox: 'notification', stations: 'station', 'managed-stations': 'station', needs: 'need', resources: 'resource', matches: 'match',
  cases: 'case', enterprises: 'enterprise', departments: 'department', categories: 'category', members: 'user', 'ledger-exports': 'ledger',
};

/** The path's parameters: mostly real ids of the right kind (so the handler reads a record), else hostile. */
export function paramsArb(world: World, name: RouteName): fc.Arbitrary<Record<string, string>> {
  const path = routes[name].path;
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const segments = path.split('/');
  const arbFor = (param: string) => {
    const before = segments[segments.indexOf(`{${param}}`) - 1] ?? '';
    const kind = param === 'id' ? pathKinds[before] : param === 'reportId' ? 'report' : undefined;
    const pool = kind ? (world.ids[kind] ?? []) : [];
    return fc.oneof(
      { weight: pool.length ? 6 : 0, arbitrary: fc.constantFrom(...(pool.length ? pool : ['x'])) },
      { weight: 3, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) },
    );
  };
  return fc.record(Object.fromEntries(names.map((n) => [n, arbFor(n)])) as Record<string, fc.Arbitrary<string>>);
}

const headersArb: fc.Arbitrary<Record<string, string> | undefined> = fc.option(
  fc.array(fc.tuple(fc.constantFrom('idempotency-key', 'content-type', 'x-forwarded-for', 'cookie', 'content-encoding'), hostileString), { minLength: 1, maxLength: 2 }).map((e) => objectOf(e) as Record<string, string>),
  { nil: undefined, freq: 3 },
);

/** Mostly callers the route is for (so calls get past the role check), now and then anyone at all. */
export function callerArb(allowed: readonly CallerName[]): fc.Arbitrary<CallerName> {
  const anyone: CallerName[] = ['anonymous', 'enterprise', 'liaison', 'admin', 'otherParkAdmin', 'garbageToken', 'forgedToken'];
  return fc.oneof({ weight: allowed.length ? 6 : 0, arbitrary: fc.constantFrom(...(allowed.length ? allowed : anyone)) }, { weight: 2, arbitrary: fc.constantFrom(...anyone) });
}

export function callArb(world: World, name: RouteName, allowed: readonly CallerName[]): fc.Arbitrary<HostileCall> {
  return fc.record({
    caller: callerArb(allowed),
    params: paramsArb(world, name),
    query: queryArb(world, name),
    body: bodyArb(world, name),
    base64: fc.constantFrom<HostileCall['base64']>('no', 'no', 'no', 'no', 'no', 'no', 'no', 'no', 'yes', 'flagged'),
    headers: headersArb,
  });
}

/** The body's text as the client sent it (undefined: no body). */
export function bodyText(body: BodySpec): string | undefined {
  if (body.kind === 'none') return undefined;
  if (body.kind === 'raw') return body.text;
  return JSON.stringify(body.value);
}

/** The event API Gateway (HTTP API, payload 2.0) gives the Lambda for this call. */
export function hostileEvent(name: RouteName, call: HostileCall, authorization: string | undefined, sourceIp = '127.0.0.1'): APIGatewayProxyEventV2 {
  const route = routes[name];
  const routeKey = `${route.method} ${route.path}`;
  const rawPath = route.path.replace(/\{(\w+)\}/g, (_, key: string) => call.params[key] ?? '');
  const text = bodyText(call.body);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(call.headers ?? {})) headers[key.toLowerCase()] = value;
  if (authorization) headers.authorization = authorization;
  if (text !== undefined) headers['content-type'] ??= 'application/json';
  const body = text === undefined ? undefined : call.base64 === 'yes' ? Buffer.from(text, 'utf8').toString('base64') : text;
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: new URLSearchParams(Object.entries(call.query ?? {})).toString(),
    headers,
    ...(call.query && Object.keys(call.query).length ? { queryStringParameters: call.query } : {}),
    ...(Object.keys(call.params).length ? { pathParameters: call.params } : {}),
    requestContext: {
      accountId: 'test',
      apiId: 'test',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method: route.method, path: rawPath, protocol: 'HTTP/1.1', sourceIp, userAgent: 'vitest-hostile' },
      requestId: 'hostile',
      routeKey,
      stage: '$default',
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: call.base64 !== 'no',
    ...(body !== undefined ? { body } : {}),
  };
}

/** A short, printable description of a call for a failure message (megabyte strings cut). */
export function describeCall(name: RouteName, call: HostileCall): string {
  const cut = (_: string, value: unknown) => (typeof value === 'string' && value.length > 120 ? `${value.slice(0, 60)}…(${value.length} chars)` : value);
  const text = bodyText(call.body);
  const body = text !== undefined && text.length > 1200 ? `${text.slice(0, 1000)}…(${text.length} chars)` : text;
  return `${JSON.stringify({ route: name, ...call, body: undefined }, cut)} body: ${body}`;
}
