/**
 * The request's life (诉求流程) as pure functions: each command takes the current state, the person
 * acting and the moment, and returns the next state with one more timeline event — or throws a
 * DomainError saying why not. No I/O here; the store saves the result with a version check.
 */
import type {
  Assignee,
  CreateRequestInput,
  RatingInput,
  ReplyInput,
  RequestStatus,
  RequestSummary,
  ServiceRequest,
  TimelineEvent,
  TimelineEventType,
} from '@parklink/contract';
import { requestStatusLabels } from '@parklink/contract';
import { deadlineFrom, isOverdue } from './deadline';
import { DomainError, forbidden, notFound } from './errors';
import { actorOf, actsForDepartment, actsForEnterprise, hasRole, type User } from './user';

export interface RequestState {
  id: string;
  parkId: string;
  enterpriseId: string;
  enterpriseName: string;
  categoryId: string;
  categoryName: string;
  /** Departments that may claim it: the category's departments at submission. */
  departmentIds: string[];
  title: string;
  description: string;
  status: RequestStatus;
  submittedAt: string;
  deadlineAt: string;
  firstAnsweredAt?: string;
  updatedAt: string;
  version: number;
  assignee?: Assignee;
  rating?: ServiceRequest['rating'];
  timeline: TimelineEvent[];
}

export interface CategoryForSubmit {
  id: string;
  name: string;
  deadlineHours: number;
  departmentIds: string[];
}

/** When and under which id the next event happens: supplied by the caller so this stays pure. */
export interface Moment {
  now: string;
  eventId: string;
}

const REPLYABLE: RequestStatus[] = ['claimed', 'answered', 'reopened', 'in_progress'];
const RATEABLE: RequestStatus[] = ['answered', 'resolved'];

export function submit(
  user: User,
  input: CreateRequestInput,
  category: CategoryForSubmit,
  requestId: string,
  moment: Moment,
): RequestState {
  if (!actsForEnterprise(user)) {
    throw forbidden('只有企业联系人可以提交诉求', 'only enterprise contacts can submit requests');
  }
  const base = {
    id: requestId,
    parkId: user.parkId,
    enterpriseId: user.enterpriseId,
    enterpriseName: user.enterpriseName,
    categoryId: category.id,
    categoryName: category.name,
    departmentIds: [...category.departmentIds],
    title: input.title,
    description: input.description,
    status: 'submitted' as const,
    submittedAt: moment.now,
    deadlineAt: deadlineFrom(moment.now, category.deadlineHours),
    updatedAt: moment.now,
    version: 0,
    timeline: [],
  };
  return withEvent(base, user, 'submitted', 'submitted', moment);
}

export function claim(state: RequestState, user: User, moment: Moment): RequestState {
  if (!actsForDepartment(user) || !state.departmentIds.includes(user.departmentId)) {
    throw forbidden('该诉求不属于您所在部门的受理范围', "this request is not in your department's pool");
  }
  if (state.status !== 'submitted') {
    if (state.assignee) {
      throw new DomainError(
        'CONFLICT',
        `该诉求已被${state.assignee.departmentName}的${state.assignee.name}认领`,
        `already claimed by ${state.assignee.name}`,
      );
    }
    throw invalidTransition(state.status, 'claim');
  }
  const assignee: Assignee = {
    id: user.id,
    name: user.name,
    departmentId: user.departmentId,
    departmentName: user.departmentName,
  };
  return withEvent({ ...state, assignee }, user, 'claimed', 'claimed', moment);
}

export function reply(state: RequestState, user: User, input: ReplyInput, moment: Moment): RequestState {
  if (!isHandler(state, user)) {
    throw forbidden('只有认领该诉求的联络员或其部门负责人可以答复', 'only the assignee or their department head can reply');
  }
  if (!REPLYABLE.includes(state.status)) throw invalidTransition(state.status, 'reply');
  const answered = { ...state, firstAnsweredAt: state.firstAnsweredAt ?? moment.now };
  return withEvent(answered, user, 'replied', 'answered', moment, input.message);
}

