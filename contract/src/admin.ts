import * as z from './zod';
import { Actor, Id, IsoTime, Role } from './common';
import { CategoryField } from './fields';
import { DepartmentKind, SlaSpec } from './categories';
import { MEMBER_STATUSES, memberStatusLabels } from './values/people';

/**
 * Running the alliance (园区管理员): the park's zones and industries, departments, categories with
 * their deadlines, enterprises, members and their invitations — every change an audit event.
 */
const label = (max: number, zh: string) =>
  z.string().check(
    z.trim(),
    z.minLength(1, { error: `${zh}不能为空 / required` }),
    z.maxLength(max, { error: `${zh}最多 ${max} 个字 / at most ${max} characters` }),
  );
const version = z.number({ error: '缺少版本号 / version: required' }).check(z.int(), z.positive());

export const ParkProfile = z.object({
  id: Id,
  name: z.string(),
  zones: z.array(z.string()),
  industries: z.array(z.string()),
  version: z.number().check(z.int(), z.nonnegative()),
});
export type ParkProfile = z.infer<typeof ParkProfile>;

const uniqueLabels = (zh: string) =>
  z.array(label(20, zh)).check(
    z.maxLength(50),
    z.refine((list) => new Set(list).size === list.length, { error: `${zh}不能重复 / no repeats` }),
  );

export const UpdateParkInput = z.object({
  /** The version read (0 for a park never edited). */
  version: z.number().check(z.int(), z.nonnegative()),
  name: z.optional(label(40, '园区名称')),
  zones: z.optional(uniqueLabels('片区')),
  industries: z.optional(uniqueLabels('行业')),
});
export type UpdateParkInput = z.infer<typeof UpdateParkInput>;

/** 统一社会信用代码: 18 characters with a check character (GB 32100-2015), checked on the server. */
export const CreditCode = z.string({ error: '统一社会信用代码：必填 / creditCode: required' }).check(
  z.trim(),
  z.toUpperCase(),
  z.length(18, { error: '统一社会信用代码应为 18 位 / creditCode: 18 characters' }),
);

export const EnterpriseInput = z.object({
  name: label(60, '企业名称'),
  creditCode: CreditCode,
  industry: label(20, '行业'),
  zone: label(20, '片区'),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;
export const UpdateEnterpriseInput = z.extend(z.partial(EnterpriseInput), { version });
export type UpdateEnterpriseInput = z.infer<typeof UpdateEnterpriseInput>;

export const AdminEnterprise = z.object({
  id: Id,
  name: z.string(),
  /** Masked in lists (91510100******XK2X); whole on the enterprise's own record. */
  creditCode: z.string(),
  industry: z.string(),
  zone: z.string(),
  version: z.number().check(z.int(), z.positive()),
  /** People bound or invited for it. */
  members: z.number().check(z.int(), z.nonnegative()),
});
export type AdminEnterprise = z.infer<typeof AdminEnterprise>;
export const AdminEnterpriseList = z.object({ items: z.array(AdminEnterprise) });
export type AdminEnterpriseList = z.infer<typeof AdminEnterpriseList>;

export const DepartmentInput = z.object({
  name: label(40, '部门名称'),
  kind: DepartmentKind,
});
export type DepartmentInput = z.infer<typeof DepartmentInput>;
export const UpdateDepartmentInput = z.extend(z.partial(DepartmentInput), { version });
export type UpdateDepartmentInput = z.infer<typeof UpdateDepartmentInput>;

export const AdminDepartment = z.object({
  id: Id,
  name: z.string(),
  kind: DepartmentKind,
  version: z.number().check(z.int(), z.positive()),
  headUserIds: z.array(Id),
  /** The categories whose requests it handles. */
  categoryIds: z.array(Id),
  members: z.number().check(z.int(), z.nonnegative()),
});
export type AdminDepartment = z.infer<typeof AdminDepartment>;
export const AdminDepartmentList = z.object({ items: z.array(AdminDepartment) });
export type AdminDepartmentList = z.infer<typeof AdminDepartmentList>;

export const CategoryInput = z.object({
  name: label(20, '类别名称'),
  description: z._default(z.string().check(z.trim(), z.maxLength(100, { error: '说明最多 100 字 / description: at most 100 characters' })), ''),
  claimSla: SlaSpec,
  resolveSla: SlaSpec,
  departmentIds: z.array(Id).check(z.minLength(1, { error: '至少指定一个承办部门 / departmentIds: at least one' }), z.maxLength(10)),
  fields: z._default(z.array(CategoryField).check(z.maxLength(10)), []),
  order: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(1000)), 100),
});
export type CategoryInput = z.infer<typeof CategoryInput>;
export const UpdateCategoryInput = z.object({
  version,
  name: z.optional(label(20, '类别名称')),
  description: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  claimSla: z.optional(SlaSpec),
  resolveSla: z.optional(SlaSpec),
  departmentIds: z.optional(z.array(Id).check(z.minLength(1), z.maxLength(10))),
  fields: z.optional(z.array(CategoryField).check(z.maxLength(10))),
  order: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1000))),
});
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryInput>;

