import autocannon, { type Request } from 'autocannon';

/** One HTTP workload: a path and how to ask for it. */
export interface Workload {
  readonly path: string;
  readonly method?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  /** A body sent as it is, not as JSON (a form); the workload's headers give its type. */
  readonly rawBody?: string;
  /** Bodies sent in turn instead of one body (e.g. a different person signing in each time). */
  readonly bodies?: readonly unknown[];
  /** Builds each request itself and reads each answer: for requests that depend on earlier answers. */
  readonly driver?: Pick<Request, 'setupRequest' | 'onResponse'>;
}

export interface LoadResult {
  /** Requests per second, the mean of the rounds. */
  readonly perSecond: number;
  /** The 99th percentile latency in milliseconds, the worst round. */
  readonly p99Ms: number;
  readonly p50Ms: number;
  readonly requests: number;
}

export interface SideBySide {
  readonly baseline: LoadResult;
  readonly measured: LoadResult;
  /** measured / baseline throughput. */
  readonly ratio: number;
}

/** A request that sends the next of `bodies` each time. */
function rotatingBodies(bodies: readonly unknown[]) {
  const encoded = bodies.map((body) => JSON.stringify(body));
  let next = 0;
  return {
    setupRequest: (request: { body?: string }) => {
      request.body = encoded[next % encoded.length];
      next += 1;
      return request;
    },
  };
}

async function round(baseUrl: string, workload: Workload, seconds: number, connections: number) {
  const result = await autocannon({
    url: `${baseUrl}${workload.path}`,
    method: workload.method ?? 'GET',
    connections,
    duration: seconds,
    headers: {
      ...(workload.body === undefined && workload.bodies === undefined ? {} : { 'content-type': 'application/json' }),
      ...workload.headers,
    },
    ...(workload.body === undefined ? {} : { body: JSON.stringify(workload.body) }),
    ...(workload.rawBody === undefined ? {} : { body: workload.rawBody }),
    ...(workload.bodies ? { requests: [rotatingBodies(workload.bodies)] } : {}),
    ...(workload.driver ? { requests: [workload.driver] } : {}),
  });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(
      `${workload.method ?? 'GET'} ${workload.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total} (statuses ${JSON.stringify(result.statusCodeStats ?? {})})`,
    );
  }
  return result;
}

function summarize(results: Awaited<ReturnType<typeof round>>[]): LoadResult {
  const totals = results.reduce((sum, result) => sum + result.requests.total, 0);
  const seconds = results.reduce((sum, result) => sum + result.duration, 0);
  return {
    perSecond: totals / seconds,
    p99Ms: Math.max(...results.map((result) => result.latency.p99)),
    p50Ms: results.map((result) => result.latency.p50).sort((a, b) => a - b)[Math.floor(results.length / 2)] ?? 0,
    requests: totals,
  };
}

/**
 * The workload and its baseline driven by autocannon from this process (the server runs in
 * another), in alternating rounds so that a noisy neighbour weighs on both alike. Every answer
 * must be 2xx: an error page is not a fast page.
 */
export async function sideBySide(
  baseUrl: string,
  baseline: Workload,
  measured: Workload,
  options: { seconds: number; rounds: number; connections: number },
): Promise<SideBySide> {
  // Warm-up: connections, JIT, the database's page cache.
  await round(baseUrl, baseline, 1, options.connections);
  await round(baseUrl, measured, 1, options.connections);
  const baselineRounds = [];
  const measuredRounds = [];
  for (let index = 0; index < options.rounds; index += 1) {
    baselineRounds.push(await round(baseUrl, baseline, options.seconds, options.connections));
    measuredRounds.push(await round(baseUrl, measured, options.seconds, options.connections));
  }
  const baselineResult = summarize(baselineRounds);
  const measuredResult = summarize(measuredRounds);
  return { baseline: baselineResult, measured: measuredResult, ratio: measuredResult.perSecond / baselineResult.perSecond };
}
