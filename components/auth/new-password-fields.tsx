import { TextField } from '@/components/ui/field';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';

/**
 * A new password typed twice, with the password rules beside it: the first admin, an invitee's
 * account, a reset link and changing one's password all ask for it so. The form drops the repeat
 * before it sends (withoutRepeat, ./repeat-password.ts).
 */
export function NewPasswordFields({
  name = 'password',
  label = 'Password',
  errors,
  autoFocus,
}: {
  name?: string;
  label?: string;
  errors: Record<string, string | undefined>;
  autoFocus?: boolean;
}) {
  return (
    <>
      <TextField
        label={label}
        name={name}
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        error={errors[name]}
        hint={PASSWORD_HINT}
        autoFocus={autoFocus}
      />
      <TextField label={`Repeat the ${label.toLowerCase()}`} name="repeatPassword" type="password" autoComplete="new-password" error={errors.repeatPassword} />
    </>
  );
}
