import { useEffect, useState } from 'react';

/** Where the app is: kept in the URL hash, so the server serves one page and the back button works. */
export type Route = { page: 'home' } | { page: 'region'; code: string } | { page: 'child'; id: string } | { page: 'audit' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'region' && /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/.test(parts[1] ?? '')) return { page: 'region', code: parts[1]! };
  if (parts[0] === 'child' && /^[A-Za-z0-9_-]{1,40}$/.test(parts[1] ?? '')) return { page: 'child', id: parts[1]! };
  if (parts[0] === 'audit') return { page: 'audit' };
  return { page: 'home' };
}

export const hrefOf = {
  region: (code: string) => `#/region/${code}`,
  child: (id: string) => `#/child/${encodeURIComponent(id)}`,
  audit: () => '#/audit',
  home: () => '#/',
};

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
