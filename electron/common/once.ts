/**
 * A value made on first use, then kept. For module constants that cost something to build: a
 * regular expression with Unicode property classes (`\p{Cf}`, `\p{L}`) is parsed against ICU's
 * tables when it is created, ~0.3 ms each, and every `notion-vault get` would pay for ones it never uses.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
