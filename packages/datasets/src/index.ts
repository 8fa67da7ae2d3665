export type { BaseOptions, Box, Dataset, DatasetKind, DatasetMeta } from './dataset.js';
export { checkDataset, classIndices, inputNames, outputNames } from './dataset.js';
export {
  compileExpression,
  compileExpression3,
  EXPRESSION_CONSTANTS,
  EXPRESSION_FUNCTIONS,
  type Expression,
  MAX_EXPRESSION_LENGTH,
  type ParseExpressionOptions,
  parseExpression,
} from './expression.js';
export { grid } from './grid.js';
export {
  DEFAULT_SURFACE_BOX,
  PARABOLOID_EXPRESSION,
  paraboloid,
  paraboloidFunction,
  paraboloidRegression,
  type SurfaceClassificationOptions,
  type SurfaceFunction,
  type SurfaceRegressionOptions,
  surface,
  surfaceClassification,
  surfaceFunction,
} from './surface.js';
export {
  type BlobsOptions,
  blobs,
  type CheckerboardOptions,
  type CircleOptions,
  type ClassicOptions,
  checkerboard,
  circle,
  type GaussiansOptions,
  gaussians,
  moons,
  type SpiralsOptions,
  spirals,
  type XorOptions,
  xor,
} from './classic.js';
export { type Bump, type BumpsOptions, bumps, DEFAULT_BUMPS, type PlaneOptions, plane } from './regression.js';
export { type DatasetInfo, listDatasets, type MakeDatasetOptions, makeDataset } from './makeDataset.js';
export { type SplitOptions, takeRows, trainTestSplit } from './split.js';
export { applyStandardizer, fitStandardizer, invertStandardizer, type Standardizer, standardize } from './standardize.js';
export { oneHot, oneHotDataset } from './oneHot.js';
export {
  CsvDatasetBuilder,
  CsvFormatError,
  csvChunks,
  csvHeader,
  formatNumber,
  type ParseCsvOptions,
  parseCsv,
  type WriteCsvOptions,
  writeCsv,
} from './csv.js';
export { type DatasetJson, datasetToJson, parseDatasetJson, parseDatasetText, serializeDataset } from './json.js';
