import * as z from 'zod';
import { Actor, Id, IsoTime, Role } from './common';
import { CategoryField } from './fields';
import { DepartmentKind, SlaSpec } from './categories';

/**
 * Running the alliance (园区管理员): the park's zones and industries, departments, categories with
 * their deadlines, enterprises, members and their invitations — every change an audit event.
 */
const label = (max: number, zh: string) =>
  z.string().trim().min(1, { error: `${zh}不能为空 / required` }).max(max, { error: `${zh}最多 ${max} 个字 / at most ${max} characters` });
const version = z.number({ error: '缺少版本号 / version: required' }).int().positive();

export const ParkProfile = z.object({
  id: Id,
  name: z.string(),
  zones: z.array(z.string()),
  industries: z.array(z.string()),
  version: z.number().int().nonnegative(),
});
export type ParkProfile = z.infer<typeof ParkProfile>;

const uniqueLabels = (zh: string) =>
  z
    .array(label(20, zh))
    .max(50)
    .refine((list) => new Set(list).size === list.length, { error: `${zh}不能重复 / no repeats` });

export const UpdateParkInput = z.object({
  /** The version read (0 for a park never edited). */
  version: z.number().int().nonnegative(),
  name: label(40, '园区名称').optional(),
  zones: uniqueLabels('片区').optional(),
  industries: uniqueLabels('行业').optional(),
});
export type UpdateParkInput = z.infer<typeof UpdateParkInput>;

/** 统一社会信用代码: 18 characters with a check character (GB 32100-2015), checked on the server. */
export const CreditCode = z
  .string({ error: '统一社会信用代码：必填 / creditCode: required' })
  .trim()
  .toUpperCase()
  .length(18, { error: '统一社会信用代码应为 18 位 / creditCode: 18 characters' });

export const EnterpriseInput = z.object({
  name: label(60, '企业名称'),
  creditCode: CreditCode,
  industry: label(20, '行业'),
  zone: label(20, '片区'),
});
export type EnterpriseInput = z.infer<typeof EnterpriseInput>;
export const UpdateEnterpriseInput = EnterpriseInput.partial().extend({ version });
export type UpdateEnterpriseInput = z.infer<typeof UpdateEnterpriseInput>;

export const AdminEnterprise = z.object({
  id: Id,
  name: z.string(),
  /** Masked in lists (91510100******XK2X); whole on the enterprise's own record. */
  creditCode: z.string(),
  industry: z.string(),
  zone: z.string(),
  version: z.number().int().positive(),
  /** People bound or invited for it. */
  members: z.number().int().nonnegative(),
});
export type AdminEnterprise = z.infer<typeof AdminEnterprise>;
export const AdminEnterpriseList = z.object({ items: z.array(AdminEnterprise) });
export type AdminEnterpriseList = z.infer<typeof AdminEnterpriseList>;

export const DepartmentInput = z.object({
  name: label(40, '部门名称'),
  kind: DepartmentKind,
});
export type DepartmentInput = z.infer<typeof DepartmentInput>;
export const UpdateDepartmentInput = DepartmentInput.partial().extend({ version });
export type UpdateDepartmentInput = z.infer<typeof UpdateDepartmentInput>;

export const AdminDepartment = z.object({
  id: Id,
  name: z.string(),
  kind: DepartmentKind,
  version: z.number().int().positive(),
  headUserIds: z.array(Id),
  /** The categories whose requests it handles. */
  categoryIds: z.array(Id),
  members: z.number().int().nonnegative(),
});
export type AdminDepartment = z.infer<typeof AdminDepartment>;
export const AdminDepartmentList = z.object({ items: z.array(AdminDepartment) });
export type AdminDepartmentList = z.infer<typeof AdminDepartmentList>;

