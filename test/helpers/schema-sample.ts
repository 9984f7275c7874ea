/*
 * The smallest value a route's JSON schema accepts, made from the schema itself: for walking every
 * route with well-formed input, so that what answers is the route's authorization and not its
 * validation. Covers what Rolecall's TypeBox schemas use; anything else is reported, not guessed.
 */

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  default?: unknown;
}

const FORMATS: Record<string, string> = {
  uuid: '00000000-0000-7000-8000-000000000000',
  'date-time': '2026-01-01T00:00:00.000Z',
  date: '2026-01-01',
  email: 'someone@example.test',
  uri: 'https://example.test/',
};

/** Values tried, in order, against a string's pattern: the first it matches is the sample. */
const PATTERN_CANDIDATES = [
  'a',
  'abc',
  '1',
  '12',
  '2026-01-01',
  'FL',
  '12345',
  '123456789',
  '1234567893',
  '904-555-0142',
  'OF-2026-000001',
];

export function sampleOf(schema: Schema, where = 'value'): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf.find((option) => option.type !== 'null') ?? schema.anyOf[0]!, where);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const name of schema.required ?? []) value[name] = sampleOf(schema.properties?.[name] ?? {}, `${where}.${name}`);
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, index) => sampleOf(schema.items ?? {}, `${where}[${index}]`));
    case 'string': {
      if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format];
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern, 'u');
        const sample = PATTERN_CANDIDATES.find(
          (candidate) => pattern.test(candidate) && candidate.length >= (schema.minLength ?? 0),
        );
        if (sample === undefined) throw new Error(`${where}: no sample matches the pattern ${schema.pattern}`);
        return sample;
      }
      return 'a'.repeat(Math.max(schema.minLength ?? 0, 1));
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}
