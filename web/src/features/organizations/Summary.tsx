import { Table, Tag } from '@trussworks/react-uswds';
import type { TFunction } from 'i18next';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, useDateTimeFormat } from '../../components/use-date-format';
import { addressLines, contactText, personText, useOrganizationWords } from './labels';
import type { OrganizationDetails, OrganizationForm, OrganizationRecords } from './organizations-api';

interface Row {
  key: string;
  label: string;
  /** Each line of the value; none says "None". */
  lines: string[];
}

function detailRows(t: TFunction, details: OrganizationDetails): Row[] {
  return [
    { key: 'address', label: t('organizations.fields.mailingAddress'), lines: addressLines(details.address) },
    { key: 'phone', label: t('organizations.fields.phone'), lines: [details.phone] },
    { key: 'fax', label: t('organizations.fields.fax'), lines: details.fax ? [details.fax] : [] },
    { key: 'contact', label: t('organizations.fields.contact'), lines: [contactText(details.contact)] },
    { key: 'approver', label: t('organizations.summary.approver'), lines: [personText(details.approver)] },
    {
      key: 'backupApprovers',
      label: t('organizations.fields.backupApprovers'),
      lines: details.backupApprovers.map(personText),
    },
  ];
}

function Lines({ lines }: { lines: string[] }) {
  const { t } = useTranslation();
  if (lines.length === 0) return <span className="text-base-dark">{t('organizations.summary.none')}</span>;
  return (
    <>
      {lines.map((line, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {line}
        </Fragment>
      ))}
    </>
  );
}

function RowsTable({ caption, rows }: { caption: string; rows: Row[] }) {
  const { t } = useTranslation();
  return (
    <Table bordered fullWidth caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('organizations.summary.field')}</th>
          <th scope="col">{t('organizations.summary.value')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td data-field={row.key}>
              <Lines lines={row.lines} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Everything a form says; for an update request, beside the records on file now. */
export function FormSummary({ form }: { form: OrganizationForm }) {
  const { t } = useTranslation();
  const words = useOrganizationWords();
  const dateFormat = useDateTimeFormat();
  const signature = (
    <p>
      {t('organizations.summary.signed', {
        name: form.signatureName,
        date: formatDate(dateFormat, form.signedAt),
      })}
    </p>
  );

  if (form.kind === 'update') {
    const asked = detailRows(t, form.data);
    const onFile = form.onFile ? detailRows(t, form.onFile) : [];
    return (
      <>
        <RowsTable
          caption={t('organizations.summary.organizationCaption')}
          rows={[
            { key: 'application', label: t('organizations.fields.application'), lines: [form.application.name] },
            {
              key: 'legalName',
              label: t('organizations.fields.legalName'),
              lines: form.organization ? [form.organization.legalName] : [],
            },
            {
              key: 'submitterId',
              label: t('organizations.summary.submitterId'),
              lines: form.organization ? [form.organization.submitterId] : [],
            },
            { key: 'tin', label: t('organizations.fields.tin'), lines: form.maskedTin ? [form.maskedTin] : [] },
          ]}
        />
        <Table bordered fullWidth caption={t('organizations.summary.changesCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('organizations.summary.field')}</th>
              <th scope="col">{t('organizations.summary.onFile')}</th>
              <th scope="col">{t('organizations.summary.askedFor')}</th>
            </tr>
          </thead>
          <tbody>
            {asked.map((row) => {
              const current = onFile.find((candidate) => candidate.key === row.key);
              const changed = current !== undefined && current.lines.join('\n') !== row.lines.join('\n');
              return (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td data-field={`onFile-${row.key}`}>{current ? <Lines lines={current.lines} /> : null}</td>
                  <td data-field={`askedFor-${row.key}`}>
                    <Lines lines={row.lines} />
                    {changed ? (
                      <>
                        {' '}
                        <Tag className="bg-primary margin-left-05">{t('organizations.summary.changed')}</Tag>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        {signature}
      </>
    );
  }

  const data = form.data;
  return (
    <>
      <RowsTable
        caption={t('organizations.summary.formCaption')}
        rows={[
          { key: 'application', label: t('organizations.fields.application'), lines: [form.application.name] },
          { key: 'legalName', label: t('organizations.fields.legalName'), lines: data.legalName ? [data.legalName] : [] },
          { key: 'tin', label: t('organizations.fields.tin'), lines: form.maskedTin ? [form.maskedTin] : [] },
          { key: 'groupNpi', label: t('organizations.fields.groupNpi'), lines: data.groupNpi ? [data.groupNpi] : [] },
          { key: 'ptan', label: t('organizations.fields.ptan'), lines: data.ptan ? [data.ptan] : [] },
          {
            key: 'lineOfBusiness',
            label: t('organizations.fields.lineOfBusiness'),
            lines: data.lineOfBusiness ? [words.lineOfBusiness(data.lineOfBusiness)] : [],
          },
          {
            key: 'location',
            label: t('organizations.fields.location'),
            lines: data.location ? [words.location(data.location)] : [],
          },
          ...detailRows(t, data),
        ]}
      />
      {signature}
    </>
  );
}

/** An organization's records on file, as its approvers and the help desk see them. */
export function RecordsSummary({ records, caption }: { records: OrganizationRecords; caption: string }) {
  const { t } = useTranslation();
  const words = useOrganizationWords();
  const optional = (value: string | null) => (value ? [value] : []);
  return (
    <RowsTable
      caption={caption}
      rows={[
        { key: 'application', label: t('organizations.fields.application'), lines: [records.application.name] },
        { key: 'submitterId', label: t('organizations.summary.submitterId'), lines: [records.submitterId] },
        {
          key: 'status',
          label: t('organizations.summary.organizationStatus'),
          // Without an active approver or backup approver, its requests go to the help desk instead.
          lines: [words.organizationStatus(records.status), ...(records.orphaned ? [t('organizations.summary.orphaned')] : [])],
        },
        { key: 'tin', label: t('organizations.fields.tin'), lines: [records.maskedTin] },
        { key: 'groupNpi', label: t('organizations.fields.groupNpi'), lines: optional(records.groupNpi) },
        { key: 'ptan', label: t('organizations.fields.ptan'), lines: optional(records.ptan) },
        {
          key: 'lineOfBusiness',
          label: t('organizations.fields.lineOfBusiness'),
          lines: optional(words.lineOfBusiness(records.lineOfBusiness)),
        },
        { key: 'location', label: t('organizations.fields.location'), lines: optional(words.location(records.location)) },
        ...detailRows(t, records),
      ]}
    />
  );
}
