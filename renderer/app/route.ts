// Typed routes. Each area lists its addresses once, in `<area>.routes.ts`:
//   const person = route('participants/:id/:tab?', { id: int, tab: oneOf('details', 'notes') });
//   person.href({ id: 42, tab: 'notes' })   → '#/participants/42/notes'   (for links)
//   person.path({ id: 42 })                 → 'participants/42'           (for navigate())
//   person.match('participants/42/notes')   → { id: 42, tab: 'notes' }; null when it is not this page
// Parameters are text unless given a codec (int, oneOf); `:name?` is optional (last ones only).
// Pure: no React, no window, so it is unit-tested in Node.

export interface ParamCodec<T> {
  /** The value of a path segment, or undefined when the segment is not one (so no match). */
  parse(segment: string): T | undefined;
  format(value: T): string;
}

/** A positive whole number (record ids). */
export const int: ParamCodec<number> = {
  parse: (s) => (/^[1-9]\d{0,15}$/.test(s) ? Number(s) : undefined),
  format: (n) => String(n),
};

/** One of a fixed list of words (tabs, sections). */
export function oneOf<const T extends readonly string[]>(...values: T): ParamCodec<T[number]> {
  return {
    parse: (s) => values.find((v) => v === s),
    format: (v) => v,
  };
}

const text: ParamCodec<string> = { parse: (s) => (s ? s : undefined), format: (s) => s };

type Segments<P extends string> = P extends `${infer Head}/${infer Rest}` ? [Head, ...Segments<Rest>] : [P];
type RequiredName<S> = S extends `:${string}?` ? never : S extends `:${infer N}` ? N : never;
type OptionalName<S> = S extends `:${infer N}?` ? N : never;
type NameOf<S> = RequiredName<S> | OptionalName<S>;
type RequiredNames<P extends string> = RequiredName<Segments<P>[number]>;
type OptionalNames<P extends string> = OptionalName<Segments<P>[number]>;
type ParamNames<P extends string> = NameOf<Segments<P>[number]>;
export type Codecs<P extends string> = { readonly [K in ParamNames<P>]?: ParamCodec<unknown> };
type ValueOf<K, C> = K extends keyof C ? (C[K] extends ParamCodec<infer T> | undefined ? T : string) : string;

/** The parameters of a pattern: `{ id: number; tab?: 'details' | 'notes' }`. */
export type Params<P extends string, C> = { [K in RequiredNames<P>]: ValueOf<K, C> } & {
  [K in OptionalNames<P>]?: ValueOf<K, C>;
};

/** What a page keeps after the "?" (chosen period, filters): absent values are left out. */
export type Query = Readonly<Record<string, string | number | null | undefined>>;

/** `href()` needs its parameters only when the pattern has required ones. */
type Args<P extends string, C> = [RequiredNames<P>] extends [never]
  ? [params?: Params<P, C>, query?: Query]
  : [params: Params<P, C>, query?: Query];

export interface Route<P extends string = string, C = unknown> {
  readonly pattern: P;
  path(...args: Args<P, C>): string;
  href(...args: Args<P, C>): string;
  match(path: string | readonly string[]): Params<P, C> | null;
}

/** Splits "a/b/c?x=1" (or "#/a/b") into decoded segments, leaving the query off. */
export function pathSegments(path: string): string[] {
  return path
    .replace(/^#?\/*/, '')
    .split('?')[0]!
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

export function queryString(query: Query | undefined): string {
  const entries = Object.entries(query ?? {}).filter(
    (e): e is [string, string | number] => e[1] !== null && e[1] !== undefined && e[1] !== '',
  );
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}

export function route<const P extends string, const C extends Codecs<P> = Record<never, never>>(
  pattern: P,
  codecs?: C,
): Route<P, C> {
  const parts = pattern.split('/').map((segment) => {
    const m = /^:(\w+)(\?)?$/.exec(segment);
    if (!m) return { kind: 'literal', literal: segment } as const;
    const name = m[1]!;
    const codec = (codecs as Record<string, ParamCodec<unknown> | undefined> | undefined)?.[name] ?? text;
    return { kind: 'param', name, optional: m[2] === '?', codec } as const;
  });
  // Optional parameters come last, so a path may stop before them.
  const minLength = parts.filter((p) => p.kind === 'literal' || !p.optional).length;

  const path = (params?: Params<P, C>, query?: Query): string => {
    const values = (params ?? {}) as Record<string, unknown>;
    const out: string[] = [];
    for (const part of parts) {
      if (part.kind === 'literal') {
        out.push(part.literal);
        continue;
      }
      const value = values[part.name];
      if (value === undefined || value === null) {
        if (part.optional) break;
        throw new Error(`Route ${pattern} needs "${part.name}"`);
      }
      out.push(encodeURIComponent(part.codec.format(value)));
    }
    return out.join('/') + queryString(query);
  };

  return {
    pattern,
    path: (...args) => path(...(args as [Params<P, C>?, Query?])),
    href: (...args) => `#/${path(...(args as [Params<P, C>?, Query?]))}`,
    match(input) {
      const segments = typeof input === 'string' ? pathSegments(input) : input;
      if (segments.length < minLength || segments.length > parts.length) return null;
      const params: Record<string, unknown> = {};
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i]!;
        const segment = segments[i];
        if (part.kind === 'literal') {
          if (segment !== part.literal) return null;
          continue;
        }
        if (segment === undefined) {
          if (part.optional) continue;
          return null;
        }
        const value = part.codec.parse(segment);
        if (value === undefined) return null;
        params[part.name] = value;
      }
      return params as Params<P, C>;
    },
  };
}
