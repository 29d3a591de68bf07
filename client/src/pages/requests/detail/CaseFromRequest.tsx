import type { Me, ServiceRequest } from '@parklink/contract';
import { api } from '../../../api';
import { DraftCaseButton } from '../../../components/DraftCaseButton';

/**
 * 生成共建案例 (`.case-from-request`): for the handling department of a bank or the tax bureau
 * once the request is resolved or rated.
 */
export function CaseFromRequest({ r, me }: { r: ServiceRequest; me: Me | null }) {
  const eligible =
    !!me?.departmentId &&
    r.assignee?.departmentId === me.departmentId &&
    (me.departmentKind === 'bank' || me.departmentKind === 'tax') &&
    (r.status === 'resolved' || r.status === 'rated');
  return eligible ? <DraftCaseButton className="case-from-request" draft={() => api.cases.fromRequest(r.id)} /> : null;
}
