// credentials-in-file: a secret written into the pipeline is readable by everyone who can read the
// repository, and stays in its history. Two signs: a known token format anywhere in the text, and
// a password-like key with a literal value. The value is never repeated in full.
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { keyOf } from '../yaml/source';
import { offsetRange, yamlNodeRange } from './ranges';
import type { Rule, RuleHit } from './rule';

// Formats that are credentials whatever key they are under (each issuer documents its prefix).
const TOKEN_FORMATS: { what: string; pattern: RegExp; shown: number }[] = [
  { what: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, shown: 4 },
  { what: 'a GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g, shown: 11 },
  { what: 'a GitLab access token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}/g, shown: 6 },
  { what: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, shown: 4 },
  { what: 'a Slack token', pattern: /\bxox[abprs]-[A-Za-z0-9-]{10,}/g, shown: 5 },
  { what: 'a Slack webhook URL', pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]{8,}/g, shown: 32 },
  { what: 'a Stripe live key', pattern: /\b[sr]k_live_[A-Za-z0-9]{20,}\b/g, shown: 8 },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, shown: 4 },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, shown: 4 },
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/g, shown: 0 },
];

// Keys that name a credential: `password`, `DB_PASSWORD`, `api-key`, `client_secret`, `token`…
const CREDENTIAL_KEY = /(?:^|[_.-])(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth)$/i;

// Values that are clearly not a secret kept in the file: references to variables or secrets in
// each dialect's syntax, and the throwaway values of disposable test services.
const REFERENCE = /\$\{\{|\$\(|\$\[|\$\{?[A-Za-z_]|\{\{|%[A-Za-z_]+%|<[^>]*>/;
const THROWAWAY = /^(?:password|passw0rd|postgres|mysql|root|admin|test|testing|secret|changeme|change-me|example|dummy|fake|placeholder|none|null|true|false|x+|\*+|read|write)$/i;

export const credentialsRule: Rule = {
  id: 'credentials-in-file',
  group: 'supply-chain',
  severity: 'error',
  dialects: ['github', 'gitlab', 'azure'],
  summary: 'credentials written in the file: known token formats, password-like keys with literal values',
  check(ctx) {
    const hits: RuleHit[] = [];
    const seen = new Set<number>();
    for (const format of TOKEN_FORMATS) {
      for (const m of ctx.text.matchAll(format.pattern)) {
        seen.add(m.index);
        const shown = format.shown > 0 ? ` ("${m[0].slice(0, format.shown)}…")` : '';
        hits.push({
          range: offsetRange(ctx, m.index, m.index + m[0].length),
          message: `${format.what}${shown} is written in the file: anyone who can read the repository can use it, and it stays in the history; revoke it and keep it in a secret store`,
        });
      }
    }
    walkPairs(ctx.src.doc.contents, (key, value) => {
      if (!CREDENTIAL_KEY.test(key) || !isScalar(value) || typeof value.value !== 'string') return;
      const text = value.value.trim();
      const at = value.range?.[0] ?? 0;
      if (seen.has(at) || text.length < 8 || REFERENCE.test(text) || THROWAWAY.test(text) || /\s/.test(text)) return;
      if (characterClasses(text) < 2) return;
      hits.push({
        range: yamlNodeRange(ctx, value as Node),
        message: `"${key}" holds a literal value ("${text.slice(0, 2)}…", ${text.length} characters): a credential in the file is readable by anyone who can read the repository; keep it in a secret store and reference it`,
      });
    });
    return hits;
  },
};

// Lower case, upper case, digits, other: a generated secret mixes them; a word or a name does not.
function characterClasses(text: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(text)).length;
}

function walkPairs(node: unknown, visit: (key: string, value: unknown) => void): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = keyOf(pair);
      if (key !== undefined) visit(key, pair.value);
      walkPairs(pair.value, visit);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walkPairs(item, visit);
  } else if (isPair(node)) {
    walkPairs(node.value, visit);
  }
}
