// `pipewright lint` over pipelines split over files: where each file lies in the pipeline it is
// part of (compose/pipelineOfFile.ts), its other files read under `--root`, else under the git
// root above it — without either the file is checked alone: a root guessed wrong (a copy without
// its git folder) would report every file it includes as missing and fail the build — and the
// files a GitLab pipeline found under a directory includes, which their names do not tell.
import { join, relative, resolve } from 'node:path';
import { namesOtherFiles } from '../core/compose/namesOtherFiles';
import { GITLAB_ROOT, composePipeline, pipelineOfFile, type FileInPipeline } from '../core/compose/pipelineOfFile';
import type { ProjectFiles } from '../core/compose/projectFiles';
import { dialectFromPath } from '../core/detect';
import type { Dialect, PipelineGraph } from '../core/model';
import type { FilePlace } from '../core/rules/lintText';
import type { CliIo } from './io';
import { gitRootAbove, pathInRoot, projectFilesAt } from './projectFiles';

interface Located {
  root: string;
  path: string;
  project: ProjectFiles;
}

/** A root's GitLab pipeline, and the text each file it read had then (undefined: not there). */
interface ComposedRoot {
  pipeline: FileInPipeline;
  texts: Map<string, string | undefined>;
}

export class LintPipelines {
  /** The files of one root are listed once (a wildcard include lists the whole tree). */
  private readonly projects = new Map<string, ProjectFiles>();
  /**
   * Per root, its `.gitlab-ci.yml` composed: every file of that pipeline is judged in it, and one
   * composition serves them all while none of the files it read has changed (`--fix` writes
   * between two checks). gitlab-runner's 17 included files composed it 17 times.
   */
  private readonly gitlabRoots = new Map<string, ComposedRoot>();

  constructor(
    private readonly io: CliIo,
    private readonly rootOption: string | undefined,
  ) {}

  /** Where `file` (its text `text`) lies, asked once its own graph is built (lintText's `placeOf`). */
  placeOf(file: string, text: string): (own: PipelineGraph) => FilePlace | undefined {
    return (own) => {
      const where = this.locate(file);
      return where && { pipeline: this.pipelineOf(own.dialect, where, text, own), path: where.path };
    };
  }

  /** What pipelineOfFile says, a GitLab root's composition shared by the files it reads. */
  private pipelineOf(dialect: Dialect, where: Located, text: string, own?: PipelineGraph): FileInPipeline | undefined {
    if (dialect !== 'gitlab') return pipelineOfFile(dialect, where.path, text, where.project, own);
    const root = this.gitlabRoot(where, text);
    if (root && (where.path === GITLAB_ROOT || root.read.has(where.path))) return root;
    const files: ProjectFiles = { ...where.project, readFile: (p) => (p === where.path ? text : where.project.readFile(p)) };
    return namesOtherFiles(text) ? composePipeline('gitlab', where.path, text, files) : undefined;
  }

  /** The root's `.gitlab-ci.yml` composed, `text` read for the file at `where`; undefined when it names no other file. */
  private gitlabRoot(where: Located, text: string): FileInPipeline | undefined {
    const read = (p: string) => (p === where.path ? text : where.project.readFile(p));
    const rootText = read(GITLAB_ROOT);
    if (rootText === undefined || !namesOtherFiles(rootText)) return undefined;
    const known = this.gitlabRoots.get(where.root);
    if (known && [...known.texts].every(([p, t]) => read(p) === t)) return known.pipeline;
    const texts = new Map<string, string | undefined>([[GITLAB_ROOT, rootText]]);
    const files: ProjectFiles = { ...where.project, readFile: (p) => {
      const t = read(p);
      texts.set(p, t);
      return t;
    } };
    const pipeline = composePipeline('gitlab', GITLAB_ROOT, rootText, files);
    this.gitlabRoots.set(where.root, { pipeline, texts });
    return pipeline;
  }

  /**
   * The files the GitLab pipelines among `files` include that lie under one of `folders` and are
   * not among `files`, as the command line would name them (relative to the working folder).
   */
  includedUnder(folders: readonly string[], files: readonly string[]): string[] {
    const listed = new Set(files.map((f) => resolve(this.io.cwd(), f)));
    const under = folders.map((d) => resolve(this.io.cwd(), d));
    const found = new Set<string>();
    for (const file of files) {
      if (dialectFromPath(file) !== 'gitlab') continue;
      const where = this.locate(file);
      const text = where && where.project.readFile(where.path);
      if (!where || text === undefined) continue;
      let pipeline: FileInPipeline | undefined;
      try {
        pipeline = this.pipelineOf('gitlab', where, text);
      } catch {
        continue; // the file's own check reports what is wrong with it
      }
      if (pipeline?.rootPath !== where.path) continue;
      for (const path of pipeline.read) {
        const absolute = join(where.root, ...path.split('/'));
        if (listed.has(absolute) || where.project.readFile(path) === undefined) continue;
        if (!under.some((folder) => pathInRoot(folder, absolute) !== undefined)) continue;
        found.add(relative(this.io.cwd(), absolute));
      }
    }
    return [...found].sort();
  }

  /** The project `file` lies in and its path there (`--fix` plans in the pipeline it is part of). */
  projectOf(file: string): Located | undefined {
    return this.locate(file);
  }

  private locate(file: string): Located | undefined {
    const absolute = resolve(this.io.cwd(), file);
    const root = this.rootOption !== undefined ? resolve(this.io.cwd(), this.rootOption) : gitRootAbove(absolute);
    const path = root === undefined ? undefined : pathInRoot(root, absolute);
    if (root === undefined || path === undefined) return undefined;
    let project = this.projects.get(root);
    if (!project) this.projects.set(root, (project = projectFilesAt(root)));
    return { root, path, project };
  }
}
