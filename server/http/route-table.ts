import type { FastifyInstance, FastifySchema, HTTPMethods } from 'fastify';

/** A registered route as tests and tools walk them: method, URL pattern and schema. */
export interface RouteEntry {
  method: HTTPMethods;
  url: string;
  schema: FastifySchema | undefined;
}

const ROUTES = Symbol('rolecall.routes');

/**
 * Records every route as it is registered, so that checks which must cover every route (bad
 * input, authorization) find new ones without being told. Register before any route.
 */
export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteEntry[] = [];
  (app as unknown as Record<symbol, RouteEntry[]>)[ROUTES] = routes;
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routes.push({ method, url: route.url, schema: route.schema });
  });
}

export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  const routes = (app as unknown as Record<symbol, RouteEntry[] | undefined>)[ROUTES];
  if (!routes) throw new Error('recordRoutes() was not registered on this app');
  return routes;
}

/** The routes a client asks by name: without the HEAD twin Fastify adds to each GET, and without OPTIONS. */
export function askedRoutes(app: FastifyInstance): readonly RouteEntry[] {
  return routeTable(app).filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS');
}
