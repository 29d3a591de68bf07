import * as z from 'zod';
import { Attachment, CreateUploadInput } from './attachments';
import { Actor, ChinaDate, Id, IsoTime } from './common';
import { BasisPoints, Fen } from './market';

/**
 * Co-building cases (银企共建 / 税企共建): what a bank or the tax bureau did for enterprises, with
 * its figures. A department's liaison drafts a case (by hand, or in one step from a resolved
 * request or a succeeded financing match); every enterprise it names confirms it; only confirmed
 * cases count in the figures, so no department can inflate its own.
 */
export const CaseKind = z.enum(['bank', 'tax'], { error: '案例类型应为 bank 或 tax / kind: bank or tax' });
export type CaseKind = z.infer<typeof CaseKind>;
export const caseKindLabels: Record<CaseKind, string> = { bank: '银企共建', tax: '税企共建' };

export const BankInstrument = z.enum(['loan', 'credit_line', 'equity', 'guarantee', 'discounted_bill'], { error: '融资方式无效 / instrument: unknown' });
export type BankInstrument = z.infer<typeof BankInstrument>;
export const bankInstrumentLabels: Record<BankInstrument, string> = {
  loan: '贷款',
  credit_line: '授信',
  equity: '股权投资',
  guarantee: '担保',
  discounted_bill: '票据贴现',
};

export const TaxService = z.enum(['policy_consulting', 'risk_warning', 'refund', 'reduction', 'filing_help'], { error: '服务类型无效 / service: unknown' });
export type TaxService = z.infer<typeof TaxService>;
export const taxServiceLabels: Record<TaxService, string> = {
  policy_consulting: '政策辅导',
  risk_warning: '风险预警',
  refund: '退税',
  reduction: '减免',
  filing_help: '申报辅导',
};

export const CaseStatus = z.enum(['draft', 'confirmed', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;
export const caseStatusLabels: Record<CaseStatus, string> = { draft: '待企业确认', confirmed: '已确认', closed: '已归档' };


export const BankFigures = z.object({
  instrument: BankInstrument,
  amountFen: Fen,
  rateBp: BasisPoints.optional(),
  termMonths: z
    .number({ error: '期限应为月数 / termMonths: whole months' })
    .int({ error: '期限应为整月数 / termMonths: whole months' })
    .min(1, { error: '期限至少 1 个月 / termMonths: at least 1' })
    .max(600, { error: '期限最多 600 个月 / termMonths: at most 600' })
    .optional(),
  grantedOn: ChinaDate,
  purpose: z.string().trim().max(100, { error: '用途最多 100 字 / purpose: at most 100 characters' }).optional(),
  /** A preferential or inclusive (普惠) product. */
  preferential: z.boolean().default(false),
});
export type BankFigures = z.infer<typeof BankFigures>;

export const TaxFigures = z.object({
  service: TaxService,
  /** Tax and fees saved or refunded; 0 for advice that saved nothing countable. */
  savedFen: z.number().int().min(0).max(10_000_000_000_000),
  policies: z
    .array(z.string().trim().min(1, { error: '政策名称不能为空 / policies: no empty names' }).max(60, { error: '政策名称最多 60 个字 / policies: at most 60 characters each' }))
    .max(10, { error: '最多 10 项政策 / policies: at most 10' })
    .default([]),
  date: ChinaDate,
});
export type TaxFigures = z.infer<typeof TaxFigures>;

export const Narrative = z.object({
  difficulty: z.string().trim().min(4, { error: '请写明企业遇到的困难 / difficulty: at least 4 characters' }).max(1000, { error: '困难最多 1000 字 / difficulty: at most 1000 characters' }),
  action: z.string().trim().min(4, { error: '请写明做了什么 / action: at least 4 characters' }).max(2000, { error: '举措最多 2000 字 / action: at most 2000 characters' }),
});

export const CaseEnterprise = z.object({ id: Id, name: z.string(), confirmedAt: IsoTime.optional(), confirmedBy: z.string().optional() });

/** `attached` / `detached`: evidence (a loan contract, a refund notice) added or taken off. */
export const CaseEventType = z.enum(['drafted', 'edited', 'confirmed', 'closed', 'attached', 'detached']);
export const CaseEvent = z.object({ id: Id, type: CaseEventType, at: IsoTime, actor: Actor, message: z.string().optional() });
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
  bank: BankFigures.extend({ amountFen: z.number().int().optional() }).optional(),
  tax: TaxFigures.optional(),
  narrative: Narrative,
  requestIds: z.array(Id),
  matchId: Id.optional(),
  timeline: z.array(CaseEvent),
  /** Evidence: images and PDFs, by the department's members and the named enterprises. */
  attachments: z.array(Attachment),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  version: z.number().int().positive(),
  allowedActions: z.array(CaseAction),
  /** Whether the viewer may add files now (the department's members and named enterprises, until it is archived). */
  canAttach: z.boolean(),
});
export type CoBuildingCase = z.infer<typeof CoBuildingCase>;

