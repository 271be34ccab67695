import { listReadyWorkOperation } from '@/lib/agent-api/operations/work';
import { defineV1Route } from '@/lib/agent-api/route';

export const dynamic = 'force-dynamic';

export const GET = defineV1Route(listReadyWorkOperation);
