import { describe, expect, it } from 'vitest';
import { CreateRequestInput, RatingInput } from '@parklink/contract';
import { DomainError } from '../domain/errors';
import { parseInput } from './validation';

function failure(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a validation failure');
}

describe('parseInput', () => {
  it('returns the parsed, trimmed input', () => {
    const input = parseInput(CreateRequestInput, { categoryId: 'c1', title: '  环评审批进度  ', description: '已提交两周了，想了解进度。' }, 'body');
    expect(input.title).toBe('环评审批进度');
  });

  it('splits messages the contract wrote in both languages', () => {
    const error = failure(() => parseInput(RatingInput, { satisfied: true, score: 9 }, 'body'));
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, field: 'score', messageZh: '评分为 1 到 5 分', messageEn: 'score is 1 to 5' });
  });

  it("labels zod's own messages with the field's Chinese name", () => {
    const error = failure(() => parseInput(RatingInput, { score: 3 }, 'body'));
    expect(error.field).toBe('satisfied');
    expect(error.messageZh).toMatch(/^是否满意：/);
    expect(error.messageZh).toMatch(/[\u4e00-\u9fa5]/);
    expect(error.messageEn).toMatch(/^satisfied: /);
  });

  it('names the whole body when it is not an object', () => {
    const error = failure(() => parseInput(RatingInput, 'hello', 'body'));
    expect(error.field).toBe('body');
    expect(error.fields).toHaveLength(1);
  });
});
