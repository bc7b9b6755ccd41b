import type { Role } from './vocabulary';

/** Who is calling: a signed-in user or an API token acting with its own role. */
export interface Actor {
  kind: 'user' | 'token';
  /** users.id for a user; the creating admin's users.id for a token. */
  userId: string;
  tokenId: string | null;
  name: string;
  email: string | null;
  role: Role;
}
