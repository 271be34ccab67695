import { reportExecutionOperation } from '@/lib/agent-api/operations/planning';
import { defineV1Route } from '@/lib/agent-api/route';

export const dynamic = 'force-dynamic';

export const POST = defineV1Route(reportExecutionOperation);
