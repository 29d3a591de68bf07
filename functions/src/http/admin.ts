/**
 * The park admin's desk (园区管理员): the park's zones and industries, enterprises (credit codes
 * checked and unique), departments, categories and their deadlines, members and invitations,
 * suspension — each change on the version read, written with its audit event. Every route here
 * is for the park's admins (403 for anyone else); records are always the caller's own park's.
 */
import { randomBytes } from 'node:crypto';
import {
  AuditQuery,
  CategoryInput,
  DepartmentInput,
  EnterpriseInput,
  Id,
  ImportEnterprisesInput,
  MAX_IMPORT_ROWS,
  InvitationInput,
  MemberVersionInput,
  UpdateCategoryInput,
  UpdateDepartmentInput,
  UpdateEnterpriseInput,
  UpdateParkInput,
  type AdminCategory,
  type ApiErrorBody,
  type AdminDepartment,
  type AdminEnterprise,
  type AuditList,
  type ImportReport,
  type MemberList,
  type ParkProfile,
} from '@parklink/contract';
import { auditEvent } from '../domain/admin/audit';
import { checkSheet } from '../domain/admin/enterpriseImport';
import { readCsv, readXlsx } from '../ports/sheets';
import { inviteCode, invitePath, memberView, newInvitation, setSuspended, type MemberRecord } from '../domain/admin/members';
import { isValidCreditCode } from '../domain/creditCode';
import { DomainError, notFound } from '../domain/errors';
import { adminStore } from '../store/admin';
import { directory, type CategoryRecord, type DepartmentRecord, type EnterpriseRecord, type ParkRecord } from '../store/directory';
import type { Deps } from './deps';
import { json, lambdaHandler, route, type Context } from './middleware';

type Versioned<T> = T & { version?: number };
const v = (r: { version?: number }) => r.version ?? 1;
const changedMeanwhile = () => new DomainError('CONFLICT', '已被他人修改，请刷新后再改', 'changed meanwhile', 'version');

