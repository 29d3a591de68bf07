import {
  BankInstrument,
  CreateCaseInput,
  TaxService,
  UpdateCaseInput,
  type CaseKind,
  type CoBuildingCase,
} from '@parklink/contract';
import { zh } from '../../api';
import { chinaToday, percent, percentToBp, wan, wanToFen } from './format';

/** The form as the user types it: money in 万元 and rates in % as text. */
export interface CaseFormValues {
  title: string;
  enterpriseIds: string[];
  instrument: BankInstrument;
  amountWan: string;
  ratePercent: string;
  termMonths: string;
  grantedOn: string;
  purpose: string;
  preferential: boolean;
  service: TaxService;
  savedWan: string;
  policies: string;
  date: string;
  difficulty: string;
  action: string;
}

/** Field key (the API's, e.g. `bank.amountFen`) → Chinese message. */
export type CaseErrors = Record<string, string>;

export function emptyValues(): CaseFormValues {
  const today = chinaToday();
  return {
    title: '',
    enterpriseIds: [],
    instrument: 'loan',
    amountWan: '',
    ratePercent: '',
    termMonths: '',
    grantedOn: today,
    purpose: '',
    preferential: false,
    service: 'policy_consulting',
    savedWan: '',
    policies: '',
    date: today,
    difficulty: '',
    action: '',
  };
}

export function valuesOf(c: CoBuildingCase): CaseFormValues {
  const v = emptyValues();
  return {
    ...v,
    title: c.title,
    enterpriseIds: c.enterprises.map((e) => e.id),
    ...(c.bank
      ? {
          instrument: c.bank.instrument,
          amountWan: c.bank.amountFen !== undefined ? trimZeros(wan(c.bank.amountFen)) : '',
          ratePercent: c.bank.rateBp !== undefined ? trimZeros(percent(c.bank.rateBp)) : '',
          termMonths: c.bank.termMonths !== undefined ? String(c.bank.termMonths) : '',
          grantedOn: c.bank.grantedOn,
          purpose: c.bank.purpose ?? '',
          preferential: c.bank.preferential,
        }
      : {}),
    ...(c.tax
      ? { service: c.tax.service, savedWan: trimZeros(wan(c.tax.savedFen)), policies: c.tax.policies.join('、'), date: c.tax.date }
      : {}),
    difficulty: c.narrative.difficulty,
    action: c.narrative.action,
  };
}

const trimZeros = (s: string) => s.replace(/\.?0+$/, '');

/** The figures part of the input, with the number problems the schema cannot word in Chinese. */
function figures(kind: CaseKind, v: CaseFormValues, errors: CaseErrors) {
  if (kind === 'bank') {
    const amountFen = wanToFen(v.amountWan);
    if (amountFen === null || amountFen < 1) errors['bank.amountFen'] = '请填写金额（万元），如 300';
    const rateBp = v.ratePercent.trim() ? percentToBp(v.ratePercent) : undefined;
    if (rateBp === null || (rateBp !== undefined && rateBp > 10_000)) errors['bank.rateBp'] = '年利率为百分数，最多两位小数，如 3.85';
    const term = v.termMonths.trim() ? Number(v.termMonths.trim()) : undefined;
    if (term !== undefined && (!Number.isInteger(term) || term < 1 || term > 600)) errors['bank.termMonths'] = '期限为 1–600 的整月数';
    return {
      bank: {
        instrument: v.instrument,
        amountFen: amountFen ?? 0,
        ...(typeof rateBp === 'number' ? { rateBp } : {}),
        ...(term !== undefined && Number.isInteger(term) ? { termMonths: term } : {}),
        grantedOn: v.grantedOn,
        ...(v.purpose.trim() ? { purpose: v.purpose.trim() } : {}),
        preferential: v.preferential,
      },
    };
  }
  const savedFen = wanToFen(v.savedWan || '0');
  if (savedFen === null) errors['tax.savedFen'] = '请填写金额（万元），没有可计的金额填 0';
  const policies = v.policies
    .split(/[、,，;；\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { tax: { service: v.service, savedFen: savedFen ?? 0, policies, date: v.date } };
}

function schemaErrors(issues: { path: PropertyKey[]; message: string }[], errors: CaseErrors) {
  for (const issue of issues) {
    const key = issue.path.map(String).join('.');
    const field = key.replace(/^(tax\.policies)\.\d+$/, '$1');
    if (!errors[field]) errors[field] = zh(issue.message);
  }
}

export function toCreate(kind: CaseKind, v: CaseFormValues, requestIds: string[] = []): { input: CreateCaseInput | null; errors: CaseErrors } {
  const errors: CaseErrors = {};
  const raw = {
    kind,
    title: v.title,
    enterpriseIds: v.enterpriseIds,
    ...figures(kind, v, errors),
    narrative: { difficulty: v.difficulty, action: v.action },
    requestIds,
  };
  const parsed = CreateCaseInput.safeParse(raw);
  if (!parsed.success) schemaErrors(parsed.error.issues, errors);
  return { input: parsed.success && !Object.keys(errors).length ? parsed.data : null, errors };
}

export function toUpdate(kind: CaseKind, v: CaseFormValues, version: number): { input: UpdateCaseInput | null; errors: CaseErrors } {
  const errors: CaseErrors = {};
  if (!v.enterpriseIds.length) errors.enterpriseIds = '至少选择一家企业';
  const raw = {
    version,
    title: v.title,
    enterpriseIds: v.enterpriseIds,
    ...figures(kind, v, errors),
    narrative: { difficulty: v.difficulty, action: v.action },
  };
  const parsed = UpdateCaseInput.safeParse(raw);
  if (!parsed.success) schemaErrors(parsed.error.issues, errors);
  return { input: parsed.success && !Object.keys(errors).length ? parsed.data : null, errors };
}

/** The first message whose key is the field or inside it (`bank.amountFen` for `bank`). */
export function errorFor(errors: CaseErrors, key: string): string | undefined {
  return errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1];
}
