// The README that goes into the .vsix, for the Extensions view's details page. That page shows
// images only from https: or data: URLs (its Content-Security-Policy is `img-src https: data:`)
// and resolves nothing relative to the installed extension, and vsce by default rewrites a
// relative image to the repository's URL: broken offline, and broken until the repository
// publishes that exact file. So each local image is embedded as a data: URL, and the packaged
// extension shows it wherever it is installed. Other relative links get the repository's URL,
// as vsce would have written them.
import { readFileSync } from 'node:fs';
import { extname, join, posix } from 'node:path';

const IMAGE_TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

// `[text](target)` and `![alt](target)`, the target without spaces (an optional "title" after it).
const MARKDOWN_LINK = /(!?)\[([^\]]*)\]\(([^)\s]+)((?:\s+"[^"]*")?)\)/g;

/** Whether a link points into the repository (not a URL, not an anchor on the page). */
function isRelative(target) {
  return !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('//');
}

/**
 * `markdown` with local images as data: URLs read from `dir`, and other relative links on
 * `repositoryUrl` (`https://github.com/o/r`, linked to its default branch). Throws on an image
 * that is missing or of a type the details page cannot show.
 */
export function packagedReadme(markdown, { dir, repositoryUrl }) {
  return markdown.replace(MARKDOWN_LINK, (all, bang, text, target, title) => {
    if (!isRelative(target)) return all;
    const path = posix.normalize(decodeURI(target.split('#')[0]));
    if (bang) {
      const type = IMAGE_TYPES[extname(path).toLowerCase()];
      if (!type) throw new Error(`README image ${target}: only ${Object.keys(IMAGE_TYPES).join(', ')} images can be embedded (SVG data URLs are refused)`);
      let bytes;
      try {
        bytes = readFileSync(join(dir, path));
      } catch (e) {
        throw new Error(`README image ${target} cannot be read: ${e.message}`);
      }
      return `![${text}](data:${type};base64,${bytes.toString('base64')}${title})`;
    }
    if (!repositoryUrl) throw new Error(`README link ${target} is relative and package.json names no repository to resolve it on`);
    return `[${text}](${repositoryUrl.replace(/\/$/, '')}/blob/HEAD/${target})`;
  });
}

/** `https://github.com/o/r` from package.json's `repository` (a string or `{ url }`, maybe `git+…` or `.git`). */
export function repositoryWebUrl(pkg) {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!raw) return undefined;
  return raw.replace(/^git\+/, '').replace(/\.git$/, '');
}
