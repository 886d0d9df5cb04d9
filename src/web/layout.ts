/** @module web/layout — the page shell shared by every page. */
import { html, type SafeHtml } from './html.js'

/** Render a whole page: head (stylesheet only, no script), top bar with search, main content. */
export function page(title: string, body: SafeHtml, options: { readonly query?: string } = {}): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Parallax</title>
<link rel="stylesheet" href="/static/app.css">
</head>
<body>
<header class="top"><div class="bar">
<a class="brand" href="/">Parallax</a>
<nav><a href="/">Stories</a><a href="/search">Search</a><a href="/openapi.json">API</a></nav>
<form action="/search" method="get" role="search"><input type="search" name="q" value="${options.query ?? ''}" placeholder="Search articles" aria-label="Search articles"><button type="submit">Search</button></form>
</div></header>
<main>
${body}
</main>
</body>
</html>
`.value
}
