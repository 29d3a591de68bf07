import * as z from './zod';
import { Attachment, CreateUploadInput } from './attachments';
import { Actor, ChinaDate, Id, IsoTime } from './common';
import { BasisPoints, Fen } from './market';
import { CaseKind, CaseStatus, CaseEventType } from './states';
import {
  BANK_INSTRUMENTS,
  bankInstrumentLabels,
  CASE_KINDS,
  CASE_STATUSES,
  caseKindLabels,
  caseStatusLabels,
  MAX_CASE_ATTACHMENTS,
  TAX_SERVICES,
  taxServiceLabels,
} from './values/cases';
/** Defined in states.ts, so that a module needing only them stays small. */
export { CaseKind, CaseStatus, CaseEventType };
/** Plain lists, labels and limits, schema-free (values/cases.ts): a screen that only shows them needs no zod. */
export { BANK_INSTRUMENTS, bankInstrumentLabels, CASE_KINDS, CASE_STATUSES, caseKindLabels, caseStatusLabels, MAX_CASE_ATTACHMENTS, TAX_SERVICES, taxServiceLabels };

/**
 * Co-building cases (银企共建 / 税企共建): what a bank or the tax bureau did for enterprises, with
 * its figures. A department's liaison drafts a case (by hand, or in one step from a resolved
 * request or a succeeded financing match); every enterprise it names confirms it; only confirmed
 * cases count in the figures, so no department can inflate its own.
 */
export type CaseKind = z.infer<typeof CaseKind>;

export const BankInstrument = z.enum(BANK_INSTRUMENTS, { error: '融资方式无效 / instrument: unknown' });
export type BankInstrument = z.infer<typeof BankInstrument>;

export const TaxService = z.enum(TAX_SERVICES, { error: '服务类型无效 / service: unknown' });
export type TaxService = z.infer<typeof TaxService>;

export type CaseStatus = z.infer<typeof CaseStatus>;


export const BankFigures = z.object({
  instrument: BankInstrument,
  amountFen: Fen,
  rateBp: z.optional(BasisPoints),
  termMonths: z.optional(z.number({ error: '期限应为月数 / termMonths: whole months' }).check(
    z.int({ error: '期限应为整月数 / termMonths: whole months' }),
    z.minimum(1, { error: '期限至少 1 个月 / termMonths: at least 1' }),
    z.maximum(600, { error: '期限最多 600 个月 / termMonths: at most 600' }),
  )),
  grantedOn: ChinaDate,
  purpose: z.optional(z.string().check(z.trim(), z.maxLength(100, { error: '用途最多 100 字 / purpose: at most 100 characters' }))),
  /** A preferential or inclusive (普惠) product. */
  preferential: z._default(z.boolean(), false),
});
export type BankFigures = z.infer<typeof BankFigures>;

export const TaxFigures = z.object({
  service: TaxService,
  /** Tax and fees saved or refunded; 0 for advice that saved nothing countable. */
  savedFen: z.number().check(z.int(), z.minimum(0), z.maximum(10_000_000_000_000)),
  policies: z._default(
    z.array(
      z.string().check(
        z.trim(),
        z.minLength(1, { error: '政策名称不能为空 / policies: no empty names' }),
        z.maxLength(60, { error: '政策名称最多 60 个字 / policies: at most 60 characters each' }),
      ),
    ).check(z.maxLength(10, { error: '最多 10 项政策 / policies: at most 10' })),
    [],
  ),
  date: ChinaDate,
});
export type TaxFigures = z.infer<typeof TaxFigures>;

export const Narrative = z.object({
  difficulty: z.string().check(
    z.trim(),
    z.minLength(4, { error: '请写明企业遇到的困难 / difficulty: at least 4 characters' }),
    z.maxLength(1000, { error: '困难最多 1000 字 / difficulty: at most 1000 characters' }),
  ),
  action: z.string().check(
    z.trim(),
    z.minLength(4, { error: '请写明做了什么 / action: at least 4 characters' }),
    z.maxLength(2000, { error: '举措最多 2000 字 / action: at most 2000 characters' }),
  ),
});

export const CaseEnterprise = z.object({ id: Id, name: z.string(), confirmedAt: z.optional(IsoTime), confirmedBy: z.optional(z.string()) });

/** `attached` / `detached`: evidence (a loan contract, a refund notice) added or taken off. */
export const CaseEvent = z.object({ id: Id, type: CaseEventType, at: IsoTime, actor: Actor, message: z.optional(z.string()) });
export type CaseEvent = z.infer<typeof CaseEvent>;

export const CaseAction = z.enum(['edit', 'confirm', 'close']);
export type CaseAction = z.infer<typeof CaseAction>;

export const CoBuildingCase = z.object({
  id: Id,
  kind: CaseKind,
  status: CaseStatus,
  title: z.string(),
  department: z.object({ id: Id, name: z.string() }),
  enterprises: z.array(CaseEnterprise),
  /** A draft made from a request may still lack the amount: it cannot be confirmed until it is filled in. */
  bank: z.optional(z.extend(BankFigures, { amountFen: z.optional(z.number().check(z.int())) })),
  tax: z.optional(TaxFigures),
  narrative: Narrative,
  requestIds: z.array(Id),
  matchId: z.optional(Id),
  timeline: z.array(CaseEvent),
  /** Evidence: images and PDFs, by the department's members and the named enterprises. */
  attachments: z.array(Attachment),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  version: z.number().check(z.int(), z.positive()),
  allowedActions: z.array(CaseAction),
  /** Whether the viewer may add files now (the department's members and named enterprises, until it is archived). */
  canAttach: z.boolean(),
});
export type CoBuildingCase = z.infer<typeof CoBuildingCase>;

