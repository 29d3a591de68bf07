/**
 * A co-building case's life: a department's liaison drafts and edits it, every enterprise it names
 * confirms it (editing a draft withdraws the confirmations given: the figures changed), then it
 * counts; the department closes (archives) it. Who sees it: the department's members, the named
 * enterprises and the park admin; to anyone else it does not exist.
 */
import type { Attachment, BankFigures, CaseAction, CaseEvent, CaseKind, CaseStatus, CoBuildingCase, CreateCaseInput, DepartmentKind, TaxFigures, UpdateCaseInput } from '@parklink/contract';
import { DomainError, forbidden, notFound } from '../errors';
import { actorOf, actsForDepartment, actsForEnterprise, hasRole, type User } from '../user';

export interface CaseRecord {
  id: string;
  parkId: string;
  kind: CaseKind;
  status: CaseStatus;
  title: string;
  department: { id: string; name: string };
  enterprises: { id: string; name: string; confirmedAt?: string; confirmedBy?: string }[];
  bank?: Omit<BankFigures, 'amountFen'> & { amountFen?: number };
  tax?: TaxFigures;
  narrative: { difficulty: string; action: string };
  requestIds: string[];
  matchId?: string;
  timeline: CaseEvent[];
  /** Absent on cases that never had a file. */
  attachments?: Attachment[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The department kind that may record each kind of case. */
export const CASE_DEPARTMENT: Record<CaseKind, DepartmentKind> = { bank: 'bank', tax: 'tax' };

export const caseKindOf = (departmentKind: DepartmentKind): CaseKind | undefined =>
  departmentKind === 'bank' ? 'bank' : departmentKind === 'tax' ? 'tax' : undefined;

/** Evidence comes from the department's members or the enterprises named, until it is archived. */
export const mayAttach = (c: CaseRecord, user: User) => c.status !== 'closed' && (forDepartment(user, c) || namedEnterprise(user, c));

const forDepartment = (user: User, c: Pick<CaseRecord, 'department'>) => actsForDepartment(user) && user.departmentId === c.department.id;
const namedEnterprise = (user: User, c: Pick<CaseRecord, 'enterprises'>) => actsForEnterprise(user) && c.enterprises.some((e) => e.id === user.enterpriseId);

export function canViewCase(user: User, c: CaseRecord | undefined): c is CaseRecord {
  return !!c && c.parkId === user.parkId && (forDepartment(user, c) || namedEnterprise(user, c) || hasRole(user, 'admin'));
}

export function assertCanViewCase(user: User, c: CaseRecord | undefined): CaseRecord {
  if (!canViewCase(user, c)) throw notFound('共建案例', 'case');
  return c;
}

export function allowedCaseActions(c: CaseRecord, user: User): CaseAction[] {
  if (forDepartment(user, c)) return c.status === 'draft' ? ['edit'] : c.status === 'confirmed' ? ['close'] : [];
  if (namedEnterprise(user, c) && c.status === 'draft' && !c.enterprises.find((e) => e.id === user.enterpriseId)?.confirmedAt && isComplete(c)) return ['confirm'];
  return [];
}

/** A draft can be confirmed once its figures are all there (a request-made draft may lack the amount). */
export const isComplete = (c: Pick<CaseRecord, 'kind' | 'bank' | 'tax'>) => (c.kind === 'bank' ? c.bank?.amountFen !== undefined : !!c.tax);

/** The department a user drafts for, checked against the case kind. */
export function draftingDepartment(user: User, kind: CaseKind, departmentKind: DepartmentKind | undefined): { id: string; name: string } {
  if (!actsForDepartment(user)) throw forbidden('只有银行或税务部门的联络员可以记录共建案例', 'only liaisons of banks or the tax bureau record cases');
  if (departmentKind !== CASE_DEPARTMENT[kind]) {
    throw new DomainError('FORBIDDEN', kind === 'bank' ? '银企共建案例由银行记录' : '税企共建案例由税务部门记录', `${kind} cases are recorded by ${CASE_DEPARTMENT[kind]} departments`, 'kind');
  }
  return { id: user.departmentId, name: user.departmentName };
}

export interface NewCase {
  kind: CaseKind;
  title: string;
  enterprises: { id: string; name: string }[];
  bank?: CaseRecord['bank'];
  tax?: TaxFigures;
  narrative: CaseRecord['narrative'];
  requestIds: string[];
  matchId?: string;
}

export function draftCase(input: NewCase, department: { id: string; name: string }, user: User, id: string, eventId: string, now: string, message?: string): CaseRecord {
  return {
    id,
    parkId: user.parkId,
    status: 'draft',
    ...input,
    enterprises: dedupeById(input.enterprises),
    department,
    timeline: [event(eventId, 'drafted', user, now, message)],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

export const fromInput = (input: CreateCaseInput, enterprises: { id: string; name: string }[]): NewCase => ({
  kind: input.kind,
  title: input.title,
  enterprises,
  ...(input.bank ? { bank: input.bank } : {}),
  ...(input.tax ? { tax: input.tax } : {}),
  narrative: input.narrative,
  requestIds: input.requestIds,
  ...(input.matchId ? { matchId: input.matchId } : {}),
});

function assertVersion(c: CaseRecord, version: number) {
  if (c.version !== version) throw new DomainError('CONFLICT', '案例已被修改，请刷新后再操作', `case changed meanwhile (now version ${c.version})`, 'version');
}

function refuse(c: CaseRecord, user: User, action: CaseAction): never {
  throw new DomainError('INVALID_TRANSITION', '当前状态下不能这样操作', `cannot ${action} a ${c.status} case`, undefined, undefined, { status: c.status, allowedActions: allowedCaseActions(c, user) });
}

/** The department's change to a draft; confirmations given so far are withdrawn. */
export function editCase(c: CaseRecord, input: UpdateCaseInput, enterprises: { id: string; name: string }[] | undefined, user: User, eventId: string, now: string): CaseRecord {
  if (!forDepartment(user, c)) throw forbidden('只有本部门的联络员可以修改案例', 'only the case’s department edits it');
  if (c.status !== 'draft') refuse(c, user, 'edit');
  assertVersion(c, input.version);
  if (c.kind === 'bank' && input.tax) throw new DomainError('VALIDATION_FAILED', '银企案例不填税费信息', 'tax: not for a bank case', 'tax');
  if (c.kind === 'tax' && input.bank) throw new DomainError('VALIDATION_FAILED', '税企案例不填融资信息', 'bank: not for a tax case', 'bank');
  const named = enterprises ? dedupeById(enterprises) : c.enterprises;
  return {
    ...c,
    ...(input.title ? { title: input.title } : {}),
    ...(input.bank ? { bank: input.bank } : {}),
    ...(input.tax ? { tax: input.tax } : {}),
    ...(input.narrative ? { narrative: input.narrative } : {}),
    enterprises: named.map(({ id, name }) => ({ id, name })),
    timeline: [...c.timeline, event(eventId, 'edited', user, now)],
    updatedAt: now,
    version: c.version + 1,
  };
}

/** A named enterprise confirms what it read (the version); the last confirmation makes it count. */
export function confirmCase(c: CaseRecord, version: number, user: User, eventId: string, now: string): CaseRecord {
  if (!namedEnterprise(user, c)) throw forbidden('只有案例中的企业可以确认', 'only the enterprises the case names confirm it');
  if (!allowedCaseActions(c, user).includes('confirm')) refuse(c, user, 'confirm');
  assertVersion(c, version);
  const enterprises = c.enterprises.map((e) => (e.id === user.enterpriseId ? { ...e, confirmedAt: now, confirmedBy: user.name } : e));
  const all = enterprises.every((e) => e.confirmedAt);
  return {
    ...c,
    enterprises,
    status: all ? 'confirmed' : 'draft',
    timeline: [...c.timeline, event(eventId, 'confirmed', user, now)],
    updatedAt: now,
    version: c.version + 1,
  };
}

export function closeCase(c: CaseRecord, version: number, user: User, eventId: string, now: string, message?: string): CaseRecord {
  if (!forDepartment(user, c)) throw forbidden('只有本部门可以归档案例', 'only the case’s department closes it');
  if (c.status !== 'confirmed') refuse(c, user, 'close');
  assertVersion(c, version);
  return { ...c, status: 'closed', timeline: [...c.timeline, event(eventId, 'closed', user, now, message)], updatedAt: now, version: c.version + 1 };
}

export function caseView(c: CaseRecord, viewer: User): CoBuildingCase {
  const { parkId, ...rest } = c;
  void parkId;
  return { ...rest, attachments: c.attachments ?? [], allowedActions: allowedCaseActions(c, viewer), canAttach: mayAttach(c, viewer) };
}

/** The date a case counts on: when the money was granted, or the tax service given. */
export const caseDate = (c: Pick<CaseRecord, 'bank' | 'tax' | 'createdAt'>) => c.bank?.grantedOn ?? c.tax?.date ?? c.createdAt.slice(0, 10);

export function event(id: string, type: CaseEvent['type'], user: User, at: string, message?: string): CaseEvent {
  return { id, type, at, actor: actorOf(user), ...(message ? { message } : {}) };
}

function dedupeById<T extends { id: string }>(list: T[]): T[] {
  return [...new Map(list.map((e) => [e.id, e])).values()];
}
