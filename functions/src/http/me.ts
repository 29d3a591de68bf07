import { EraseMeInput, SubscriptionsInput, type Me } from '@parklink/contract';
import { notFound } from '../domain/errors';
import { templateFor } from '../domain/push';
import { pushSettingsFromEnv } from '../jobs/pushSender';
import { eraseMe } from '../services/erasure';
import { personalData } from '../services/personalData';
import { directory } from '../store/directory';
import { pushStore } from '../store/push';
import { json, lambdaHandler, route } from './middleware';

export const meRoutes = [
  route('me', async ({ deps, user }) => {
    const { park, department } = await directory.getParkAndDepartment(deps.db, user.parkId, user.departmentId);
    if (!park) throw notFound('园区', 'park');
    // Only the template this person receives: enterprises follow progress, liaisons their to-dos.
    const templateId = pushSettingsFromEnv().templateIds[templateFor(user.roles)];
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

  /** Everything ParkLink holds about the caller (PIPL): account, consents, inbox, the records where they act. */
  route('myData', async ({ deps, user }) => json(200, await personalData(deps, user))),

  /** Erases the caller (PIPL): the account anonymised, inbox and consents deleted, kept records anonymised. */
  route('deleteMe', async (ctx) => {
    ctx.body(EraseMeInput);
    return json(200, await eraseMe(ctx.deps, ctx.user));
  }),
];

export const handler = lambdaHandler(meRoutes);
