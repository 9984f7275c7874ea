import { Button, Table } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SuccessAlert } from '../../components/SuccessAlert';
import { useCatalogText } from '../roles/use-catalog-text';
import { catalogQueryKey, fetchCatalog, type CatalogChanges, type CatalogDocument, type RolePolicy } from './admin-console-api';
import { AdminConsolePage } from './AdminConsolePage';
import { CatalogDocumentForm } from './CatalogDocumentForm';
import { useApplicationTitle, usePolicyWords } from './catalog-words';
import { RolePolicyForm } from './RolePolicyForm';
import { useApplications } from './use-applications';

type Application = CatalogDocument['applications'][number];

interface Editing {
  applicationCode: string;
  roleCode: string;
}

const editButtonId = (applicationCode: string, roleCode: string) => `role-${applicationCode}-${roleCode}-edit`;

/** "Applications and role policies": the catalog as it is, a role's policy changed, or a catalog document applied. */
export function CatalogPage() {
  const { t } = useTranslation();
  const catalog = useQuery({ queryKey: catalogQueryKey, queryFn: ({ signal }) => fetchCatalog(signal) });
  return (
    <AdminConsolePage
      title={t('adminConsole.pages.catalog.title')}
      intro={t('adminConsole.pages.catalog.description')}
      query={catalog}
      loadingLabel={t('adminConsole.catalog.loading')}
    >
      {(document) => <CatalogManager catalog={document} />}
    </AdminConsolePage>
  );
}

function CatalogManager({ catalog }: { catalog: CatalogDocument }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Editing | undefined>();
  // What was just done, worded at each render: a change of language words it again.
  const [done, setDone] = useState<(() => string) | undefined>();
  // A fresh, empty document form after each document applied.
  const [documentKey, setDocumentKey] = useState(0);
  const applications = useApplications();
  const catalogText = useCatalogText();

  const roleIdOf = (applicationCode: string, roleCode: string) =>
    applications.data?.items
      .find((application) => application.code === applicationCode)
      ?.roles.find((role) => role.code === roleCode)?.id;
  const roleNameOf = (role: RolePolicy) => catalogText.name({ id: '', name: role.name, nameEs: role.nameEs });

  const onDocumentApplied = (changes: CatalogChanges) => {
    setEditing(undefined);
    setDone(
      () => () =>
        t('adminConsole.catalog.document.applied', {
          created: changes.created.length,
          updated: changes.updated.length,
          retired: changes.retired.length,
        }),
    );
    setDocumentKey((key) => key + 1);
  };

  return (
    <>
      {done ? <SuccessAlert message={done()} /> : null}
      <section className="rc-section" aria-labelledby="catalog-applications-heading">
        <h2 id="catalog-applications-heading">{t('adminConsole.catalog.applicationsHeading')}</h2>
        {catalog.applications.map((application) => {
          const editedRole =
            editing?.applicationCode === application.code
              ? application.roles.find((role) => role.code === editing.roleCode)
              : undefined;
          return (
            <ApplicationRoles
              key={application.code}
              application={application}
              onEdit={(role) => {
                setDone(undefined);
                setEditing({ applicationCode: application.code, roleCode: role.code });
              }}
            >
              {editedRole ? (
                <RolePolicyForm
                  key={`${application.code}-${editedRole.code}`}
                  catalog={catalog}
                  applicationCode={application.code}
                  role={editedRole}
                  roleId={roleIdOf(application.code, editedRole.code)}
                  roleName={roleNameOf(editedRole)}
                  onApplied={() => {
                    setEditing(undefined);
                    setDone(() => () => t('adminConsole.catalog.roleForm.applied', { role: roleNameOf(editedRole) }));
                  }}
                  onCancel={() => {
                    setEditing(undefined);
                    document.getElementById(editButtonId(application.code, editedRole.code))?.focus();
                  }}
                />
              ) : null}
            </ApplicationRoles>
          );
        })}
      </section>
      <section className="rc-section rc-admin__form" aria-labelledby="catalog-document-heading">
        <h2 id="catalog-document-heading">{t('adminConsole.catalog.document.heading')}</h2>
        <p>{t('adminConsole.catalog.document.intro')}</p>
        <CatalogDocumentForm
          key={documentKey}
          current={catalog}
          onPreview={() => setDone(undefined)}
          onApplied={onDocumentApplied}
        />
      </section>
    </>
  );
}

