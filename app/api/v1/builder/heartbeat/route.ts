import { builderHeartbeatOperation } from '@/lib/agent-api/operations/presence';
import { defineV1Route } from '@/lib/agent-api/route';

export const dynamic = 'force-dynamic';

export const POST = defineV1Route(builderHeartbeatOperation);
