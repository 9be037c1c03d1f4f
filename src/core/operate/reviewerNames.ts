// How a person names the reviewers of an environment in a text box, and how the designer shows
// them: a user by login (`mona`), a team as GitHub mentions it, `ORG/team-slug`. A leading `@` is
// allowed, as people type mentions. The provider looks the ids up (`read({kind: 'reviewers'})`).
import type { Reviewer } from './model';

export type ReviewerName = { kind: 'user'; login: string } | { kind: 'team'; org: string; slug: string };

/** GitHub allows at most six required reviewers on an environment. */
export const MAX_REVIEWERS = 6;

const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The names in a comma- or space-separated list, or what is wrong with it (naming the entry). */
export function parseReviewerNames(text: string): { ok: true; names: ReviewerName[] } | { ok: false; error: string } {
  const entries = text.split(/[\s,]+/).map((e) => e.trim()).filter((e) => e !== '');
  const names: ReviewerName[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const bare = entry.replace(/^@/, '');
    const slash = bare.indexOf('/');
    let name: ReviewerName;
    if (slash >= 0) {
      const org = bare.slice(0, slash);
      const slug = bare.slice(slash + 1);
      if (!LOGIN.test(org) || !SLUG.test(slug)) return { ok: false, error: `"${entry}" is not a team: write ORGANIZATION/team-slug` };
      name = { kind: 'team', org, slug };
    } else {
      if (!LOGIN.test(bare)) return { ok: false, error: `"${entry}" is not a GitHub login` };
      name = { kind: 'user', login: bare };
    }
    const key = reviewerNameText(name).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  if (names.length > MAX_REVIEWERS) return { ok: false, error: `GitHub allows at most ${MAX_REVIEWERS} required reviewers; ${names.length} are named` };
  return { ok: true, names };
}

export function reviewerNameText(name: ReviewerName): string {
  return name.kind === 'user' ? name.login : `${name.org}/${name.slug}`;
}

/** How a reviewer the API returned is written back in the text box (`org` owns the repository's teams). */
export function reviewerText(reviewer: Pick<Reviewer, 'kind' | 'name'>, org: string): string {
  return reviewer.kind === 'team' ? `${org}/${reviewer.name}` : reviewer.name;
}
