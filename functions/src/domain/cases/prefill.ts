/**
 * One step from the work to a draft case: a resolved request handled by a bank or the tax bureau,
 * or a succeeded financing match with a bank's resource. The draft names the enterprise and the
 * department and tells the story from what was said; figures that the work recorded come along
 * (a financing request's amount in 万元, purpose and term; a match's outcome), the rest the liaison adds.
 */
import type { DepartmentKind } from '@parklink/contract';
import { DomainError, forbidden } from '../errors';
import type { MatchRecord } from '../market/match';
import type { RequestState } from '../request';
import { actsForDepartment, type User } from '../user';
import { caseKindOf, type NewCase } from './case';
import { chinaDate } from '../stationCare';

const WAN_FEN = 1_000_000;

export function draftFromRequest(request: RequestState, departmentKind: DepartmentKind | undefined, user: User): NewCase {
  if (!['resolved', 'rated'].includes(request.status)) {
    throw new DomainError('INVALID_TRANSITION', '诉求办结后才能生成共建案例', 'requestId: the request is not resolved', 'requestId');
  }
  if (!actsForDepartment(user) || request.assignee?.departmentId !== user.departmentId) {
    throw forbidden('只有办理该诉求的部门可以生成案例', 'only the handling department drafts a case from it');
  }
  const kind = departmentKind ? caseKindOf(departmentKind) : undefined;
  if (!kind) throw new DomainError('VALIDATION_FAILED', '只有银行或税务部门办理的诉求可以生成共建案例', 'requestId: not handled by a bank or the tax bureau', 'requestId');
  const field = (key: string) => request.fields?.find((f) => f.key === key);
  const amount = field('amount')?.value;
  const term = field('term')?.value;
  const said = request.timeline.filter((e) => e.visibility !== 'internal' && e.actor.id === request.assignee?.id && e.message).map((e) => e.message!);
  const resolvedOn = chinaDate(request.resolvedAt ?? request.updatedAt).date;
  return {
    kind,
    title: request.title.slice(0, 60),
    enterprises: [{ id: request.enterpriseId, name: request.enterpriseName }],
    ...(kind === 'bank'
      ? {
          bank: {
            instrument: 'loan' as const,
            ...(typeof amount === 'number' ? { amountFen: Math.round(amount * WAN_FEN) } : {}),
            ...(typeof term === 'number' ? { termMonths: term } : {}),
            grantedOn: resolvedOn,
            ...(field('purpose') ? { purpose: field('purpose')!.display.slice(0, 100) } : {}),
            preferential: false,
          },
        }
      : { tax: { service: 'policy_consulting' as const, savedFen: 0, policies: [], date: resolvedOn } }),
    narrative: { difficulty: `${request.title}：${request.description}`.slice(0, 1000), action: (said.join('\n') || '已办结').slice(0, 2000) },
    requestIds: [request.id],
  };
}

export function draftFromMatch(match: MatchRecord, departmentKind: DepartmentKind | undefined, user: User): NewCase {
  if (match.status !== 'succeeded') throw new DomainError('INVALID_TRANSITION', '对接成功后才能生成共建案例', 'matchId: the match has not succeeded', 'matchId');
  if (!actsForDepartment(user) || match.resource.owner.kind !== 'department' || user.departmentId !== match.resource.owner.id) {
    throw forbidden('只有资源方的银行可以生成案例', 'only the bank on the match drafts the case');
  }
  if (match.need.kind !== 'financing' || departmentKind !== 'bank') {
    throw new DomainError('VALIDATION_FAILED', '只有与银行的融资对接可以生成银企共建案例', 'matchId: not a financing match with a bank', 'matchId');
  }
  const said = match.timeline.filter((e) => e.message).map((e) => e.message!);
  return {
    kind: 'bank',
    title: `${match.need.owner.name}：${match.need.title}`.slice(0, 60),
    enterprises: [{ id: match.need.owner.id, name: match.need.owner.name }],
    bank: {
      instrument: 'loan',
      ...(match.outcome?.amountFen !== undefined ? { amountFen: match.outcome.amountFen } : {}),
      grantedOn: match.outcome?.date ?? chinaDate(match.updatedAt).date,
      purpose: match.need.title.slice(0, 100),
      preferential: false,
    },
    narrative: { difficulty: match.need.title, action: (`通过「${match.resource.title}」对接。` + (said.length ? `\n${said.join('\n')}` : '')).slice(0, 2000) },
    requestIds: [],
    matchId: match.id,
  };
}
