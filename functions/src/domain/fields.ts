/**
 * A category's extra fields, answered: each value checked against its field (type, required,
 * bounds, options) and stored with its label and a display text, so the request reads the same
 * after an admin edits the category. Every problem is reported at once, per field.
 */
import type { AnsweredField, CategoryField, FieldError, FieldValue, FieldValues } from '@parklink/contract';
import { DomainError } from './errors';

type Check = { ok: true; value: FieldValue; display: string } | { ok: false; zh: string; en: string };

export function answerFields(fields: CategoryField[], values: FieldValues): AnsweredField[] {
  const errors: FieldError[] = [];
  const answered: AnsweredField[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) errors.push(problem(key, '该类别没有此项', 'not a field of this category'));
  }
  for (const field of fields) {
    const raw = values[field.key];
    if (isEmpty(raw)) {
      if (field.required) errors.push(problem(field.key, `请填写${field.label}`, 'is required'));
      continue;
    }
    const checked = check(field, raw!);
    if (checked.ok) answered.push({ key: field.key, label: field.label, value: checked.value, display: checked.display });
    else errors.push(problem(field.key, `${field.label}${checked.zh}`, checked.en));
  }
  if (errors.length) {
    const first = errors[0]!;
    throw new DomainError('VALIDATION_FAILED', first.message, first.messageEn, first.field, errors);
  }
  return answered;
}

const problem = (key: string, zh: string, en: string): FieldError => ({
  field: `fields.${key}`,
  message: zh,
  messageEn: `fields.${key}: ${en}`,
});

const isEmpty = (value: FieldValue | undefined) =>
  value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);

function check(field: CategoryField, raw: FieldValue): Check {
  switch (field.type) {
    case 'string':
    case 'text':
      return checkText(field, raw);
    case 'number':
      return checkNumber(field, raw);
    case 'date':
      return checkDate(raw);
    case 'single_choice':
    case 'multi_choice':
      return checkChoice(field, raw);
  }
}

function checkText(field: CategoryField, raw: FieldValue): Check {
  if (typeof raw !== 'string') return { ok: false, zh: '应为文字', en: 'expected text' };
  const value = raw.trim();
  const maxLength = field.maxLength ?? (field.type === 'string' ? 100 : 2000);
  if (value.length > maxLength) return { ok: false, zh: `最多 ${maxLength} 字`, en: `at most ${maxLength} characters` };
  return { ok: true, value, display: value };
}

function checkNumber(field: CategoryField, raw: FieldValue): Check {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return { ok: false, zh: '应为数字', en: 'expected a number' };
  const unit = field.unit ?? '';
  if (field.min !== undefined && raw < field.min) return { ok: false, zh: `不能小于 ${field.min}${unit}`, en: `at least ${field.min}` };
  if (field.max !== undefined && raw > field.max) return { ok: false, zh: `不能大于 ${field.max}${unit}`, en: `at most ${field.max}` };
  return { ok: true, value: raw, display: `${raw}${unit}` };
}

function checkDate(raw: FieldValue): Check {
  // 2026-13-45 has the shape but parses to no time, whose toISOString() throws (a 500): check first.
  const time = typeof raw === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : NaN;
  const valid = !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === raw;
  return valid ? { ok: true, value: raw, display: raw } : { ok: false, zh: '应为有效日期（年-月-日）', en: 'expected a date YYYY-MM-DD' };
}

function checkChoice(field: CategoryField, raw: FieldValue): Check {
  const options = new Map((field.options ?? []).map((o) => [o.value, o.label]));
  const chosen = field.type === 'single_choice' ? (typeof raw === 'string' ? [raw] : undefined) : Array.isArray(raw) ? raw : undefined;
  if (!chosen) return { ok: false, zh: field.type === 'single_choice' ? '请选择一项' : '请选择选项', en: 'expected a choice' };
  if (chosen.some((v) => !options.has(v)) || new Set(chosen).size !== chosen.length) {
    return { ok: false, zh: '的选项无效', en: 'unknown or repeated option' };
  }
  const display = chosen.map((v) => options.get(v)!).join('、');
  return { ok: true, value: field.type === 'single_choice' ? chosen[0]! : chosen, display };
}
