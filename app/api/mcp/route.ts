import { handleMcpRequest } from '@/lib/agent-api/mcp';
import { agentOperations } from '@/lib/agent-api/operations';
import { markProcedure } from '@/lib/procedure/procedure';

export const dynamic = 'force-dynamic';

/**
 * The MCP server (Streamable HTTP, stateless): the agent API's operations as tools, for the same
 * bearer tokens. Every tool call runs its operation through the procedure wrapper, as the REST
 * route does; the handler is marked so that the procedures test holds it to the same refusals.
 * Stateless, it has no server-initiated stream (GET) and no session to end (DELETE): Next.js
 * answers those 405.
 */
export const POST = markProcedure((request: Request) => handleMcpRequest(request, agentOperations), {
  name: 'mcp',
  access: { permission: 'portfolio:read', callers: ['token'] },
});
