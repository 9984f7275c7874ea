import { Button, Fieldset } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextFieldAt } from './Fields';
import { emptyPerson, type DetailValues, type FieldProblems, type PersonValues } from './form-values';
import type { FormModel } from './use-form-model';

interface Props<T extends DetailValues> {
  form: FormModel<T>;
  /** "Proposed approver" on a new organization's form; "Approver" on an update of the records. */
  approverLegend: string;
  maxBackupApprovers: number;
}

/** Address, phone and fax, contact, approver and backup approvers: what an update request may change. */
export function DetailFields<T extends DetailValues>({ form, approverLegend, maxBackupApprovers }: Props<T>) {
  const { t } = useTranslation();
  return (
    <>
      <Fieldset legend={t('organizations.fields.mailingAddress')} legendStyle="large" className="margin-top-5">
        <TextFieldAt
          form={form}
          path="address/line1"
          label={t('organizations.fields.line1')}
          autoComplete="address-line1"
          maxLength={100}
        />
        <TextFieldAt
          form={form}
          path="address/line2"
          label={t('organizations.fields.line2')}
          autoComplete="address-line2"
          maxLength={100}
          optional
        />
        <TextFieldAt
          form={form}
          path="address/city"
          label={t('organizations.fields.city')}
          autoComplete="address-level2"
          maxLength={60}
        />
        <TextFieldAt
          form={form}
          path="address/state"
          label={t('organizations.fields.state')}
          hint={t('organizations.fields.stateHint')}
          autoComplete="address-level1"
          maxLength={2}
          className="usa-input--small"
        />
        <TextFieldAt
          form={form}
          path="address/zip"
          label={t('organizations.fields.zip')}
          hint={t('organizations.fields.zipHint')}
          autoComplete="postal-code"
          inputMode="numeric"
          maxLength={10}
          className="usa-input--medium"
        />
      </Fieldset>
      <Fieldset legend={t('organizations.fields.phoneAndFax')} legendStyle="large" className="margin-top-5">
        <TextFieldAt
          form={form}
          path="phone"
          type="tel"
          label={t('organizations.fields.phone')}
          hint={t('organizations.fields.phoneHint')}
          maxLength={20}
        />
        <TextFieldAt form={form} path="fax" type="tel" label={t('organizations.fields.fax')} maxLength={20} optional />
      </Fieldset>
      <Fieldset legend={t('organizations.fields.contact')} legendStyle="large" className="margin-top-5">
        <p className="usa-hint">{t('organizations.fields.contactHint')}</p>
        <TextFieldAt form={form} path="contact/name" label={t('organizations.fields.contactName')} maxLength={100} />
        <TextFieldAt form={form} path="contact/email" type="email" label={t('organizations.fields.email')} maxLength={254} />
        <TextFieldAt form={form} path="contact/phone" type="tel" label={t('organizations.fields.phone')} maxLength={20} />
      </Fieldset>
      <Fieldset legend={approverLegend} legendStyle="large" className="margin-top-5">
        <p className="usa-hint">{t('organizations.fields.approverHint')}</p>
        <PersonFields form={form} path="approver" />
      </Fieldset>
      <BackupApprovers form={form} max={maxBackupApprovers} />
    </>
  );
}

function PersonFields<T>({ form, path }: { form: FormModel<T>; path: string }) {
  const { t } = useTranslation();
  return (
    <>
      <TextFieldAt form={form} path={`${path}/firstName`} label={t('organizations.fields.firstName')} maxLength={100} />
      <TextFieldAt form={form} path={`${path}/lastName`} label={t('organizations.fields.lastName')} maxLength={100} />
      <TextFieldAt form={form} path={`${path}/email`} type="email" label={t('organizations.fields.email')} maxLength={254} />
    </>
  );
}

/** Problems found in the entries after a removed one move up with them. */
function withoutEntry(problems: FieldProblems, index: number): FieldProblems {
  const moved: FieldProblems = {};
  for (const [path, problem] of Object.entries(problems)) {
    const match = /^backupApprovers\/(\d+)\/(.+)$/.exec(path);
    if (!match) moved[path] = problem;
    else if (Number(match[1]) < index) moved[path] = problem;
    else if (Number(match[1]) > index) moved[`backupApprovers/${Number(match[1]) - 1}/${match[2]}`] = problem;
  }
  return moved;
}

/** Up to `max` backup approvers, each added and removed by a button; none is required. */
function BackupApprovers<T extends DetailValues>({ form, max }: { form: FormModel<T>; max: number }) {
  const { t } = useTranslation();
  const people: PersonValues[] = form.values.backupApprovers;
  // After adding or removing, focus goes where the person can carry on: the new entry's first
  // field, or the button that adds one.
  const [focusId, setFocusId] = useState<string | undefined>();
  useEffect(() => {
    if (focusId) document.getElementById(focusId)?.focus();
  }, [focusId, people.length]);
  const addId = form.idOf('backupApprovers-add');

  const add = () => {
    setFocusId(form.idOf(`backupApprovers/${people.length}/firstName`));
    form.set('backupApprovers', [...people, emptyPerson()]);
  };
  // After a removal there is always room for another, so the add button is there to take focus.
  const remove = (index: number) => {
    form.updateProblems((problems) => withoutEntry(problems, index));
    form.set(
      'backupApprovers',
      people.filter((_, position) => position !== index),
    );
    setFocusId(addId);
  };

  return (
    <Fieldset
      legend={
        <>
          {t('organizations.fields.backupApprovers')} <span className="usa-hint">{t('common.optional')}</span>
        </>
      }
      legendStyle="large"
      className="margin-top-5"
    >
      <p className="usa-hint">{t('organizations.fields.backupApproversHint', { count: max })}</p>
      {people.map((_, index) => (
        <Fieldset key={index} legend={t('organizations.fields.backupApproverNumber', { number: index + 1 })}>
          <PersonFields form={form} path={`backupApprovers/${index}`} />
          <Button type="button" unstyled className="margin-top-1" onClick={() => remove(index)}>
            {t('organizations.fields.removeBackupApprover', { number: index + 1 })}
          </Button>
        </Fieldset>
      ))}
      {people.length < max ? (
        <Button type="button" outline id={addId} className="margin-top-2" onClick={add}>
          {t('organizations.fields.addBackupApprover')}
        </Button>
      ) : (
        <p>{t('organizations.fields.backupApproversFull', { count: max })}</p>
      )}
    </Fieldset>
  );
}
