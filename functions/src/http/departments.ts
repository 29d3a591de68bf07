import type { DepartmentList, EnterpriseList } from '@parklink/contract';
import { directory } from '../store/directory';
import { json, lambdaHandler, route } from './middleware';

/** The park's directory as members see it: departments (where a request can be transferred), enterprises (for pickers). */
export const departmentRoutes = [
  route('listDepartments', async ({ deps, user }) => {
    const departments = await directory.listDepartments(deps.db, user.parkId);
    const body: DepartmentList = {
      departments: departments
        .map(({ id, name, kind }) => ({ id, name, kind }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    };
    return json(200, body);
  }),

  route('listEnterprises', async ({ deps, user }) => {
    const enterprises = await directory.listEnterprises(deps.db, user.parkId);
    const body: EnterpriseList = {
      enterprises: enterprises
        .map(({ id, name, industry, zone }) => ({ id, name, industry, zone }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
    };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(departmentRoutes);
