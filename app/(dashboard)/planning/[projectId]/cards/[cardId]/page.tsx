import { notFound } from 'next/navigation';

import { BackLink } from '@/components/ui/back-link';
import { KnowledgeSection } from '@/components/planning/card-knowledge';
import { KNOWLEDGE_SECTIONS } from '@/components/planning/knowledge-sections';
import { ArtifactsSection, PlannedFilesSection } from '@/components/planning/card-files';
import { CardSummary } from '@/components/planning/card-summary';
import { StartRunButton } from '@/components/planning/runs/start-run-button';
import { requireMember } from '@/lib/auth/current-member';
import { pathParam } from '@/lib/links/path-param';
import { can } from '@/lib/organisations/permissions';
import { readCard } from '@/lib/planning/pages';

import { startPlanningRun } from '../../runs/actions';

export const metadata = { title: 'Card' };

/** A card of the story map: status and priority, what it knows, the files it plans, the context it links; finalize it. */
export default async function CardPage({ params }: { params: Promise<{ projectId: string; cardId: string }> }) {
  const member = await requireMember();
  const { projectId, cardId } = await params;
  const card = await readCard(member, pathParam(projectId), pathParam(cardId));
  if (!card) notFound();
  const canEdit = can(member.role, 'plan:edit');
  return (
    <div className="space-y-4" data-testid="card-page">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <BackLink href={`/planning/${card.projectId}`}>Story map</BackLink>
        {/* A finalized card is built from here; the database still decides (an approved planned file, one build at a time). */}
        {canEdit && card.finalizedAt && (
          <StartRunButton
            projectId={card.projectId}
            cardId={card.id}
            targets={{ workflows: [], cards: [{ id: card.id, title: card.title, finalized: true }] }}
            start={startPlanningRun}
            label="Build this card"
          />
        )}
      </div>
      <CardSummary card={card} canEdit={canEdit} />
      <div className="grid gap-4 lg:grid-cols-2">
        {KNOWLEDGE_SECTIONS.map((section) => (
          <KnowledgeSection
            key={section.kind}
            {...section}
            projectId={card.projectId}
            cardId={card.id}
            items={card.knowledge[section.kind]}
            canEdit={canEdit}
          />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <PlannedFilesSection projectId={card.projectId} cardId={card.id} files={card.plannedFiles} canEdit={canEdit} />
        <ArtifactsSection projectId={card.projectId} cardId={card.id} artifacts={card.artifacts} canEdit={canEdit} />
      </div>
    </div>
  );
}
