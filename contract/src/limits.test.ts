/**
 * Every string a client sends has a maximum length, and every page size a maximum (issue 10): a
 * field without one takes a megabyte of text into the table, or a key DynamoDB refuses. The test
 * walks every input schema the contract exports — by convention named `…Input` or `…Query`, plus
 * WorkCalendarView, which the calendar is saved with — through zod v4's definitions.
 */
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import * as contract from './index';

/* zod's internal definitions are untyped: `any` from here to the end of the walk. */
const isSchema = (value: unknown): value is z.ZodMiniType => !!value && typeof value === 'object' && '_zod' in value;
const defOf = (schema: z.ZodMiniType): any => (schema as any)._zod.def;
const checksOf = (schema: z.ZodMiniType): any[] => (defOf(schema).checks ?? []).map((c: any) => c._zod.def);

/** Input schemas: what clients send as bodies and queries. */
const inputSchemas = Object.entries(contract as Record<string, unknown>).filter(
  (entry): entry is [string, z.ZodMiniType] => isSchema(entry[1]) && (/(Input|Query)$/.test(entry[0]) || entry[0] === 'WorkCalendarView'),
);

/** A pattern that caps the length by itself: anchored at both ends, with no `*`, `+` or `{n,}`. */
const boundedPattern = (pattern: RegExp) =>
  pattern.source.startsWith('^') && pattern.source.endsWith('$') && !/(?<!\\)[*+]|\{\d+,\}/.test(pattern.source);

/** Whether a string schema has a maximum length: `.max()`, `.length()`, or a pattern that bounds it. */
function hasMaximum(schema: z.ZodMiniType): boolean {
  const checks = checksOf(schema);
  if (checks.some((c) => c.check === 'max_length' || c.check === 'length_equals')) return true;
  const patterns = [defOf(schema).pattern, ...checks.map((c) => c.pattern)].filter((p): p is RegExp => p instanceof RegExp);
  return patterns.some(boundedPattern);
}

/** Every string schema reachable from `schema`, with the path that reaches it (a shared schema at each of its paths). */
function strings(schema: z.ZodMiniType, path: string, out: [string, z.ZodMiniType][] = [], ancestors = new Set<z.ZodMiniType>()): [string, z.ZodMiniType][] {
  if (ancestors.has(schema)) return out; // a recursive schema: once round is enough
  const def = defOf(schema);
  const walk = (child: z.ZodMiniType, at: string) => {
    ancestors.add(schema);
    strings(child, at, out, ancestors);
    ancestors.delete(schema);
  };
  switch (def.type) {
    case 'string':
      out.push([path, schema]);
      break;
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodMiniType>)) walk(child, `${path}.${key}`);
      break;
    case 'array':
      walk(def.element, `${path}[]`);
      break;
    case 'record':
      walk(def.keyType, `${path}{key}`);
      walk(def.valueType, `${path}{value}`);
      break;
    case 'union':
      (def.options as z.ZodMiniType[]).forEach((option, i) => walk(option, `${path}|${i}`));
      break;
    case 'intersection':
      walk(def.left, path);
      walk(def.right, path);
      break;
    case 'tuple':
      (def.items as z.ZodMiniType[]).forEach((item, i) => walk(item, `${path}[${i}]`));
      if (def.rest) walk(def.rest, `${path}[…]`);
      break;
    case 'pipe':
      walk(def.in, path);
      if (isSchema(def.out)) walk(def.out, path);
      break;
    case 'lazy':
      walk(def.getter(), path);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      walk(def.innerType, path);
      break;
  }
  return out;
}

/** The page-size schema of a query, if it takes one. */
function limitOf(schema: z.ZodMiniType): z.ZodMiniType | undefined {
  const def = defOf(schema);
  if (def.type === 'object') return (def.shape as Record<string, z.ZodMiniType>).limit;
  if (def.type === 'pipe') return limitOf(def.in);
  return undefined;
}
const unwrap = (schema: z.ZodMiniType): z.ZodMiniType => (defOf(schema).innerType ? unwrap(defOf(schema).innerType) : schema);

describe('input limits', () => {
  it('finds the contract’s input schemas', () => {
    expect(inputSchemas.length).toBeGreaterThan(50);
    expect(inputSchemas.map(([name]) => name)).toEqual(expect.arrayContaining(['CreateRequestInput', 'ListRequestsQuery', 'CategoryInput', 'WorkCalendarView']));
  });

  it('gives every string a client sends a maximum length', () => {
    const unbounded = inputSchemas.flatMap(([name, schema]) => strings(schema, name).filter(([, s]) => !hasMaximum(s)).map(([path]) => path));
    expect(unbounded, 'strings without .max() (or a bounded pattern)').toEqual([]);
  });

  it('caps every page size at 50, and starts it at 1', () => {
    const paged = inputSchemas.flatMap(([name, schema]) => {
      const limit = limitOf(schema);
      return limit ? [[name, unwrap(limit)] as const] : [];
    });
    expect(paged.map(([name]) => name).sort()).toEqual(['AuditQuery', 'CaseListQuery', 'InboxQuery', 'ListRequestsQuery', 'MarketListQuery', 'MatchListQuery', 'NearbyQuery']);
    for (const [name, limit] of paged) {
      const checks = checksOf(limit);
      const max = checks.find((c) => c.check === 'less_than');
      const min = checks.find((c) => c.check === 'greater_than');
      expect(max?.value, `${name}.limit maximum`).toBeLessThanOrEqual(50);
      expect(min?.value, `${name}.limit minimum`).toBe(1);
      expect(limit.safeParse('10000').success, `${name}.limit refuses 10000`).toBe(false);
    }
  });
});
