/**
 * Registration desks ask: is this person under a 3-year ban (until when), or frozen by an open
 * case? POST, so the ID number never appears in a URL or an access log; every look-up is audited
 * with the number masked.
 */
import { z } from 'zod';
import { IsoDate, shanghaiDate } from '../../domain/calendar';
import { maskIdNumber } from '../../domain/idNumber';
import { isRegistrationFrozen, RegistrationBan, registrationBansInForce } from '../../readModel/registrationFreeze';
import { DateText } from '../../readModel/sqlTypes';
import { OFFICER_OR_COORDINATOR } from '../authz/access';
import { Problem, problemResponses } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { IdNumberInput, tags } from './schemas';

export function registerLookupRoutes(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/bans/lookup',
    {
      config: { action: 'ban.lookup', access: { roles: OFFICER_OR_COORDINATOR, city: { kind: 'none' } }, audit: true },
      schema: {
        summary:
          'Is this person under a registration ban (3 years), until when, on which decision (its number and legal basis); is their registration frozen by an open case',
        tags: tags.bans,
        body: z.object({ idNumber: IdNumberInput, onDate: IsoDate.optional().describe('default: today in Asia/Shanghai') }),
        response: {
          200: z.object({
            banned: z.boolean(),
            until: DateText.nullable().describe('the latest end of a ban in force'),
            bans: z.array(RegistrationBan),
            frozen: z
              .boolean()
              .describe(
                "an open case freezes the registration; a city officer is told of their own city's cases only (another city's investigation is not disclosed)",
              ),
            onDate: DateText,
          }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (req) => {
      const onDate = req.body.onDate ?? shanghaiDate(new Date());
      req.auditTarget = `person=${maskIdNumber(req.body.idNumber)}`;
      // A coordinator sees the province; an officer, whose desk serves their city, that city's cases only.
      const p = req.principal!;
      let ownCity: string | undefined;
      if (p.role !== 'province_coordinator') {
        if (!p.cityCode) throw new Problem('forbidden', 'a city officer without a city');
        ownCity = p.cityCode;
      }
      const [bans, frozen] = await Promise.all([
        registrationBansInForce(ctx.pool, req.body.idNumber, onDate, ownCity === undefined ? {} : { caseIdsOfCity: ownCity }),
        isRegistrationFrozen(ctx.pool, req.body.idNumber, ownCity === undefined ? {} : { byCaseOfCity: ownCity }),
      ]);
      req.auditDetail = { banned: bans.length > 0, frozen };
      return { banned: bans.length > 0, until: bans[0]?.end ?? null, bans, frozen, onDate };
    },
  );
}