const title = z.string().check(
  z.trim(),
  z.minLength(4, { error: '标题至少 4 个字 / title: at least 4 characters' }),
  z.maxLength(60, { error: '标题最多 60 个字 / title: at most 60 characters' }),
);

/** A draft by a liaison of a bank (kind bank) or the tax bureau (kind tax): its figures match its kind. */
export const CreateCaseInput = z.object({
  kind: CaseKind,
  title,
  enterpriseIds: z.array(Id).check(z.minLength(1, { error: '至少选择一家企业 / enterpriseIds: at least one' }), z.maxLength(20)),
  bank: z.optional(BankFigures),
  tax: z.optional(TaxFigures),
  narrative: Narrative,
  requestIds: z._default(z.array(Id).check(z.maxLength(10)), []),
  matchId: z.optional(Id),
}).check(
  z.superRefine((c, ctx) => {
    if (c.kind === 'bank' && !c.bank) ctx.addIssue({ code: 'custom', path: ['bank'], message: '银企案例需要填写融资信息 / bank: required for a bank case' });
    if (c.kind === 'tax' && !c.tax) ctx.addIssue({ code: 'custom', path: ['tax'], message: '税企案例需要填写减免信息 / tax: required for a tax case' });
    if (c.kind === 'bank' && c.tax) ctx.addIssue({ code: 'custom', path: ['tax'], message: '银企案例不填税费信息 / tax: not for a bank case' });
    if (c.kind === 'tax' && c.bank) ctx.addIssue({ code: 'custom', path: ['bank'], message: '税企案例不填融资信息 / bank: not for a tax case' });
  }),
);
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

/** A change to a draft, on its version; confirmations already given are withdrawn (figures changed). */
export const UpdateCaseInput = z.object({
  version: z.number().check(z.int(), z.positive()),
  title: z.optional(title),
  enterpriseIds: z.optional(z.array(Id).check(
    z.minLength(1, { error: '至少选择一家企业 / enterpriseIds: at least one' }),
    z.maxLength(20, { error: '最多 20 家企业 / enterpriseIds: at most 20' }),
  )),
  bank: z.optional(BankFigures),
  tax: z.optional(TaxFigures),
  narrative: z.optional(Narrative),
});
export type UpdateCaseInput = z.infer<typeof UpdateCaseInput>;

export const CaseVersionInput = z.object({
  version: z.number({ error: '缺少版本号 / version: required' }).check(z.int(), z.positive()),
  message: z.optional(z.string().check(z.trim(), z.maxLength(200, { error: '说明最多 200 字 / message: at most 200 characters' }))),
});
export type CaseVersionInput = z.infer<typeof CaseVersionInput>;

export const CaseFromRequestInput = z.object({ requestId: Id });
export const CaseFromMatchInput = z.object({ matchId: Id });

export const CaseListQuery = z.object({
  kind: z.optional(CaseKind),
  /** Cases made from this request (at most one per department). */
  requestId: z.optional(Id),
  departmentId: z.optional(Id),
  status: z.optional(CaseStatus),
  /** Cases dated (granted / served) in [from, to], China dates. */
  from: z.optional(ChinaDate),
  to: z.optional(ChinaDate),
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
  cursor: z.optional(z.string().check(z.maxLength(200))),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
export const CaseList = z.object({ items: z.array(CoBuildingCase), nextCursor: z.optional(z.string()) });
export type CaseList = z.infer<typeof CaseList>;

export const CaseSummaryQuery = z.object({ from: ChinaDate, to: ChinaDate, kind: z.optional(CaseKind), departmentId: z.optional(Id) }).check(
  z.refine((q) => q.from <= q.to, { error: '开始日期应不晚于结束日期 / from must not be after to', path: ['to'] }),
);
export type CaseSummaryQuery = z.infer<typeof CaseSummaryQuery>;

/** Figures of confirmed (and closed) cases only; money in fen, rates in basis points. */
export const CaseSummary = z.object({
  from: z.string(),
  to: z.string(),
  cases: z.number().check(z.int()),
  enterprisesServed: z.number().check(z.int()),
  bank: z.object({
    cases: z.number().check(z.int()),
    amountFen: z.number().check(z.int()),
    byInstrument: z.array(z.object({ instrument: BankInstrument, cases: z.number().check(z.int()), amountFen: z.number().check(z.int()) })),
    preferentialAmountFen: z.number().check(z.int()),
    /** Amount-weighted mean of the cases that state a rate, rounded to a whole basis point; absent without any. */
    averageRateBp: z.optional(z.number().check(z.int())),
  }),
  tax: z.object({
    cases: z.number().check(z.int()),
    savedFen: z.number().check(z.int()),
    byService: z.array(z.object({ service: TaxService, cases: z.number().check(z.int()), savedFen: z.number().check(z.int()) })),
  }),
  byDepartment: z.array(z.object({ id: Id, name: z.string(), cases: z.number().check(z.int()), amountFen: z.number().check(z.int()), savedFen: z.number().check(z.int()) })),
  /** Every month from `from` to `to`, also those without cases. */
  byMonth: z.array(z.object({ month: z.string(), cases: z.number().check(z.int()), amountFen: z.number().check(z.int()), savedFen: z.number().check(z.int()) })),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/**
 * Files on a case, the same three steps as a request's (see attachments.ts): ticket, PUT the
 * bytes, confirm; downloads by a short-lived URL. At most MAX_CASE_ATTACHMENTS per case.
 */
export const CaseUploadInput = z.omit(CreateUploadInput, { eventId: true });
export type CaseUploadInput = z.infer<typeof CaseUploadInput>;
