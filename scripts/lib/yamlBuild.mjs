// Which build of `yaml` every bundle takes (scripts/build.mjs) and the compose bench measures
// as shipped (bench/composeBench.ts): its ES module build, not its CommonJS one. A bundled
// CommonJS module is reached through getters, one call per `isScalar`, `isMap`… — composing a
// pipeline took about a third longer (measured on azure-stl: 7.8 ms against 5.9 ms; parse-to-graph
// of the sample 0.72 against 0.52 ms); and the CommonJS build reads `process.env` once per token.
export const YAML_ALIAS = { yaml: './node_modules/yaml/browser/index.js' };
