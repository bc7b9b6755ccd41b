/**
 * The newsroom's identity: its name, site, logo and the contact for corrections. Public pages
 * show them, the embed's popover credits the name, ClaimReview names the organisation as
 * `author` and every annotation as `creator`. One row (id 1), made by a migration; admins edit
 * it (versioned, audited: `settings.update`).
 */
import { eq } from 'drizzle-orm';
import { settings } from '../../schema/tables';
import type { Db } from '../db';
import type { Actor } from '../domain/actor';
import { notFound, staleVersion } from '../domain/errors';
import { eventStatement, written } from './events';
import { bumpVersionIf, nowSql, runGuarded } from './versioning';

export interface Settings {
  name: string;
  /** The newsroom's site (http/https), or null. */
  url: string | null;
  /** An image of the logo (http/https), or null. */
  logoUrl: string | null;
  /** Where readers send corrections: an e-mail address or an http(s) URL, or null. */
  correctionsContact: string | null;
  version: number;
  updatedAt: string | null;
}

/** What public outputs use when the row is missing (a database without the settings migration). */
export const DEFAULT_SETTINGS: Settings = { name: 'Factmark', url: null, logoUrl: null, correctionsContact: null, version: 1, updatedAt: null };

const serialise = (row: typeof settings.$inferSelect): Settings => ({
  name: row.name,
  url: row.url,
  logoUrl: row.logoUrl,
  correctionsContact: row.correctionsContact,
  version: row.version,
  updatedAt: row.updatedAt,
});

export async function getSettings(db: Db): Promise<Settings> {
  const row = await db.select().from(settings).where(eq(settings.id, 1)).get();
  return row ? serialise(row) : DEFAULT_SETTINGS;
}

export type SettingsPatch = Partial<Pick<Settings, 'name' | 'url' | 'logoUrl' | 'correctionsContact'>>;

/** Changes the identity if it is still at `version`; 409 otherwise. */
export async function updateSettings(db: Db, actor: Actor, version: number, patch: SettingsPatch) {
  const current = await db.select().from(settings).where(eq(settings.id, 1)).get();
  if (!current) throw notFound('settings', '1');
  if (version !== current.version) throw staleVersion('settings', version, current.version);
  const set: Partial<typeof settings.$inferInsert> = {};
  for (const key of ['name', 'url', 'logoUrl', 'correctionsContact'] as const) {
    if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
  }
  const before = serialise(current);
  const [updated, events] = await runGuarded('settings', version, 'settings_version_fresh', () =>
    db.batch([
      db.update(settings).set({ ...set, version: bumpVersionIf(version), updatedBy: actor.userId, updatedAt: nowSql }).where(eq(settings.id, 1)).returning(),
      eventStatement(db, actor, {
        action: 'settings.update',
        entityType: 'settings',
        entityId: 'settings',
        before: { name: before.name, url: before.url, logoUrl: before.logoUrl, correctionsContact: before.correctionsContact },
        after: { name: before.name, url: before.url, logoUrl: before.logoUrl, correctionsContact: before.correctionsContact, ...set },
      }),
    ]),
  );
  return written(serialise(updated[0]), events);
}