export const adminRoutes = [
  route('getPark', async ({ deps, user }) => json(200, parkView(await park(deps, user.parkId)))),

  route('updatePark', async (ctx) => {
    const input = ctx.body(UpdateParkInput);
    const { deps, user } = ctx;
    const current = await park(deps, user.parkId);
    if ((current.version ?? 0) !== input.version) throw changedMeanwhile();
    const next: ParkRecord = { ...current, ...(input.name ? { name: input.name } : {}), ...(input.zones ? { zones: input.zones } : {}), ...(input.industries ? { industries: input.industries } : {}), version: input.version + 1 };
    const audit = auditEvent(user, 'park.update', { type: 'park', id: current.id, name: next.name }, { before: current, after: next }, deps.newId(), now(deps));
    if (!(await adminStore.savePark(deps.db, next, input.version, audit))) throw changedMeanwhile();
    return json(200, parkView(next));
  }),

  route('adminEnterprises', async (ctx) => {
    const { deps, user } = ctx;
    const [enterprises, users] = await Promise.all([directory.listEnterprises(deps.db, user.parkId), directory.listUsers(deps.db, user.parkId)]);
    const items: AdminEnterprise[] = enterprises
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map((e) => ({ ...enterpriseView(e), members: users.filter((u) => u.enterpriseId === e.id).length }));
    return json(200, { items });
  }),

  route('createEnterprise', async (ctx) => {
    const input = ctx.body(EnterpriseInput);
    const { deps, user } = ctx;
    await checkParkLists(deps, user.parkId, input);
    const enterprise = { id: deps.newId(), parkId: user.parkId, ...input, creditCode: checkedCode(input.creditCode), version: 1 };
    const audit = auditEvent(user, 'enterprise.create', { type: 'enterprise', id: enterprise.id, name: enterprise.name }, { after: enterprise }, deps.newId(), now(deps));
    if (!(await adminStore.saveEnterprise(deps.db, enterprise, undefined, audit))) throw await duplicateCode(deps, user.parkId, enterprise.creditCode);
    return json(201, { ...enterpriseView(enterprise), members: 0 });
  }),

  route('updateEnterprise', async (ctx) => {
    const input = ctx.body(UpdateEnterpriseInput);
    const { deps, user } = ctx;
    const current = (await directory.getEnterprise(deps.db, user.parkId, idParam(ctx))) as Versioned<EnterpriseRecord> | undefined;
    if (!current) throw notFound('企业', 'enterprise');
    if (v(current) !== input.version) throw changedMeanwhile();
    await checkParkLists(deps, user.parkId, input);
    const { version, ...fields } = input;
    const next = { ...current, ...defined(fields), ...(input.creditCode ? { creditCode: checkedCode(input.creditCode) } : {}), version: version + 1 };
    const audit = auditEvent(user, 'enterprise.update', { type: 'enterprise', id: current.id, name: next.name }, { before: current, after: next }, deps.newId(), now(deps));
    if (!(await adminStore.saveEnterprise(deps.db, next, current, audit))) {
      const holder = await adminStore.creditCodeHolder(deps.db, user.parkId, next.creditCode);
      throw holder && holder !== current.id ? await duplicateCode(deps, user.parkId, next.creditCode) : changedMeanwhile();
    }
    return json(200, { ...enterpriseView(next), members: 0 });
  }),

  route('importEnterprises', async (ctx) => {
    const input = ctx.body(ImportEnterprisesInput);
    const { deps, user } = ctx;
    let rows: string[][];
    try {
      rows = input.format === 'csv' ? readCsv(input.content) : readXlsx(input.content);
    } catch {
      throw new DomainError('VALIDATION_FAILED', '无法读取文件，请上传 CSV 或 XLSX 表格', `content: not a readable ${input.format} file`, 'content');
    }
    const [p, existing] = await Promise.all([park(deps, user.parkId), directory.listEnterprises(deps.db, user.parkId)]);
    const { report, valid } = checkSheet(rows, { zones: p.zones ?? [], industries: p.industries ?? [], registered: new Set(existing.map((e) => e.creditCode)) }, MAX_IMPORT_ROWS);
    const clean = report.invalid === 0 && report.fileErrors.length === 0 && valid.length > 0;
    if (input.dryRun) {
      const body: ImportReport = { ...report, dryRun: true, imported: 0 };
      return json(200, body);
    }
    if (!clean) {
      // The error every 400 carries, with the whole report beside it for the screen that lists the rows.
      const fields = report.rows.flatMap((r) => r.errors.map((e) => ({ field: `row ${r.row}: ${e.field}`, message: `第 ${r.row} 行：${e.message}`, messageEn: `row ${r.row}: ${e.field}` })));
      const body: ImportReport & ApiErrorBody = {
        ...report,
        dryRun: false,
        imported: 0,
        error: {
          code: 'VALIDATION_FAILED',
          message: report.fileErrors[0] ?? (valid.length ? `有 ${report.invalid} 行有问题，未导入任何企业` : '表格中没有可导入的企业'),
          messageEn: `${report.invalid} invalid rows, ${report.fileErrors.length} file errors; nothing imported`,
          field: 'content',
          ...(fields.length ? { fields } : {}),
        },
        requestId: ctx.requestId,
      };
      return json(400, body);
    }
    const enterprises = valid.map((v) => ({ id: deps.newId(), parkId: user.parkId, name: v.name, creditCode: v.creditCode, industry: v.industry, zone: v.zone, version: 1 }));
    const audit = auditEvent(user, 'enterprise.import', { type: 'enterprise', id: 'import', name: `${enterprises.length} 家企业` }, { after: { count: enterprises.length, names: enterprises.slice(0, 20).map((e) => e.name) } }, deps.newId(), now(deps));
    if (!(await adminStore.importEnterprises(deps.db, enterprises, audit))) {
      throw new DomainError('CONFLICT', '导入期间有代码被他人登记，未导入任何企业，请重新检查后再试', 'a credit code was registered meanwhile; nothing imported', 'content');
    }
    const body: ImportReport = { ...report, dryRun: false, imported: enterprises.length };
    return json(201, body);
  }),

  route('adminDepartments', async (ctx) => {
    const { deps, user } = ctx;
    const [departments, categories, users] = await Promise.all([directory.listDepartments(deps.db, user.parkId), directory.listCategories(deps.db, user.parkId), directory.listUsers(deps.db, user.parkId)]);
    const items: AdminDepartment[] = departments
      .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
      .map((d) => departmentView(d, categories, users.filter((u) => u.departmentId === d.id).length));
    return json(200, { items });
  }),

  route('createDepartment', async (ctx) => {
    const input = ctx.body(DepartmentInput);
    const { deps, user } = ctx;
    const department = { id: deps.newId(), parkId: user.parkId, ...input, headUserIds: [], version: 1 };
    const audit = auditEvent(user, 'department.create', { type: 'department', id: department.id, name: department.name }, { after: department }, deps.newId(), now(deps));
    await adminStore.saveDepartment(deps.db, department, 'new', audit);
    return json(201, departmentView(department, [], 0));
  }),

  route('updateDepartment', async (ctx) => {
    const input = ctx.body(UpdateDepartmentInput);
    const { deps, user } = ctx;
    const current = (await directory.getDepartment(deps.db, user.parkId, idParam(ctx))) as Versioned<DepartmentRecord> | undefined;
    if (!current) throw notFound('部门', 'department');
    if (v(current) !== input.version) throw changedMeanwhile();
    const { version, ...fields } = input;
    const next = { ...current, ...defined(fields), version: version + 1 };
    const audit = auditEvent(user, 'department.update', { type: 'department', id: current.id, name: next.name }, { before: current, after: next }, deps.newId(), now(deps));
    if (!(await adminStore.saveDepartment(deps.db, next, version, audit))) throw changedMeanwhile();
    return json(200, departmentView(next, await directory.listCategories(deps.db, user.parkId), 0));
  }),

  route('adminCategories', async (ctx) => {
    const { deps, user } = ctx;
    const items: AdminCategory[] = (await directory.listCategories(deps.db, user.parkId)).map(categoryView);
    return json(200, { items });
  }),

  route('createCategory', async (ctx) => {
    const input = ctx.body(CategoryInput);
    const { deps, user } = ctx;
    await checkDepartments(deps, user.parkId, input.departmentIds);
    const category = { id: deps.newId(), parkId: user.parkId, ...input, version: 1 };
    const audit = auditEvent(user, 'category.create', { type: 'category', id: category.id, name: category.name }, { after: category }, deps.newId(), now(deps));
    await adminStore.saveCategory(deps.db, category, 'new', audit);
    return json(201, categoryView(category));
  }),

  route('updateCategory', async (ctx) => {
    const input = ctx.body(UpdateCategoryInput);
    const { deps, user } = ctx;
    const current = (await directory.getCategory(deps.db, user.parkId, idParam(ctx))) as Versioned<CategoryRecord> | undefined;
    if (!current) throw notFound('诉求类别', 'category');
    if (v(current) !== input.version) throw changedMeanwhile();
    if (input.departmentIds) await checkDepartments(deps, user.parkId, input.departmentIds);
    const { version, ...fields } = input;
    const next = { ...current, ...defined(fields), version: version + 1 };
    const audit = auditEvent(user, 'category.update', { type: 'category', id: current.id, name: next.name }, { before: current, after: next }, deps.newId(), now(deps));
    if (!(await adminStore.saveCategory(deps.db, next, version, audit))) throw changedMeanwhile();
    return json(200, categoryView(next));
  }),

  route('listMembers', async (ctx) => {
    const { deps, user } = ctx;
    // Erased accounts (PIPL, services/erasure.ts) are nobody's any more: not members.
    const members = ((await directory.listUsers(deps.db, user.parkId)) as (MemberRecord & { erased?: boolean })[]).filter((m) => !m.erased);
    const body: MemberList = { items: members.sort((a, b) => a.name.localeCompare(b.name, 'zh')).map(memberView) };
    return json(200, body);
  }),

  route('createInvitation', async (ctx) => {
    const input = ctx.body(InvitationInput);
    const { deps, user } = ctx;
    const department = input.departmentId ? await directory.getDepartment(deps.db, user.parkId, input.departmentId) : undefined;
    if (input.departmentId && !department) throw new DomainError('VALIDATION_FAILED', '部门不存在', 'departmentId: unknown', 'departmentId');
    const enterprise = input.enterpriseId ? await directory.getEnterprise(deps.db, user.parkId, input.enterpriseId) : undefined;
    if (input.enterpriseId && !enterprise) throw new DomainError('VALIDATION_FAILED', '企业不存在', 'enterpriseId: unknown', 'enterpriseId');
    // A code taken already (one chance in a trillion) is drawn again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const member = newInvitation(input, user.parkId, { ...(department ? { department } : {}), ...(enterprise ? { enterprise } : {}) }, deps.newId(), inviteCode(randomBytes), now(deps));
      const audit = auditEvent(user, 'member.invite', { type: 'member', id: member.id, name: member.name }, { after: { roles: member.roles, departmentId: member.departmentId, enterpriseId: member.enterpriseId, inviteExpiresAt: member.inviteExpiresAt } }, deps.newId(), now(deps));
      if (await adminStore.saveMember(deps.db, member, 'new', audit)) {
        return json(201, { member: memberView(member), inviteCode: member.inviteCode, expiresAt: member.inviteExpiresAt, path: invitePath(member.inviteCode!) });
      }
    }
    throw new DomainError('CONFLICT', '邀请码生成失败，请重试', 'could not draw a free invite code');
  }),

  memberStatusRoute('suspendMember', true),
  memberStatusRoute('reinstateMember', false),

  route('auditLog', async (ctx) => {
    const query = ctx.query(AuditQuery);
    const { deps, user } = ctx;
    const page = await adminStore.auditPage(deps.db, user.parkId, query.limit, query.cursor);
    const body: AuditList = { items: page.items.map(({ parkId, ...a }) => (void parkId, a)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(adminRoutes);

function memberStatusRoute(name: 'suspendMember' | 'reinstateMember', suspended: boolean) {
  return route(name, async (ctx) => {
    const { version } = ctx.body(MemberVersionInput);
    const { deps, user } = ctx;
    const member = (await directory.getUser(deps.db, user.parkId, idParam(ctx))) as MemberRecord | undefined;
    if (!member) throw notFound('成员', 'member');
    const next = setSuspended(member, suspended, version, user);
    if (next === member) return json(200, memberView(member));
    const audit = auditEvent(user, suspended ? 'member.suspend' : 'member.reinstate', { type: 'member', id: member.id, name: member.name }, { before: { suspended: !!member.suspended }, after: { suspended } }, deps.newId(), now(deps));
    if (!(await adminStore.saveMember(deps.db, next, member.version ?? 0, audit))) throw changedMeanwhile();
    return json(200, memberView(next));
  });
}

const now = (deps: Deps) => deps.clock.now().toISOString();

function idParam(ctx: Context): string {
  const id = Id.safeParse(ctx.param('id'));
  if (!id.success) throw notFound('记录', 'record');
  return id.data;
}

async function park(deps: Deps, parkId: string): Promise<ParkRecord & { version?: number; zones?: string[]; industries?: string[] }> {
  const record = await directory.getPark(deps.db, parkId);
  if (!record) throw notFound('园区', 'park');
  return record;
}

function parkView(p: ParkRecord): ParkProfile {
  return { id: p.id, name: p.name, zones: p.zones ?? [], industries: p.industries ?? [], version: p.version ?? 0 };
}

function checkedCode(code: string): string {
  if (!isValidCreditCode(code)) throw new DomainError('VALIDATION_FAILED', '统一社会信用代码校验不通过，请核对', 'creditCode: the check character does not match (GB 32100-2015)', 'creditCode');
  return code;
}

async function duplicateCode(deps: Deps, parkId: string, code: string): Promise<DomainError> {
  const holder = await adminStore.creditCodeHolder(deps.db, parkId, code);
  const name = holder ? (await directory.getEnterprise(deps.db, parkId, holder))?.name : undefined;
  return new DomainError('CONFLICT', `该统一社会信用代码已登记${name ? `（${name}）` : ''}`, 'creditCode: already registered in this park', 'creditCode');
}

/** Zones and industries, once the park keeps lists of them, must come from those lists. */
async function checkParkLists(deps: Deps, parkId: string, input: { industry?: string; zone?: string }) {
  const p = await park(deps, parkId);
  if (input.zone && p.zones?.length && !p.zones.includes(input.zone)) throw new DomainError('VALIDATION_FAILED', `片区「${input.zone}」不在园区片区列表中`, 'zone: not one of the park’s zones', 'zone');
  if (input.industry && p.industries?.length && !p.industries.includes(input.industry)) throw new DomainError('VALIDATION_FAILED', `行业「${input.industry}」不在园区行业列表中`, 'industry: not one of the park’s industries', 'industry');
}

async function checkDepartments(deps: Deps, parkId: string, ids: string[]) {
  const known = new Set((await directory.listDepartments(deps.db, parkId)).map((d) => d.id));
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) throw new DomainError('VALIDATION_FAILED', `部门 ${unknown} 不存在`, `departmentIds: ${unknown} is not a department of this park`, 'departmentIds');
}

/** Masks the middle of a credit code in lists: enough to tell codes apart, not to copy one. */
export const maskCode = (code: string) => `${code.slice(0, 8)}******${code.slice(14)}`;

function enterpriseView(e: Versioned<EnterpriseRecord>): Omit<AdminEnterprise, 'members'> {
  return { id: e.id, name: e.name, creditCode: maskCode(e.creditCode), industry: e.industry, zone: e.zone, version: v(e) };
}

function departmentView(d: Versioned<DepartmentRecord>, categories: CategoryRecord[], members: number): AdminDepartment {
  return { id: d.id, name: d.name, kind: d.kind, version: v(d), headUserIds: d.headUserIds ?? [], categoryIds: categories.filter((c) => c.departmentIds.includes(d.id)).map((c) => c.id), members };
}

function categoryView(c: Versioned<CategoryRecord>): AdminCategory {
  return { id: c.id, name: c.name, description: c.description, claimSla: c.claimSla, resolveSla: c.resolveSla, departmentIds: c.departmentIds, fields: c.fields ?? [], order: c.order, version: v(c) };
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

