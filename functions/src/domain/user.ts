import type { Actor, Role } from '@parklink/contract';

/** A signed-in person as the domain sees them: loaded from the park's user record on every call. */
export interface User {
  id: string;
  parkId: string;
  name: string;
  roles: Role[];
  departmentId?: string;
  departmentName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
}

export const hasRole = (user: User, ...roles: Role[]) => roles.some((role) => user.roles.includes(role));

/** Liaisons and department heads act for a department. */
export const actsForDepartment = (user: User): user is User & { departmentId: string; departmentName: string } =>
  hasRole(user, 'liaison', 'dept_head') && !!user.departmentId && !!user.departmentName;

export const actsForEnterprise = (user: User): user is User & { enterpriseId: string; enterpriseName: string } =>
  hasRole(user, 'enterprise') && !!user.enterpriseId && !!user.enterpriseName;

/** The role a person acted in, for the timeline: the most specific one they hold. */
export function actorOf(user: User): Actor {
  const role: Role = user.roles.includes('enterprise')
    ? 'enterprise'
    : user.roles.includes('liaison')
      ? 'liaison'
      : user.roles.includes('dept_head')
        ? 'dept_head'
        : user.roles.includes('station_host') && !user.roles.includes('admin')
          ? 'station_host'
          : 'admin';
  return {
    id: user.id,
    name: user.name,
    role,
    ...(user.departmentName ? { departmentName: user.departmentName } : {}),
    ...(user.enterpriseName ? { enterpriseName: user.enterpriseName } : {}),
  };
}
