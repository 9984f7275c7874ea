import { Button } from '@trussworks/react-uswds';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import { personName } from '../certifications/people';
import { NotFoundPage } from '../errors/NotFoundPage';
import {
  fetchMyOrganizations,
  fetchOrganization,
  myOrganizationsKey,
  organizationKey,
  type OrganizationRecords,
} from '../organizations/organizations-api';
import { RecordsSummary } from '../organizations/Summary';
import { RemoveRoleForm } from '../roles/RemoveRoleForm';
import { useCatalogText } from '../roles/use-catalog-text';
import { EndUsersTable } from './EndUsersTable';
import { endUsersKey, fetchEndUsers, type EndUserRole } from './my-organization-api';
import { OrganizationRequests } from './OrganizationRequests';
import '../roles/roles.css';
import './my-organization.css';

/**
 * One organization the person approves for: its end users and their roles (each removable with a
 * reason), its requests waiting for a decision, and its records on file with the way to update
 * them. To anyone who does not approve for it, the page does not exist.
 */
export function MyOrganizationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const records = useQuery({ queryKey: organizationKey(id), queryFn: ({ signal }) => fetchOrganization(id, signal) });
  const endUsers = useEndUsers(id);
  const notFound = [records, endUsers].some((query) => query.isError && isApiError(query.error, 404));
  usePageTitle(
    notFound
      ? t('notFound.title')
      : records.data
        ? t('myOrganization.pageTitle', { name: records.data.legalName })
        : t('myOrganization.title'),
  );
  if (notFound) return <NotFoundPage />;

  return (
    <div className="rc-roles rc-my-org">
      {records.isPending ? (
        <>
          <h1>{t('myOrganization.title')}</h1>
          <LoadingStatus />
        </>
      ) : records.isError ? (
        <>
          <h1>{t('myOrganization.title')}</h1>
          <PageError onRetry={() => void records.refetch()} />
        </>
      ) : (
        <OrganizationBody organization={records.data} endUsers={endUsers} />
      )}
      <BackLink />
    </div>
  );
}

/** The organization's end users, a page at a time after the cursor of the last. */
function useEndUsers(organizationId: string) {
  return useInfiniteQuery({
    queryKey: endUsersKey(organizationId),
    queryFn: ({ pageParam, signal }) => fetchEndUsers(organizationId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
type EndUsersQuery = ReturnType<typeof useEndUsers>;

function OrganizationBody({ organization, endUsers }: { organization: OrganizationRecords; endUsers: EndUsersQuery }) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const queryClient = useQueryClient();
  const [removing, setRemoving] = useState<EndUserRole | undefined>();
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string | undefined>();
  const items = (endUsers.data?.pages ?? []).flatMap((page) => page.items).filter((item) => !removed.has(item.id));
  const organizationRef = {
    id: organization.id,
    submitterId: organization.submitterId,
    legalName: organization.legalName,
    maskedTin: organization.maskedTin,
  };

  const onRemoved = (item: EndUserRole) => {
    setRemoving(undefined);
    // The row leaves at once; the pages already loaded keep their cursors until read again.
    setRemoved((previous) => new Set(previous).add(item.id));
    setNotice(t('myOrganization.remove.done', { role: catalogText.name(item.role), name: personName(item.holder) }));
    void queryClient.invalidateQueries({ queryKey: endUsersKey(organization.id) });
  };

  return (
    <>
      <h1>{organization.legalName}</h1>
      <p className="usa-intro rc-roles__form">
        {t('myOrganization.intro', { application: organization.application.name, submitterId: organization.submitterId })}
      </p>

      <section aria-labelledby="my-org-end-users-heading" className="rc-section">
        <h2 id="my-org-end-users-heading">{t('myOrganization.endUsers.heading')}</h2>
        <p className="rc-roles__form">{t('myOrganization.endUsers.intro')}</p>
        {notice ? <SuccessAlert message={notice} /> : null}
        {endUsers.isPending ? (
          <LoadingStatus />
        ) : endUsers.isError && !endUsers.data ? (
          <PageError onRetry={() => void endUsers.refetch()} />
        ) : items.length === 0 && !endUsers.hasNextPage ? (
          <p>{t('myOrganization.endUsers.none')}</p>
        ) : (
          <>
            <EndUsersTable organizationName={organization.legalName} items={items} onRemove={setRemoving} />
            {removing ? (
              <RemoveRoleForm
                key={removing.id}
                assignment={{ ...removing, organization: organizationRef }}
                wording={{
                  question: t('myOrganization.remove.question', {
                    role: catalogText.name(removing.role),
                    name: personName(removing.holder),
                  }),
                  warning: t('myOrganization.remove.warning', { name: personName(removing.holder) }),
                }}
                onCancel={() => setRemoving(undefined)}
                onRemoved={() => onRemoved(removing)}
              />
            ) : null}
            {endUsers.isFetchNextPageError ? <PageError onRetry={() => void endUsers.fetchNextPage()} /> : null}
            {endUsers.hasNextPage ? (
              <p>
                <Button
                  type="button"
                  outline
                  disabled={endUsers.isFetchingNextPage}
                  onClick={() => void endUsers.fetchNextPage()}
                >
                  {endUsers.isFetchingNextPage ? t('myOrganization.loadingMore') : t('myOrganization.loadMore')}
                </Button>
              </p>
            ) : null}
          </>
        )}
      </section>

      <OrganizationRequests organizationId={organization.id} organizationName={organization.legalName} />

      <section aria-labelledby="my-org-records-heading" className="rc-section rc-roles__form">
        <h2 id="my-org-records-heading">{t('myOrganization.records.heading')}</h2>
        <p>{t('myOrganization.records.intro')}</p>
        <RecordsSummary
          records={organization}
          caption={t('organizations.forms.recordsCaption', { name: organization.legalName })}
        />
        {organization.allowedActions.includes('request_update') ? (
          <p>
            <Link className="usa-link" to={`/organizations/${encodeURIComponent(organization.id)}/update`}>
              {t('organizations.forms.requestUpdate')}
            </Link>
          </p>
        ) : (
          <p className="usa-hint">{t('organizations.forms.onlyApproverUpdates')}</p>
        )}
      </section>
    </>
  );
}

/** Back to the list of organizations, for someone who approves for more than one. */
function BackLink() {
  const { t } = useTranslation();
  const organizations = useQuery({ queryKey: myOrganizationsKey, queryFn: ({ signal }) => fetchMyOrganizations(signal) });
  if ((organizations.data?.items.length ?? 0) < 2) return null;
  return (
    <p className="rc-back-link">
      <Link className="usa-link" to="/my-organization">
        {t('myOrganization.backToList')}
      </Link>
    </p>
  );
}
