import { Alert, Table } from '@trussworks/react-uswds';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { hasErrorCode } from '../../api/client';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { formatDate, useDateFormat, useDateTimeFormat } from '../../components/use-date-format';
import { usePageTitle } from '../../components/use-page-title';
import { factorKindKeys, isFactorKind } from '../mfa/factor-kinds';
import { AccountActions } from './AccountActions';
import { AccountStatusTags } from './AccountStatusTags';
import { HelpDeskOnlyAlert } from './HelpDeskOnlyAlert';
import { PersonRoles } from './PersonRoles';
import { fetchPerson, personKey, type Person } from './help-desk-api';
import './help-desk.css';

/** One person as the help desk sees them: their account, devices, sign-ins, roles and requests. */
export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const person = useQuery({ queryKey: personKey(id), queryFn: ({ signal }) => fetchPerson(id, signal) });
  usePageTitle(person.data ? `${person.data.firstName} ${person.data.lastName}` : t('helpDesk.person.title'));

  return (
    <div className="rc-page rc-help-desk">
      <p>
        <Link className="usa-link" to="/help-desk">
          {t('helpDesk.person.back')}
        </Link>
      </p>
      {person.data ? (
        <PersonDetails person={person.data} />
      ) : person.isError ? (
        <>
          <h1>{t('helpDesk.person.title')}</h1>
          {hasErrorCode(person.error, 'auth.forbidden') ? (
            <HelpDeskOnlyAlert />
          ) : hasErrorCode(person.error, 'resource.not_found') ? (
            <Alert type="warning" headingLevel="h2" heading={t('helpDesk.person.notFoundHeading')}>
              {t('helpDesk.person.notFound')}
            </Alert>
          ) : (
            <PageError onRetry={() => void person.refetch()} />
          )}
        </>
      ) : (
        <LoadingStatus />
      )}
    </div>
  );
}

function PersonDetails({ person }: { person: Person }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const dateTime = useDateTimeFormat();
  const [done, setDone] = useState<string | null>(null);
  const name = `${person.firstName} ${person.lastName}`;

  return (
    <>
      <h1>{name}</h1>
      {done ? (
        <div className="margin-bottom-2">
          <SuccessAlert message={done} />
        </div>
      ) : null}
      <dl className="rc-help-desk__facts">
        <dt>{t('helpDesk.console.userId')}</dt>
        <dd>{person.userId}</dd>
        <dt>{t('helpDesk.console.email')}</dt>
        <dd>
          {person.email} ({person.emailVerified ? t('helpDesk.person.verified') : t('helpDesk.person.notVerified')})
        </dd>
        <dt>{t('helpDesk.console.account')}</dt>
        <dd>
          <AccountStatusTags person={person} />
          {person.lockedUntil ? (
            <span className="display-block">
              {t('helpDesk.person.lockedUntil', { time: formatDate(dateTime, person.lockedUntil) })}
            </span>
          ) : null}
        </dd>
        <dt>{t('helpDesk.person.created')}</dt>
        <dd>{formatDate(dateTime, person.createdAt)}</dd>
        <dt>{t('helpDesk.person.lastSignIn')}</dt>
        <dd>{formatDate(dateTime, person.lastSignInAt, t('helpDesk.person.never'))}</dd>
      </dl>

      <AccountActions
        person={person}
        onDone={(updated, message) => {
          queryClient.setQueryData(personKey(person.id), updated);
          setDone(message);
        }}
      />

      <h2>{t('helpDesk.person.devicesHeading')}</h2>
      <DevicesTable person={person} />

      <h2>{t('helpDesk.person.signInsHeading')}</h2>
      <SignInsTable person={person} />

      <PersonRoles
        person={person}
        onRemoved={(message) => {
          setDone(message);
          void queryClient.invalidateQueries({ queryKey: personKey(person.id) });
        }}
      />
    </>
  );
}

function DevicesTable({ person }: { person: Person }) {
  const { t } = useTranslation();
  const date = useDateFormat();
  if (person.mfaDevices.length === 0) return <p>{t('helpDesk.person.noDevices')}</p>;
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('helpDesk.person.devicesCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('helpDesk.person.kind')}</th>
          <th scope="col">{t('helpDesk.person.added')}</th>
          <th scope="col">{t('helpDesk.person.lastUsed')}</th>
        </tr>
      </thead>
      <tbody>
        {person.mfaDevices.map((device, index) => (
          <tr key={index}>
            <th scope="row" data-label={t('helpDesk.person.kind')}>
              {isFactorKind(device.kind) ? t(factorKindKeys[device.kind]) : device.kind}
            </th>
            <td data-label={t('helpDesk.person.added')}>{formatDate(date, device.addedAt)}</td>
            <td data-label={t('helpDesk.person.lastUsed')}>{formatDate(date, device.lastUsedAt, t('helpDesk.person.never'))}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The reasons a sign-in fails, as the audit log records them, in words. */
const failureKeys = {
  password: 'helpDesk.person.failures.password',
  locked: 'helpDesk.person.failures.locked',
  disabled: 'helpDesk.person.failures.disabled',
  email_unverified: 'helpDesk.person.failures.email_unverified',
} as const;

function isKnownFailure(reason: string | null): reason is keyof typeof failureKeys {
  return reason !== null && reason in failureKeys;
}

function SignInsTable({ person }: { person: Person }) {
  const { t } = useTranslation();
  const dateTime = useDateTimeFormat();
  if (person.signIns.length === 0) return <p>{t('helpDesk.person.noSignIns')}</p>;
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('helpDesk.person.signInsCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('helpDesk.person.when')}</th>
          <th scope="col">{t('helpDesk.person.outcome')}</th>
          <th scope="col">{t('helpDesk.person.from')}</th>
        </tr>
      </thead>
      <tbody>
        {person.signIns.map((attempt, index) => (
          <tr key={index}>
            <th scope="row" data-label={t('helpDesk.person.when')}>
              {formatDate(dateTime, attempt.at)}
            </th>
            <td data-label={t('helpDesk.person.outcome')}>
              {attempt.succeeded
                ? t('helpDesk.person.succeeded')
                : t('helpDesk.person.failed', {
                    reason: isKnownFailure(attempt.reason) ? t(failureKeys[attempt.reason]) : (attempt.reason ?? ''),
                  })}
            </td>
            <td data-label={t('helpDesk.person.from')}>{attempt.ip ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
