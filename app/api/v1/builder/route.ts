import { getBuilderOperation } from '@/lib/agent-api/operations/builder';
import { defineV1Route } from '@/lib/agent-api/route';

export const dynamic = 'force-dynamic';

export const GET = defineV1Route(getBuilderOperation);
