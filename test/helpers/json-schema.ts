/**
 * A small JSON Schema (2020-12) checker for tests, enough for `src/feed/feed.schema.json`.
 * It refuses any keyword it does not implement, so a schema change can never make it pass
 * silently: extend it instead. (Ajv is CommonJS and does not load in the test runner.)
 */

type Schema = Record<string, unknown> | boolean;

// Keywords that say nothing about validity.
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', 'examples', 'default', '$comment']);
const KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'required',
  'properties',
  'additionalProperties',
  'dependentRequired',
  'items',
  'minItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'oneOf',
  '$ref',
]);

const typeOf = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
};

const isType = (value: unknown, type: string) => typeOf(value) === type || (type === 'number' && typeOf(value) === 'integer');

/** JSON equality, as `enum`, `const` and `uniqueItems` compare. */
function same(a: unknown, b: unknown): boolean {
  if (typeOf(a) !== typeOf(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => same(x, (b as unknown[])[i]));
  if (typeof a === 'object' && a !== null) {
    const ka = Object.keys(a);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

const FORMATS: Record<string, (value: string) => boolean> = {
  uri: (value) => {
    try {
      return /^[a-z][a-z0-9+.-]*:/i.test(value) && new URL(value).href !== undefined;
    } catch {
      return false;
    }
  },
  // RFC 5321 in full is out of scope: one @, no spaces, a dot in the domain.
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  date: (value) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!match) return false;
    const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
  },
};

/** Every way `value` breaks `schema`, as "path: problem" lines; empty when it is valid. */
export function schemaErrors(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split('/')) node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw new Error(`$ref ${ref} not found`);
    return node as Schema;
  };

  const check = (schema: Schema, v: unknown, path: string, out: string[]) => {
    if (schema === true) return;
    if (schema === false) return void out.push(`${path}: not allowed`);
    for (const key of Object.keys(schema)) {
      if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`json-schema helper: keyword "${key}" is not implemented`);
    }
    const s = schema as Record<string, unknown>;
    if (s['$ref'] !== undefined) check(resolve(s['$ref'] as string), v, path, out);
    if (s['type'] !== undefined) {
      const types = Array.isArray(s['type']) ? (s['type'] as string[]) : [s['type'] as string];
      if (!types.some((t) => isType(v, t))) return void out.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(v)}`);
    }
    if (s['enum'] !== undefined && !(s['enum'] as unknown[]).some((e) => same(e, v)))
      out.push(`${path}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s['enum'])}`);
    if (s['const'] !== undefined && !same(s['const'], v)) out.push(`${path}: must be ${JSON.stringify(s['const'])}`);
    if (s['oneOf'] !== undefined) {
      const results = (s['oneOf'] as Schema[]).map((sub) => {
        const inner: string[] = [];
        check(sub, v, path, inner);
        return inner;
      });
      const passing = results.filter((inner) => inner.length === 0).length;
      if (passing !== 1) out.push(`${path}: matches ${passing} of the oneOf schemas, not exactly 1`);
      // Say why each one failed, so a failure points at the field.
      if (passing === 0) results.forEach((inner, i) => out.push(...inner.map((e) => `(oneOf ${i}) ${e}`)));
    }
    if (typeof v === 'string') {
      const length = [...v].length; // JSON Schema counts code points
      if (s['minLength'] !== undefined && length < (s['minLength'] as number)) out.push(`${path}: shorter than ${s['minLength']}`);
      if (s['maxLength'] !== undefined && length > (s['maxLength'] as number)) out.push(`${path}: ${length} characters, more than ${s['maxLength']}`);
      if (s['pattern'] !== undefined && !new RegExp(s['pattern'] as string, 'u').test(v))
        out.push(`${path}: ${JSON.stringify(v.slice(0, 60))} does not match ${s['pattern']}`);
      if (s['format'] !== undefined) {
        const test = FORMATS[s['format'] as string];
        if (!test) throw new Error(`json-schema helper: format "${s['format']}" is not implemented`);
        if (!test(v)) out.push(`${path}: ${JSON.stringify(v.slice(0, 60))} is not a valid ${s['format']}`);
      }
    }
    if (typeof v === 'number') {
      if (s['minimum'] !== undefined && v < (s['minimum'] as number)) out.push(`${path}: ${v} is less than ${s['minimum']}`);
      if (s['maximum'] !== undefined && v > (s['maximum'] as number)) out.push(`${path}: ${v} is more than ${s['maximum']}`);
    }
    if (Array.isArray(v)) {
      if (s['minItems'] !== undefined && v.length < (s['minItems'] as number)) out.push(`${path}: fewer than ${s['minItems']} items`);
      if (s['uniqueItems'] === true && v.some((x, i) => v.findIndex((y) => same(x, y)) !== i)) out.push(`${path}: items are not unique`);
      if (s['items'] !== undefined) v.forEach((item, i) => check(s['items'] as Schema, item, `${path}[${i}]`, out));
    }
    if (typeOf(v) === 'object') {
      const o = v as Record<string, unknown>;
      const has = (k: string) => Object.prototype.hasOwnProperty.call(o, k);
      for (const key of (s['required'] as string[] | undefined) ?? []) if (!has(key)) out.push(`${path}: "${key}" is required`);
      const properties = (s['properties'] as Record<string, Schema> | undefined) ?? {};
      for (const key of Object.keys(o)) {
        if (Object.prototype.hasOwnProperty.call(properties, key)) check(properties[key], o[key], `${path}.${key}`, out);
        else if (s['additionalProperties'] !== undefined) check(s['additionalProperties'] as Schema, o[key], `${path}.${key}`, out);
      }
      const dependent = (s['dependentRequired'] as Record<string, string[]> | undefined) ?? {};
      for (const [key, needs] of Object.entries(dependent)) {
        if (has(key)) for (const need of needs) if (!has(need)) out.push(`${path}: "${key}" requires "${need}"`);
      }
    }
  };
  check(root, value, '$', errors);
  return errors;
}
