import { failAttemptOperation } from '@/lib/agent-api/operations/attempts';
import { defineV1Route } from '@/lib/agent-api/route';

export const dynamic = 'force-dynamic';

export const POST = defineV1Route(failAttemptOperation);
