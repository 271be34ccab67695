import type { BlockerRow } from '../blockers/desk';
import type { BuilderSummary } from '../foreman/fleet';
import type { Verdict } from '../releases/verdict';
import type { WaveSummary } from '../roadmap/waves';
import type { ProgramSummary } from './overview';
import type { Term } from './terminology';

/** What the pages of a program, a product, a feature and a bug show (lib/portfolio/pages.ts). */

export interface Ref {
  id: string;
  name: string;
}

export interface ReleaseLine {
  id: string;
  name: string;
  product: Ref;
  type: Term;
  status: Term;
  targetDate: string | null;
  /** From v_release_verdict, as the releases list and review show it. */
  verdict: Verdict;
}

export interface CrLine {
  id: string;
  title: string;
  status: Term;
  size: string;
  owner: string | null;
  product: Ref | null;
  feature: Ref | null;
  targetVersion: string | null;
}

/** A row of v_bugs_by_version, with the ids its names stand for. */
export interface BugLine {
  id: string;
  title: string;
  feature: Ref;
  featureVersion: string;
  severity: Term;
  status: Term;
  fixCrId: string | null;
  fixedInVersion: string | null;
}

export interface FeatureLine extends Ref {
  status: Term;
  product: Ref;
  version: string | null;
}

export interface ProductLine extends Ref {
  version: string;
  status: Term;
  features: number;
  openBugs: number;
  openCrs: number;
}

export interface PhaseProgress {
  phase: Term;
  total: number;
  completed: number;
  inProgress: number;
  blocked: number;
  percent: number;
}

/** A wave as the roadmap's waves page shows it, without what it depends on. */
export type WaveLine = Omit<WaveSummary, 'dependsOn'>;

export interface ProgramPage {
  /** When it was read (ms since the epoch): ages are counted from here. */
  asOf: number;
  /** As the overview shows it (without its products: they are listed below), with its objectives. */
  program: Omit<ProgramSummary, 'products'> & { objectives: string[] };
  products: ProductLine[];
  /** Every status of the feature_status domain in order, with the program's features in it (empty ones too). */
  featuresByStatus: { status: Term; features: FeatureLine[] }[];
  releases: ReleaseLine[];
  phases: PhaseProgress[];
  waves: WaveLine[];
  openCrs: CrLine[];
  bugs: BugLine[];
  blockers: BlockerRow[];
  builders: BuilderSummary[];
}

export interface ProductPage {
  product: ProductLine & { description: string | null; repositoryUrl: string | null; program: Ref };
  features: FeatureLine[];
  releases: ReleaseLine[];
  openCrs: CrLine[];
  bugs: BugLine[];
}

export interface RoadmapLine {
  id: string;
  title: string;
  phase: Term;
  status: Term;
}

export interface FeaturePage {
  feature: FeatureLine & { description: string | null; introducedIn: string | null; deprecatedIn: string | null; program: Ref };
  bugs: BugLine[];
  /** Every live change request of the feature, open ones first. */
  crs: CrLine[];
  roadmapItems: RoadmapLine[];
}

export interface BugPage {
  bug: BugLine & {
    description: string | null;
    product: Ref;
    program: Ref;
    reportedBy: string | null;
    assignedTo: string | null;
    fixCr: { id: string; title: string; status: Term } | null;
    createdAt: Date;
    resolvedAt: Date | null;
  };
}
