import { Table } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { useCatalogText } from '../roles/use-catalog-text';
import type { AuditEntry } from './audit-api';
import { AuditAction } from './AuditAction';
import { AuditActor } from './AuditActor';
import { useApplicationById } from './use-audit-applications';

/** The address of an entry's details. */
export function auditEntryPath(entry: Pick<AuditEntry, 'id'>): string {
  return `/audit/entries/${encodeURIComponent(entry.id)}`;
}

/**
 * A page of entries, newest first: when, who, what, about what, in which application and
 * organization. Each entry's number opens its details (before and after, the request); the
 * search it came from goes with it, so the details page leads back to the same page of results.
 */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t } = useTranslation();
  const dateTimeFormat = useDateTimeFormat();
  const location = useLocation();
  const applicationById = useApplicationById();
  const catalogText = useCatalogText();
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" className="rc-audit__table" caption={t('audit.table.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('audit.table.entry')}</th>
          <th scope="col">{t('audit.table.time')}</th>
          <th scope="col">{t('audit.table.actor')}</th>
          <th scope="col">{t('audit.table.action')}</th>
          <th scope="col">{t('audit.table.target')}</th>
          <th scope="col">{t('audit.table.scope')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => {
          const application = entry.applicationId ? applicationById(entry.applicationId) : undefined;
          return (
            <tr key={entry.id} data-testid="audit-row">
              <th scope="row" data-label={t('audit.table.entry')}>
                <Link
                  className="usa-link"
                  to={auditEntryPath(entry)}
                  state={{ search: location.search }}
                  aria-label={t('audit.table.detailsOf', { seq: entry.seq })}
                >
                  {entry.seq}
                </Link>
              </th>
              <td data-label={t('audit.table.time')}>
                <time dateTime={entry.occurredAt}>{formatDate(dateTimeFormat, entry.occurredAt)}</time>
              </td>
              <td data-label={t('audit.table.actor')} data-testid="audit-actor">
                <AuditActor actor={entry.actor} />
              </td>
              <td data-label={t('audit.table.action')} data-testid="audit-action">
                <AuditAction code={entry.action} />
              </td>
              <td data-label={t('audit.table.target')}>
                {entry.target ? (
                  <span className="rc-audit__target">
                    <code className="rc-audit__code">{entry.target.type}</code>
                    <span className="rc-audit__id">{entry.target.id}</span>
                  </span>
                ) : (
                  <span className="rc-audit__none">{t('audit.table.none')}</span>
                )}
              </td>
              <td data-label={t('audit.table.scope')} data-testid="audit-scope">
                {entry.applicationId || entry.organizationId ? (
                  <span className="rc-audit__target">
                    {entry.applicationId ? (
                      <span>{application ? catalogText.name(application) : entry.applicationId}</span>
                    ) : null}
                    {entry.organizationId ? (
                      <span className="rc-audit__id">{t('audit.table.organization', { id: entry.organizationId })}</span>
                    ) : null}
                  </span>
                ) : (
                  <span className="rc-audit__none">{t('audit.table.none')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
