export * from './types.js';
export { num, esc, type FigureOptions } from './svg.js';
export { formatAffine } from './format.js';
export { greedyColoring, patternHash, patternColor, NEIGHBOR_PALETTE, CLASS_PALETTE } from './coloring.js';
export {
  regionMap,
  regionFills,
  regionInterior,
  regionValue,
  regionSlope,
  type RegionMapData,
  type RegionMapOptions,
  type RegionColoring,
} from './regionMap.js';
export { surface3d, surfaceDrawOrder, surfaceProjector, type SurfaceData, type SurfaceOptions } from './surface3d.js';
export { heatmap, type HeatmapData, type HeatmapOptions } from './heatmap.js';
export {
  linePlot,
  lineChart,
  regionsVsTheory,
  type ChartOptions,
  type LinePlotData,
  type LineChartData,
  type RegionsVsTheoryData,
} from './charts.js';
export { networkDiagram, type NetworkDiagramData, type NetworkDiagramOptions, type DiagramLayer } from './networkDiagram.js';