export const CategoryInput = z.object({
  name: label(20, '类别名称'),
  description: z.string().trim().max(100, { error: '说明最多 100 字 / description: at most 100 characters' }).default(''),
  claimSla: SlaSpec,
  resolveSla: SlaSpec,
  departmentIds: z.array(Id).min(1, { error: '至少指定一个承办部门 / departmentIds: at least one' }).max(10),
  fields: z.array(CategoryField).max(10).default([]),
  order: z.number().int().min(0).max(1000).default(100),
});
export type CategoryInput = z.infer<typeof CategoryInput>;
export const UpdateCategoryInput = z.object({
  version,
  name: label(20, '类别名称').optional(),
  description: z.string().trim().max(100).optional(),
  claimSla: SlaSpec.optional(),
  resolveSla: SlaSpec.optional(),
  departmentIds: z.array(Id).min(1).max(10).optional(),
  fields: z.array(CategoryField).max(10).optional(),
  order: z.number().int().min(0).max(1000).optional(),
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
  order: z.number().int(),
  version: z.number().int().positive(),
});
export type AdminCategory = z.infer<typeof AdminCategory>;
export const AdminCategoryList = z.object({ items: z.array(AdminCategory) });
export type AdminCategoryList = z.infer<typeof AdminCategoryList>;

export const MemberStatus = z.enum(['invited', 'active', 'suspended']);
export type MemberStatus = z.infer<typeof MemberStatus>;
export const memberStatusLabels: Record<MemberStatus, string> = { invited: '待加入', active: '正常', suspended: '已停用' };

export const Member = z.object({
  id: Id,
  name: z.string(),
  roles: z.array(Role),
  departmentId: Id.optional(),
  departmentName: z.string().optional(),
  enterpriseId: Id.optional(),
  enterpriseName: z.string().optional(),
  status: MemberStatus,
  /** While invited: the one-use code and until when it works. */
  invite: z.object({ code: z.string(), expiresAt: IsoTime, path: z.string() }).optional(),
  version: z.number().int().nonnegative(),
});
export type Member = z.infer<typeof Member>;
export const MemberList = z.object({ items: z.array(Member) });
export type MemberList = z.infer<typeof MemberList>;

/** An invitation names the person and what they join as; the code works once, until it expires. */
export const InvitationInput = z
  .object({
    name: label(20, '姓名'),
    role: Role,
    departmentId: Id.optional(),
    enterpriseId: Id.optional(),
    expiresInDays: z.number().int().min(1).max(30).default(7),
  })
  .superRefine((i, ctx) => {
    const needsDepartment = i.role === 'liaison' || i.role === 'dept_head';
    if (needsDepartment && !i.departmentId) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '请选择部门 / departmentId: required for this role' });
    if (i.role === 'enterprise' && !i.enterpriseId) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '请选择企业 / enterpriseId: required for this role' });
    if (!needsDepartment && i.departmentId) ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '该角色不属于部门 / departmentId: not for this role' });
    if (i.role !== 'enterprise' && i.enterpriseId) ctx.addIssue({ code: 'custom', path: ['enterpriseId'], message: '该角色不属于企业 / enterpriseId: not for this role' });
  });
export type InvitationInput = z.infer<typeof InvitationInput>;

export const MemberVersionInput = z.object({ version: z.number().int().nonnegative() });

export const AuditEvent = z.object({
  id: Id,
  at: IsoTime,
  actor: Actor,
  /** e.g. enterprise.create, member.suspend, ledger.export */
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string(), name: z.string().optional() }),
  before: z.record(z.string(), z.unknown()).optional(),
  after: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
export const AuditQuery = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const AuditList = z.object({ items: z.array(AuditEvent), nextCursor: z.string().optional() });
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
  content: z.string().min(1, { error: '文件是空的 / content: empty' }).max(2_800_000, { error: '文件不超过 2 MB / content: at most 2 MB' }),
  dryRun: z.boolean().default(true),
});
export type ImportEnterprisesInput = z.infer<typeof ImportEnterprisesInput>;

export const ImportRowReport = z.object({
  /** The row's number in the sheet (the header is row 1). */
  row: z.number().int().positive(),
  name: z.string(),
  creditCode: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type ImportRowReport = z.infer<typeof ImportRowReport>;

export const ImportReport = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  /** Rows written (0 on a dry run or when any row is invalid). */
  imported: z.number().int(),
  /** Every row with a problem, in sheet order. */
  rows: z.array(ImportRowReport),
  /** A problem with the file itself (no header, unknown columns…). */
  fileErrors: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;
