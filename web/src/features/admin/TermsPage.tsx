import { Table, Tag } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TextField } from '../../components/TextField';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import {
  fetchTermsVersions,
  publishTerms,
  termsVersionsQueryKey,
  type NewTerms,
  type PublishedTerms,
  type TermsVersion,
  type TermsVersionList,
} from './admin-console-api';
import { AdminConsolePage } from './AdminConsolePage';
import { PublishVersionForm } from './PublishVersionForm';
import { TextAreaField } from './TextAreaField';
import { refusedField } from './refused-field';
import { TextParagraphs } from './text-paragraphs';
import { useAdminForm, type FieldFault } from './use-admin-form';
import { useConfirmedSubmit } from './use-confirmed-submit';

/** "Terms and conditions": the versions published and a new one, which everyone accepts at their next sign-in. */
export function TermsPage() {
  const { t } = useTranslation();
  const versions = useQuery({ queryKey: termsVersionsQueryKey, queryFn: ({ signal }) => fetchTermsVersions(signal) });
  return (
    <AdminConsolePage
      title={t('adminConsole.pages.terms.title')}
      intro={t('adminConsole.pages.terms.description')}
      query={versions}
      loadingLabel={t('adminConsole.terms.loading')}
    >
      {(list) => <TermsManager list={list} />}
    </AdminConsolePage>
  );
}

function TermsManager({ list }: { list: TermsVersionList }) {
  const { t } = useTranslation();
  const [published, setPublished] = useState<number | undefined>();
  const [formKey, setFormKey] = useState(0);
  const current = list.items[0];
  return (
    <>
      {published ? <SuccessAlert message={t('adminConsole.terms.form.published', { version: published })} /> : null}
      <section className="rc-section" aria-labelledby="terms-versions-heading">
        <h2 id="terms-versions-heading">{t('adminConsole.terms.versionsHeading')}</h2>
        <TermsVersionsTable versions={list.items} />
        {list.items.length >= list.limit ? <p>{t('adminConsole.terms.limited', { limit: list.limit })}</p> : null}
        {current ? <VersionText version={current} /> : null}
      </section>
      <section className="rc-section rc-admin__form" aria-labelledby="terms-publish-heading">
        <h2 id="terms-publish-heading">{t('adminConsole.terms.form.heading')}</h2>
        <p>{t('adminConsole.terms.form.intro')}</p>
        <PublishTermsForm
          key={formKey}
          current={current}
          onPublished={(terms) => {
            setPublished(terms.version);
            setFormKey((key) => key + 1);
          }}
        />
      </section>
    </>
  );
}

