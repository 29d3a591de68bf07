import type { CategoryList } from '@parklink/contract';
import { directory } from '../store/directory';
import { json, lambdaHandler, route } from './middleware';

export const categoryRoutes = [
  route('listCategories', async ({ deps, user }) => {
    const [categories, departments] = await Promise.all([
      directory.listCategories(deps.db, user.parkId),
      directory.listDepartments(deps.db, user.parkId),
    ]);
    const departmentName = new Map(departments.map((d) => [d.id, d.name]));
    const body: CategoryList = {
      categories: categories.map((c) => ({
        id: c.id,
        name: c.name,
        description: c.description,
        deadlineHours: c.deadlineHours,
        departments: c.departmentIds.flatMap((id) => {
          const name = departmentName.get(id);
          return name ? [{ id, name }] : [];
        }),
      })),
    };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(categoryRoutes);
