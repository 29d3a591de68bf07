import * as z from './zod';

export const Health = z.object({ ok: z.literal(true), stage: z.string(), table: z.string() });
export type Health = z.infer<typeof Health>;
