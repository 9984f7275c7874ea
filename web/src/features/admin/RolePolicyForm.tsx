import { Button, ButtonGroup, Checkbox, Form, FormGroup, Label, Select } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { applicationsQueryKey } from '../roles/roles-api';
import {
  catalogQueryKey,
  previewCatalog,
  updateRolePolicy,
  type CatalogDocument,
  type CatalogPreview,
  type RolePolicy,
} from './admin-console-api';
import { CatalogDiffView } from './CatalogDiffView';
import { CatalogProblems } from './CatalogProblems';
import { approverChoices, certifierChoices, usePolicyWords, type ApprovedBy, type CertifiedBy } from './catalog-words';
import { checkPolicy, documentWith, draftOf, patchOf, type RolePolicyDraft, type RolePolicyField } from './role-policy-draft';
import { useAdminForm, type FieldFault } from './use-admin-form';

const fieldIds = {
  approvedBy: 'role-policy-approved-by',
  certifiedBy: 'role-policy-certified-by',
  maxActivePerOrg: 'role-policy-max-active',
  requestExpiryDays: 'role-policy-expiry-days',
  certificationPeriodDays: 'role-policy-period-days',
  requestable: 'role-policy-requestable',
} as const satisfies Record<RolePolicyField, string>;

const faultKeys = {
  approvedBy: { missing: 'adminConsole.catalog.roleForm.approvedBy', invalid: 'adminConsole.catalog.roleForm.approvedBy' },
  certifiedBy: { missing: 'adminConsole.catalog.roleForm.certifiedBy', invalid: 'adminConsole.catalog.roleForm.certifiedBy' },
  maxActivePerOrg: {
    missing: 'adminConsole.catalog.roleForm.errors.maxActivePerOrg',
    invalid: 'adminConsole.catalog.roleForm.errors.maxActivePerOrg',
  },
  requestExpiryDays: {
    missing: 'adminConsole.catalog.roleForm.errors.requestExpiryDays',
    invalid: 'adminConsole.catalog.roleForm.errors.requestExpiryDays',
  },
  certificationPeriodDays: {
    missing: 'adminConsole.catalog.roleForm.errors.certificationPeriodDays',
    invalid: 'adminConsole.catalog.roleForm.errors.certificationPeriodDays',
  },
  requestable: { missing: 'adminConsole.catalog.roleForm.requestable', invalid: 'adminConsole.catalog.roleForm.requestable' },
} as const satisfies Record<RolePolicyField, Record<FieldFault, string>>;

/** Previews never change the list: nothing reads this key. */
const previewKey = ['admin', 'catalog', 'preview'] as const;

interface Props {
  catalog: CatalogDocument;
  applicationCode: string;
  role: RolePolicy;
  /** The role's id, which the change is sent to; undefined while the applications are read. */
  roleId: string | undefined;
  roleName: string;
  onApplied: () => void;
  onCancel: () => void;
}

/**
 * One role's policy changed in two steps: the server first says what would change (the whole
 * catalog previewed with this role changed), then the administrator applies exactly that. A
 * change to the form puts the preview aside, so what is applied is always what was shown.
 */
