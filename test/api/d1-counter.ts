/**
 * A D1 binding that counts what D1 counts against its "queries per Worker invocation" limit
 * (1,000 on the paid plan, 50 on the free one): each statement run outside a batch, and each
 * batch once.
 */
export function countingD1(db: D1Database): { db: D1Database; count: { queries: number } } {
  const count = { queries: 0 };
  const statement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(target, key) {
        const value = Reflect.get(target, key) as unknown;
        if (typeof value !== 'function') return value;
        if (key === 'bind') return (...args: unknown[]) => statement(value.apply(target, args) as D1PreparedStatement);
        if (key === 'all' || key === 'raw' || key === 'first' || key === 'run') {
          return (...args: unknown[]) => {
            count.queries++;
            return value.apply(target, args);
          };
        }
        return value.bind(target);
      },
    });
  const counted = new Proxy(db, {
    get(target, key) {
      const value = Reflect.get(target, key) as unknown;
      if (typeof value !== 'function') return value;
      if (key === 'prepare') return (query: string) => statement(value.call(target, query) as D1PreparedStatement);
      if (key === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          count.queries++;
          return value.call(target, statements);
        };
      }
      return value.bind(target);
    },
  });
  return { db: counted, count };
}
