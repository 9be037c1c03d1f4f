// Loads the schema check (src/schemaCheck, with Ajv) the first time a pipeline's schema is
// checked, after a pause in typing: scripts/build.mjs bundles it on its own as
// dist/schema-check.js beside dist/schemas/, so neither loads at activation.
import type { SchemaValidators } from '../../core/rules/rule';
import type * as SchemaCheckModule from '../../schemaCheck/validators';

let loading: Promise<SchemaValidators | undefined> | undefined;

/** The validators, or undefined when the schemas are not beside the bundle (then the rule stays off). */
export function loadSchemaValidators(): Promise<SchemaValidators | undefined> {
  loading ??= Promise.resolve().then(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const check = require('./schema-check.js') as typeof SchemaCheckModule;
    const folder = check.schemaFolder(__dirname);
    return folder ? check.schemaValidators(folder) : undefined;
  });
  return loading;
}
