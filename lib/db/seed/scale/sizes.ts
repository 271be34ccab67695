import { standardDefinitions } from './words';

/**
 * How much data a scale run writes. Scale "L" (PRODUCT.md, "Performance and scale") is about
 * 100,000 work items, 300,000 dependency edges, and a million compliance results, heartbeats
 * and audit rows; `factor` shrinks or grows every volume in proportion (tests use 0.002–0.01).
 * The scaffold that the volumes hang from (programs, products, releases, builders, …) shrinks
 * too, but never below what keeps every page and view meaningful.
 */
export interface ScaleSizes {
  factor: number;
  programs: number;
  products: number;
  features: number;
  releases: number;
  standards: number;
  builders: number;
  /** The work items: roadmap items, change requests, Foreman tasks and planning cards. */
  roadmapItems: number;
  changeRequests: number;
  tasks: number;
  tasksPerWave: number;
  waves: number;
  cards: number;
  workflows: number;
  activitiesPerWorkflow: number;
  /** Roadmap dependency edges, each from a higher to a lower item number. */
  edges: number;
  complianceResults: number;
  heartbeats: number;
  /** Every audit row of the run: the edges' own audit rows (trigger) plus the ones written directly. */
  auditRows: number;
}

/** Scale L at factor 1. */
const L = {
  programs: 10,
  products: 40,
  features: 400,
  releases: 2_000,
  builders: 50,
  roadmapItems: 80_000,
  changeRequests: 6_000,
  tasks: 4_000,
  cards: 10_000,
  edges: 300_000,
  complianceResults: 1_000_000,
  heartbeats: 1_000_000,
  auditRows: 1_000_000,
} as const;

const at = (base: number, factor: number, minimum: number) => Math.max(minimum, Math.round(base * factor));

export function scaleSizes(factor = 1): ScaleSizes {
  if (!(factor > 0 && factor <= 10)) throw new RangeError(`The scale factor must be in (0, 10], not ${factor}`);
  const programs = at(L.programs, factor, 2);
  const products = at(L.products, factor, 2 * programs);
  const roadmapItems = at(L.roadmapItems, factor, 100);
  const tasks = at(L.tasks, factor, 8);
  const tasksPerWave = Math.min(20, Math.max(2, Math.round(tasks / (programs * 4))));
  const cards = at(L.cards, factor, 20);
  const workflows = Math.min(10, Math.max(1, Math.round(cards / 1_000)));
  // At most four edges per item keeps every edge distinct (see roadmap-edges.ts).
  const edges = Math.min(at(L.edges, factor, 300), 4 * (roadmapItems - 5));
  return {
    factor,
    programs,
    products,
    features: at(L.features, factor, 2 * products),
    releases: at(L.releases, factor, 2 * products),
    standards: standardDefinitions.length,
    builders: at(L.builders, factor, 3),
    roadmapItems,
    changeRequests: at(L.changeRequests, factor, Math.max(10, products)),
    tasks,
    tasksPerWave,
    waves: Math.ceil(tasks / tasksPerWave),
    cards,
    workflows,
    activitiesPerWorkflow: Math.min(10, Math.max(2, Math.round(cards / workflows / 100))),
    edges,
    complianceResults: at(L.complianceResults, factor, 1_000),
    heartbeats: at(L.heartbeats, factor, 1_000),
    auditRows: Math.max(at(L.auditRows, factor, 1_000), edges),
  };
}
