import type {
  AdminCategory,
  AdminCategoryList,
  AdminDepartment,
  AdminDepartmentList,
  AdminEnterprise,
  AdminEnterpriseList,
  AuditList,
  CategoryInput,
  DepartmentInput,
  EnterpriseInput,
  ImportEnterprisesInput,
  ImportReport,
  InvitationInput,
  Member,
  MemberList,
  ParkProfile,
  UpdateCategoryInput,
  UpdateDepartmentInput,
  UpdateEnterpriseInput,
  UpdateParkInput,
} from '@parklink/contract';
import { call } from './http';

/** What POST /v1/admin/invitations answers: the member, the one-use code and the page it opens. */
export interface InvitationResult {
  member: Member;
  inviteCode: string;
  expiresAt: string;
  /** Mini-program path with the code filled in (for a QR code or a shared link). */
  path: string;
}

/**
 * The park admin's desk (园区管理): one function per contract route. Every change goes with the
 * version read; a stale one answers 409 CONFLICT. Type-only imports keep this out of the bundle's
 * weight: the pages that use it live in the pages/admin subpackage.
 */
export const adminApi = {
  park(): Promise<ParkProfile> {
    return call<ParkProfile>('getPark');
  },
  updatePark(input: UpdateParkInput): Promise<ParkProfile> {
    return call<ParkProfile>('updatePark', { body: input });
  },
  async enterprises(): Promise<AdminEnterprise[]> {
    return (await call<AdminEnterpriseList>('adminEnterprises')).items;
  },
  createEnterprise(input: EnterpriseInput): Promise<AdminEnterprise> {
    return call<AdminEnterprise>('createEnterprise', { body: input });
  },
  updateEnterprise(id: string, input: UpdateEnterpriseInput): Promise<AdminEnterprise> {
    return call<AdminEnterprise>('updateEnterprise', { params: { id }, body: input });
  },
  /** `dryRun: true` checks and writes nothing; a real run writes every row or none. */
  importEnterprises(input: ImportEnterprisesInput): Promise<ImportReport> {
    return call<ImportReport>('importEnterprises', { body: input });
  },
  async departments(): Promise<AdminDepartment[]> {
    return (await call<AdminDepartmentList>('adminDepartments')).items;
  },
  createDepartment(input: DepartmentInput): Promise<AdminDepartment> {
    return call<AdminDepartment>('createDepartment', { body: input });
  },
  updateDepartment(id: string, input: UpdateDepartmentInput): Promise<AdminDepartment> {
    return call<AdminDepartment>('updateDepartment', { params: { id }, body: input });
  },
  async categories(): Promise<AdminCategory[]> {
    return (await call<AdminCategoryList>('adminCategories')).items;
  },
  createCategory(input: CategoryInput): Promise<AdminCategory> {
    return call<AdminCategory>('createCategory', { body: input });
  },
  updateCategory(id: string, input: UpdateCategoryInput): Promise<AdminCategory> {
    return call<AdminCategory>('updateCategory', { params: { id }, body: input });
  },
  async members(): Promise<Member[]> {
    return (await call<MemberList>('listMembers')).items;
  },
  invite(input: InvitationInput): Promise<InvitationResult> {
    return call<InvitationResult>('createInvitation', { body: input });
  },
  suspend(id: string, version: number): Promise<Member> {
    return call<Member>('suspendMember', { params: { id }, body: { version } });
  },
  reinstate(id: string, version: number): Promise<Member> {
    return call<Member>('reinstateMember', { params: { id }, body: { version } });
  },
  /** One page of the audit log, newest first; pass `nextCursor` back as `cursor`. */
  audit(cursor?: string): Promise<AuditList> {
    return call<AuditList>('auditLog', { query: cursor ? { cursor } : {} });
  },
};
