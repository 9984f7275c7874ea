import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HeldRolesTable } from './HeldRolesTable';
import { PendingRequestsTable } from './PendingRequestsTable';
import { RemovedRolesTable } from './RemovedRolesTable';
import { RemoveRoleForm } from './RemoveRoleForm';
import type { Application, Assignment, RoleRequest } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  application: Application;
  /** This application's roles, held and removed. */
  assignments: Assignment[];
  /** This application's requests waiting for a decision. */
  requests: RoleRequest[];
  /** Something changed: the message to announce, and the lists to read again. */
  onChanged: (message: string) => void;
}

/** One application's part of Manage My Roles: roles held, requests pending, roles removed. */
export function ApplicationRoles({ application, assignments, requests, onChanged }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const [removing, setRemoving] = useState<Assignment | undefined>();
  const held = assignments.filter((assignment) => assignment.status === 'active');
  const removed = assignments.filter((assignment) => assignment.status === 'removed');
  const headingId = `roles-${application.code}-heading`;
  return (
    <section aria-labelledby={headingId} className="rc-section rc-roles__application">
      <h2 id={headingId}>{application.name}</h2>
      <h3>{t('roles.heldHeading')}</h3>
      {held.length === 0 ? (
        <p>{t('roles.noneHeld', { application: application.name })}</p>
      ) : (
        <HeldRolesTable application={application} assignments={held} onRemove={setRemoving} />
      )}
      {removing ? (
        <RemoveRoleForm
          key={removing.id}
          assignment={removing}
          onCancel={() => setRemoving(undefined)}
          onRemoved={() => {
            setRemoving(undefined);
            onChanged(t('roles.remove.done', { role: catalogText.name(removing.role) }));
          }}
        />
      ) : null}
      {requests.length > 0 ? (
        <>
          <h3>{t('roles.pendingHeading')}</h3>
          <PendingRequestsTable application={application} requests={requests} onChanged={onChanged} />
        </>
      ) : null}
      {removed.length > 0 ? (
        <>
          <h3>{t('roles.removedHeading')}</h3>
          <RemovedRolesTable application={application} removed={removed} held={held} requests={requests} />
        </>
      ) : null}
    </section>
  );
}
