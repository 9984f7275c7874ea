import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver got: each request's headers and body as sent. */
export interface Received {
  headers: Record<string, string>;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** The statuses to answer the next requests with, in order; 200 once they run out. */
  answers: number[];
  close: () => Promise<void>;
}

/**
 * A receiver as an application runs one: a real HTTP server on this machine that answers each
 * request with the next status queued (200 when none is), and keeps what it was sent.
 */
export async function startReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/rolecall-events`,
    received,
    answers,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
