import { ApiReference } from '@scalar/nextjs-api-reference';

/**
 * The interactive reference of the agent API (Scalar), reading /api/v1/openapi.json. Public, as
 * that document is; trying a request needs a token, as every call does.
 */
export const GET = ApiReference({
  url: '/api/v1/openapi.json',
  pageTitle: 'Gantry agent API',
  metaData: { title: 'Gantry agent API' },
  hideClientButton: false,
  authentication: { preferredSecurityScheme: 'bearer' },
});
