import type { Category, CategoryList } from '@parklink/contract';
import { directory, type CategoryRecord, type DepartmentRecord } from '../store/directory';
import { json, lambdaHandler, route } from './middleware';

/** A category as the contract shows it: its departments by name. Unknown department ids are skipped. */
export function categoryView(category: CategoryRecord, departments: DepartmentRecord[]): Category {
  const byId = new Map(departments.map((d) => [d.id, d.name]));
  return {
    id: category.id,
    name: category.name,
    description: category.description,
    claimSla: category.claimSla,
    resolveSla: category.resolveSla,
    fields: category.fields ?? [],
    departments: category.departmentIds.flatMap((id) => {
      const name = byId.get(id);
      return name ? [{ id, name }] : [];
    }),
  };
}

export const categoryRoutes = [
  route('listCategories', async ({ deps, user }) => {
    const [categories, departments] = await Promise.all([
      directory.listCategories(deps.db, user.parkId),
      directory.listDepartments(deps.db, user.parkId),
    ]);
    const body: CategoryList = { categories: categories.map((c) => categoryView(c, departments)) };
    return json(200, body);
  }),
];

export const handler = lambdaHandler(categoryRoutes);
