import { Button, ButtonGroup, Form, Table } from '@trussworks/react-uswds';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrorCode } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TextField } from '../../components/TextField';
import { formatDate, useDateFormat } from '../../components/use-date-format';
import { useCatalogText } from '../roles/use-catalog-text';
import {
  assignHelpDesk,
  fetchHelpDeskStaff,
  helpDeskStaffQueryKey,
  removeAssignment,
  type HelpDeskStaff,
  type HelpDeskStaffList,
  type NewHelpDesk,
} from './admin-console-api';
import { AdminConsolePage } from './AdminConsolePage';
import { ApplicationSelect } from './ApplicationSelect';
import { TextAreaField } from './TextAreaField';
import { useAdminForm, type FieldFault } from './use-admin-form';
import { useApplicationName, useApplications } from './use-applications';

/** "Help desk staff": who is help desk for which application, someone named, someone removed with a reason. */
export function HelpDeskStaffPage() {
  const { t } = useTranslation();
  const staff = useQuery({ queryKey: helpDeskStaffQueryKey, queryFn: ({ signal }) => fetchHelpDeskStaff(signal) });
  return (
    <AdminConsolePage
      title={t('adminConsole.pages.helpDesk.title')}
      intro={t('adminConsole.pages.helpDesk.description')}
      query={staff}
      loadingLabel={t('adminConsole.helpDesk.loading')}
    >
      {(list) => <HelpDeskManager list={list} />}
    </AdminConsolePage>
  );
}

const removeButtonId = (staff: HelpDeskStaff) => `help-desk-${staff.id}-remove`;
const personName = (staff: HelpDeskStaff) => `${staff.person.firstName} ${staff.person.lastName}`.trim() || staff.person.userId;

function HelpDeskManager({ list }: { list: HelpDeskStaffList }) {
  const { t } = useTranslation();
  const applicationName = useApplicationName();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const [removing, setRemoving] = useState<HelpDeskStaff | undefined>();
  // What was just done, worded at each render: a change of language words it again.
  const [done, setDone] = useState<(() => string) | undefined>();
  const [formKey, setFormKey] = useState(0);

  return (
    <>
      {done ? <SuccessAlert message={done()} /> : null}
      <section className="rc-section" aria-labelledby="help-desk-list-heading">
        <h2 id="help-desk-list-heading" ref={listHeading} tabIndex={-1} className="rc-focus-target">
          {t('adminConsole.helpDesk.listHeading')}
        </h2>
        {list.items.length === 0 ? (
          <p>{t('adminConsole.helpDesk.empty')}</p>
        ) : (
          <HelpDeskTable
            staff={list.items}
            onRemove={(staff) => {
              setDone(undefined);
              setRemoving(staff);
            }}
          />
        )}
        {list.truncated ? <p>{t('adminConsole.helpDesk.truncated', { limit: list.limit })}</p> : null}
        {removing ? (
          <RemoveBox
            key={removing.id}
            staff={removing}
            onCancel={() => {
              setRemoving(undefined);
              document.getElementById(removeButtonId(removing))?.focus();
            }}
            onRemoved={() => {
              setRemoving(undefined);
              setDone(
                () => () =>
                  t('adminConsole.helpDesk.removed', {
                    name: personName(removing),
                    application: applicationName(removing.application.code),
                  }),
              );
            }}
          />
        ) : null}
      </section>
      <section className="rc-section rc-admin__form" aria-labelledby="help-desk-assign-heading">
        <h2 id="help-desk-assign-heading">{t('adminConsole.helpDesk.form.heading')}</h2>
        <p>{t('adminConsole.helpDesk.form.intro')}</p>
        <AssignHelpDeskForm
          key={formKey}
          onAssigned={(body) => {
            setRemoving(undefined);
            setDone(
              () => () =>
                t('adminConsole.helpDesk.form.assigned', {
                  userId: body.userId,
                  application: applicationName(body.applicationCode),
                }),
            );
            setFormKey((key) => key + 1);
          }}
        />
      </section>
    </>
  );
}

