import { Table, Tag } from '@trussworks/react-uswds';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SuccessAlert } from '../../components/SuccessAlert';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import {
  acknowledgementVersionsQueryKey,
  fetchAcknowledgementVersions,
  publishAcknowledgement,
  type AcknowledgementVersion,
  type AcknowledgementVersionList,
  type NewAcknowledgement,
  type PublishedAcknowledgement,
} from './admin-console-api';
import { AdminConsolePage } from './AdminConsolePage';
import { PublishVersionForm } from './PublishVersionForm';
import { refusedField } from './refused-field';
import { TextAreaField } from './TextAreaField';
import { useAdminForm, type FieldFault } from './use-admin-form';
import { useConfirmedSubmit } from './use-confirmed-submit';

/** "Certification acknowledgement": the texts certifiers acknowledge, and a new one. */
export function AcknowledgementPage() {
  const { t } = useTranslation();
  const versions = useQuery({
    queryKey: acknowledgementVersionsQueryKey,
    queryFn: ({ signal }) => fetchAcknowledgementVersions(signal),
  });
  return (
    <AdminConsolePage
      title={t('adminConsole.pages.acknowledgement.title')}
      intro={t('adminConsole.pages.acknowledgement.description')}
      query={versions}
      loadingLabel={t('adminConsole.acknowledgement.loading')}
    >
      {(list) => <AcknowledgementManager list={list} />}
    </AdminConsolePage>
  );
}

function AcknowledgementManager({ list }: { list: AcknowledgementVersionList }) {
  const { t } = useTranslation();
  const [published, setPublished] = useState<number | undefined>();
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      {published ? <SuccessAlert message={t('adminConsole.acknowledgement.form.published', { version: published })} /> : null}
      <section className="rc-section" aria-labelledby="acknowledgement-versions-heading">
        <h2 id="acknowledgement-versions-heading">{t('adminConsole.acknowledgement.versionsHeading')}</h2>
        <AcknowledgementTable versions={list.items} />
        {list.items.length >= list.limit ? <p>{t('adminConsole.acknowledgement.limited', { limit: list.limit })}</p> : null}
      </section>
      <section className="rc-section rc-admin__form" aria-labelledby="acknowledgement-publish-heading">
        <h2 id="acknowledgement-publish-heading">{t('adminConsole.acknowledgement.form.heading')}</h2>
        <p>{t('adminConsole.acknowledgement.form.intro')}</p>
        <PublishAcknowledgementForm
          key={formKey}
          current={list.items[0]}
          onPublished={(version) => {
            setPublished(version.version);
            setFormKey((key) => key + 1);
          }}
        />
      </section>
    </>
  );
}