export const AdminCategory = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  claimSla: SlaSpec,
  resolveSla: SlaSpec,
  departmentIds: z.array(Id),
  fields: z.array(CategoryField),
  order: z.number().check(z.int()),
  version: z.number().check(z.int(), z.positive()),
});
export type AdminCategory = z.infer<typeof AdminCategory>;
export const AdminCategoryList = z.object({ items: z.array(AdminCategory) });
export type AdminCategoryList = z.infer<typeof AdminCategoryList>;

export const MemberStatus = z.enum(MEMBER_STATUSES);
export type MemberStatus = z.infer<typeof MemberStatus>;
/** Plain list and labels, schema-free (values/people.ts). */
export { MEMBER_STATUSES, memberStatusLabels };

export const Member = z.object({
  id: Id,
  name: z.string(),
  roles: z.array(Role),
  departmentId: z.optional(Id),
  departmentName: z.optional(z.string()),
  enterpriseId: z.optional(Id),
  enterpriseName: z.optional(z.string()),
  status: MemberStatus,
  /** While invited: the one-use code and until when it works. */
  invite: z.optional(z.object({ code: z.string(), expiresAt: IsoTime, path: z.string() })),
  version: z.number().check(z.int(), z.nonnegative()),
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ items: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;

/** An invitation names the person and what they join as; the code works once, until it expires. */
export const InvitationInput = z.object({
  name: label(20, '姓名'),
  role: Role,
  departmentId: z.optional(Id),
  enterpriseId: z.optional(Id),
  expiresInDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(30)), 7),
}).check(
  z.superRefine((i, ctx) => {
    const needsDepartment = i.role === 'liaison' || i.role === 'dept_head';
    if (needsDepartment && !i.departmentId) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '请选择部门 / departmentId: required for this role' });
    if (i.role === 'enterprise' && !i.enterpriseId) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择企业 / enterpriseId: required for this role' });
    if (!needsDepartment && i.departmentId) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '该角色不属于部门 / departmentId: not for this role' });
    if (i.role !== 'enterprise' && i.enterpriseId) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '该角色不属于企业 / enterpriseId: not for this role' });
  }),
);
export type InvitationInput = z.infer<typeof InvitationInput>;

export const MemberVersionInput = z.object({ version: z.number().check(z.int(), z.nonnegative()) });

export const AuditEvent = z.object({
  id: Id,
  at: IsoTime,
  actor: Actor,
  /** e.g. enterprise.create, member.suspend, ledger.export */
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string(), name: z.optional(z.string()) }),
  before: z.optional(z.record(z.string(), z.unknown())),
  after: z.optional(z.record(z.string(), z.unknown())),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditQuery = z.object({
  cursor: z.optional(z.string().check(z.maxLength(100))),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
});
export const AuditList = z.object({ items: z.array(AuditEvent), nextCursor: z.optional(z.string()) });
export type AuditList = z.infer<typeof AuditList>;

/**
 * Bulk import of enterprises from the sheet a park already keeps (CSV, or XLSX: its first sheet),
 * with Chinese or English headers: 企业名称/name, 统一社会信用代码/creditCode, 行业/industry, 片区/zone.
 * `dryRun` reports every row's problems and writes nothing; a real run writes all rows or none.
 */
export const MAX_IMPORT_ROWS = 5000;
export const ImportEnterprisesInput = z.object({
  format: z.enum(['csv', 'xlsx'], { error: '格式应为 csv 或 xlsx / format: csv or xlsx' }),
  /** The file: CSV as text (UTF-8, a BOM is fine); XLSX as base64. At most 2 MB of text. */
  content: z.string().check(
    z.minLength(1, { error: '文件是空的 / content: empty' }),
    z.maxLength(2_800_000, { error: '文件不超过 2 MB / content: at most 2 MB' }),
  ),
  dryRun: z._default(z.boolean(), true),
});
export type ImportEnterprisesInput = z.infer<typeof ImportEnterprisesInput>;

export const ImportRowReport = z.object({
  /** The row's number in the sheet (the header is row 1). */
  row: z.number().check(z.int(), z.positive()),
  name: z.string(),
  creditCode: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportReport = z.object({
  dryRun: z.boolean(),
  total: z.number().check(z.int()),
  valid: z.number().check(z.int()),
  invalid: z.number().check(z.int()),
  /** Rows written (0 on a dry run or when any row is invalid). */
  imported: z.number().check(z.int()),
  /** Every row with a problem, in sheet order. */
  rows: z.array(ImportRowReport),
  /** A problem with the file itself (no header, unknown columns…). */
  fileErrors: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;
