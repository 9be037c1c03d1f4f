// The pipeline engine as the extension host uses it: parsing, the edit engine, the rules, the
// dialect detection that reads content. scripts/build.mjs bundles this module on its own as
// dist/engine.js (the `yaml` library, the dialects, the edit engine and the rules: most of the
// host's code), and load.ts requires it the first time a pipeline file is looked at, so
// activation compiles none of it. Only what src/vscode calls at run time is listed here; types
// are imported from their own modules (they cost nothing at run time).
export { parsePipelineFully, planOperation } from '../../core/edit/plan';
export { composePipeline, definedInPipeline, drawnInPipeline, namesNothingHere, pipelineOfFile, pipelineStages, problemsOfFile, templateGraphInPipeline } from '../../core/compose/pipelineOfFile';
export { graphFromSource } from '../../core/parse';
export { ParseCache } from '../../core/compose/parseCache';
export { previewComposedEdit, previewEdit } from '../../shared/previewEdit';
export { composedPipelineToEdit, mayBreakUsingPipelines, pipelineToEdit, planComposedOperation } from '../../core/edit/composedPlan';
export { graphFindings } from '../../core/findings';
export { lintPipeline } from '../../core/rules/engine';
export { lintInPipeline } from '../../core/rules/pipelineLint';
export { applyFix, fixWithSha } from '../../core/rules/fixes';
export { RULE_IDS } from '../../core/rules/catalog';
export { configFromData, configFromFile, mergeConfigs, EMPTY_CONFIG } from '../../core/rules/config';
export { protectionOfEnvironments } from '../../core/rules/protection';
export { dialectFromContent } from '../../core/detect';
export { parseYamlSource } from '../../core/yaml/source';
export { checkDispatchValue, dispatchInputValues, readDispatchTrigger } from '../../core/workflowDispatch';
