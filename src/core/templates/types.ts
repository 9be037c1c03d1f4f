// What a dialect's template writer returns: plain data, stringified by the edit engine in the
// file's own style (indent, dash style, quotes, line endings).

export interface TemplateContext {
  /** The id the new stage gets (job key, or Azure stage name). */
  id: string;
  /** GitLab: the lanes the file declares, in order (the template picks a fitting one). */
  lanes?: string[];
}

export interface RenderedTemplate {
  /** GitHub / GitLab: the job mapping under its key. Azure: the stage mapping (`stage:` first). */
  body: Record<string, unknown>;
  /** GitLab: the lane the job goes in (must then exist in `stages:`; the planner adds it). */
  lane?: string;
  /**
   * GitHub: a comment line to write above a key of the job, for what the YAML cannot say itself
   * (where an environment's required reviewers are set).
   */
  comments?: Record<string, string>;
}
