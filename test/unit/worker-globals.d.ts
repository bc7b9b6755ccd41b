// The Node type check (tsconfig.node.json) follows the unit tests' imports into src/, whose
// db module names the Workers runtime's D1 types; they are opaque here (no unit test touches D1).
interface D1DatabaseSession {}
interface D1Database {
  withSession(constraint: string): D1DatabaseSession;
}
