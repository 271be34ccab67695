import { buildOpenApiDocument } from '@/lib/agent-api/openapi';
import { agentOperations } from '@/lib/agent-api/operations';

/**
 * The agent API's OpenAPI 3.1 document, made from the operations the routes run. Public by
 * design, like any published API reference: it describes the API and reveals no data; an agent
 * reads it before it has a token.
 */
const document = buildOpenApiDocument(agentOperations);

export function GET() {
  return Response.json(document, { headers: { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' } });
}
