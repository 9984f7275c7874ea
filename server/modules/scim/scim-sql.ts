import { sql, type RawBuilder } from 'kysely';
import { escapeLike } from '../../db/dialect.js';
import { InvalidFilter, type Filter, type FilterValue } from './scim-filter.js';

/*
 * A parsed SCIM filter as a SQL condition, from a table of the attributes a resource type can be
 * filtered on. Strings compare regardless of case unless the attribute is case-exact (RFC 7643
 * section 2.2): the SQL lowers the column and the value is lowered here. SQLite's lower() folds
 * ASCII letters only, so on SQLite other letters compare as written.
 */

export type Condition = RawBuilder<boolean>;

export type FilterAttribute =
  /** A string; `lowered` is the column already folded to lower case where one is kept. */
  | { readonly type: 'string'; readonly column: RawBuilder<string | null>; readonly lowered?: RawBuilder<string | null> }
  | { readonly type: 'caseExact'; readonly column: RawBuilder<string | null> }
  /** An ISO-8601 timestamp kept as text in UTC, which compares in time order. */
  | { readonly type: 'dateTime'; readonly column: RawBuilder<string | null> }
  /** A boolean kept as a condition (e.g. `active` is `status = 'active'`). */
  | { readonly type: 'boolean'; readonly isTrue: Condition }
  /** A multi-valued reference matched by `eq` only: the condition that one of them is `value`. */
  | { readonly type: 'membership'; readonly contains: (value: string) => Condition };

/** The attributes of a resource type, by lower-cased name (`name.givenname`) and by full URN path. */
export type FilterAttributes = ReadonlyMap<string, FilterAttribute>;

/** Attribute names with the schema URN too: `urn:…:User:userName` is `userName`. */
export function filterAttributes(
  schemas: Readonly<Record<string, Readonly<Record<string, FilterAttribute>>>>,
  core: string,
): FilterAttributes {
  const attributes = new Map<string, FilterAttribute>();
  for (const [schema, names] of Object.entries(schemas)) {
    for (const [name, attribute] of Object.entries(names)) {
      attributes.set(`${schema}:${name}`.toLowerCase(), attribute);
      if (schema === core) attributes.set(name.toLowerCase(), attribute);
    }
  }
  return attributes;
}

function attributeOf(attributes: FilterAttributes, path: string): FilterAttribute {
  const attribute = attributes.get(path.toLowerCase());
  if (!attribute) throw new InvalidFilter(`"${path}" cannot be filtered on`);
  return attribute;
}

function stringValue(path: string, value: FilterValue): string {
  if (typeof value !== 'string') throw new InvalidFilter(`"${path}" is compared with a quoted string`);
  return value;
}

/** `value` as the stored timestamp text, so that text order is time order. */
function timestampValue(path: string, value: FilterValue): string {
  const date = new Date(stringValue(path, value));
  if (Number.isNaN(date.getTime()))
    throw new InvalidFilter(`"${path}" is compared with a date and time such as "2026-01-31T00:00:00Z"`);
  return date.toISOString();
}

function like(column: RawBuilder<string | null>, pattern: string): Condition {
  return sql<boolean>`${column} like ${pattern} escape '\\'`;
}

function compareText(column: RawBuilder<string | null>, operator: string, value: string): Condition {
  switch (operator) {
    case 'eq':
      return sql<boolean>`${column} = ${value}`;
    case 'ne':
      return sql<boolean>`(${column} is null or ${column} <> ${value})`;
    case 'co':
      return like(column, `%${escapeLike(value)}%`);
    case 'sw':
      return like(column, `${escapeLike(value)}%`);
    case 'ew':
      return like(column, `%${escapeLike(value)}`);
    case 'gt':
      return sql<boolean>`${column} > ${value}`;
    case 'ge':
      return sql<boolean>`${column} >= ${value}`;
    case 'lt':
      return sql<boolean>`${column} < ${value}`;
    default:
      return sql<boolean>`${column} <= ${value}`;
  }
}

function compare(attributes: FilterAttributes, filter: Extract<Filter, { kind: 'compare' }>): Condition {
  const { path, operator, value } = filter;
  const attribute = attributeOf(attributes, path);
  if (value === null) {
    // `eq null` asks that the attribute have no value (RFC 7644 section 3.4.2.2); `ne null` that it have one.
    if (operator === 'eq') return present(attributes, path, false);
    if (operator === 'ne') return present(attributes, path, true);
    throw new InvalidFilter(`"${operator}" cannot compare with null`);
  }
  switch (attribute.type) {
    case 'string': {
      const lowered = attribute.lowered ?? sql<string | null>`lower(${attribute.column})`;
      return compareText(lowered, operator, stringValue(path, value).toLowerCase());
    }
    case 'caseExact':
      return compareText(attribute.column, operator, stringValue(path, value));
    case 'dateTime':
      if (['co', 'sw', 'ew'].includes(operator)) throw new InvalidFilter(`"${operator}" does not apply to the date "${path}"`);
      return compareText(attribute.column, operator, timestampValue(path, value));
    case 'boolean': {
      if (typeof value !== 'boolean') throw new InvalidFilter(`"${path}" is compared with true or false`);
      if (operator !== 'eq' && operator !== 'ne') throw new InvalidFilter(`"${path}" takes eq or ne`);
      return value === (operator === 'eq') ? attribute.isTrue : sql<boolean>`not (${attribute.isTrue})`;
    }
    case 'membership':
      if (operator !== 'eq') throw new InvalidFilter(`"${path}" takes eq only`);
      return attribute.contains(stringValue(path, value));
  }
}

function present(attributes: FilterAttributes, path: string, wanted: boolean): Condition {
  const attribute = attributeOf(attributes, path);
  let condition: Condition;
  if (attribute.type === 'boolean') condition = sql<boolean>`1 = 1`;
  else if (attribute.type === 'membership') throw new InvalidFilter(`"${path}" takes eq only`);
  else condition = sql<boolean>`(${attribute.column} is not null and ${attribute.column} <> '')`;
  return wanted ? condition : sql<boolean>`not ${condition}`;
}

/** The filter as one SQL condition, or InvalidFilter naming the attribute or operator refused. */
export function filterCondition(attributes: FilterAttributes, filter: Filter): Condition {
  switch (filter.kind) {
    case 'compare':
      return compare(attributes, filter);
    case 'present':
      return present(attributes, filter.path, true);
    case 'and':
      return sql<boolean>`(${filterCondition(attributes, filter.left)} and ${filterCondition(attributes, filter.right)})`;
    case 'or':
      return sql<boolean>`(${filterCondition(attributes, filter.left)} or ${filterCondition(attributes, filter.right)})`;
    case 'not':
      return sql<boolean>`not (${filterCondition(attributes, filter.filter)})`;
  }
}
