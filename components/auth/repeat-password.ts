/**
 * A new password typed twice: the form's fields without the repeat, or null when the two differ
 * (after `refuse` has said so beside the repeat field).
 */
export function withoutRepeat(data: FormData, refuse: (error: string, fieldErrors: Record<string, string>) => void, field = 'password'): FormData | null {
  if (data.get(field) !== data.get('repeatPassword')) {
    const which = field === 'newPassword' ? 'new ' : '';
    refuse(`Type the same ${which}password twice.`, { repeatPassword: `The two ${which}passwords differ` });
    return null;
  }
  data.delete('repeatPassword');
  return data;
}
