/**
 * Plain values, no schema (why: see people.ts): co-building cases' kinds, states, instruments and
 * services with their labels, and the evidence limit. states.ts and cases.ts build their schemas
 * from these and re-export them.
 */

export const CASE_KINDS = ['bank', 'tax'] as const;
export const caseKindLabels: Record<(typeof CASE_KINDS)[number], string> = { bank: '银企共建', tax: '税企共建' };

export const CASE_STATUSES = ['draft', 'confirmed', 'closed'] as const;
export const caseStatusLabels: Record<(typeof CASE_STATUSES)[number], string> = { draft: '待企业确认', confirmed: '已确认', closed: '已归档' };

export const BANK_INSTRUMENTS = ['loan', 'credit_line', 'equity', 'guarantee', 'discounted_bill'] as const;
export const bankInstrumentLabels: Record<(typeof BANK_INSTRUMENTS)[number], string> = {
  loan: '贷款',
  credit_line: '授信',
  equity: '股权投资',
  guarantee: '担保',
  discounted_bill: '票据贴现',
};

export const TAX_SERVICES = ['policy_consulting', 'risk_warning', 'refund', 'reduction', 'filing_help'] as const;
export const taxServiceLabels: Record<(typeof TAX_SERVICES)[number], string> = {
  policy_consulting: '政策辅导',
  risk_warning: '风险预警',
  refund: '退税',
  reduction: '减免',
  filing_help: '申报辅导',
};

/** Files on one case (see cases.ts). */
export const MAX_CASE_ATTACHMENTS = 10;
