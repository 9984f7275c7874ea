import { Button, ButtonGroup, Checkbox } from '@trussworks/react-uswds';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { usePageTitle } from '../../components/use-page-title';
import { useSession } from '../session/use-session';
import { AcknowledgeBox } from './AcknowledgeBox';
import {
  certificationListKey,
  fetchCertifications,
  type CertificationItem,
  type DecisionResult,
  type Outcome,
} from './certifications-api';
import { useCatalogText } from '../roles/use-catalog-text';
import { allAllow, CertificationTable, isSelectable, itemSummary } from './CertificationTable';
import { ConfirmPanel } from './ConfirmPanel';
import { useDecisionNotice, type DecidedNotice } from './decided-notice';
import { useDecision } from './use-decision';
import './certifications.css';

/**
 * My Annual Role Certifications: the roles this person certifies that are due within the window,
 * soonest first, a page at a time. Each user's name opens their details; quick actions certify or
 * revoke one row, the selection, or the whole list in one request.
 */
export function CertificationsPage() {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  usePageTitle(t('certifications.title'));
  const location = useLocation();
  const helpDesk = useSession().data?.session?.capabilities?.helpDesk === true;
  const pages = useInfiniteQuery({
    queryKey: certificationListKey,
    queryFn: ({ pageParam, signal }) => fetchCertifications(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // A decision made on a user's details page comes back with the notice to show here (seed step 4).
  const [notice, setNotice] = useState<DecidedNotice | undefined>(() => {
    const state: unknown = location.state;
    return typeof state === 'object' && state !== null && 'decided' in state ? (state.decided as DecidedNotice) : undefined;
  });
  const noticeText = useDecisionNotice(notice);
  const decision = useDecision((result: DecisionResult) => {
    setSelected(new Set());
    setNotice({ outcome: result.outcome, count: result.count });
  });

  const items = (pages.data?.pages ?? []).flatMap((page) => page.items);
  const windowDays = pages.data?.pages[0]?.windowDays;
  // Only rows the server lists an action on can be selected, and a selection is offered only the
  // actions every row of it lists.
  const selectable = items.filter(isSelectable);
  const chosen = selectable.filter((item) => selected.has(item.assignmentId));
  const allSelected = selectable.length > 0 && chosen.length === selectable.length;
  const anyAllows = (outcome: Outcome) => items.some((item) => item.allowedActions.includes(outcome));
  const busy = decision.mutation.isPending;

  const onSelect = (ids: string[], on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const decideRow = (item: CertificationItem, outcome: Outcome) =>
    decision.request({
      outcome,
      target: { assignmentIds: [item.assignmentId] },
      summary: itemSummary(t, item, catalogText),
      confirm: false,
    });

  const decideSelected = (outcome: Outcome) =>
    decision.request({
      outcome,
      target: { assignmentIds: chosen.map((item) => item.assignmentId) },
      summary: t('certifications.selectedSummary', { count: chosen.length }),
      confirm: false,
    });

  const decideAll = (outcome: Outcome) =>
    decision.request({ outcome, target: { all: true }, summary: t('certifications.allSummary'), confirm: true });

  return (
    <div className="rc-cert">
      <h1>{t('certifications.title')}</h1>
      <p className="usa-intro rc-cert__intro">
        {windowDays === undefined ? t('certifications.introSoon') : t('certifications.intro', { count: windowDays })}
      </p>
      <ul className="usa-list rc-cert__links">
        <li>
          <Link className="usa-link" to="/certifications/dashboard">
            {t('certifications.dashboard.link')}
          </Link>
        </li>
        {helpDesk ? (
          <li>
            <Link className="usa-link" to="/help-desk/certifications/expiring">
              {t('certifications.expiring.link')}
            </Link>
          </li>
        ) : null}
      </ul>
      <div className="usa-summary-box rc-cert__names" role="region" aria-labelledby="certification-names-heading">
        <div className="usa-summary-box__body">
          <h2 className="usa-summary-box__heading" id="certification-names-heading">
            {t('certifications.names.heading')}
          </h2>
          <div className="usa-summary-box__text">
            <p>{t('certifications.names.intro')}</p>
            <ul className="usa-list">
              <li>{t('certifications.names.approver')}</li>
              <li>{t('certifications.names.backupApprover')}</li>
              <li>{t('certifications.names.endUser')}</li>
            </ul>
          </div>
        </div>
      </div>
      {noticeText ? <SuccessAlert message={noticeText} /> : null}
      <ErrorAlert error={decision.outdated ? undefined : decision.mutation.error} />
      {pages.isPending ? (
        <LoadingStatus />
      ) : pages.isError ? (
        <PageError onRetry={() => void pages.refetch()} />
      ) : items.length === 0 ? (
        <p className="rc-status" data-testid="certifications-empty">
          {t('certifications.empty')}
        </p>
      ) : (
        <>
          <p role="status" className="rc-status">
            {pages.hasNextPage
              ? t('certifications.countMore', { count: items.length })
              : t('certifications.count', { count: items.length })}
          </p>
          <AcknowledgeBox decision={decision} id="certifications-acknowledge" />
          <ConfirmPanel decision={decision} />
          <section className="rc-cert__bulk" aria-labelledby="certifications-bulk-heading">
            <h2 id="certifications-bulk-heading">{t('certifications.bulk.heading')}</h2>
            <Checkbox
              id="certifications-select-all"
              name="selectAll"
              label={t('certifications.list.selectAll')}
              checked={allSelected}
              onChange={(event) =>
                onSelect(
                  selectable.map((item) => item.assignmentId),
                  event.target.checked,
                )
              }
            />
            <p className="usa-hint" aria-live="polite">
              {t('certifications.bulk.selected', { count: chosen.length })}
            </p>
            <ButtonGroup>
              {anyAllows('certify') ? (
                <Button type="button" disabled={busy || !allAllow(chosen, 'certify')} onClick={() => decideSelected('certify')}>
                  {t('certifications.bulk.certifySelected')}
                </Button>
              ) : null}
              {anyAllows('revoke') ? (
                <Button
                  type="button"
                  secondary
                  disabled={busy || !allAllow(chosen, 'revoke')}
                  onClick={() => decideSelected('revoke')}
                >
                  {t('certifications.bulk.revokeSelected')}
                </Button>
              ) : null}
              {anyAllows('certify') ? (
                <Button type="button" outline disabled={busy} onClick={() => decideAll('certify')}>
                  {t('certifications.bulk.certifyAll')}
                </Button>
              ) : null}
              {anyAllows('revoke') ? (
                <Button type="button" outline disabled={busy} onClick={() => decideAll('revoke')}>
                  {t('certifications.bulk.revokeAll')}
                </Button>
              ) : null}
            </ButtonGroup>
          </section>
          <div className="rc-cert__wide">
            <CertificationTable items={items} selected={selected} onSelect={onSelect} onDecide={decideRow} busy={busy} />
          </div>
          {pages.hasNextPage ? (
            <p>
              <Button type="button" outline disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                {pages.isFetchingNextPage ? t('certifications.loadingMore') : t('certifications.loadMore')}
              </Button>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
