const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped key (time + randomness) for `Idempotency-Key`. Mini-programs have no
 * `crypto.getRandomValues`, and the key only needs to be unique per submission attempt.
 */
export function newIdempotencyKey(now: number = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET.charAt(t % 32) + time;
    t = Math.floor(t / 32);
  }
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHABET.charAt(Math.floor(Math.random() * 32));
  return time + random;
}
