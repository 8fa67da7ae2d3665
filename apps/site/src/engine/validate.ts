import { compileExpression, parseCsv } from '@tessera/datasets';
import { parseMlpText } from '@tessera/nn-core';

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Compiles an f(x, y) expression with the datasets package's safe parser and evaluates it once; returns the error text or ''. */
export function checkExpression(src: string): string {
  try {
    compileExpression(src)(0.5, -0.25);
    return '';
  } catch (err) {
    return message(err);
  }
}

/** Validates a tessera.mlp text (and its input width when given); returns the error text or ''. */
export function checkModelText(text: string, inputDim?: number): string {
  try {
    const mlp = parseMlpText(text);
    if (inputDim !== undefined && mlp.inputDim !== inputDim)
      return `the model takes ${mlp.inputDim} inputs, the current data has ${inputDim}`;
    return '';
  } catch (err) {
    return message(err);
  }
}

/** Parses a CSV with the datasets package's parser; returns the error text or ''. */
export function checkCsv(text: string): string {
  try {
    parseCsv(text);
    return '';
  } catch (err) {
    return message(err);
  }
}
