import './style.css';

export const PAGE_LINKS: ReadonlyArray<readonly [string, string]> = [
  ['index', 'Tessera'],
  ['towers', 'Towers'],
  ['approximate', 'Approximate f'],
  ['train', 'Train'],
  ['depth', 'Depth & regions'],
  ['questions', 'Three questions'],
];

/** Fills the page's <header> with the site navigation (relative links: works from any file server). */
export function mountNav(active: string): void {
  const header = document.querySelector('header.site');
  if (!header) return;
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', 'Site');
  const ul = document.createElement('ul');
  for (const [page, text] of PAGE_LINKS) {
    const a = document.createElement('a');
    a.href = `./${page}.html`;
    a.textContent = text;
    if (page === active) a.setAttribute('aria-current', 'page');
    const li = document.createElement('li');
    li.append(a);
    ul.append(li);
  }
  nav.append(ul);
  header.append(nav);
}
