import { SignJWT, jwtVerify, errors } from 'jose';
import type { Deps } from './deps';
import { DomainError } from '../domain/errors';
import type { User } from '../domain/user';

/** What a token says: who, in which park. Roles and the rest are read fresh from the user record. */
export interface TokenClaims {
  userId: string;
  parkId: string;
}

const ISSUER = 'parklink';
const key = (deps: Deps) => new TextEncoder().encode(deps.config.jwtSecret);

export async function issueToken(deps: Deps, user: User): Promise<{ token: string; expiresAt: string }> {
  const issuedAt = Math.floor(deps.clock.now().getTime() / 1000);
  const expiresAtSeconds = issuedAt + deps.config.tokenTtlSeconds;
  const token = await new SignJWT({ park: user.parkId, roles: user.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(deps.config.stage)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAtSeconds)
    .sign(key(deps));
  return { token, expiresAt: new Date(expiresAtSeconds * 1000).toISOString() };
}

export async function verifyToken(deps: Deps, token: string): Promise<TokenClaims> {
  try {
    const { payload } = await jwtVerify(token, key(deps), {
      issuer: ISSUER,
      audience: deps.config.stage,
      algorithms: ['HS256'],
      currentDate: deps.clock.now(),
    });
    if (typeof payload.sub !== 'string' || typeof payload.park !== 'string') throw new Error('claims missing');
    return { userId: payload.sub, parkId: payload.park };
  } catch (error) {
    const expired = error instanceof errors.JWTExpired;
    throw new DomainError(
      'UNAUTHENTICATED',
      expired ? '登录已过期，请重新登录' : '登录信息无效，请重新登录',
      expired ? 'token expired' : 'invalid token',
    );
  }
}
