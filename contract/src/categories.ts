import { z } from 'zod';
import { Id } from './common';

export const DepartmentRef = z.object({ id: Id, name: z.string() });
export type DepartmentRef = z.infer<typeof DepartmentRef>;

export const Category = z.object({
  id: Id,
  name: z.string(),
  description: z.string(),
  /** Hours from submission to the promised solution (72 = the 3-day green channel). */
  deadlineHours: z.number().int().positive(),
  departments: z.array(DepartmentRef),
});
export type Category = z.infer<typeof Category>;

export const CategoryList = z.object({ categories: z.array(Category) });
export type CategoryList = z.infer<typeof CategoryList>;
