import { Button, Table, Tag } from '@trussworks/react-uswds';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { FormCells } from './FormCells';
import { statusTagClass, useOrganizationWords } from './labels';
import {
  fetchMyForms,
  fetchMyOrganizations,
  myFormsKey,
  myOrganizationsKey,
  type OrganizationForm,
  type OrganizationRecords,
} from './organizations-api';
import { RecordsSummary } from './Summary';

/**
 * "Organization Forms": the forms I sent and where each stands, the way to send a new one, and
 * for approvers and backup approvers the records on file of their organizations.
 */
export function OrganizationFormsPage() {
  const { t } = useTranslation();
  usePageTitle(t('organizations.forms.title'));
  const forms = useInfiniteQuery({
    queryKey: myFormsKey,
    queryFn: ({ pageParam, signal }) => fetchMyForms(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
  const organizations = useQuery({ queryKey: myOrganizationsKey, queryFn: ({ signal }) => fetchMyOrganizations(signal) });

  return (
    <div className="rc-page">
      <h1>{t('organizations.forms.title')}</h1>
      <p className="usa-intro">{t('organizations.forms.intro')}</p>
      <p>
        <Link className="usa-button" to="/organization-forms/new">
          {t('organizations.forms.submitNew')}
        </Link>
      </p>
      <section aria-labelledby="my-forms-heading" className="rc-section">
        <h2 id="my-forms-heading">{t('organizations.forms.myForms')}</h2>
        {forms.data ? (
          // A page that failed to load after the first keeps the ones already shown.
          <>
            <MyForms forms={forms.data.pages.flatMap((page) => page.items)} />
            {forms.isFetchNextPageError ? <PageError onRetry={() => void forms.fetchNextPage()} /> : null}
            {forms.hasNextPage ? (
              <Button type="button" outline disabled={forms.isFetchingNextPage} onClick={() => void forms.fetchNextPage()}>
                {forms.isFetchingNextPage ? t('common.loading') : t('organizations.loadMore')}
              </Button>
            ) : null}
          </>
        ) : forms.isError ? (
          <PageError onRetry={() => void forms.refetch()} />
        ) : (
          <LoadingStatus />
        )}
      </section>
      {organizations.isError ? (
        <PageError onRetry={() => void organizations.refetch()} />
      ) : organizations.data && organizations.data.items.length > 0 ? (
        <MyOrganizations organizations={organizations.data.items} />
      ) : null}
    </div>
  );
}

function MyForms({ forms }: { forms: OrganizationForm[] }) {
  const { t } = useTranslation();
  const words = useOrganizationWords();
  const dateFormat = useDateTimeFormat();
  if (forms.length === 0) return <p>{t('organizations.forms.none')}</p>;
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('organizations.forms.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('organizations.forms.trackingNumber')}</th>
          <th scope="col">{t('organizations.forms.kind')}</th>
          <th scope="col">{t('organizations.fields.legalName')}</th>
          <th scope="col">{t('organizations.forms.status')}</th>
          <th scope="col">{t('organizations.forms.submitted')}</th>
          <th scope="col">{t('organizations.forms.outcome')}</th>
        </tr>
      </thead>
      <tbody>
        {forms.map((form) => (
          <tr key={form.id} data-tracking-number={form.trackingNumber}>
            <FormCells form={form} to={`/organization-forms/${form.id}`} />
            <td data-label={t('organizations.forms.status')}>
              <Tag className={statusTagClass(form.status)}>{words.status(form.status)}</Tag>
            </td>
            <td data-label={t('organizations.forms.submitted')}>{formatDate(dateFormat, form.createdAt)}</td>
            <td data-label={t('organizations.forms.outcome')}>
              {form.status === 'approved' && form.issuedSubmitterId ? (
                t('organizations.forms.submitterIdIssued', { submitterId: form.issuedSubmitterId })
              ) : form.reviewReason && (form.status === 'returned' || form.status === 'rejected') ? (
                <>
                  <span className="text-bold">{t('organizations.forms.reason')}</span> {form.reviewReason}
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function MyOrganizations({ organizations }: { organizations: OrganizationRecords[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="my-organizations-heading" className="rc-section">
      <h2 id="my-organizations-heading">{t('organizations.forms.myOrganizations')}</h2>
      <p>{t('organizations.forms.myOrganizationsIntro')}</p>
      {organizations.map((organization) => (
        <section key={organization.id} aria-labelledby={`organization-${organization.id}`} className="margin-top-4">
          <h3 id={`organization-${organization.id}`}>{organization.legalName}</h3>
          <RecordsSummary
            records={organization}
            caption={t('organizations.forms.recordsCaption', { name: organization.legalName })}
          />
          {organization.allowedActions.includes('request_update') ? (
            <p>
              <Link className="usa-link" to={`/organizations/${organization.id}/update`}>
                {t('organizations.forms.requestUpdate')}
                <span className="usa-sr-only"> {t('organizations.forms.forOrganization', { name: organization.legalName })}</span>
              </Link>
            </p>
          ) : (
            <p className="usa-hint">{t('organizations.forms.onlyApproverUpdates')}</p>
          )}
        </section>
      ))}
    </section>
  );
}
