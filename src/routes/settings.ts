import * as S from '../api-schemas';
import { recordWrite } from '../middleware/after-write';
import { requireActor } from '../middleware/auth';
import { getSettings, updateSettings } from '../services/settings';
import { defineRoute } from './contract';
import { dbOf, versionFrom, withEtag } from './helpers';

const EXAMPLE = {
  name: 'Dushanbe Fact Desk',
  url: 'https://factdesk.example',
  logoUrl: 'https://factdesk.example/logo.png',
  correctionsContact: 'corrections@factdesk.example',
  version: 3,
  updatedAt: '2026-11-28T10:00:00.000Z',
};

/** The newsroom's identity: name, site, logo, corrections contact (docs: README, "The newsroom's identity"). */
export const settingsRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/settings',
      summary: 'The newsroom\u2019s identity: name, site, logo, corrections contact',
      tag: 'settings',
      permission: 'settings.read',
      ok: 200,
      response: { description: 'The settings, with their version (also the ETag).', example: EXAMPLE },
    },
    async (c) => withEtag(c, await getSettings(dbOf(c))),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/settings',
      summary: 'Change the newsroom\u2019s identity (public pages, embed credit, ClaimReview author, annotation creator)',
      tag: 'settings',
      permission: 'settings.update',
      body: S.UpdateSettings,
      ok: 200,
      versioned: true,
      requestExample: { name: 'Dushanbe Fact Desk', correctionsContact: 'corrections@factdesk.example', version: 2 },
      response: { description: 'The settings as stored (as GET answers them).' },
    },
    async (c, { body }) => {
      const { version, ...patch } = body;
      return withEtag(c, recordWrite(c, await updateSettings(dbOf(c), requireActor(c), versionFrom(c, version), patch)));
    },
  ),
];
