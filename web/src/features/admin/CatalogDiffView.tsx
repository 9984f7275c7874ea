import { Table, Tag } from '@trussworks/react-uswds';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDiff, CatalogPreview } from './admin-console-api';
import { useApplicationTitle, useCatalogFieldWords } from './catalog-words';

interface Props {
  id: string;
  preview: CatalogPreview;
  /** The buttons under the changes: apply them, or put them aside. */
  actions: ReactNode;
}

/**
 * What applying will change, as the server worked it out: for each application that changes, one
 * row per field before and after, a role added or retired on a row of its own. It takes focus when
 * it appears, so a keyboard or screen-reader user reads it before the button that applies it.
 */
export function CatalogDiffView({ id, preview, actions }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [preview]);
  const changed = preview.applications.filter((application) => application.change !== 'unchanged');
  const { created, updated, retired } = preview.changes;
  const headingId = `${id}-heading`;
  return (
    <div ref={ref} tabIndex={-1} className="rc-focus-target rc-catalog-diff" role="region" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('adminConsole.catalog.diff.heading')}</h3>
      {changed.length === 0 ? (
        <p>{t('adminConsole.catalog.diff.nothing')}</p>
      ) : (
        <>
          <p>
            {t('adminConsole.catalog.diff.summary', {
              created: created.length,
              updated: updated.length,
              retired: retired.length,
            })}
          </p>
          {changed.map((application) => (
            <ApplicationChanges key={application.code} application={application} />
          ))}
        </>
      )}
      {preview.leftAsTheyAre.length > 0 ? (
        <p>{t('adminConsole.catalog.diff.leftAsTheyAre', { codes: preview.leftAsTheyAre.join(', ') })}</p>
      ) : null}
      {actions}
    </div>
  );
}

interface Row {
  key: string;
  item: string;
  field: string;
  before: string;
  after: string;
  change?: 'added' | 'retired';
}

function ApplicationChanges({ application }: { application: ApplicationDiff }) {
  const { t } = useTranslation();
  const { fieldName, fieldValue } = useCatalogFieldWords();
  const applicationTitle = useApplicationTitle();
  const none = t('adminConsole.catalog.diff.notThere');
  const rows: Row[] = [];
  if (application.change === 'added') {
    rows.push({
      key: 'application',
      item: t('adminConsole.catalog.diff.application'),
      field: t('adminConsole.catalog.diff.newApplication'),
      before: none,
      after: application.name,
      change: 'added',
    });
  } else {
    for (const change of application.fields) {
      rows.push({
        key: `application-${change.field}`,
        item: t('adminConsole.catalog.diff.application'),
        field: fieldName(change.field),
        before: fieldValue(change.field, change.before),
        after: fieldValue(change.field, change.after),
      });
    }
  }
  for (const role of application.roles) {
    const item = t('adminConsole.catalog.diff.role', { code: role.code });
    if (role.change === 'added') {
      rows.push({
        key: `role-${role.code}`,
        item,
        field: t('adminConsole.catalog.diff.newRole'),
        before: none,
        after: role.name,
        change: 'added',
      });
    } else if (role.change === 'retired') {
      rows.push({
        key: `role-${role.code}`,
        item,
        field: fieldName('requestable'),
        before: fieldValue('requestable', true),
        after: t('adminConsole.catalog.diff.retired'),
        change: 'retired',
      });
    } else {
      for (const change of role.fields) {
        rows.push({
          key: `role-${role.code}-${change.field}`,
          item,
          field: fieldName(change.field),
          before: fieldValue(change.field, change.before),
          after: fieldValue(change.field, change.after),
        });
      }
    }
  }
  return (
    <>
      <h4 className="rc-catalog-diff__application">
        {applicationTitle(application.name, application.code)}{' '}
        <Tag className={application.change === 'added' ? 'rc-catalog-diff__tag--added' : 'rc-catalog-diff__tag'}>
          {t(`adminConsole.catalog.diff.changes.${application.change}`)}
        </Tag>
      </h4>
      <Table
        bordered
        fullWidth
        scrollable
        stackedStyle="headers"
        caption={t('adminConsole.catalog.diff.caption', { name: applicationTitle(application.name, application.code) })}
      >
        <thead>
          <tr>
            <th scope="col">{t('adminConsole.catalog.diff.columns.item')}</th>
            <th scope="col">{t('adminConsole.catalog.diff.columns.field')}</th>
            <th scope="col">{t('adminConsole.catalog.diff.columns.before')}</th>
            <th scope="col">{t('adminConsole.catalog.diff.columns.after')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="catalog-change">
              <th scope="row" data-label={t('adminConsole.catalog.diff.columns.item')}>
                {row.item}
              </th>
              <td data-label={t('adminConsole.catalog.diff.columns.field')}>
                {row.change ? <Tag className={`rc-catalog-diff__tag--${row.change}`}>{row.field}</Tag> : row.field}
              </td>
              <td data-label={t('adminConsole.catalog.diff.columns.before')}>
                {row.change === 'added' ? <span aria-hidden="true">{row.before}</span> : <del>{row.before}</del>}
              </td>
              <td data-label={t('adminConsole.catalog.diff.columns.after')}>
                <ins>{row.after}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
