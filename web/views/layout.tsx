import type { Child } from 'hono/jsx';

/**
 * The HTML shell of every server-rendered page. Styles and scripts come from our own origin
 * (the CSP allows nothing else); pages pass their own script names.
 */
export function Layout(props: { title: string; children: Child; scripts?: string[]; styles?: string[]; head?: Child; bodyClass?: string }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <link rel="stylesheet" href="/app/assets/base.css" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {props.head}
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body class={props.bodyClass}>{props.children}</body>
    </html>
  );
}
