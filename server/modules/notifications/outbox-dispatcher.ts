import type { Logger } from 'pino';
import type { Database } from '../../db/database.js';
import type { Clock } from '../../shared/clock.js';
import { SerialRounds } from '../../shared/serial-rounds.js';
import { addMilliseconds, toTimestamp } from '../../shared/time.js';
import type { OutboxRow } from '../../db/schema.js';
import type { MailTransport } from './mail-transport.js';
import { claimDueOutboxRows, markOutboxAttemptFailed, markOutboxSent } from './outbox.repository.js';

/** After this many failed attempts a message is marked failed and left for an operator. */
export const MAX_DELIVERY_ATTEMPTS = 10;
const BATCH_SIZE = 50;
/** How long a claimed message is ours before another dispatcher may take it over. */
const LEASE_MS = 5 * 60_000;

/** Wait before attempt n+1 after n failures: 1, 2, 4 … minutes, at most 6 hours. */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(60_000 * 2 ** (failedAttempts - 1), 6 * 3_600_000);
}

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/** Sends one outbox message; throws when it was not accepted, so that it is tried again later. */
export type OutboxSender = (row: OutboxRow) => Promise<void>;

/** The sender of outbox email through a mail transport. */
export function emailSender(transport: MailTransport, from: string): OutboxSender {
  return (row) =>
    transport.send({
      from,
      to: row.recipient,
      subject: row.subject,
      text: row.body_text,
      html: row.body_html ?? undefined,
      messageId: `<${row.idempotency_key}@rolecall>`,
    });
}

/**
 * Delivers the outbox messages of one channel (email, webhooks) after the transactions that
 * wrote them have committed: woken right after a commit, and run by the scheduler as a sweep for
 * retries and for rows left behind by a process that stopped.
 */
export class OutboxDispatcher {
  private readonly rounds: SerialRounds<DeliveryReport>;

  constructor(
    private readonly deps: {
      database: Database;
      clock: Clock;
      channel: 'email' | 'webhook';
      /** Undefined: this channel is not delivered by this server (no SMTP server configured). */
      send: OutboxSender | undefined;
      logger: Logger;
      /** Told of each delivery round's counts (the application metrics). */
      onRound?: (report: DeliveryReport) => void;
    },
  ) {
    this.rounds = new SerialRounds(
      () =>
        this.deliverAll().then((report) => {
          this.deps.onRound?.(report);
          return report;
        }),
      (error) => this.deps.logger.error({ err: error }, 'outbox delivery failed'),
    );
  }

  get enabled(): boolean {
    return this.deps.send !== undefined;
  }

  /** Asks for a delivery round soon; rounds never overlap, and a wake during one runs another. */
  wake(): void {
    if (this.enabled) this.rounds.wake();
  }

  /** Delivers everything due now, batch after batch. */
  deliverDue(): Promise<DeliveryReport> {
    return this.rounds.run();
  }

  /** Resolves once no delivery round is running (tests, shutdown). */
  idle(): Promise<void> {
    return this.rounds.idle();
  }

  private async deliverAll(): Promise<DeliveryReport> {
    const report: DeliveryReport = { sent: 0, failed: 0 };
    const send = this.deps.send;
    if (!send) return report;
    const { database, clock } = this.deps;
    for (;;) {
      const now = clock.now();
      const batch = await claimDueOutboxRows(
        database.db,
        database.kind,
        this.deps.channel,
        toTimestamp(now),
        toTimestamp(addMilliseconds(now, LEASE_MS)),
        BATCH_SIZE,
      );
      if (batch.length === 0) return report;
      for (const row of batch) {
        try {
          await send(row);
          await markOutboxSent(database.db, row.id, toTimestamp(clock.now()));
          report.sent += 1;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const giveUp = row.attempts >= MAX_DELIVERY_ATTEMPTS;
          const retryAt = giveUp ? null : toTimestamp(addMilliseconds(clock.now(), retryDelayMs(row.attempts)));
          await markOutboxAttemptFailed(database.db, row.id, message.slice(0, 1000), retryAt);
          report.failed += 1;
          this.deps.logger.warn(
            { outboxId: row.id, channel: this.deps.channel, attempts: row.attempts, giveUp, err: message },
            'outbox delivery attempt failed',
          );
        }
      }
      if (batch.length < BATCH_SIZE) return report;
    }
  }
}
