import { listPlanningAssignmentsOperation } from '@/lib/agent-api/operations/planning';
import { defineV1Route } from '@/lib/agent-api/route';

export const dynamic = 'force-dynamic';

export const GET = defineV1Route(listPlanningAssignmentsOperation);
