import { Alert, Button, Table } from '@trussworks/react-uswds';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { PageError } from '../../components/PageError';
import { usePageTitle } from '../../components/use-page-title';
import { OutboxAccessAlert } from './OutboxAccessAlert';
import type { OutboxMessage } from './outbox-api';
import { useOutbox } from './use-outbox';

function useDateTimeFormat(): Intl.DateTimeFormat {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }), [language]);
}

function formatDate(format: Intl.DateTimeFormat, iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

export function OutboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('outbox.title'));
  const outbox = useOutbox();

  return (
    <div className="rc-outbox">
      <div className="usa-prose">
        <h1>{t('outbox.title')}</h1>
        <p>{t('outbox.intro')}</p>
      </div>
      {outbox.isPending ? (
        <p role="status">{t('outbox.loading')}</p>
      ) : outbox.isError ? (
        // The server answers 404 when the development outbox is disabled by configuration.
        isApiError(outbox.error, 404) ? (
          <Alert type="warning" headingLevel="h2" heading={t('outbox.turnedOffHeading')}>
            {t('outbox.turnedOff')}
          </Alert>
        ) : isApiError(outbox.error, 401) || isApiError(outbox.error, 403) ? (
          <OutboxAccessAlert signedIn={isApiError(outbox.error, 403)} />
        ) : (
          <PageError onRetry={() => void outbox.refetch()} />
        )
      ) : (
        <OutboxMessages
          messages={outbox.data.pages.flatMap((page) => page.items)}
          hasMore={outbox.hasNextPage}
          loadingMore={outbox.isFetchingNextPage}
          loadMoreFailed={outbox.isFetchNextPageError}
          onLoadMore={() => void outbox.fetchNextPage()}
        />
      )}
    </div>
  );
}

interface OutboxMessagesProps {
  messages: OutboxMessage[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreFailed: boolean;
  onLoadMore: () => void;
}

function OutboxMessages({ messages, hasMore, loadingMore, loadMoreFailed, onLoadMore }: OutboxMessagesProps) {
  const { t } = useTranslation();
  const dateFormat = useDateTimeFormat();
  const panelId = useId();
  const [selectedId, setSelectedId] = useState<string | undefined>();

  if (messages.length === 0) return <p>{t('outbox.empty')}</p>;

  // Until someone picks a message, the newest one is open, so the page is useful at a glance.
  const selected = messages.find((message) => message.id === selectedId) ?? messages[0];

  return (
    <>
      <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('outbox.tableCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('outbox.subject')}</th>
            <th scope="col">{t('outbox.to')}</th>
            <th scope="col">{t('outbox.template')}</th>
            <th scope="col">{t('outbox.language')}</th>
            <th scope="col">{t('outbox.status')}</th>
            <th scope="col">{t('outbox.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => {
            const isSelected = message.id === selected?.id;
            return (
              <tr key={message.id} className={isSelected ? 'rc-outbox__row--selected' : undefined}>
                <th scope="row" data-label={t('outbox.subject')}>
                  <button
                    type="button"
                    className="usa-button usa-button--unstyled rc-outbox__subject"
                    aria-pressed={isSelected}
                    aria-controls={panelId}
                    onClick={() => setSelectedId(message.id)}
                  >
                    {message.subject}
                  </button>
                </th>
                <td data-label={t('outbox.to')} className="rc-outbox__identifier">
                  {message.to}
                </td>
                <td data-label={t('outbox.template')} className="rc-outbox__identifier">
                  {message.template}
                </td>
                <td data-label={t('outbox.language')}>{message.language}</td>
                <td data-label={t('outbox.status')}>{message.status}</td>
                <td data-label={t('outbox.createdAt')}>
                  <time dateTime={message.createdAt}>{formatDate(dateFormat, message.createdAt)}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      <p role="status" className="rc-outbox__count">
        {t('outbox.count', { count: messages.length })}
      </p>
      {loadMoreFailed ? <PageError /> : null}
      {hasMore ? (
        <Button type="button" outline disabled={loadingMore} onClick={onLoadMore}>
          {loadingMore ? t('outbox.loadingMore') : t('outbox.loadMore')}
        </Button>
      ) : null}
      <section id={panelId} className="rc-outbox__message" aria-labelledby={`${panelId}-heading`}>
        <h2 id={`${panelId}-heading`}>{t('outbox.messageHeading')}</h2>
        {selected ? (
          <>
            <dl className="rc-outbox__meta">
              <dt>{t('outbox.subject')}</dt>
              <dd>{selected.subject}</dd>
              <dt>{t('outbox.to')}</dt>
              <dd>{selected.to}</dd>
              <dt>{t('outbox.createdAt')}</dt>
              <dd>{formatDate(dateFormat, selected.createdAt)}</dd>
            </dl>
            <pre className="rc-outbox__text" lang={selected.language}>
              {selected.text}
            </pre>
          </>
        ) : null}
      </section>
    </>
  );
}