function AcknowledgementTable({ versions }: { versions: AcknowledgementVersion[] }) {
  const { t } = useTranslation();
  const dateFormat = useDateTimeFormat();
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('adminConsole.acknowledgement.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('adminConsole.acknowledgement.columns.version')}</th>
          <th scope="col">{t('adminConsole.acknowledgement.columns.textEn')}</th>
          <th scope="col">{t('adminConsole.acknowledgement.columns.textEs')}</th>
          <th scope="col">{t('adminConsole.acknowledgement.columns.published')}</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version, index) => (
          <tr key={version.version} data-testid="acknowledgement-version">
            <th scope="row" data-label={t('adminConsole.acknowledgement.columns.version')}>
              {version.version}
              {index === 0 ? <Tag className="rc-admin-console__current">{t('adminConsole.acknowledgement.current')}</Tag> : null}
            </th>
            <td data-label={t('adminConsole.acknowledgement.columns.textEn')} lang="en">
              {version.textEn}
            </td>
            <td data-label={t('adminConsole.acknowledgement.columns.textEs')} lang="es">
              {version.textEs}
            </td>
            <td data-label={t('adminConsole.acknowledgement.columns.published')}>
              <time dateTime={version.publishedAt}>{formatDate(dateFormat, version.publishedAt)}</time>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

type AcknowledgementField = keyof NewAcknowledgement;
const TEXT_LIMIT = 5000;
const fieldIds = { textEn: 'acknowledgement-text-en', textEs: 'acknowledgement-text-es' } as const satisfies Record<
  AcknowledgementField,
  string
>;
const faultKeys = {
  textEn: {
    missing: 'adminConsole.acknowledgement.form.errors.textEnMissing',
    invalid: 'adminConsole.acknowledgement.form.errors.tooLong',
  },
  textEs: {
    missing: 'adminConsole.acknowledgement.form.errors.textEsMissing',
    invalid: 'adminConsole.acknowledgement.form.errors.tooLong',
  },
} as const satisfies Record<AcknowledgementField, Record<FieldFault, string>>;
const acknowledgementFields: readonly AcknowledgementField[] = ['textEn', 'textEs'];

function checkAcknowledgement(draft: NewAcknowledgement): Partial<Record<AcknowledgementField, FieldFault>> {
  const faults: Partial<Record<AcknowledgementField, FieldFault>> = {};
  for (const field of acknowledgementFields) {
    if (draft[field].trim() === '') faults[field] = 'missing';
    else if (draft[field].trim().length > TEXT_LIMIT) faults[field] = 'invalid';
  }
  return faults;
}

function PublishAcknowledgementForm({
  current,
  onPublished,
}: {
  current: AcknowledgementVersion | undefined;
  onPublished: (version: PublishedAcknowledgement) => void;
}) {
  const { t } = useTranslation();
  const next = (current?.version ?? 0) + 1;
  const form = useAdminForm({
    empty: { textEn: '', textEs: '' },
    problemTargets: fieldIds,
    faultKeys,
    check: checkAcknowledgement,
    toBody: (draft: NewAcknowledgement) => ({ textEn: draft.textEn.trim(), textEs: draft.textEs.trim() }),
    send: publishAcknowledgement,
    // The server names a field it refused: its schema in a path such as body/textEs, its own check by name.
    refusedField: (error) => refusedField(error, 'request.invalid', acknowledgementFields),
    listKey: acknowledgementVersionsQueryKey,
    onCreated: onPublished,
  });
  const submitId = 'acknowledgement-publish-submit';
  const confirmed = useConfirmedSubmit({
    onSubmit: form.onSubmit,
    passesCheck: () => Object.keys(checkAcknowledgement(form.draft)).length === 0,
    submitId,
  });
  const errorOf = (field: Parameters<typeof form.errorOf>[0]) => (confirmed.stale ? undefined : form.errorOf(field));

  return (
    <PublishVersionForm
      id="acknowledgement-publish"
      words={{
        startFromCurrent: t('adminConsole.acknowledgement.form.startFromCurrent', { version: current?.version ?? 0 }),
        submit: t('adminConsole.acknowledgement.form.submit', { version: next }),
        submitting: t('adminConsole.acknowledgement.form.submitting'),
        confirmQuestion: t('adminConsole.acknowledgement.form.confirmQuestion', { version: next }),
        confirmEffect: t('adminConsole.acknowledgement.form.confirmEffect', { version: next }),
        confirm: t('adminConsole.acknowledgement.form.confirm'),
      }}
      confirmed={confirmed}
      alert={form.alert}
      pending={form.pending}
      onStartFromCurrent={
        current
          ? () => {
              form.set('textEn')(current.textEn);
              form.set('textEs')(current.textEs);
            }
          : undefined
      }
    >
      <TextAreaField
        id={fieldIds.textEn}
        label={t('adminConsole.acknowledgement.form.textEn')}
        lang="en"
        value={form.draft.textEn}
        onValueChange={form.set('textEn')}
        error={errorOf('textEn')}
      />
      <TextAreaField
        id={fieldIds.textEs}
        label={t('adminConsole.acknowledgement.form.textEs')}
        lang="es"
        value={form.draft.textEs}
        onValueChange={form.set('textEs')}
        error={errorOf('textEs')}
      />
    </PublishVersionForm>
  );
}
