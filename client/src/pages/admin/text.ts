import { roleLabels, type DepartmentKind, type Role, type SlaSpec } from '@parklink/contract';
import { formatTime, slaText } from '../../lib/time';

export const departmentKindLabels: Record<DepartmentKind, string> = {
  government: '政府部门',
  bank: '银行',
  tax: '税务',
  law: '律师事务所',
  mentor: '创业导师',
};

/** Audit actions as the admin reads them; an action added later shows as its raw string. */
const ACTIONS: Record<string, string> = {
  'park.update': '修改园区信息',
  'enterprise.create': '新增企业',
  'enterprise.update': '修改企业',
  'enterprise.import': '批量导入企业',
  'department.create': '新增部门',
  'department.update': '修改部门',
  'category.create': '新增诉求类别',
  'category.update': '修改诉求类别',
  'member.invite': '邀请成员',
  'member.suspend': '停用成员',
  'member.reinstate': '恢复成员',
  'ledger.export': '导出台账',
};
export const actionLabel = (action: string) => ACTIONS[action] ?? action;

const TARGETS: Record<string, string> = {
  park: '园区',
  enterprise: '企业',
  department: '部门',
  category: '诉求类别',
  member: '成员',
  ledger: '台账',
};
export const targetLabel = (type: string) => TARGETS[type] ?? type;

/** Field names in an audit event's before/after. */
const FIELDS: Record<string, string> = {
  name: '名称',
  zones: '片区',
  industries: '行业',
  creditCode: '信用代码',
  industry: '行业',
  zone: '片区',
  kind: '类型',
  description: '说明',
  claimSla: '响应时限',
  resolveSla: '办结时限',
  departmentIds: '承办部门',
  departmentId: '部门',
  enterpriseId: '企业',
  headUserIds: '负责人',
  fields: '附加问题',
  order: '排序',
  roles: '角色',
  inviteExpiresAt: '邀请有效至',
  suspended: '停用',
  count: '数量',
  names: '企业',
};
export const fieldLabel = (key: string) => FIELDS[key] ?? key;

const ORDER = ['name', 'kind', 'description', 'claimSla', 'resolveSla', 'departmentIds', 'order'];
/** Changed fields in a steady reading order (name first), whatever order the record kept them in. */
export function fieldOrder(keys: string[]): string[] {
  const known = Object.keys(FIELDS);
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : known.includes(k) ? ORDER.length + known.indexOf(k) : 1000);
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

const isSla = (v: unknown): v is SlaSpec => typeof v === 'object' && v !== null && 'unit' in v && 'amount' in v;

/** One before/after value in words; ids become names when `names` knows them. */
export function valueText(key: string, value: unknown, names: Record<string, string>): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (isSla(value)) return `${slaText(value)}内`;
  if (key === 'inviteExpiresAt' && typeof value === 'string') return formatTime(value);
  if (key === 'kind' && typeof value === 'string') return departmentKindLabels[value as DepartmentKind] ?? value;
  if (key === 'roles' && Array.isArray(value)) return value.map((r) => roleLabels[r as Role] ?? String(r)).join('、') || '—';
  if (key === 'fields' && Array.isArray(value)) return value.length ? `${value.length} 项` : '—';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? names[v] ?? v : JSON.stringify(v))).join('、') || '—';
  if (typeof value === 'string') return names[value] ?? value;
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
