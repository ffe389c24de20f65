/**
 * URL prefix rewrites (`casare run --map-url FROM=TO`, job `url_map`): the longest matching
 * prefix wins, so `https://example.com/api` can be mapped apart from `https://example.com`.
 */
export function createUrlMapper(map: Readonly<Record<string, string>>): (url: string) => string {
  const entries = Object.entries(map)
    .filter(([from]) => from !== '')
    .sort((a, b) => b[0].length - a[0].length);
  if (entries.length === 0) return (url) => url;
  return (url) => {
    for (const [from, to] of entries) if (url.startsWith(from)) return to + url.slice(from.length);
    return url;
  };
}
