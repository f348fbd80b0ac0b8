import { detached } from '../runtime/detached-string.js';
import { WordCache } from './word-cache.js';

/**
 * Links as targets and for domain cues. Normalised so that the same target is one value across
 * posts and exports: lower-case scheme and host, no utm_* parameters, no trailing slash; a link
 * written without a scheme (change.org/p/x) gets https://.
 */
export function normaliseLink(link: string): string {
  let normalised = normalisedLinks.get(link);
  if (normalised === undefined) {
    normalised = normalise(link);
    normalisedLinks.set(link, normalised);
  }
  return normalised;
}

// Campaign links recur across posts, and a post's links are read for cues and for targets.
const normalisedLinks = new WordCache<string>(20_000);
const hostsAndPaths = new WordCache<{ host: string; path: string } | null>(20_000);

function normalise(link: string): string {
  const url = parseLink(link);
  // Kept in normalisedLinks: trimmed, the link may still be a slice of the post.
  if (url === null) return detached(link.trim());
  // Filtered as text: URLSearchParams would re-encode the parameters that stay.
  const kept = url.search.slice(1).split('&').filter((parameter) => parameter !== '' && !/^utm_/i.test(parameter));
  const query = kept.length > 0 ? `?${kept.join('&')}` : '';
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${query}${url.hash}`;
}

/** Host without www. and path of a link, for matching domain cues; null where it is no URL. */
export function hostAndPath(link: string): { host: string; path: string } | null {
  let found = hostsAndPaths.get(link);
  if (found === undefined) {
    const url = parseLink(link);
    found = url === null ? null : { host: url.hostname.replace(/^www\./, ''), path: url.pathname };
    hostsAndPaths.set(link, found);
  }
  return found;
}

function parseLink(link: string): URL | null {
  const trimmed = link.trim();
  return URL.parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
}
