import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireSignedIn } from '../../http/session-auth.js';
import {
  AuditEntry,
  AuditEntryParams,
  AuditExportQuery,
  AuditPage,
  AuditQuery,
  AuditVerificationSchema,
} from './audit.schemas.js';

/** The audit search: administrators read every entry, the help desk its applications' entries. */
export async function auditRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['audit'];

  app.get(
    '/audit/entries',
    {
      schema: {
        tags,
        summary: 'Audit entries by actor, action, target, application, organization and time, newest first, a page at a time',
        querystring: AuditQuery,
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      const { cursor, limit, ...query } = request.query;
      return ctx.auditSearch.search(user, query, { cursor, limit: limit ?? 50 });
    },
  );

  app.get(
    '/audit/entries/:id',
    { schema: { tags, summary: 'One audit entry', params: AuditEntryParams, response: { 200: AuditEntry } } },
    async (request) => ctx.auditSearch.entry(requireSignedIn(request).user, request.params.id),
  );

  app.get(
    '/audit/export',
    {
      schema: {
        tags,
        summary: 'Every matching entry, newest first, as CSV or JSON Lines, streamed',
        querystring: AuditExportQuery,
        produces: ['text/csv', 'application/x-ndjson'],
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      const { format, ...query } = request.query;
      const lines = await ctx.auditSearch.export(user, query, format);
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="rolecall-audit-${day}.${format}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(lines));
    },
  );

  app.get(
    '/audit/verification',
    {
      schema: {
        tags,
        summary: 'The hash chain checked from its first entry: intact, or the first entry that breaks it (administrators)',
        response: { 200: AuditVerificationSchema },
      },
    },
    async (request) => ctx.auditSearch.verify(requireSignedIn(request).user),
  );
}
