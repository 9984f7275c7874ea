import { Button, Table } from '@trussworks/react-uswds';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CertificationItem, Outcome } from './certifications-api';
import { DueStatus } from './DueStatus';
import { HistoryCells, OrganizationCell, UsageCell } from './ItemCells';
import { OnFileStatus } from './OnFileStatus';
import { personName } from './people';
import { useCatalogText, type CatalogText } from '../roles/use-catalog-text';

interface Props {
  items: CertificationItem[];
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], selected: boolean) => void;
  onDecide: (item: CertificationItem, outcome: Outcome) => void;
  busy: boolean;
}

/** A role and where it is held, as the row's buttons and checkbox name it for screen readers. */
export function itemSummary(t: TFunction, item: CertificationItem, catalogText: CatalogText): string {
  return t('certifications.itemSummary', {
    role: catalogText.name(item.role),
    name: personName(item.holder),
    organization: item.organization?.legalName ?? item.application.name,
  });
}

/** Whether a row can be selected for a decision: the server lists at least one action on it. */
export function isSelectable(item: CertificationItem): boolean {
  return item.allowedActions.length > 0;
}

/** Whether every item of a selection lists the action, so it can be offered for all of them. */
export function allAllow(items: readonly CertificationItem[], outcome: Outcome): boolean {
  return items.length > 0 && items.every((item) => item.allowedActions.includes(outcome));
}

/**
 * The roles due for certification: select rows, open a user's details, or decide one row at once.
 * A row offers exactly the actions the server lists on it (`allowedActions`).
 */
export function CertificationTable({ items, selected, onSelect, onDecide, busy }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const showOnFile = items.some((item) => item.certifiedAs === 'help_desk' && item.role.kind !== 'end_user');
  return (
    <Table
      bordered
      compact
      fullWidth
      scrollable
      stackedStyle="default"
      className="rc-cert__table"
      caption={t('certifications.list.caption')}
    >
      <thead>
        <tr>
          <th scope="col">
            <span className="usa-sr-only">{t('certifications.list.selectColumn')}</span>
          </th>
          <th scope="col">{t('certifications.list.user')}</th>
          <th scope="col">{t('certifications.list.role')}</th>
          <th scope="col">{t('certifications.list.organization')}</th>
          <th scope="col">{t('certifications.list.established')}</th>
          <th scope="col">{t('certifications.list.lastCertified')}</th>
          <th scope="col">{t('certifications.list.lastUsed')}</th>
          <th scope="col">{t('certifications.list.due')}</th>
          {showOnFile ? <th scope="col">{t('certifications.list.onFile')}</th> : null}
          <th scope="col">{t('certifications.list.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => {
          const summary = itemSummary(t, item, catalogText);
          return (
            <tr key={item.assignmentId} data-testid="certification-row">
              <td data-label={t('certifications.list.selectColumn')}>
                {isSelectable(item) ? (
                  <input
                    type="checkbox"
                    className="rc-cert__select"
                    aria-label={t('certifications.list.select', { summary })}
                    checked={selected.has(item.assignmentId)}
                    onChange={(event) => onSelect([item.assignmentId], event.target.checked)}
                  />
                ) : null}
              </td>
              <th scope="row" data-label={t('certifications.list.user')}>
                <Link className="usa-link rc-org__name" to={`/certifications/users/${encodeURIComponent(item.holder.id)}`}>
                  {personName(item.holder)}
                </Link>
                <span className="rc-org__detail">{t('certifications.userIdIs', { userId: item.holder.userId })}</span>
              </th>
              <td data-label={t('certifications.list.role')}>
                <span className="rc-org__name">{catalogText.name(item.role)}</span>
                <span className="rc-org__detail">{item.application.name}</span>
              </td>
              <OrganizationCell item={item} />
              <HistoryCells item={item} />
              <UsageCell item={item} />
              <td data-label={t('certifications.list.due')}>
                <DueStatus item={item} />
              </td>
              {showOnFile ? (
                <td data-label={t('certifications.list.onFile')}>
                  <OnFileStatus item={item} />
                </td>
              ) : null}
              <td data-label={t('certifications.list.actions')}>
                <div className="rc-cert__row-actions">
                  {item.allowedActions.includes('certify') ? (
                    <Button
                      type="button"
                      unstyled
                      disabled={busy}
                      aria-label={t('certifications.certifyNamed', { summary })}
                      onClick={() => onDecide(item, 'certify')}
                    >
                      {t('certifications.certify')}
                    </Button>
                  ) : null}
                  {item.allowedActions.includes('revoke') ? (
                    <Button
                      type="button"
                      unstyled
                      className="rc-cert__revoke"
                      disabled={busy}
                      aria-label={t('certifications.revokeNamed', { summary })}
                      onClick={() => onDecide(item, 'revoke')}
                    >
                      {t('certifications.revoke')}
                    </Button>
                  ) : null}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
