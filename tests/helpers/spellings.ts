/**
 * Other spellings of one route that Strapi's router serves with the same handler: letter case
 * (its matching ignores case), a trailing slash (ignored too), and both. A guard bound to the route
 * holds under every one of them; a guard that compares path strings does not. A percent-encoded
 * letter is added as well: the router does not decode it, so that spelling must not reach the
 * handler at all (404), and never get past the guard.
 *
 * Only the path is respelt (`?query` is kept as it is), so give paths whose own parameters are
 * not case-sensitive.
 */
export const spellingsOf = (route: string): string[] => {
  const [path, query] = route.split(/\?(.*)/s, 2);
  const suffix = query === undefined ? '' : `?${query}`;
  // eslint-disable-next-line @typescript-eslint/no-misused-spread -- paths are ASCII
  const swapped = [...path].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
  const capitalised = path.replace(/\/([a-z])/g, (_m, letter: string) => `/${letter.toUpperCase()}`);
  const encoded = path.replace(/([a-z])([a-z-]*)$/, (_m, first: string, rest: string) => {
    return `%${first.charCodeAt(0).toString(16)}${rest}`;
  });
  return [path, `${path}/`, path.toUpperCase(), `${swapped}/`, capitalised, `${capitalised}/`, encoded].map(
    (spelling) => `${spelling}${suffix}`,
  );
};
