import type { Me } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { directory } from '../store/directory';
import { json, lambdaHandler, route } from './middleware';

export const meRoutes = [
  route('me', async ({ deps, user }) => {
    const park = await directory.getPark(deps.db, user.parkId);
    if (!park) throw notFound('园区', 'park');
    const me: Me = { ...user, parkName: park.name };
    return json(200, me);
  }),
];

export const handler = lambdaHandler(meRoutes);
