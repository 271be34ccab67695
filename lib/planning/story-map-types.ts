/** The story map's shape, shared by the server (story-map.ts) and the client (components/planning). */
export interface StoryMapCard {
  id: string;
  title: string;
  status: string;
  priority: number;
  finalized: boolean;
  requirements: number;
  approvedFiles: number;
}

export interface StoryMapActivity {
  id: string;
  title: string;
  color: string | null;
  cards: StoryMapCard[];
}

export interface StoryMapWorkflow {
  id: string;
  title: string;
  description: string | null;
  activities: StoryMapActivity[];
}

export interface StoryMap {
  projectId: string;
  workflows: StoryMapWorkflow[];
}

export interface KnowledgeItemView {
  id: string;
  text: string;
  status: string;
  source: string;
}

export interface PlannedFileView {
  id: string;
  logicalFileName: string;
  artifactKind: string;
  action: string;
  intentSummary: string;
  status: string;
}

export interface ArtifactView {
  id: string;
  name: string;
  type: string;
  title: string | null;
  /** What it holds, shortly: its URI, the start of its content, or its integration. */
  source: string;
  linked: boolean;
}

export interface CardDetail {
  id: string;
  projectId: string;
  title: string;
  description: string | null;
  status: string;
  priority: number;
  finalizedAt: string | null;
  activity: string;
  workflow: string;
  knowledge: { requirement: KnowledgeItemView[]; fact: KnowledgeItemView[]; assumption: KnowledgeItemView[]; question: KnowledgeItemView[] };
  plannedFiles: PlannedFileView[];
  /** The project's live artifacts, those linked to this card first. */
  artifacts: ArtifactView[];
}

export interface ActionLogEntry {
  id: string;
  type: string;
  status: 'accepted' | 'rejected';
  reason: string | null;
  target: Record<string, unknown>;
  payload: Record<string, unknown>;
  actor: string;
  idempotencyKey: string | null;
  batchPosition: number;
  createdAt: string;
}
