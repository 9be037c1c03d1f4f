export declare const YAML_ALIAS: { yaml: string };
