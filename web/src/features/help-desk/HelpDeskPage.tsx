import { Alert, Button, Form, Table } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { TextField } from '../../components/TextField';
import { usePageTitle } from '../../components/use-page-title';
import { HelpDeskOnlyAlert } from './HelpDeskOnlyAlert';
import { peopleKey, searchPeople, type PersonHit } from './help-desk-api';
import { AccountStatusTags } from './AccountStatusTags';
import './help-desk.css';

/** The shortest search the server takes: one letter would match half the people. */
const SHORTEST_SEARCH = 2;

/** The help desk's starting point: find a person, or open one of the queues. */
export function HelpDeskPage() {
  const { t } = useTranslation();
  usePageTitle(t('helpDesk.console.title'));
  const [params, setParams] = useSearchParams();
  const searched = params.get('q') ?? '';
  const [text, setText] = useState(searched);
  const [tooShort, setTooShort] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = text.trim();
    setTooShort(q.length < SHORTEST_SEARCH);
    // In the address, so the back button and a bookmark find the same people again.
    if (q.length >= SHORTEST_SEARCH) setParams({ q });
  };

  return (
    <div className="rc-page rc-help-desk">
      <h1>{t('helpDesk.console.title')}</h1>
      <p className="usa-intro">{t('helpDesk.console.intro')}</p>
      <section aria-labelledby="find-person">
        <h2 id="find-person">{t('helpDesk.console.findHeading')}</h2>
        <ErrorAlert error={tooShort ? new FormCheckError() : undefined} />
        <Form onSubmit={onSubmit} noValidate large role="search" aria-labelledby="find-person">
          <TextField
            id="person-search"
            label={t('helpDesk.console.searchLabel')}
            hint={t('helpDesk.console.searchHint')}
            value={text}
            onValueChange={setText}
            error={tooShort ? t('helpDesk.console.searchTooShort') : undefined}
            autoComplete="off"
            maxLength={254}
          />
          <Button type="submit">{t('helpDesk.console.search')}</Button>
        </Form>
        {searched.length >= SHORTEST_SEARCH ? <SearchResults q={searched} /> : null}
      </section>
      <section aria-labelledby="queues">
        <h2 id="queues">{t('helpDesk.console.queuesHeading')}</h2>
        <ul className="usa-list rc-help-desk__queues">
          <li>
            <Link className="usa-link" to="/help-desk/organization-forms">
              {t('helpDesk.console.formsQueue')}
            </Link>
          </li>
          <li>
            <Link className="usa-link" to="/approvals">
              {t('helpDesk.console.approverRequests')}
            </Link>
          </li>
          <li>
            <Link className="usa-link" to="/help-desk/orphans">
              {t('helpDesk.console.orphans')}
            </Link>
          </li>
          <li>
            <Link className="usa-link" to="/help-desk/certifications/expiring">
              {t('helpDesk.console.expiring')}
            </Link>
          </li>
        </ul>
      </section>
    </div>
  );
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const people = useQuery({ queryKey: peopleKey(q), queryFn: ({ signal }) => searchPeople(q, signal) });
  if (people.isPending) return <LoadingStatus />;
  if (people.isError) {
    return hasErrorCode(people.error, 'auth.forbidden') ? (
      <HelpDeskOnlyAlert />
    ) : (
      <PageError onRetry={() => void people.refetch()} />
    );
  }
  const found = people.data.people;
  if (found.length === 0) {
    return (
      <Alert type="info" headingLevel="h3" slim role="status">
        {t('helpDesk.console.noneFound', { q })}
      </Alert>
    );
  }
  return (
    <>
      <p role="status">{t('helpDesk.console.found', { count: found.length, q })}</p>
      <PeopleTable people={found} />
    </>
  );
}

function PeopleTable({ people }: { people: PersonHit[] }) {
  const { t } = useTranslation();
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('helpDesk.console.resultsCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('helpDesk.console.name')}</th>
          <th scope="col">{t('helpDesk.console.userId')}</th>
          <th scope="col">{t('helpDesk.console.email')}</th>
          <th scope="col">{t('helpDesk.console.account')}</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr key={person.id}>
            <th scope="row" data-label={t('helpDesk.console.name')}>
              <Link className="usa-link" to={`/help-desk/users/${person.id}`}>
                {person.firstName} {person.lastName}
              </Link>
            </th>
            <td data-label={t('helpDesk.console.userId')}>{person.userId}</td>
            <td data-label={t('helpDesk.console.email')} className="rc-help-desk__email">
              {person.email}
            </td>
            <td data-label={t('helpDesk.console.account')}>
              <AccountStatusTags person={person} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
