import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>['buildValidator']
>;

/** What Fastify hands a route's validator compiler (its published type names only the schema). */
interface RouteSchema {
  readonly schema: object;
  readonly httpPart?: string;
}
type Compile = (route: RouteSchema) => unknown;

/** What every route's input is checked with: extra properties refused (not dropped), defaults filled in. */
const AJV_OPTIONS = { removeAdditional: false, useDefaults: true } as const;

/**
 * The validators of every route. A query string, path or header arrives as text, so its values
 * are coerced to the types their schema names (`?limit=20` is the integer 20). A JSON body
 * arrives typed and is taken as sent: `true` where a string is expected is refused, not stored
 * as "true", and "1" where a boolean is expected is refused, not read as `true`.
 */
export function routeValidators(): ValidatorFactory {
  const compilers = AjvCompiler();
  const factory = (externalSchemas: Parameters<ValidatorFactory>[0]): Compile => {
    const coercing = compilers(externalSchemas, {
      customOptions: { ...AJV_OPTIONS, coerceTypes: 'array' },
    }) as unknown as Compile;
    const asSent = compilers(externalSchemas, { customOptions: { ...AJV_OPTIONS, coerceTypes: false } }) as unknown as Compile;
    return (route) => (route.httpPart === 'body' ? asSent(route) : coercing(route));
  };
  return factory as unknown as ValidatorFactory;
}
