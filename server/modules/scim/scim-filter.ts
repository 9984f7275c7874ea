/*
 * The `filter` query parameter of SCIM (RFC 7644 section 3.4.2.2), parsed into a tree the
 * repository turns into SQL. Attribute expressions (`userName eq "jdoe"`, `title pr`), `and`,
 * `or` and `not (…)` with the RFC's precedence (not, then and, then or) and parentheses.
 * Operators and attribute names are case-insensitive. Value paths (`emails[type eq "work"]`) are
 * refused: no attribute here has more than one value of a kind to pick from.
 */

export type CompareOperator = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';
export type FilterValue = string | number | boolean | null;

export type Filter =
  | { readonly kind: 'compare'; readonly path: string; readonly operator: CompareOperator; readonly value: FilterValue }
  | { readonly kind: 'present'; readonly path: string }
  | { readonly kind: 'and' | 'or'; readonly left: Filter; readonly right: Filter }
  | { readonly kind: 'not'; readonly filter: Filter };

/** A filter that cannot be read: SCIM's `invalidFilter`, with what was wrong. */
export class InvalidFilter extends Error {}

const COMPARE_OPERATORS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
/** Longer filters and deeper nesting are refused before any work: nobody provisions with them. */
export const MAX_FILTER_LENGTH = 2_000;
const MAX_DEPTH = 16;

type Token =
  | { readonly kind: 'open' | 'close' | 'open-bracket' | 'close-bracket'; readonly at: number }
  | { readonly kind: 'word'; readonly text: string; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === ' ' || char === '\t') {
      at += 1;
    } else if (char === '(' || char === ')' || char === '[' || char === ']') {
      const kinds = { '(': 'open', ')': 'close', '[': 'open-bracket', ']': 'close-bracket' } as const;
      tokens.push({ kind: kinds[char], at });
      at += 1;
    } else if (char === '"') {
      // A JSON string: find its closing quote, skipping escaped characters, then let JSON read it.
      let end = at + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (end >= text.length) throw new InvalidFilter(`the string at position ${at + 1} is not closed`);
      let value: unknown;
      try {
        value = JSON.parse(text.slice(at, end + 1));
      } catch {
        throw new InvalidFilter(`the string at position ${at + 1} is not a valid JSON string`);
      }
      tokens.push({ kind: 'string', value: value as string, at });
      at = end + 1;
    } else {
      const match = /^[^\s()[\]"]+/.exec(text.slice(at))!;
      tokens.push({ kind: 'word', text: match[0], at });
      at += match[0].length;
    }
  }
  return tokens;
}

class Parser {
  private next = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): Filter {
    const filter = this.or(0);
    const extra = this.tokens[this.next];
    if (extra) throw new InvalidFilter(`unexpected ${describe(extra)} at position ${extra.at + 1}`);
    return filter;
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.next];
    if (token?.kind === 'word' && token.text.toLowerCase() === word) {
      this.next += 1;
      return true;
    }
    return false;
  }

  private or(depth: number): Filter {
    let left = this.and(depth);
    while (this.keyword('or')) left = { kind: 'or', left, right: this.and(depth) };
    return left;
  }

  private and(depth: number): Filter {
    let left = this.unary(depth);
    while (this.keyword('and')) left = { kind: 'and', left, right: this.unary(depth) };
    return left;
  }

  private unary(depth: number): Filter {
    if (depth > MAX_DEPTH) throw new InvalidFilter(`the filter nests deeper than ${MAX_DEPTH} levels`);
    if (this.keyword('not')) {
      this.expect('open', '"(" after "not"');
      const filter = this.or(depth + 1);
      this.expect('close', '")"');
      return { kind: 'not', filter };
    }
    const token = this.tokens[this.next];
    if (token?.kind === 'open') {
      this.next += 1;
      const filter = this.or(depth + 1);
      this.expect('close', '")"');
      return filter;
    }
    return this.attributeExpression();
  }

  private attributeExpression(): Filter {
    const pathToken = this.tokens[this.next];
    if (pathToken?.kind !== 'word') throw new InvalidFilter(`expected an attribute ${where(pathToken)}`);
    this.next += 1;
    if (this.tokens[this.next]?.kind === 'open-bracket') {
      throw new InvalidFilter(`value paths such as "${pathToken.text}[…]" are not supported: filter on a sub-attribute`);
    }
    const path = pathToken.text;
    const operatorToken = this.tokens[this.next];
    if (operatorToken?.kind !== 'word') throw new InvalidFilter(`expected an operator after "${path}" ${where(operatorToken)}`);
    this.next += 1;
    const operator = operatorToken.text.toLowerCase();
    if (operator === 'pr') return { kind: 'present', path };
    if (!COMPARE_OPERATORS.has(operator)) {
      throw new InvalidFilter(`"${operatorToken.text}" is not an operator (eq, ne, co, sw, ew, gt, ge, lt, le or pr)`);
    }
    return { kind: 'compare', path, operator: operator as CompareOperator, value: this.value(path) };
  }

  private value(path: string): FilterValue {
    const token = this.tokens[this.next];
    this.next += 1;
    if (token?.kind === 'string') return token.value;
    if (token?.kind === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(token.text)) return Number(token.text);
    }
    throw new InvalidFilter(`expected a value (a quoted string, a number, true, false or null) for "${path}" ${where(token)}`);
  }

  private expect(kind: 'open' | 'close', what: string): void {
    const token = this.tokens[this.next];
    if (token?.kind !== kind) throw new InvalidFilter(`expected ${what} ${where(token)}`);
    this.next += 1;
  }
}

function describe(token: Token): string {
  if (token.kind === 'word') return `"${token.text}"`;
  if (token.kind === 'string') return `the string ${JSON.stringify(token.value)}`;
  return `"${{ open: '(', close: ')', 'open-bracket': '[', 'close-bracket': ']' }[token.kind]}"`;
}

function where(token: Token | undefined): string {
  return token ? `at position ${token.at + 1}, found ${describe(token)}` : 'at the end of the filter';
}

/** The filter's tree, or InvalidFilter saying what is wrong and where. */
export function parseFilter(text: string): Filter {
  if (text.length > MAX_FILTER_LENGTH) throw new InvalidFilter(`the filter is longer than ${MAX_FILTER_LENGTH} characters`);
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new InvalidFilter('the filter is empty');
  return new Parser(tokens).parse();
}