function HelpDeskTable({ staff, onRemove }: { staff: HelpDeskStaff[]; onRemove: (staff: HelpDeskStaff) => void }) {
  const { t } = useTranslation();
  const dateFormat = useDateFormat();
  const catalogText = useCatalogText();
  const applicationName = (item: HelpDeskStaff) =>
    catalogText.name({ id: '', name: item.application.name, nameEs: item.application.nameEs });
  return (
    <Table bordered fullWidth scrollable stackedStyle="headers" caption={t('adminConsole.helpDesk.caption')}>
      <thead>
        <tr>
          <th scope="col">{t('adminConsole.helpDesk.columns.person')}</th>
          <th scope="col">{t('adminConsole.helpDesk.columns.application')}</th>
          <th scope="col">{t('adminConsole.helpDesk.columns.since')}</th>
          <th scope="col">{t('adminConsole.helpDesk.columns.due')}</th>
          <th scope="col">{t('adminConsole.helpDesk.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {staff.map((item) => (
          <tr key={item.id} data-testid="help-desk-staff">
            <th scope="row" data-label={t('adminConsole.helpDesk.columns.person')}>
              {personName(item)}
              <span className="rc-admin-console__detail">
                {t('adminConsole.helpDesk.userId', { userId: item.person.userId })}
              </span>
              <span className="rc-admin-console__detail rc-admin-console__email">{item.person.email}</span>
            </th>
            <td data-label={t('adminConsole.helpDesk.columns.application')}>{applicationName(item)}</td>
            <td data-label={t('adminConsole.helpDesk.columns.since')}>
              <time dateTime={item.establishedAt}>{formatDate(dateFormat, item.establishedAt)}</time>
            </td>
            <td data-label={t('adminConsole.helpDesk.columns.due')}>
              {item.certificationDueAt ? (
                <time dateTime={item.certificationDueAt}>{formatDate(dateFormat, item.certificationDueAt)}</time>
              ) : (
                t('adminConsole.helpDesk.notDue')
              )}
            </td>
            <td data-label={t('adminConsole.helpDesk.columns.actions')}>
              {item.allowedActions.includes('remove') ? (
                <Button
                  type="button"
                  unstyled
                  id={removeButtonId(item)}
                  className="rc-admin__delete"
                  aria-label={t('adminConsole.helpDesk.removeOf', { name: personName(item), application: applicationName(item) })}
                  onClick={() => onRemove(item)}
                >
                  {t('adminConsole.helpDesk.remove')}
                </Button>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** "Remove from the help desk?", asked in place with the reason the person is emailed. */
function RemoveBox({ staff, onCancel, onRemoved }: { staff: HelpDeskStaff; onCancel: () => void; onRemoved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const catalogText = useCatalogText();
  const ref = useRef<HTMLDivElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  useEffect(() => ref.current?.focus(), []);
  const remove = useMutation({
    mutationFn: () => removeAssignment(staff.id, reason.trim()),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: helpDeskStaffQueryKey });
      onRemoved();
    },
  });
  const name = personName(staff);
  const application = catalogText.name({ id: '', name: staff.application.name, nameEs: staff.application.nameEs });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setMissing(true);
      document.getElementById('help-desk-remove-reason')?.focus();
      return;
    }
    setMissing(false);
    remove.mutate();
  };
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="rc-confirm-box rc-focus-target rc-admin__confirm"
      role="group"
      aria-labelledby="help-desk-remove-question"
    >
      <p id="help-desk-remove-question" className="text-bold">
        {t('adminConsole.helpDesk.removeBox.question', { name, application })}
      </p>
      <p>{t('adminConsole.helpDesk.removeBox.effect', { application })}</p>
      <ErrorAlert error={remove.error} />
      <Form onSubmit={onSubmit} noValidate>
        <TextAreaField
          id="help-desk-remove-reason"
          label={t('adminConsole.helpDesk.removeBox.reason')}
          hint={t('adminConsole.helpDesk.removeBox.reasonHint', { name })}
          rows={3}
          value={reason}
          onValueChange={setReason}
          error={missing ? t('adminConsole.helpDesk.removeBox.reasonMissing') : undefined}
        />
        <ButtonGroup>
          <Button type="submit" secondary disabled={remove.isPending}>
            {remove.isPending ? t('adminConsole.helpDesk.removeBox.pending') : t('adminConsole.helpDesk.removeBox.confirm')}
          </Button>
          <Button type="button" outline disabled={remove.isPending} onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}

type HelpDeskField = keyof NewHelpDesk;
const fieldIds = { userId: 'help-desk-user-id', applicationCode: 'help-desk-application' } as const satisfies Record<
  HelpDeskField,
  string
>;
const faultKeys = {
  userId: {
    missing: 'adminConsole.helpDesk.form.errors.userIdMissing',
    invalid: 'adminConsole.helpDesk.form.errors.userIdUnknown',
  },
  applicationCode: {
    missing: 'adminConsole.helpDesk.form.errors.applicationMissing',
    invalid: 'adminConsole.helpDesk.form.errors.applicationGone',
  },
} as const satisfies Record<HelpDeskField, Record<FieldFault, string>>;

function checkHelpDesk(draft: NewHelpDesk): Partial<Record<HelpDeskField, FieldFault>> {
  const faults: Partial<Record<HelpDeskField, FieldFault>> = {};
  if (draft.userId.trim() === '') faults.userId = 'missing';
  if (draft.applicationCode === '') faults.applicationCode = 'missing';
  return faults;
}

/** An unknown user ID is "not found"; so is an application gone from the catalog since the page was read. */
function refusedHelpDeskField(error: unknown): HelpDeskField | undefined {
  return hasErrorCode(error, 'resource.not_found') ? 'userId' : undefined;
}

function AssignHelpDeskForm({ onAssigned }: { onAssigned: (body: NewHelpDesk) => void }) {
  const { t } = useTranslation();
  const applications = useApplications();
  const form = useAdminForm({
    empty: { userId: '', applicationCode: '' },
    problemTargets: fieldIds,
    faultKeys,
    check: checkHelpDesk,
    toBody: (draft: NewHelpDesk) => ({ userId: draft.userId.trim(), applicationCode: draft.applicationCode }),
    send: assignHelpDesk,
    refusedField: refusedHelpDeskField,
    listKey: helpDeskStaffQueryKey,
    onCreated: () => onAssigned({ userId: form.draft.userId.trim(), applicationCode: form.draft.applicationCode }),
  });

  if (applications.isPending) return <LoadingStatus />;
  if (applications.isError) return <PageError onRetry={() => void applications.refetch()} />;

  return (
    <>
      <ErrorAlert error={form.alert.error} message={form.alert.message} problems={form.alert.problems} />
      <Form onSubmit={form.onSubmit} noValidate large>
        <TextField
          id={fieldIds.userId}
          label={t('adminConsole.helpDesk.form.userId')}
          hint={t('adminConsole.helpDesk.form.userIdHint')}
          maxLength={74}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          value={form.draft.userId}
          onValueChange={form.set('userId')}
          error={form.errorOf('userId')}
        />
        <ApplicationSelect
          id={fieldIds.applicationCode}
          applications={applications.data.items}
          label={t('adminConsole.helpDesk.form.application')}
          placeholder={t('adminConsole.helpDesk.form.chooseApplication')}
          value={form.draft.applicationCode}
          onChange={form.set('applicationCode')}
          error={form.errorOf('applicationCode')}
        />
        <Button type="submit" disabled={form.pending}>
          {form.pending ? t('adminConsole.helpDesk.form.submitting') : t('adminConsole.helpDesk.form.submit')}
        </Button>
      </Form>
    </>
  );
}
