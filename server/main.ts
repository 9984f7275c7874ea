import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { configWarnings, type Config } from './config/config.js';
import { createContext, type AppContext } from './context.js';
import { migrateToLatest } from './db/migrate.js';
import { systemActor } from './shared/actor.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
  readonly url: string;
  stop(): Promise<void>;
}

/** serve: configuration → context → migrations → app → listen → jobs. */
export async function startServer(config: Config): Promise<RunningServer> {
  const ctx = createContext(config);
  for (const warning of configWarnings(config)) ctx.logger.warn(warning);
  let app: FastifyInstance;
  let url: string;
  try {
    const { applied } = await migrateToLatest(ctx.database);
    if (applied.length > 0) ctx.logger.info({ applied }, 'database migrated');
    if (config.catalogFile) {
      const changes = await ctx.catalog.applyFile(systemActor, config.catalogFile);
      if (changes) ctx.logger.info({ file: config.catalogFile, ...changes }, 'role catalog applied');
    }
    app = await buildApp(ctx);
    url = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Nothing is left open behind a failed start: the caller reports the error and exits.
    await ctx.close().catch(() => undefined);
    throw error;
  }
  if (config.jobs.enabled) ctx.scheduler.start();
  // Deliver whatever a previous run left in the outbox.
  ctx.dispatcher.wake();
  ctx.logger.info({ url, database: config.database.kind, publicUrl: config.publicUrl }, 'Rolecall is serving');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await ctx.close();
    })());
  return { app, ctx, url, stop };
}

/** Stops cleanly on SIGTERM and SIGINT: no new requests, running sweeps finish, the database closes. */
export function stopOnSignals(server: RunningServer): void {
  const shutdown = (signal: NodeJS.Signals) => {
    server.ctx.logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        server.ctx.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
