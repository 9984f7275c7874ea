import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import { requestLanguage } from '../../http/language.js';
import { actorOf } from '../../http/request-actor.js';
import { requireSignedIn } from '../../http/session-auth.js';
import { endOfDayIn, toTimestamp } from '../../shared/time.js';
import {
  AcknowledgementSchema,
  AcknowledgementVersionList,
  CertificationPage,
  CertificationPageQuery,
  DecisionBody,
  DecisionResultSchema,
  EvidenceQuery,
  ExpiringList,
  ExpiringQuery,
  HolderDetails,
  HolderParams,
  PublishAcknowledgementBody,
  SummaryQuery,
  SummarySchema,
} from './certification.schemas.js';
import { ACKNOWLEDGEMENT_VERSIONS_LISTED } from './acknowledgements.js';
import type { AcknowledgementVersion } from './certification.service.js';
import { isCalendarDate } from './due-dates.js';

function checkDate(value: string, field: string): string {
  if (!isCalendarDate(value)) throw new AppError('request.invalid', { field, rule: 'a calendar date as YYYY-MM-DD' });
  return value;
}

export async function certificationRoutes(fastify: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['certification'];
  const present = (version: AcknowledgementVersion, language: 'en' | 'es') => ({
    version: version.version,
    text: ctx.certification.acknowledgementText(version, language),
    textEn: version.textEn,
    textEs: version.textEs,
    publishedAt: version.publishedAt,
  });

  app.get(
    '/certifications/acknowledgement',
    {
      schema: {
        tags,
        summary: 'The "I acknowledge" text certifiers accept; its version goes with every decision',
        response: { 200: AcknowledgementSchema },
      },
    },
    async (request) => {
      requireSignedIn(request);
      return present(await ctx.certification.acknowledgement(ctx.database.db), requestLanguage(request));
    },
  );

  app.get(
    '/admin/certifications/acknowledgement',
    {
      schema: {
        tags,
        summary: 'Every acknowledgement text published, newest first (administrators)',
        response: { 200: AcknowledgementVersionList },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return { items: await ctx.certification.acknowledgementVersions(user), limit: ACKNOWLEDGEMENT_VERSIONS_LISTED };
    },
  );

  app.post(
    '/admin/certifications/acknowledgement',
    {
      schema: {
        tags,
        summary: 'Publish a new acknowledgement text (administrators); decisions must acknowledge it from then on',
        body: PublishAcknowledgementBody,
        response: { 201: AcknowledgementSchema },
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      const published = await ctx.certification.publishAcknowledgement(actorOf(request), user, request.body);
      return reply.status(201).send(present(published, requestLanguage(request)));
    },
  );

  app.get(
    '/certifications',
    {
      schema: {
        tags,
        summary: 'My Annual Role Certifications: the roles I may certify, due within the window, soonest first',
        querystring: CertificationPageQuery,
        response: { 200: CertificationPage },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.certification.list(user, { cursor: request.query.cursor, limit: request.query.limit ?? 50 });
    },
  );

  app.get(
    '/certifications/users/:userId',
    {
      schema: {
        tags,
        summary: "User details for the certifier: the holder's roles I may certify (404 for anyone else)",
        params: HolderParams,
        response: { 200: HolderDetails },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.certification.holderDetails(user, request.params.userId);
    },
  );

  app.post(
    '/certifications/decisions',
    {
      // Room for a selection of 10,000 ids.
      bodyLimit: 1024 * 1024,
      schema: {
        tags,
        summary: 'Certify or revoke one row, a selection, or the whole list: all or nothing, in one transaction',
        body: DecisionBody,
        response: { 200: DecisionResultSchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.certification.decide(actorOf(request), user, request.body);
    },
  );

  app.get(
    '/help-desk/certifications/expiring',
    {
      schema: {
        tags,
        summary: 'Dry run: the roles that would be removed at the end of a date unless certified (help desk, administrators)',
        querystring: ExpiringQuery,
        response: { 200: ExpiringList },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      const date = checkDate(request.query.date, 'date');
      return {
        date,
        removedAfter: toTimestamp(endOfDayIn(date, ctx.config.timeZone)),
        items: await ctx.certification.expiringFor(user, date),
      };
    },
  );

  app.get(
    '/certifications/evidence.csv',
    {
      schema: {
        tags,
        summary: 'Evidence: every certification decision of an application (and organization) in a date range, as CSV',
        querystring: EvidenceQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { user } = requireSignedIn(request);
      const { filename, csv } = await ctx.certification.evidenceCsv(user, {
        ...request.query,
        from: checkDate(request.query.from, 'from'),
        to: checkDate(request.query.to, 'to'),
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/certifications/summary',
    {
      schema: {
        tags,
        summary: 'Dashboard counts: certified, due, overdue and removed',
        querystring: SummaryQuery,
        response: { 200: SummarySchema },
      },
    },
    async (request) => {
      const { user } = requireSignedIn(request);
      return ctx.certification.summary(user, request.query);
    },
  );
}
