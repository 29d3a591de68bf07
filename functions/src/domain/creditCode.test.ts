import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isValidCreditCode } from './creditCode';

describe('unified social credit code', () => {
  // Published codes of well-known companies (GB 32100-2015 check characters).
  it.each(['91350100M000100Y43', '91110000802100433B', '914403001922038216'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(isValidCreditCode(' 91350100m000100y43 ')).toBe(true);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44'],
    ['17 characters', '91350100M000100Y4'],
    ['a forbidden letter (I)', '91350100M000100I43'],
    ['letters in the region code', '9135A100M000100Y43'],
    ['nothing', ''],
  ])('rejects %s', (_, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('computes the check character that makes a code valid', () => {
    const first17 = '91510100MA61R8XK2';
    expect(isValidCreditCode(first17 + creditCodeCheckCharacter(first17))).toBe(true);
    expect(creditCodeCheckCharacter('short')).toBeUndefined();
  });
});
