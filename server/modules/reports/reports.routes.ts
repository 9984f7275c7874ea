import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { DEFAULT_REPORT_WEEKS, ProgramReportQuery, ProgramReportSchema } from './reports.schemas.js';

/** The reports' routes under /api/v1: the program report, for administrators. */
export async function reportsRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/admin/program-report',
    {
      schema: {
        tags: ['reports'],
        summary:
          'The program report (administrators): requests per week, time to decision, certification completion, orphan organizations',
        querystring: ProgramReportQuery,
        response: { 200: ProgramReportSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.reports.programReport(user, { weeks: request.query.weeks ?? DEFAULT_REPORT_WEEKS });
    },
  );
}
