import { describe, expect, it } from 'vitest';
import { jsonLogger, redactLogEntry, redactText } from './logger';

describe('what the logs may hold', () => {
  it('masks credit codes and phone numbers the way lists do', () => {
    expect(redactText('enterprise 91210500MA0Y2K3L4X registered')).toBe('enterprise 91210500******3L4X registered');
    expect(redactText('call 13912345678 or 024-23456789')).toBe('call 139****5678 or 024-****6789');
  });

  it('replaces bearer tokens and JWTs', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LWFkbWluIn0.c2lnbmF0dXJlLWhlcmU';
    expect(redactText(`Authorization: Bearer ${jwt}`)).toBe('Authorization: Bearer [token]');
    expect(redactText(`token=${jwt}`)).toBe('token=[token]');
  });

  it('drops keys that hold secrets or people’s words, at any depth, and keeps ids, routes and numbers', () => {
    const entry = {
      requestId: '01J0',
      route: 'POST /v1/requests',
      status: 201,
      headers: { authorization: 'Bearer x', 'x-request-id': 'r1' },
      input: { title: 'kept as a title?', message: '我们的贷款还差 500 万', description: '…', nested: { token: 't' } },
    };
    expect(redactLogEntry(entry)).toEqual({
      requestId: '01J0',
      route: 'POST /v1/requests',
      status: 201,
      headers: { 'x-request-id': 'r1' },
      input: { title: 'kept as a title?', nested: {} },
    });
  });

  it('writes one JSON line per entry', () => {
    const lines: string[] = [];
    jsonLogger((line) => lines.push(line))({ route: 'GET /v1/me', error: 'failed for 13912345678' });
    expect(lines).toEqual(['{"route":"GET /v1/me","error":"failed for 139****5678"}']);
  });
});
