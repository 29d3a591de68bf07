/**
 * Plain values, no schema: roles, member states, department kinds and what the personal-data
 * export names. The zod enums are built from these lists in common.ts, admin.ts, categories.ts and
 * privacy.ts, which re-export them with their labels: one source, the same names for importers.
 *
 * Why apart: a module's schemas are calls a bundler must keep once anything of that module is
 * imported. A screen that only names or lists values (the h5 first screen, the stations list)
 * imports these without a schema, and so without zod. Nothing in contract/src/values/ may import
 * zod or a schema module (types aside: `import type` leaves nothing behind).
 */

export const ROLES = ['enterprise', 'liaison', 'dept_head', 'station_host', 'admin'] as const;

/** Chinese labels for roles, shown wherever a person is named. */
export const roleLabels: Record<(typeof ROLES)[number], string> = {
  enterprise: '企业联系人',
  liaison: '联络员',
  dept_head: '部门负责人',
  station_host: '驿站管理员',
  admin: '园区管理员',
};

export const MEMBER_STATUSES = ['invited', 'active', 'suspended'] as const;
export const memberStatusLabels: Record<(typeof MEMBER_STATUSES)[number], string> = { invited: '待加入', active: '正常', suspended: '已停用' };

export const DEPARTMENT_KINDS = ['government', 'bank', 'tax', 'law', 'mentor'] as const;

/** The invitation that brought the person in: never the code itself. */
export const INVITATION_STATES = ['none', 'pending', 'expired', 'used'] as const;
export const invitationStateLabels: Record<(typeof INVITATION_STATES)[number], string> = { none: '无', pending: '待使用', expired: '已过期', used: '已使用' };

/** How the person stands towards a request. */
export const REQUEST_PARTS = ['submitter', 'handler', 'participant'] as const;
export const requestPartLabels: Record<(typeof REQUEST_PARTS)[number], string> = { submitter: '提交人', handler: '经办人', participant: '参与办理' };

/** The name kept records show once their person was erased. */
export const ERASED_NAME = '已注销用户';

/** What a person must type (or the client send) so an erasure never happens by accident. */
export const ERASE_CONFIRMATION = '注销';