export function rate(state: RequestState, user: User, input: RatingInput, moment: Moment): RequestState {
  if (!isOwner(state, user)) {
    throw forbidden('只有提交该诉求的企业可以评价', 'only the enterprise that submitted the request can rate it');
  }
  if (!RATEABLE.includes(state.status)) throw invalidTransition(state.status, 'rate');
  const rating = {
    satisfied: input.satisfied,
    score: input.score,
    at: moment.now,
    ...(input.comment ? { comment: input.comment } : {}),
  };
  // Satisfied closes the loop; unsatisfied sends it back to the same liaison.
  const [type, status]: [TimelineEventType, RequestStatus] = input.satisfied
    ? ['rated', 'rated']
    : ['reopened', 'reopened'];
  return withEvent({ ...state, rating }, user, type, status, moment, input.comment, input.score);
}

/** Who may see a request at all. Anyone else gets 404, as if it did not exist. */
export function canView(state: RequestState, user: User): boolean {
  if (state.parkId !== user.parkId) return false;
  if (hasRole(user, 'admin')) return true;
  if (isOwner(state, user)) return true;
  if (actsForDepartment(user)) {
    return state.departmentIds.includes(user.departmentId) || state.assignee?.departmentId === user.departmentId;
  }
  return false;
}

export function assertCanView(state: RequestState | undefined, user: User): RequestState {
  if (!state || !canView(state, user)) throw notFound('诉求', 'request');
  return state;
}

export function toSummary(state: RequestState, now: string): RequestSummary {
  return {
    id: state.id,
    parkId: state.parkId,
    enterpriseId: state.enterpriseId,
    enterpriseName: state.enterpriseName,
    categoryId: state.categoryId,
    categoryName: state.categoryName,
    title: state.title,
    status: state.status,
    overdue: isOverdue(state, now),
    submittedAt: state.submittedAt,
    deadlineAt: state.deadlineAt,
    updatedAt: state.updatedAt,
    ...(state.assignee ? { assignee: state.assignee } : {}),
  };
}

export function toView(state: RequestState, now: string): ServiceRequest {
  return {
    ...toSummary(state, now),
    description: state.description,
    version: state.version,
    timeline: state.timeline,
    ...(state.rating ? { rating: state.rating } : {}),
  };
}

function isOwner(state: RequestState, user: User): boolean {
  return actsForEnterprise(user) && user.parkId === state.parkId && user.enterpriseId === state.enterpriseId;
}

/** The assignee, or a head of the assignee's department (who can step in when a liaison is away). */
function isHandler(state: RequestState, user: User): boolean {
  if (!state.assignee) return false;
  if (state.assignee.id === user.id) return true;
  return hasRole(user, 'dept_head') && user.departmentId === state.assignee.departmentId;
}

function withEvent(
  state: RequestState,
  user: User,
  type: TimelineEventType,
  status: RequestStatus,
  moment: Moment,
  message?: string,
  score?: number,
): RequestState {
  const event: TimelineEvent = {
    id: moment.eventId,
    type,
    at: moment.now,
    actor: actorOf(user),
    status,
    ...(message ? { message } : {}),
    ...(score !== undefined ? { score } : {}),
  };
  return {
    ...state,
    status,
    updatedAt: moment.now,
    version: state.version + 1,
    timeline: [...state.timeline, event],
  };
}

const actionNames = { claim: '认领', reply: '答复', rate: '评价' } as const;

function invalidTransition(status: RequestStatus, action: keyof typeof actionNames): DomainError {
  return new DomainError(
    'INVALID_TRANSITION',
    `诉求当前为“${requestStatusLabels[status]}”，不能${actionNames[action]}`,
    `cannot ${action} a request in status ${status}`,
  );
}
