/**
 * A complaint's files (issue 20 item 5): the handling city's officers list and download them (the
 * public form's and their own), and add evidence after registration (询问笔录, photos, payroll), all
 * through the one attachment store (owner kind complaint, the complaint number). The files may name
 * the complainant, so only the officers of the complaint's city get them; a complaint of another
 * city is 404 after the city check (403).
 */
import { z } from 'zod';
import { ComplaintNo } from '../../domain/complaintCase';
import { CityCode } from '../../domain/cityCode';
import { OFFICER } from '../authz/access';
import { Problem } from '../http/problem';
import type { RouteContext, ZodApp } from './context';
import { registerOwnerAttachmentRoutes } from './ownerAttachmentRoutes';

const ComplaintParams = z.object({
  cityCode: CityCode.meta({ title: '市（州）代码' }),
  complaintNo: ComplaintNo.meta({ title: '投诉举报编号' }),
});

export async function registerComplaintAttachmentRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  await registerOwnerAttachmentRoutes(app, ctx, {
    base: '/cities/:cityCode/complaint-cases/:complaintNo',
    params: ComplaintParams,
    access: { roles: OFFICER, city: { kind: 'param', param: 'cityCode' } },
    action: 'complaint_case',
    tags: ['complaints'],
    what: 'complaint',
    whatZh: '投诉举报',
    ownerOf: async (p) => {
      const { rowCount } = await ctx.pool.query('SELECT 1 FROM complaint_case WHERE complaint_no = $1 AND city_code = $2', [p.complaintNo, p.cityCode]);
      if (!rowCount) throw new Problem('not_found', `本市（州）没有编号为 ${p.complaintNo} 的投诉举报`);
      return { kind: 'complaint', id: p.complaintNo };
    },
  });
}