export function RolePolicyForm({ catalog, applicationCode, role, roleId, roleName, onApplied, onCancel }: Props) {
  const { t } = useTranslation();
  const words = usePolicyWords();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [preview, setPreview] = useState<CatalogPreview | undefined>();
  useEffect(() => heading.current?.focus(), []);
  const form = useAdminForm({
    empty: draftOf(role),
    problemTargets: fieldIds,
    faultKeys,
    check: checkPolicy,
    toBody: (draft: RolePolicyDraft) => documentWith(catalog, applicationCode, role.code, patchOf(draft)),
    send: previewCatalog,
    refusedField: () => undefined,
    listKey: previewKey,
    onCreated: setPreview,
  });
  const apply = useMutation({
    mutationFn: () => updateRolePolicy(roleId ?? '', patchOf(form.draft)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: catalogQueryKey });
      void queryClient.invalidateQueries({ queryKey: applicationsQueryKey });
      onApplied();
    },
  });
  const set =
    <Name extends RolePolicyField>(field: Name) =>
    (value: RolePolicyDraft[Name]) => {
      setPreview(undefined);
      apply.reset();
      form.set(field)(value);
    };
  const headingId = 'role-policy-heading';

  return (
    <section className="rc-section rc-admin__form rc-role-policy" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className="rc-focus-target">
        {t('adminConsole.catalog.roleForm.heading', { role: roleName })}
      </h3>
      <p>{t('adminConsole.catalog.roleForm.intro')}</p>
      <ErrorAlert error={form.alert.error} message={form.alert.message} problems={form.alert.problems} />
      <CatalogProblems error={form.alert.error} />
      <Form onSubmit={form.onSubmit} noValidate large>
        <FormGroup>
          <Label htmlFor={fieldIds.approvedBy}>{t('adminConsole.catalog.roleForm.approvedBy')}</Label>
          <Select
            id={fieldIds.approvedBy}
            name="approvedBy"
            value={form.draft.approvedBy}
            onChange={(event) => set('approvedBy')(event.target.value as ApprovedBy)}
          >
            {approverChoices.map((choice) => (
              <option key={choice} value={choice}>
                {words.approvedBy(choice)}
              </option>
            ))}
          </Select>
        </FormGroup>
        <FormGroup>
          <Label htmlFor={fieldIds.certifiedBy}>{t('adminConsole.catalog.roleForm.certifiedBy')}</Label>
          <Select
            id={fieldIds.certifiedBy}
            name="certifiedBy"
            value={form.draft.certifiedBy}
            onChange={(event) => set('certifiedBy')(event.target.value as CertifiedBy)}
          >
            {certifierChoices.map((choice) => (
              <option key={choice} value={choice}>
                {words.certifiedBy(choice)}
              </option>
            ))}
          </Select>
        </FormGroup>
        {role.scope === 'organization' ? (
          <TextField
            id={fieldIds.maxActivePerOrg}
            label={t('adminConsole.catalog.roleForm.maxActivePerOrg')}
            hint={t('adminConsole.catalog.roleForm.maxActivePerOrgHint')}
            optional
            inputMode="numeric"
            autoComplete="off"
            className="usa-input--small"
            value={form.draft.maxActivePerOrg}
            onValueChange={set('maxActivePerOrg')}
            error={form.errorOf('maxActivePerOrg')}
          />
        ) : null}
        <TextField
          id={fieldIds.requestExpiryDays}
          label={t('adminConsole.catalog.roleForm.requestExpiryDays')}
          hint={t('adminConsole.catalog.roleForm.requestExpiryDaysHint')}
          inputMode="numeric"
          autoComplete="off"
          className="usa-input--small"
          value={form.draft.requestExpiryDays}
          onValueChange={set('requestExpiryDays')}
          error={form.errorOf('requestExpiryDays')}
        />
        <TextField
          id={fieldIds.certificationPeriodDays}
          label={t('adminConsole.catalog.roleForm.certificationPeriodDays')}
          hint={t('adminConsole.catalog.roleForm.certificationPeriodDaysHint')}
          inputMode="numeric"
          autoComplete="off"
          className="usa-input--small"
          value={form.draft.certificationPeriodDays}
          onValueChange={set('certificationPeriodDays')}
          error={form.errorOf('certificationPeriodDays')}
        />
        <FormGroup>
          <Checkbox
            id={fieldIds.requestable}
            name="requestable"
            label={t('adminConsole.catalog.roleForm.requestable')}
            checked={form.draft.requestable}
            onChange={(event) => set('requestable')(event.target.checked)}
          />
        </FormGroup>
        <ButtonGroup>
          <Button type="submit" disabled={form.pending}>
            {form.pending ? t('adminConsole.catalog.roleForm.previewing') : t('adminConsole.catalog.roleForm.preview')}
          </Button>
          <Button type="button" outline onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
      {preview ? (
        <CatalogDiffView
          id="role-policy-diff"
          preview={preview}
          actions={
            <>
              <ErrorAlert error={apply.error} />
              <CatalogProblems error={apply.error} />
              <ButtonGroup>
                {preview.changes.updated.length > 0 && roleId ? (
                  <Button type="button" disabled={apply.isPending} onClick={() => apply.mutate()}>
                    {apply.isPending ? t('adminConsole.catalog.roleForm.applying') : t('adminConsole.catalog.roleForm.apply')}
                  </Button>
                ) : null}
                <Button type="button" outline disabled={apply.isPending} onClick={onCancel}>
                  {t('common.cancel')}
                </Button>
              </ButtonGroup>
            </>
          }
        />
      ) : null}
    </section>
  );
}
