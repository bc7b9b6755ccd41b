import manifest from '../../dist/asset-manifest.json';

const names: Record<string, string> = manifest;

/**
 * The fingerprinted URL of a reviewer-UI asset (`/app/assets/app.css` →
 * `/app/assets/app-3fa2…css`), from the manifest `npm run build` writes. Those files are
 * cached for a year (`_headers`), so a page must always name the current ones; other
 * URLs (`/ratings.css`, `/embed.js`) pass through unchanged.
 */
export function assetUrl(path: string): string {
  return names[path] ?? path;
}
