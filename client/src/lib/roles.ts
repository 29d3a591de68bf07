import type { Me, Role } from '@parklink/contract';

/** Liaisons and department heads both work on requests. */
export function isHandler(me: Pick<Me, 'roles'> | null | undefined): boolean {
  return !!me && me.roles.some((r: Role) => r === 'liaison' || r === 'dept_head');
}

export function isEnterprise(me: Pick<Me, 'roles'> | null | undefined): boolean {
  return !!me && me.roles.includes('enterprise');
}

/** Station hosts (驿站管理员) keep their own stations; the park admin keeps them all. */
export function isStationHost(me: Pick<Me, 'roles'> | null | undefined): boolean {
  return !!me && me.roles.includes('station_host');
}

export function isAdmin(me: Pick<Me, 'roles'> | null | undefined): boolean {
  return !!me && me.roles.includes('admin');
}
