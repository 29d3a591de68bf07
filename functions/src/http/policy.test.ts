import { describe, expect, it } from 'vitest';
import { routes, type RouteName } from '@parklink/contract';
import { needsLogin, policy, relations, roleMayCall } from './policy';

const names = Object.keys(routes) as RouteName[];

describe('the authorisation policy', () => {
  it('has an entry for every route of the contract and none besides', () => {
    expect(Object.keys(policy).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: the contract’s login flag (what the client sends) says what the policy says', (name) => {
    expect(needsLogin(name)).toBe(routes[name].auth);
  });

  it.each(names)('%s names a relation that is described', (name) => {
    expect(Object.keys(relations)).toContain(policy[name].record);
  });

  it('opens nothing to everyone but logins, health, public stations and the development hooks', () => {
    const open = names.filter((name) => !needsLogin(name));
    for (const name of open) {
      const { record, devOnly } = policy[name];
      expect(record === 'public' || devOnly || ['health', 'wechatLogin'].includes(name), name).toBe(true);
    }
  });

  it('lets a role through only where the table lists it', () => {
    expect(roleMayCall('dashboard', ['admin'])).toBe(true);
    expect(roleMayCall('dashboard', ['liaison'])).toBe(false);
    expect(roleMayCall('dashboard', ['liaison', 'admin'])).toBe(true);
    expect(roleMayCall('health', [])).toBe(true);
    expect(roleMayCall('createRequest', ['station_host'])).toBe(false);
  });

  it('keeps every park-admin route for park admins only', () => {
    for (const name of names.filter((n) => policy[n].record === 'parkAdmin')) {
      expect(policy[name].roles, name).toEqual(['admin']);
    }
  });
});
