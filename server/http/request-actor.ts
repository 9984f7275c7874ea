import type { FastifyRequest } from 'fastify';
import type { Actor } from '../shared/actor.js';

/** The actor behind an HTTP request, as services and the audit log see it. */
export function actorOf(request: FastifyRequest): Actor {
  const userId = request.auth?.user?.id;
  return {
    kind: userId && request.auth.session?.stage === 'active' ? 'user' : 'anonymous',
    ...(userId ? { userId } : {}),
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 512) : undefined,
    requestId: request.id,
  };
}
