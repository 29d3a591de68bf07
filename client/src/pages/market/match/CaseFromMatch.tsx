import type { Match, Me } from '@parklink/contract';
import { api } from '../../../api';
import { DraftCaseButton } from '../../../components/DraftCaseButton';

/** 生成共建案例 (`.case-from-match`): for the bank on a succeeded financing match. */
export function CaseFromMatch({ m, me }: { m: Match; me: Me | null }) {
  const eligible = m.status === 'succeeded' && m.need.kind === 'financing' && m.viewerSide === 'resource' && me?.departmentKind === 'bank';
  return eligible ? <DraftCaseButton className="case-from-match" draft={() => api.cases.fromMatch(m.id)} /> : null;
}
