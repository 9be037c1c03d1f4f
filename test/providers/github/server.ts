// The local GitHub API server: GitHub's REST API for one repository, answered from a
// RepositorySimulation that moves with a clock. Every request is checked against the published
// description (openapi.ts) and so is every answer; what does not match is kept in `violations`
// (tests assert it stays empty). ETags and 304s, rate-limit headers, pagination, classic token
// scopes and faults on demand behave as GitHub's do.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SimulatedClock, systemClock, type Clock } from '../../../src/providers/scheduler/clock';
import type { Fault, FaultRule } from './faults';
import { OpenApiChecker, type ApiFlavor, type Operation } from './openapi';
import * as payload from './payloads';
import { isScenarioName, scenario, type ScenarioName } from './scenarios';
import { RepositorySimulation, type Refused, type ScenarioSpec, type SimRun, type TokenSpec } from './simulation';

export interface LocalGitHubApiOptions {
  scenario?: ScenarioName | ScenarioSpec;
  /** Default: a SimulatedClock at 2026-12-01T09:00:00Z. */
  clock?: Clock;
  /** `ghes-3.19` serves under `/api/v3` and is checked against the GHES description. */
  flavor?: ApiFlavor;
  host?: string;
  /** 0 (default): any free port. */
  port?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** The description's route, when it has one. */
  route?: string;
  query: Record<string, string>;
  body?: unknown;
  status?: number;
  notModified: boolean;
  login?: string;
  ifNoneMatch?: string;
  fault?: Fault['kind'];
  at: number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface RateWindow {
  used: number;
  resetAt: number;
}

const RATE_LIMIT = 5000;
const HOUR = 3600_000;

export class LocalGitHubApi {
  readonly sim: RepositorySimulation;
  readonly checker: OpenApiChecker;
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  private faults: { rule: FaultRule; left: number }[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly rate = new Map<string, RateWindow>();
  private readonly prefix: string;
  private origin = '';

  private constructor(
    private readonly server: Server,
    readonly clock: Clock,
    spec: ScenarioSpec,
    readonly flavor: ApiFlavor,
  ) {
    this.sim = new RepositorySimulation(spec, clock);
    this.checker = OpenApiChecker.for(flavor);
    this.prefix = flavor === 'dotcom' ? '' : '/api/v3';
  }

  static async start(options: LocalGitHubApiOptions = {}): Promise<LocalGitHubApi> {
    const spec = typeof options.scenario === 'object' ? options.scenario : scenario(options.scenario ?? 'waiting-production');
    const server = createServer();
    const api = new LocalGitHubApi(server, options.clock ?? new SimulatedClock(), spec, options.flavor ?? 'dotcom');
    server.on('request', (req, res) => void api.handle(req, res));
    server.on('connection', (socket) => {
      api.sockets.add(socket);
      socket.on('close', () => api.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    const address = server.address() as AddressInfo;
    api.origin = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
    return api;
  }

  /** The API root a client uses as its base URL. */
  get url(): string {
    return `${this.origin}${this.prefix}`;
  }

  get urls(): payload.Urls {
    return { api: this.url, web: `${this.origin}/_web` };
  }

  /** The next `times` requests matching `route` (or any) get `fault`. */
  inject(rule: FaultRule): void {
    this.faults.push({ rule, left: rule.times ?? 1 });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Sets how much of the token's hourly budget is left. */
  setRateLimit(token: string, remaining: number, resetAt?: number): void {
    const window = this.window(token);
    window.used = RATE_LIMIT - remaining;
    if (resetAt !== undefined) window.resetAt = resetAt;
  }

  /** Requests that reached the API (not the web pages or log downloads), optionally of one route. */
  apiRequests(route?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.route !== undefined && (route === undefined || r.route === route));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const method = (req.method ?? 'GET').toUpperCase();
    const bodyText = await readBody(req);
    this.sim.sync();
    if (url.pathname.startsWith('/_web/')) return this.webPage(url, res);
    if (url.pathname.startsWith('/_blob/logs/')) return this.logDownload(url, res);

    const record: RecordedRequest = { method, path: url.pathname, query: Object.fromEntries(url.searchParams), notModified: false, at: this.clock.now() };
    this.requests.push(record);
    if (!url.pathname.startsWith(this.prefix)) return this.send(res, record, undefined, { status: 404, body: { message: 'Not Found' } });
    const path = url.pathname.slice(this.prefix.length) || '/';
    const op = this.checker.match(method, path);
    if (!op) {
      this.violations.push(`${method} ${path}: no such operation in the description`);
      return this.send(res, record, undefined, { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } });
    }
    record.route = op.route;
    const misuse = MISUSED_ROUTES[op.route];
    if (misuse) {
      this.violations.push(`${op.route}: ${misuse}`);
      return this.send(res, record, op, { status: 501, body: { message: `${op.route} is not what this client should call: ${misuse}` } }, undefined, false);
    }

    let body: unknown;
    if (bodyText.length > 0) {
      try {
        body = JSON.parse(bodyText);
      } catch {
        this.violations.push(`${op.route}: body is not JSON`);
        return this.send(res, record, op, { status: 400, body: { message: 'Problems parsing JSON' } });
      }
      if (!/application\/json/.test(req.headers['content-type'] ?? '')) this.violations.push(`${op.route}: JSON body without a JSON content-type`);
    }
    record.body = body;
    const problems = this.checker.checkRequest(op, url.searchParams, body, bodyText.length > 0);
    if (problems.length > 0) {
      this.violations.push(...problems.map((p) => `${op.route}: ${p}`));
      return this.send(res, record, op, { status: 422, body: { message: `Invalid request.\n\n${problems.join('\n')}`, documentation_url: 'https://docs.github.com/rest' } });
    }

    const token = tokenOf(req.headers.authorization);
    const account = this.sim.spec.tokens.find((t) => t.token === token);
    record.login = account?.login;
    record.ifNoneMatch = req.headers['if-none-match'];

    const fault = this.takeFault(op);
    if (fault) {
      record.fault = fault.kind;
      switch (fault.kind) {
        case 'status':
          return this.send(res, record, op, { status: fault.status, body: fault.body, headers: fault.headers }, account, false);
        case 'drop':
          req.socket.destroy();
          return;
        case 'hang':
          return;
        case 'malformed':
          record.status = 200;
          res.writeHead(200, { 'content-type': fault.contentType ?? 'application/json; charset=utf-8', ...this.rateHeaders(account, true) });
          res.end(fault.body);
          return;
        case 'delay':
          await new Promise<void>((resolve) => this.clock.setTimeout(resolve, fault.ms));
          this.sim.sync();
          break;
        case 'drop-after':
        case 'fail-after':
          break;
      }
    }

    const answer = account ? this.answer(op, url, body, account) : { status: 401, body: { message: token ? 'Bad credentials' : 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' } };
    if (fault?.kind === 'drop-after') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'fail-after') return this.send(res, record, op, { status: fault.status, body: { message: 'Server Error' } }, account, false);
    return this.send(res, record, op, answer, account, true, req.headers['if-none-match']);
  }

  private takeFault(op: Operation): Fault | undefined {
    const entry = this.faults.find((f) => f.left > 0 && (f.rule.route === undefined || f.rule.route === op.route));
    if (!entry) return undefined;
    entry.left--;
    if (entry.left <= 0) this.faults.splice(this.faults.indexOf(entry), 1);
    return entry.rule.fault;
  }

  private send(res: ServerResponse, record: RecordedRequest, op: Operation | undefined, answer: Answer, account?: TokenSpec, check = true, ifNoneMatch?: string): void {
    const headers: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `LOCAL:${this.requests.length}`,
      'x-github-api-version-selected': '2022-11-28',
      // Every operation this server answers is a repository one: GitHub accepts the repo scope for it.
      ...(account ? { 'x-oauth-scopes': account.scopes.join(', '), 'x-accepted-oauth-scopes': 'repo' } : {}),
    };
    let status = answer.status;
    let text = answer.body === undefined ? '' : JSON.stringify(answer.body);
    const conditional = record.method === 'GET' && status === 200;
    if (conditional) {
      // Vary: Authorization — the same URL answers each account differently.
      const etag = `W/"${createHash('sha1').update(`${account?.login ?? ''}\n${text}`).digest('hex')}"`;
      headers.etag = etag;
      headers.vary = 'Accept, Authorization, Cookie, X-GitHub-OTP';
      headers['cache-control'] = 'private, max-age=60, s-maxage=60';
      if (ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(etag)) {
        status = 304;
        text = '';
        record.notModified = true;
      }
    }
    Object.assign(headers, this.rateHeaders(account, status !== 304));
    if (check && op && status !== 304) this.violations.push(...this.checker.checkResponse(op, status, answer.body).map((p) => `${op.route} answer: ${p}`));
    Object.assign(headers, answer.headers ?? {});
    if (text.length > 0) headers['content-type'] = 'application/json; charset=utf-8';
    record.status = status;
    res.writeHead(status, headers);
    res.end(text);
  }

  private window(token: string): RateWindow {
    const now = this.clock.now();
    let w = this.rate.get(token);
    if (!w || now >= w.resetAt) {
      w = { used: 0, resetAt: Math.floor(now / HOUR) * HOUR + HOUR };
      this.rate.set(token, w);
    }
    return w;
  }

  /** GitHub's rate-limit headers; a 304 does not count against the budget. */
  private rateHeaders(account: TokenSpec | undefined, counts: boolean): Record<string, string> {
    if (!account) return { 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '59', 'x-ratelimit-reset': String(Math.ceil((this.clock.now() + HOUR) / 1000)), 'x-ratelimit-resource': 'core' };
    const w = this.window(account.token);
    if (counts && w.used < RATE_LIMIT) w.used++;
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(RATE_LIMIT - w.used),
      'x-ratelimit-used': String(w.used),
      'x-ratelimit-reset': String(Math.ceil(w.resetAt / 1000)),
      'x-ratelimit-resource': 'core',
    };
  }

  private answer(op: Operation, url: URL, body: unknown, account: TokenSpec): Answer {
    const p = op.params;
    const query = url.searchParams;
    if (this.rate.has(account.token) && this.window(account.token).used >= RATE_LIMIT) {
      return { status: 403, body: { message: `API rate limit exceeded for user ID ${this.sim.user(account.login).id}.`, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api', status: '403' } };
    }
    // Another repository's commit (an action a workflow uses): the one read outside acme/shop.
    if (op.operationId === 'repos/get-commit') return this.commit(p.owner, p.repo, p.ref);
    if (p.owner !== undefined && (p.owner.toLowerCase() !== this.sim.spec.owner || p.repo?.toLowerCase() !== this.sim.spec.repo)) return notFound();
    const sim = this.sim;
    const urls = this.urls;
    const runOf = (): SimRun | undefined => sim.run(Number(p.run_id));
    switch (op.operationId) {
      case 'users/get-authenticated':
        return ok(payload.privateUser(urls, sim.user(account.login)));
      case 'users/get-by-username': {
        const user = sim.spec.users.find((u) => u.login.toLowerCase() === p.username.toLowerCase());
        return user ? ok(payload.publicUser(urls, user)) : notFound();
      }
      case 'repos/list-teams':
        return this.page(url, sim.spec.teams.map((t) => payload.team(sim, urls, t.slug)));
      case 'repos/get':
        return ok(payload.fullRepository(sim, urls, account.permission));
      case 'repos/list-branches':
        return this.page(url, Object.entries(sim.spec.branches).map(([name, sha]) => payload.shortBranch(sim, urls, name, sha)));
      case 'repos/list-tags':
        return this.page(url, Object.entries(sim.spec.tags).map(([name, sha]) => payload.tag(sim, urls, name, sha)));
      case 'actions/list-repo-workflows':
        return this.page(url, sim.spec.workflows.map((w) => payload.workflow(sim, urls, w)), (items, total) => ({ total_count: total, workflows: items }));
      case 'actions/get-workflow': {
        const w = sim.workflowById(p.workflow_id);
        return w ? ok(payload.workflow(sim, urls, w)) : notFound();
      }
      case 'actions/list-workflow-runs-for-repo':
      case 'actions/list-workflow-runs': {
        let runs = [...sim.runs];
        if (op.operationId === 'actions/list-workflow-runs') {
          const w = sim.workflowById(p.workflow_id);
          if (!w) return notFound();
          runs = runs.filter((r) => r.workflow.id === w.id);
        }
        const status = query.get('status');
        runs = runs.filter((r) => {
          const s = sim.runStatus(r);
          return (
            (query.get('branch') === null || r.branch === query.get('branch')) &&
            (query.get('event') === null || r.event === query.get('event')) &&
            (query.get('actor') === null || r.actor === query.get('actor')) &&
            (query.get('head_sha') === null || r.sha === query.get('head_sha')) &&
            (status === null || s.status === status || s.conclusion === status)
          );
        });
        runs.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
        return this.page(url, runs.map((r) => payload.workflowRun(sim, urls, r)), (items, total) => ({ total_count: total, workflow_runs: items }));
      }
      case 'actions/get-workflow-run': {
        const run = runOf();
        return run ? ok(payload.workflowRun(sim, urls, run)) : notFound();
      }
      case 'actions/get-workflow-run-attempt': {
        const run = runOf();
        const n = Number(p.attempt_number);
        return run && n >= 1 && n <= run.attempts.length ? ok(payload.workflowRun(sim, urls, run, n)) : notFound();
      }
      case 'actions/list-jobs-for-workflow-run':
      case 'actions/list-jobs-for-workflow-run-attempt': {
        const run = runOf();
        if (!run) return notFound();
        const attempts =
          op.operationId === 'actions/list-jobs-for-workflow-run-attempt'
            ? run.attempts.filter((a) => a.number === Number(p.attempt_number))
            : query.get('filter') === 'all'
              ? run.attempts
              : [sim.latestAttempt(run)];
        if (attempts.length === 0) return notFound();
        const jobs = attempts.flatMap((a) => a.jobs.map((j) => payload.job(sim, urls, run, a.number, j)));
        return this.page(url, jobs, (items, total) => ({ total_count: total, jobs: items }));
      }
      case 'actions/get-pending-deployments-for-run': {
        const run = runOf();
        return run ? ok(sim.pendingEnvironments(run).map((e) => payload.pendingDeployment(sim, urls, run, e, account.login))) : notFound();
      }
      case 'actions/get-reviews-for-run': {
        const run = runOf();
        return run ? ok(sim.reviews.filter((r) => r.runId === run.id).map((r) => payload.approval(sim, urls, r))) : notFound();
      }
      case 'actions/review-pending-deployments-for-run': {
        const run = runOf();
        if (!run) return notFound();
        const b = body as { environment_ids: number[]; state: 'approved' | 'rejected'; comment: string };
        const result = sim.review(run, b.environment_ids, b.state, b.comment, account.login);
        return isRefused(result) ? refused(result) : ok(result.map((d) => payload.deployment(sim, urls, d)));
      }
      case 'actions/cancel-workflow-run':
      case 'actions/force-cancel-workflow-run': {
        const run = runOf();
        if (!run) return notFound();
        const result = sim.cancel(run);
        return result ? refused(result) : { status: 202, body: {} };
      }
      case 'actions/re-run-workflow':
      case 'actions/re-run-workflow-failed-jobs': {
        const run = runOf();
        if (!run) return notFound();
        const result = sim.rerun(run, { kind: op.operationId === 'actions/re-run-workflow' ? 'all' : 'failed' });
        return result ? refused(result) : { status: 201, body: {} };
      }
      case 'actions/re-run-job-for-workflow-run': {
        const found = sim.findJob(Number(p.job_id));
        if (!found) return notFound();
        const result = sim.rerun(found.run, { kind: 'job', key: found.job.key });
        return result ? refused(result) : { status: 201, body: {} };
      }
      case 'actions/download-job-logs-for-workflow-run': {
        const found = sim.findJob(Number(p.job_id));
        if (!found || found.job.state !== 'completed') return notFound();
        return { status: 302, headers: { location: `${this.origin}/_blob/logs/${found.job.id}` } };
      }
      case 'actions/create-workflow-dispatch': {
        const w = sim.workflowById(p.workflow_id);
        if (!w) return notFound();
        const b = body as { ref: string; inputs?: Record<string, unknown>; return_run_details?: boolean };
        const result = sim.dispatch(w, b.ref, b.inputs ?? {}, account.login);
        if (isRefused(result)) return refused(result);
        // GHES 3.19 does not know return_run_details and answers 204 whatever the body asks.
        if (!b.return_run_details || this.flavor !== 'dotcom') return { status: 204 };
        const full = `${sim.spec.owner}/${sim.spec.repo}`;
        return ok({ workflow_run_id: result.id, run_url: `${urls.api}/repos/${full}/actions/runs/${result.id}`, html_url: `${urls.web}/${full}/actions/runs/${result.id}` });
      }
      case 'repos/list-deployments': {
        const list = sim.deployments
          .filter(
            (d) =>
              (query.get('environment') === null || d.environment === query.get('environment')) &&
              (query.get('sha') === null || d.sha === query.get('sha')) &&
              (query.get('ref') === null || d.ref === query.get('ref')) &&
              (query.get('task') === null || query.get('task') === 'deploy'),
          )
          .sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
        return this.page(url, list.map((d) => payload.deployment(sim, urls, d)));
      }
      case 'repos/list-deployment-statuses': {
        const d = sim.deployments.find((x) => x.id === Number(p.deployment_id));
        return d ? this.page(url, payload.deploymentStatuses(sim, urls, d)) : notFound();
      }
      case 'repos/get-all-environments':
        return this.page(url, sim.environments.map((e) => payload.environment(sim, urls, e)), (items, total) => ({ total_count: total, environments: items }));
      case 'repos/get-environment': {
        const env = sim.environment(p.environment_name);
        return env ? ok(payload.environment(sim, urls, env)) : notFound();
      }
      case 'repos/create-or-update-environment': {
        if (account.permission !== 'admin') return { status: 403, body: { message: 'Must have admin rights to Repository.', documentation_url: 'https://docs.github.com/rest/deployments/environments#create-or-update-an-environment', status: '403' } };
        const result = sim.setEnvironment(p.environment_name, (body ?? {}) as Parameters<RepositorySimulation['setEnvironment']>[1]);
        return isRefused(result) ? refused(result) : ok(payload.environment(sim, urls, result));
      }
      default:
        this.violations.push(`${op.route}: called, but the local server does not simulate it`);
        return { status: 501, body: { message: `${op.route} is not simulated by the local GitHub API server` } };
    }
  }

  /** A commit by ref: 404 for a repository not here, 422 with GitHub's words for a ref it lacks. */
  private commit(owner: string, repo: string, ref: string): Answer {
    const found = this.sim.commitOf(owner, repo, ref);
    if (!found.repository) return notFound();
    if (!found.sha) return { status: 422, body: { message: `No commit found for SHA: ${ref}`, documentation_url: 'https://docs.github.com/rest/commits/commits#get-a-commit', status: '422' } };
    const author = this.sim.spec.users[0];
    return ok(payload.commit(this.urls, `${owner}/${repo}`, found.sha, found.repository.commits[found.sha] ?? 'A commit', author));
  }

  /** GitHub's pagination: `per_page` (default 30, at most 100), `page`, and a Link header. */
  private page(url: URL, items: unknown[], wrap?: (items: unknown[], total: number) => unknown): Answer {
    const query = url.searchParams;
    const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30)));
    const page = Math.max(1, Number(query.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (n: number, rel: string): string => {
      const q = new URLSearchParams(query);
      q.set('page', String(n));
      return `<${this.origin}${url.pathname}?${q.toString()}>; rel="${rel}"`;
    };
    const links = [page < last ? link(page + 1, 'next') : '', page < last ? link(last, 'last') : '', page > 1 ? link(1, 'first') : '', page > 1 ? link(page - 1, 'prev') : ''].filter(Boolean);
    return { status: 200, body: wrap ? wrap(slice, items.length) : slice, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  private webPage(url: URL, res: ServerResponse): void {
    const what = url.pathname.slice('/_web/'.length);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><title>Local GitHub</title><h1>Local GitHub API server</h1><p>This page stands for <code>${escapeHtml(what)}</code> on GitHub.</p>`);
  }

  private logDownload(url: URL, res: ServerResponse): void {
    const found = this.sim.findJob(Number(url.pathname.split('/').pop()));
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(payload.jobLog(found.run, found.job));
  }
}

/** A live server for `npm start -- --sandbox` and the README: the real clock, the richest scenario. */
export async function startGitHubSandbox(options: { port: number; host?: string; scenario?: ScenarioName }): Promise<LocalGitHubApi> {
  const name = options.scenario ?? 'sandbox';
  if (!isScenarioName(name)) throw new Error(`unknown scenario ${String(name)}`);
  return LocalGitHubApi.start({ scenario: name, clock: systemClock, port: options.port, host: options.host });
}

/** Operations of the description a Pipewright client must never call, and why. */
const MISUSED_ROUTES: Record<string, string> = {
  'POST /repos/{owner}/{repo}/actions/runs/{run_id}/approve':
    'approves a fork pull request\'s run, not a deployment; deployments are reviewed with POST …/pending_deployments',
};

function tokenOf(header: string | undefined): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

function ok(body: unknown): Answer {
  return { status: 200, body };
}

function notFound(): Answer {
  return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' } };
}

function refused(r: Refused): Answer {
  return { status: r.status, body: { message: r.message, documentation_url: 'https://docs.github.com/rest', status: String(r.status) } };
}

function isRefused(x: unknown): x is Refused {
  return typeof x === 'object' && x !== null && 'status' in x && 'message' in x && !Array.isArray(x);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
