import type { DomainError } from '../../src/domain/errors';

/** The DomainError a pure domain call throws; fails the test if it does not throw. */
export function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}
