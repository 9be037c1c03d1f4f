// The operations part of `pipewright apply --help`, written from the operation contract
// (OPERATION_SHAPES, PROPERTY_VALUE_SHAPES in core/edit/operations.ts), so the help lists every
// operation the validator accepts, with the fields it checks.
import { OPERATION_SHAPES, PROPERTY_VALUE_SHAPES, STAGE_PROPERTIES, type OperationName } from '../core/edit/operations';

/** `{"op":"addStage","template":NAME,"id":NEW,"after"?:ID,"before"?:ID}` */
export function operationJson(op: OperationName): string {
  const fields = Object.entries(OPERATION_SHAPES[op].fields).map(([key, placeholder]) =>
    key.endsWith('?') ? `"${key.slice(0, -1)}"?:${placeholder}` : `"${key}":${placeholder}`,
  );
  return `{${[`"op":"${op}"`, ...fields].join(',')}}`;
}

export function operationsHelp(): string[] {
  const width = Math.max(...STAGE_PROPERTIES.map((p) => p.length)) + 2;
  return [
    'operations (ids as `pipewright graph --json` prints them; a field marked ? is optional):',
    ...(Object.keys(OPERATION_SHAPES) as OperationName[]).flatMap((op) => [`  ${operationJson(op)}`, `      ${OPERATION_SHAPES[op].does}`]),
    '',
    'setProperty: each PROPERTY and the VALUE it takes (null clears it):',
    ...STAGE_PROPERTIES.flatMap((property) =>
      PROPERTY_VALUE_SHAPES[property].map((shape, i) => `  ${(i === 0 ? property : '').padEnd(width)}${shape}`),
    ),
  ];
}