const title = z.string().trim().min(4, { error: '标题至少 4 个字 / title: at least 4 characters' }).max(60, { error: '标题最多 60 个字 / title: at most 60 characters' });

/** A draft by a liaison of a bank (kind bank) or the tax bureau (kind tax): its figures match its kind. */
export const CreateCaseInput = z
  .object({
    kind: CaseKind,
    title,
    enterpriseIds: z.array(Id).min(1, { error: '至少选择一家企业 / enterpriseIds: at least one' }).max(20),
    bank: BankFigures.optional(),
    tax: TaxFigures.optional(),
    narrative: Narrative,
    requestIds: z.array(Id).max(10).default([]),
    matchId: Id.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'bank' && !c.bank) ctx.addIssue({ code: 'custom', path: ['bank'], message: '银企案例需要填写融资信息 / bank: required for a bank case' });
    if (c.kind === 'tax' && !c.tax) ctx.addIssue({ code: 'custom', path: ['tax'], message: '税企案例需要填写减免信息 / tax: required for a tax case' });
    if (c.kind === 'bank' && c.tax) ctx.addIssue({ code: 'custom', path: ['tax'], message: '银企案例不填税费信息 / tax: not for a bank case' });
    if (c.kind === 'tax' && c.bank) ctx.addIssue({ code: 'custom', path: ['bank'], message: '税企案例不填融资信息 / bank: not for a tax case' });
  });
export type CreateCaseInput = z.infer<typeof CreateCaseInput>;

/** A change to a draft, on its version; confirmations already given are withdrawn (figures changed). */
export const UpdateCaseInput = z.object({
  version: z.number().int().positive(),
  title: title.optional(),
  enterpriseIds: z.array(Id).min(1, { error: '至少选择一家企业 / enterpriseIds: at least one' }).max(20, { error: '最多 20 家企业 / enterpriseIds: at most 20' }).optional(),
  bank: BankFigures.optional(),
  tax: TaxFigures.optional(),
  narrative: Narrative.optional(),
});
export type UpdateCaseInput = z.infer<typeof UpdateCaseInput>;

export const CaseVersionInput = z.object({
  version: z.number({ error: '缺少版本号 / version: required' }).int().positive(),
  message: z.string().trim().max(200, { error: '说明最多 200 字 / message: at most 200 characters' }).optional(),
});
export type CaseVersionInput = z.infer<typeof CaseVersionInput>;

export const CaseFromRequestInput = z.object({ requestId: Id });
export const CaseFromMatchInput = z.object({ matchId: Id });

export const CaseListQuery = z.object({
  kind: CaseKind.optional(),
  /** Cases made from this request (at most one per department). */
  requestId: Id.optional(),
  departmentId: Id.optional(),
  status: CaseStatus.optional(),
  /** Cases dated (granted / served) in [from, to], China dates. */
  from: ChinaDate.optional(),
  to: ChinaDate.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;
export const CaseList = z.object({ items: z.array(CoBuildingCase), nextCursor: z.string().optional() });
export type CaseList = z.infer<typeof CaseList>;

export const CaseSummaryQuery = z
  .object({ from: ChinaDate, to: ChinaDate, kind: CaseKind.optional(), departmentId: Id.optional() })
  .refine((q) => q.from <= q.to, { error: '开始日期应不晚于结束日期 / from must not be after to', path: ['to'] });
export type CaseSummaryQuery = z.infer<typeof CaseSummaryQuery>;

/** Figures of confirmed (and closed) cases only; money in fen, rates in basis points. */
export const CaseSummary = z.object({
  from: z.string(),
  to: z.string(),
  cases: z.number().int(),
  enterprisesServed: z.number().int(),
  bank: z.object({
    cases: z.number().int(),
    amountFen: z.number().int(),
    byInstrument: z.array(z.object({ instrument: BankInstrument, cases: z.number().int(), amountFen: z.number().int() })),
    preferentialAmountFen: z.number().int(),
    /** Amount-weighted mean of the cases that state a rate, rounded to a whole basis point; absent without any. */
    averageRateBp: z.number().int().optional(),
  }),
  tax: z.object({
    cases: z.number().int(),
    savedFen: z.number().int(),
    byService: z.array(z.object({ service: TaxService, cases: z.number().int(), savedFen: z.number().int() })),
  }),
  byDepartment: z.array(z.object({ id: Id, name: z.string(), cases: z.number().int(), amountFen: z.number().int(), savedFen: z.number().int() })),
  /** Every month from `from` to `to`, also those without cases. */
  byMonth: z.array(z.object({ month: z.string(), cases: z.number().int(), amountFen: z.number().int(), savedFen: z.number().int() })),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/**
 * Files on a case, the same three steps as a request's (see attachments.ts): ticket, PUT the
 * bytes, confirm; downloads by a short-lived URL. At most MAX_CASE_ATTACHMENTS per case.
 */
export const MAX_CASE_ATTACHMENTS = 10;
export const CaseUploadInput = CreateUploadInput.omit({ eventId: true });
export type CaseUploadInput = z.infer<typeof CaseUploadInput>;