function TermsVersionsTable({ versions }: { versions: TermsVersion[] }) {
  const { t, i18n } = useTranslation();
  const dateFormat = useDateTimeFormat();
  const spanish = i18n.resolvedLanguage === 'es';
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('adminConsole.terms.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('adminConsole.terms.columns.version')}</th>
          <th scope="col">{t('adminConsole.terms.columns.title')}</th>
          <th scope="col">{t('adminConsole.terms.columns.published')}</th>
          <th scope="col">{t('adminConsole.terms.columns.acceptances')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version, index) => (
          <tr key={version.id} data-testid="terms-version">
            <th scope="row" data-label={t('adminConsole.terms.columns.version')}>
              {version.version}
              {index === 0 ? <Tag className="rc-admin-console__current">{t('adminConsole.terms.current')}</Tag> : null}
            </th>
            <td data-label={t('adminConsole.terms.columns.title')}>{(spanish && version.titleEs) || version.title}</td>
            <td data-label={t('adminConsole.terms.columns.published')}>
              <time dateTime={version.publishedAt}>{formatDate(dateFormat, version.publishedAt)}</time>
            </td>
            <td data-label={t('adminConsole.terms.columns.acceptances')}>
              {t('adminConsole.terms.people', { count: version.acceptances })}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The current version's text in both languages, folded until asked for. */
function VersionText({ version }: { version: TermsVersion }) {
  const { t } = useTranslation();
  return (
    <details className="rc-admin-console__text">
      <summary>{t('adminConsole.terms.read', { version: version.version })}</summary>
      <h3>{t('adminConsole.terms.english')}</h3>
      <div lang="en">
        <p className="text-bold">{version.title}</p>
        <TextParagraphs text={version.bodyEn} />
      </div>
      <h3>{t('adminConsole.terms.spanish')}</h3>
      <div lang="es">
        <p className="text-bold">{version.titleEs || version.title}</p>
        <TextParagraphs text={version.bodyEs} />
      </div>
    </details>
  );
}

type TermsDraft = Required<NewTerms>;
type TermsField = keyof TermsDraft;

const BODY_LIMIT = 50_000;
const fieldIds = {
  title: 'terms-title',
  titleEs: 'terms-title-es',
  bodyEn: 'terms-body-en',
  bodyEs: 'terms-body-es',
} as const satisfies Record<TermsField, string>;
const faultKeys = {
  title: { missing: 'adminConsole.terms.form.errors.titleMissing', invalid: 'adminConsole.terms.form.errors.tooLong' },
  titleEs: { missing: 'adminConsole.terms.form.errors.tooLong', invalid: 'adminConsole.terms.form.errors.tooLong' },
  bodyEn: { missing: 'adminConsole.terms.form.errors.bodyEnMissing', invalid: 'adminConsole.terms.form.errors.tooLong' },
  bodyEs: { missing: 'adminConsole.terms.form.errors.bodyEsMissing', invalid: 'adminConsole.terms.form.errors.tooLong' },
} as const satisfies Record<TermsField, Record<FieldFault, string>>;

function checkTerms(draft: TermsDraft): Partial<Record<TermsField, FieldFault>> {
  const faults: Partial<Record<TermsField, FieldFault>> = {};
  if (draft.title.trim() === '') faults.title = 'missing';
  for (const field of ['bodyEn', 'bodyEs'] as const) {
    if (draft[field].trim() === '') faults[field] = 'missing';
    else if (draft[field].length > BODY_LIMIT) faults[field] = 'invalid';
  }
  return faults;
}

const termsFields: readonly TermsField[] = ['title', 'titleEs', 'bodyEn', 'bodyEs'];

function PublishTermsForm({
  current,
  onPublished,
}: {
  current: TermsVersion | undefined;
  onPublished: (terms: PublishedTerms) => void;
}) {
  const { t } = useTranslation();
  const next = (current?.version ?? 0) + 1;
  const form = useAdminForm({
    empty: { title: '', titleEs: '', bodyEn: '', bodyEs: '' },
    problemTargets: fieldIds,
    faultKeys,
    check: checkTerms,
    toBody: (draft: TermsDraft): NewTerms => ({
      title: draft.title.trim(),
      titleEs: draft.titleEs.trim(),
      bodyEn: draft.bodyEn.trim(),
      bodyEs: draft.bodyEs.trim(),
    }),
    send: publishTerms,
    // The server's schema names a field it refused in a path such as body/bodyEs.
    refusedField: (error) => refusedField(error, 'request.invalid', termsFields),
    listKey: termsVersionsQueryKey,
    onCreated: onPublished,
  });
  const submitId = 'terms-publish-submit';
  const confirmed = useConfirmedSubmit({
    onSubmit: form.onSubmit,
    passesCheck: () => Object.keys(checkTerms(form.draft)).length === 0,
    submitId,
  });
  const errorOf = (field: Parameters<typeof form.errorOf>[0]) => (confirmed.stale ? undefined : form.errorOf(field));
  const startFromCurrent = () => {
    if (!current) return;
    form.set('title')(current.title);
    form.set('titleEs')(current.titleEs);
    form.set('bodyEn')(current.bodyEn);
    form.set('bodyEs')(current.bodyEs);
  };

  return (
    <PublishVersionForm
      id="terms-publish"
      words={{
        startFromCurrent: t('adminConsole.terms.form.startFromCurrent', { version: current?.version ?? 0 }),
        submit: t('adminConsole.terms.form.submit', { version: next }),
        submitting: t('adminConsole.terms.form.submitting'),
        confirmQuestion: t('adminConsole.terms.form.confirmQuestion', { version: next }),
        confirmEffect: t('adminConsole.terms.form.confirmEffect', { version: next }),
        confirm: t('adminConsole.terms.form.confirm'),
      }}
      confirmed={confirmed}
      alert={form.alert}
      pending={form.pending}
      onStartFromCurrent={current ? startFromCurrent : undefined}
    >
      <TextField
        id={fieldIds.title}
        label={t('adminConsole.terms.form.title')}
        maxLength={200}
        autoComplete="off"
        value={form.draft.title}
        onValueChange={form.set('title')}
        error={errorOf('title')}
      />
      <TextField
        id={fieldIds.titleEs}
        label={t('adminConsole.terms.form.titleEs')}
        hint={t('adminConsole.terms.form.titleEsHint')}
        optional
        lang="es"
        maxLength={200}
        autoComplete="off"
        value={form.draft.titleEs}
        onValueChange={form.set('titleEs')}
        error={errorOf('titleEs')}
      />
      <TextAreaField
        id={fieldIds.bodyEn}
        label={t('adminConsole.terms.form.bodyEn')}
        hint={t('adminConsole.terms.form.bodyHint')}
        lang="en"
        rows={10}
        value={form.draft.bodyEn}
        onValueChange={form.set('bodyEn')}
        error={errorOf('bodyEn')}
      />
      <TextAreaField
        id={fieldIds.bodyEs}
        label={t('adminConsole.terms.form.bodyEs')}
        hint={t('adminConsole.terms.form.bodyHint')}
        lang="es"
        rows={10}
        value={form.draft.bodyEs}
        onValueChange={form.set('bodyEs')}
        error={errorOf('bodyEs')}
      />
    </PublishVersionForm>
  );
}
