import { ShieldCheck } from 'lucide-react';

import { Card, CardHeading } from '@/components/ui/card';
import { PERMISSIONS, ROLE_LABELS, ROLES, type Permission, type Role } from '@/lib/organisations/permissions';
import { cn } from '@/lib/utils';

/** What each role may do: the permissions table of lib/organisations/permissions.ts, the member's role marked. */
export function RolesCard({ role }: { role: Role }) {
  const entries = Object.entries(PERMISSIONS) as [Permission, (typeof PERMISSIONS)[Permission]][];
  return (
    <Card aria-labelledby="roles-heading">
      <CardHeading
        icon={ShieldCheck}
        id="roles-heading"
        title="What each role may do"
        description={
          <>
            You are {role === 'owner' ? 'an' : 'a'} {ROLE_LABELS[role].toLowerCase()} here; your column is marked.
          </>
        }
      />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-border text-left text-xs text-muted-foreground">
              <th scope="col" className="px-5 py-2 font-medium">
                Permission
              </th>
              {ROLES.map((r) => (
                <th key={r} scope="col" className={cn('px-2 py-2 text-center font-medium', r === role && 'text-foreground')}>
                  {ROLE_LABELS[r]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {entries.map(([name, { does, roles }]) => (
              <tr key={name}>
                <th scope="row" className="px-5 py-2 text-left font-normal">
                  {does.charAt(0).toUpperCase() + does.slice(1)}
                </th>
                {ROLES.map((r) => {
                  const allowed = (roles as readonly Role[]).includes(r);
                  return (
                    <td key={r} className={cn('px-2 py-2 text-center', r === role && 'bg-accent/60')}>
                      {allowed ? (
                        <span aria-label="yes">✓</span>
                      ) : (
                        <span aria-label="no" className="text-muted-foreground/50">
                          –
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
