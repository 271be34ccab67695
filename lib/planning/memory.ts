import 'server-only';

import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import { cards, memoryRetrievalLog, memoryUnitRelations, memoryUnits, workflowActivities, workflows } from '../db/schema';
import { findProject } from './runs';

/*
 * A project's memory (seed 004's memory plane): the units related to the project, its workflows,
 * activities or cards, each with its relations, and the retrievals scoped to any of them.
 * memory_unit_relation.entity_id is polymorphic text, so the entities are gathered first.
 */
export async function getProjectMemory(member: OrganisationCaller, { projectId }: { projectId: string }) {
  return withOrganisation(member.organisationId, async (tx) => {
    const project = await findProject(tx, projectId);
    if (!project) return null;
    const names = new Map<string, { type: string; name: string }>([[`project:${project.id}`, { type: 'project', name: project.name }]]);
    const flowRows = await tx.select({ id: workflows.id, title: workflows.title }).from(workflows).where(eq(workflows.projectId, projectId));
    const activityRows = await tx
      .select({ id: workflowActivities.id, title: workflowActivities.title })
      .from(workflowActivities)
      .where(eq(workflowActivities.projectId, projectId));
    const cardRows = await tx.select({ id: cards.id, title: cards.title }).from(cards).where(eq(cards.projectId, projectId));
    for (const w of flowRows) names.set(`workflow:${w.id}`, { type: 'workflow', name: w.title });
    for (const a of activityRows) names.set(`activity:${a.id}`, { type: 'activity', name: a.title });
    for (const c of cardRows) names.set(`card:${c.id}`, { type: 'card', name: c.title });
    const scopes = [...names.keys()].map((k) => k.split(':') as [string, string]);
    const inScope = (typeColumn: typeof memoryUnitRelations.entityType, idColumn: typeof memoryUnitRelations.entityId) =>
      or(
        ...['project', 'workflow', 'activity', 'card'].map((type) =>
          and(
            eq(typeColumn, type),
            inArray(
              idColumn,
              scopes
                .filter(([t]) => t === type)
                .map(([, id]) => id)
                .concat(['-']),
            ),
          ),
        ),
      );

    const relations = await tx
      .select()
      .from(memoryUnitRelations)
      .where(and(isNull(memoryUnitRelations.deletedAt), inScope(memoryUnitRelations.entityType, memoryUnitRelations.entityId)));
    const unitIds = [...new Set(relations.map((r) => r.memoryUnitId))];
    const units = unitIds.length
      ? await tx
          .select()
          .from(memoryUnits)
          .where(and(inArray(memoryUnits.id, unitIds), isNull(memoryUnits.deletedAt)))
          .orderBy(desc(memoryUnits.updatedAt))
      : [];
    const retrievals = await tx
      .select()
      .from(memoryRetrievalLog)
      .where(
        inScope(
          memoryRetrievalLog.scopeEntityType as unknown as typeof memoryUnitRelations.entityType,
          memoryRetrievalLog.scopeEntityId as unknown as typeof memoryUnitRelations.entityId,
        ),
      )
      .orderBy(desc(memoryRetrievalLog.createdAt))
      .limit(100);
    const label = (type: string, id: string) => names.get(`${type}:${id}`) ?? { type, name: id };
    const titleOf = new Map(units.map((u) => [u.id, u.title ?? u.contentText?.slice(0, 60) ?? u.linkUrl ?? u.id]));
    return {
      project,
      units: units.map((u) => ({
        ...u,
        relations: relations.filter((r) => r.memoryUnitId === u.id).map((r) => ({ ...label(r.entityType, r.entityId), role: r.relationRole })),
      })),
      retrievals: retrievals.map((r) => ({
        ...r,
        scope: label(r.scopeEntityType, r.scopeEntityId),
        results: r.resultMemoryIds.map((id) => titleOf.get(id) ?? id),
      })),
    };
  });
}

export type ProjectMemory = NonNullable<Awaited<ReturnType<typeof getProjectMemory>>>;
