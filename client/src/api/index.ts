import {
  IDEMPOTENCY_HEADER,
  type Category,
  type CategoryList,
  type CreateRequestInput,
  type Department,
  type DepartmentList,
  type DevUser,
  type DevUserList,
  type Me,
  type NoteInput,
  type ProvideInfoInput,
  type RatingInput,
  type ReopenInput,
  type ReplyInput,
  type RequestInfoInput,
  type RequestList,
  type RequestScope,
  type RequestSummary,
  type ServiceRequest,
  type ResolveInput,
  type Session,
  type StartInput,
  type TransferInput,
  type WechatLoginInput,
  type WithdrawInput,
} from '@parklink/contract';
import { adminApi } from './admin';
import { attachments } from './attachments';
import { casesApi } from './cases';
import { dashboardApi, ledgerApi } from './dashboard';
import { call } from './http';
import { inboxApi, saveSubscriptions } from './inbox';
import { marketApi } from './market';
import { privacyApi } from './privacy';
import { managedStationsApi, stationsApi } from './stations';
import { saveSession, updateMe } from './session';
import { requestListQuery, type RequestPageQuery } from '../lib/requestQuery';

export { ApiError, API_BASE, errorText, setUnauthenticatedHandler, zh } from './http';
export { clearSession, loadSession } from './session';
export { newIdempotencyKey } from './ids';
export type { NearbySearch } from './stations';

/** The typed API: one function per contract route. */
export const api = {
  auth: {
    async devUsers(): Promise<DevUser[]> {
      const res = await call<DevUserList>('devUsers');
      return res.users;
    },
    async devLogin(userId: string): Promise<Session> {
      const session = await call<Session>('devLogin', { body: { userId } });
      saveSession(session);
      return session;
    },
    async wechatLogin(input: WechatLoginInput): Promise<Session> {
      const session = await call<Session>('wechatLogin', { body: input });
      saveSession(session);
      return session;
    },
    async me(): Promise<Me> {
      const me = await call<Me>('me');
      updateMe(me);
      return me;
    },
  },
  async categories(): Promise<Category[]> {
    const res = await call<CategoryList>('listCategories');
    return res.categories;
  },
  /** The park's departments (where a request can be transferred). */
  async departments(): Promise<Department[]> {
    const res = await call<DepartmentList>('listDepartments');
    return res.departments;
  },
  /** In-app messages: list by cursor, mark read. */
  inbox: inboxApi,
  /** WeChat subscribe-message consents just given (one message each). */
  subscriptions: saveSubscriptions,
  requests: {
    /** `idempotencyKey`: made once per submission attempt, reused on retry. */
    create(input: CreateRequestInput, idempotencyKey: string): Promise<ServiceRequest> {
      return call<ServiceRequest>('createRequest', {
        body: input,
        headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
      });
    },
    async list(scope: RequestScope): Promise<RequestSummary[]> {
      const res = await call<RequestList>('listRequests', { query: { scope } });
      return res.items;
    },
    /** One page of a list with its filters; pass `nextCursor` back as `cursor` for the next. */
    page(query: RequestPageQuery): Promise<RequestList> {
      return call<RequestList>('listRequests', { query: requestListQuery(query) });
    },
    get(id: string): Promise<ServiceRequest> {
      return call<ServiceRequest>('getRequest', { params: { id } });
    },
    claim(id: string): Promise<ServiceRequest> {
      return call<ServiceRequest>('claimRequest', { params: { id } });
    },
    reply(id: string, input: ReplyInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('replyRequest', { params: { id }, body: input });
    },
    rate(id: string, input: RatingInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('rateRequest', { params: { id }, body: input });
    },
    /** Internal note: liaisons and admins only. */
    note(id: string, input: NoteInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('noteRequest', { params: { id }, body: input });
    },
    start(id: string, input: StartInput = {}): Promise<ServiceRequest> {
      return call<ServiceRequest>('startRequest', { params: { id }, body: input });
    },
    requestInfo(id: string, input: RequestInfoInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('requestInfo', { params: { id }, body: input });
    },
    provideInfo(id: string, input: ProvideInfoInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('provideInfo', { params: { id }, body: input });
    },
    resolve(id: string, input: ResolveInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('resolveRequest', { params: { id }, body: input });
    },
    reopen(id: string, input: ReopenInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('reopenRequest', { params: { id }, body: input });
    },
    transfer(id: string, input: TransferInput): Promise<ServiceRequest> {
      return call<ServiceRequest>('transferRequest', { params: { id }, body: input });
    },
    withdraw(id: string, input: WithdrawInput = {}): Promise<ServiceRequest> {
      return call<ServiceRequest>('withdrawRequest', { params: { id }, body: input });
    },
  },
  /** Files on a request or a reply: presigned upload, confirm, download URL. */
  attachments,
  /** Co-building cases (银企共建 / 税企共建): drafts, confirmations, figures. */
  cases: casesApi,
  /** Care stations for riders (public: no token). */
  stations: stationsApi,
  /** Stations their hosts and the park admin keep. */
  managedStations: managedStationsApi,
  /** The supply-demand market (供需对接): needs, resources, suggestions, matches. */
  market: marketApi,
  /** The park admin's desk (园区管理): park, departments, categories, members, enterprises, audit. */
  admin: adminApi,
  /** The park admin's dashboard (数据看板). */
  dashboard: dashboardApi,
  /** 台账导出: start an export, poll it, download it by link. */
  ledger: ledgerApi,
  /** 个人信息 (PIPL): the signed-in person's data, and erasing them. */
  privacy: privacyApi,
};
