import type {
  CaseKind,
  CaseList,
  CaseListQuery,
  CaseSummary,
  CoBuildingCase,
  CreateCaseInput,
  EnterpriseList,
  EnterpriseRef,
  UpdateCaseInput,
} from '@parklink/contract';
import type { AttachmentUrl, UploadTicket } from '@parklink/contract';
import type { PickedFile } from '../lib/files';
import { fileProblem } from './attachments';
import { ApiError, call } from './http';
import { putUpload } from './upload';

/** Drops empty values and stringifies the rest for a query string. */
function toQuery(query: Record<string, string | number | undefined>): Record<string, string> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q[k] = String(v);
  return q;
}

/** Co-building cases (银企共建 / 税企共建): one function per contract route. */
export const casesApi = {
  /** Evidence on a case: ticket → PUT the bytes → confirm; resolves with the case as it is now. */
  async uploadAttachment(caseId: string, file: PickedFile): Promise<CoBuildingCase> {
    const problem = fileProblem(file);
    if (problem) throw new ApiError(400, 'VALIDATION_FAILED', problem);
    const ticket = await call<UploadTicket>('createCaseAttachmentUpload', { params: { id: caseId }, body: { fileName: file.name, contentType: file.contentType, size: file.size } });
    await putUpload(ticket, file);
    return call<CoBuildingCase>('confirmCaseAttachment', { params: { id: caseId }, body: { attachmentId: ticket.attachmentId } });
  },
  attachmentUrl(caseId: string, attachmentId: string): Promise<AttachmentUrl> {
    return call<AttachmentUrl>('caseAttachmentUrl', { params: { id: caseId, attachmentId } });
  },
  removeAttachment(caseId: string, attachmentId: string): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('deleteCaseAttachment', { params: { id: caseId, attachmentId } });
  },
  /** One page of the cases the caller may see; pass `nextCursor` back as `cursor`. */
  list(query: Partial<Omit<CaseListQuery, 'limit'>> & { limit?: number } = {}): Promise<CaseList> {
    return call<CaseList>('listCases', { query: toQuery(query) });
  },
  create(input: CreateCaseInput): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('createCase', { body: input });
  },
  /** A draft in one step from a resolved (or rated) request the caller's department handled. */
  fromRequest(requestId: string): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('caseFromRequest', { body: { requestId } });
  },
  /** A draft in one step from a succeeded financing match (the bank on the match). */
  fromMatch(matchId: string): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('caseFromMatch', { body: { matchId } });
  },
  /** Figures of confirmed cases dated in [from, to] (China dates). */
  summary(query: { from: string; to: string; kind?: CaseKind; departmentId?: string }): Promise<CaseSummary> {
    return call<CaseSummary>('caseSummary', { query: toQuery(query) });
  },
  get(id: string): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('getCase', { params: { id } });
  },
  /** A change to a draft on the version read; a stale version answers 409 CONFLICT. */
  update(id: string, input: UpdateCaseInput): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('updateCase', { params: { id }, body: input });
  },
  /** A named enterprise confirms the version it read. */
  confirm(id: string, version: number): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('confirmCase', { params: { id }, body: { version } });
  },
  /** The department archives a confirmed case. */
  close(id: string, version: number, message?: string): Promise<CoBuildingCase> {
    return call<CoBuildingCase>('closeCase', { params: { id }, body: { version, ...(message ? { message } : {}) } });
  },
  /** The park's enterprises (GET /v1/enterprises, any member), to name in a case. */
  async enterprises(): Promise<EnterpriseRef[]> {
    return (await call<EnterpriseList>('listEnterprises')).enterprises;
  },
};
