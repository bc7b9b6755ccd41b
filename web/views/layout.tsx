import type { Child } from 'hono/jsx';
import { assetUrl } from './assets';

/**
 * The HTML shell of every server-rendered page. Styles and scripts come from our own origin
 * (the CSP allows nothing else); pages pass their own script names, plain: the
 * fingerprinted names of /app/assets/* are looked up here (web/views/assets.ts).
 */
export function Layout(props: { title: string; children: Child; scripts?: string[]; styles?: string[]; head?: Child; bodyClass?: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={assetUrl('/app/assets/base.css')} />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={assetUrl(href)} />
        ))}
        {props.head}
        {(props.scripts ?? []).map((src) => (
          <script src={assetUrl(src)} defer></script>
        ))}
      </head>
      <body class={props.bodyClass}>{props.children}</body>
    </html>
  );
}
