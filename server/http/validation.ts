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
interface ValidationError {
  instancePath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}
type Validate = ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
type Compile = (route: RouteSchema) => Validate;

/** What every route's input is checked with: extra properties refused (not dropped), defaults filled in. */
const AJV_OPTIONS = { removeAdditional: false, useDefaults: true } as const;

/** Where in `value` a number is infinite or not a number, as a JSON pointer; undefined if nowhere. */
function nonFiniteNumberAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFiniteNumberAt(item, `${path}/${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Refuses an infinite number after the schema's checks. `?limit=1e309` and a JSON `1e309` both
 * become Infinity, which Ajv's coercion lets past `maximum`; no count, page size or id is infinite.
 */
function finiteNumbersOnly(validate: Validate): Validate {
  const checked: Validate = (data) => {
    if (!validate(data)) {
      checked.errors = validate.errors;
      return false;
    }
    const at = nonFiniteNumberAt(data, '');
    checked.errors =
      at === undefined ? null : [{ instancePath: at, keyword: 'type', message: 'must be a finite number', params: {} }];
    return at === undefined;
  };
  return checked;
}

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
    return (route) => finiteNumbersOnly(route.httpPart === 'body' ? asSent(route) : coercing(route));
  };
  return factory as unknown as ValidatorFactory;
}
