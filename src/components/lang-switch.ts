/**
 * The language switch carries the view (#23): the main explorer writes its state into the page's query
 * string, and the link to the other language takes the same query, so "Leer en español" opens the same
 * slice, method, label and settings. Parameters are language-neutral (method names, label indices).
 */

/** `href` with its query replaced by `search` ("?…" or ""), its path and hash kept. */
export function withSearch(href: string, search: string, base = 'http://x/'): string {
  const u = new URL(href, base);
  u.search = search;
  // Keep a relative link relative (the switch's href is a path such as /es/).
  return /^[a-z]+:/i.test(href) ? u.toString() : `${u.pathname}${u.search}${u.hash}`;
}

/** Point every language-switch link of the page at the current query. */
export function carryViewToLangSwitch(search: string): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.lang-switch a')) {
    a.setAttribute('href', withSearch(a.getAttribute('href') ?? '', search, location.href));
  }
}
