import { Type, type TArray, type TEnum, type TSchema } from 'typebox';

/*
 * The pieces every module's TypeBox schemas are built from, written once so that a timestamp, an
 * id or a list of allowed actions reads the same in every answer and in the OpenAPI document.
 * Schemas only: nothing here may import node modules, because the web app imports these types.
 */

/** An instant, as ISO 8601 in UTC. */
export const Timestamp = Type.String({ format: 'date-time' });

/** An id in a path, query or body: never empty, never long. */
export const Id = Type.String({ minLength: 1, maxLength: 64 });

/** The schema, or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * What the caller may do with one object right now, decided by the module's policy on the server
 * (the same function that authorizes the action). The web app offers exactly these actions and no
 * others; the server still checks each one when it is taken.
 */
export const AllowedActions = <const A extends readonly string[]>(actions: A): TArray<TEnum<[...A]>> =>
  Type.Array(Type.Enum<[...A]>([...actions]), {
    description: `What the caller may do with this object now (${actions.join(', ')}); the web app offers exactly these`,
    uniqueItems: true,
  });
