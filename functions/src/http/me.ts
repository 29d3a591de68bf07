import { SubscriptionsInput, type Me } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { templateFor } from '../domain/push';
import { pushSettingsFromEnv } from '../jobs/pushSender';
import { directory } from '../store/directory';
import { pushStore } from '../store/push';
import { json, lambdaHandler, route } from './middleware';

export const meRoutes = [
  route('me', async ({ deps, user }) => {
    const park = await directory.getPark(deps.db, user.parkId);
    if (!park) throw notFound('园区', 'park');
    // Only the template this person receives: enterprises follow progress, liaisons their to-dos.
    const templateId = pushSettingsFromEnv().templateIds[templateFor(user.roles)];
    const department = user.departmentId ? await directory.getDepartment(deps.db, user.parkId, user.departmentId) : undefined;
    const me: Me = {
      ...user,
      parkName: park.name,
      ...(department ? { departmentKind: department.kind } : {}),
      ...(templateId ? { pushTemplates: { [templateFor(user.roles)]: templateId } } : {}),
    };
    return json(200, me);
  }),

  /** Banks the consents the user just gave in WeChat's subscribe dialog (one message each). */
  route('subscribe', async (ctx) => {
    const { accepted } = ctx.body(SubscriptionsInput);
    const mine = accepted.filter((template) => template === templateFor(ctx.user.roles));
    await pushStore.addCredits(ctx.deps.db, ctx.user.parkId, ctx.user.id, mine);
    return json(200, { credits: await pushStore.credits(ctx.deps.db, ctx.user.parkId, ctx.user.id) });
  }),
];

export const handler = lambdaHandler(meRoutes);