interface ApplicationRolesProps {
  application: Application;
  onEdit: (role: RolePolicy) => void;
  children: ReactNode;
}

/** One application: what it is, and its roles with their policies, each with its change button. */
function ApplicationRoles({ application, onEdit, children }: ApplicationRolesProps) {
  const { t, i18n } = useTranslation();
  const words = usePolicyWords();
  const applicationTitle = useApplicationTitle();
  const spanish = i18n.resolvedLanguage === 'es';
  const name = (spanish && application.nameEs) || application.name;
  const description = (spanish && application.descriptionEs) || application.description;
  const roleName = (role: RolePolicy) => (spanish && role.nameEs) || role.name;
  const headingId = `catalog-${application.code}-heading`;
  return (
    <div className="rc-catalog-application" aria-labelledby={headingId} role="group">
      <h3 id={headingId}>{applicationTitle(name, application.code)}</h3>
      {description ? <p>{description}</p> : null}
      <p>
        {application.helpDeskEmail
          ? t('adminConsole.catalog.helpDeskEmail', { email: application.helpDeskEmail })
          : t('adminConsole.catalog.noHelpDeskEmail')}
      </p>
      <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('adminConsole.catalog.rolesCaption', { name })}>
        <thead>
          <tr>
            <th scope="col">{t('adminConsole.catalog.columns.role')}</th>
            <th scope="col">{t('adminConsole.catalog.columns.kind')}</th>
            <th scope="col">{t('adminConsole.catalog.columns.approvedBy')}</th>
            <th scope="col">{t('adminConsole.catalog.columns.certifiedBy')}</th>
            <th scope="col">{t('adminConsole.catalog.columns.limits')}</th>
            <th scope="col">{t('adminConsole.catalog.columns.requestable')}</th>
            <th scope="col">{t('adminConsole.catalog.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {application.roles.map((role) => {
            const included = application.roles.find((candidate) => candidate.code === role.includes);
            return (
              <tr key={role.code} data-testid={`role-${role.code}`}>
                <th scope="row" data-label={t('adminConsole.catalog.columns.role')}>
                  {roleName(role)}
                  <code className="rc-catalog__code">{role.code}</code>
                </th>
                <td data-label={t('adminConsole.catalog.columns.kind')}>
                  {words.kind(role.kind)}, {words.scope(role.scope)}
                </td>
                <td data-label={t('adminConsole.catalog.columns.approvedBy')}>{words.approvedBy(role.approvedBy)}</td>
                <td data-label={t('adminConsole.catalog.columns.certifiedBy')}>{words.certifiedBy(role.certifiedBy)}</td>
                <td data-label={t('adminConsole.catalog.columns.limits')}>
                  <ul className="usa-list usa-list--unstyled rc-catalog__limits">
                    {role.scope === 'organization' ? (
                      <li>
                        {role.maxActivePerOrg === null
                          ? t('adminConsole.catalog.noLimit')
                          : t('adminConsole.catalog.limitPerOrganization', { count: role.maxActivePerOrg })}
                      </li>
                    ) : null}
                    <li>{t('adminConsole.catalog.expiresAfter', { count: role.requestExpiryDays })}</li>
                    <li>{t('adminConsole.catalog.certifiedEvery', { count: role.certificationPeriodDays })}</li>
                    {included ? <li>{t('adminConsole.catalog.includes', { role: roleName(included) })}</li> : null}
                  </ul>
                </td>
                <td data-label={t('adminConsole.catalog.columns.requestable')}>
                  {role.requestable ? t('adminConsole.yes') : t('adminConsole.no')}
                </td>
                <td data-label={t('adminConsole.catalog.columns.actions')}>
                  <Button
                    type="button"
                    unstyled
                    id={editButtonId(application.code, role.code)}
                    aria-label={t('adminConsole.catalog.editOf', { role: roleName(role) })}
                    onClick={() => onEdit(role)}
                  >
                    {t('adminConsole.catalog.edit')}
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {children}
    </div>
  );
}
