import 'server-only';

import { getAuth } from './auth';
import { requestHeaders } from '../procedure/request';

/**
 * Signs in on the server, as the sign-in form does through the auth library's route: used right
 * after the first admin is created. In a server action the session cookie is set on the answer.
 */
export async function signInWithPassword(email: string, password: string): Promise<void> {
  const auth = await getAuth();
  await auth.api.signInEmail({ body: { email, password }, headers: await requestHeaders() });
}
