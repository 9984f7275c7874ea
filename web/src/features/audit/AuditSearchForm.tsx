import { Button, ErrorMessage, FormGroup, Label, Select, TextInput } from '@trussworks/react-uswds';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert, type FieldProblem } from '../../components/ErrorAlert';
import { FormCheckError, invalidFields } from '../../components/form-errors';
import { useCatalogText } from '../roles/use-catalog-text';
import { knownActions } from './audit-words';
import {
  defaultPageSize,
  pageSizes,
  problemsOf,
  type AuditField,
  type AuditFormValues,
  type AuditValueProblem,
} from './audit-filters';
import { useAuditApplications } from './use-audit-applications';

interface Props {
  /** The search the page shows now, from its address. */
  initial: AuditFormValues;
  isAdministrator: boolean;
  /** The server's refusal of the search shown (`request.invalid`): its fields are marked. */
  refusal?: unknown;
  onSearch: (values: AuditFormValues) => void;
}

const fieldIds: Record<AuditField, string> = {
  actor: 'audit-actor',
  action: 'audit-action',
  targetType: 'audit-target-type',
  targetId: 'audit-target-id',
  applicationId: 'audit-application',
  organizationId: 'audit-organization',
  from: 'audit-from',
  to: 'audit-to',
  limit: 'audit-limit',
};

/**
 * The audit search's filters, each optional: whatever is filled in narrows the search. Sending
 * the form changes the page's address (the page searches what its address says), so a search
 * can be bookmarked and Back returns to the one before.
 */
export function AuditSearchForm({ initial, isAdministrator, refusal, onSearch }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const { applications } = useAuditApplications(isAdministrator);
  const [values, setValues] = useState(initial);
  // The address's own values are checked as they arrive; the form's when it is sent.
  const [problems, setProblems] = useState<AuditValueProblem[]>(() => problemsOf(initial));
  const [checkError, setCheckError] = useState(() => (problemsOf(initial).length > 0 ? new FormCheckError() : undefined));
  const refusedFields = Object.keys(invalidFields(refusal));

  const labels: Record<AuditField, string> = {
    actor: t('audit.form.actor'),
    action: t('audit.form.action'),
    targetType: t('audit.form.targetType'),
    targetId: t('audit.form.targetId'),
    applicationId: t('audit.form.application'),
    organizationId: t('audit.form.organizationId'),
    from: t('audit.form.from'),
    to: t('audit.form.to'),
    limit: t('audit.form.limit'),
  };
  const errors: Partial<Record<AuditField, string>> = {};
  for (const problem of problems) errors[problem.field] ??= t(`audit.form.problems.${problem.rule}`);
  for (const field of refusedFields) {
    if (field in fieldIds) errors[field as AuditField] ??= t('form.invalid', { field: labels[field as AuditField] });
  }
  const fieldProblems: FieldProblem[] = (Object.keys(errors) as AuditField[]).map((field) => ({
    fieldId: fieldIds[field],
    message: errors[field]!,
  }));
  const set = (field: AuditField) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  // An application in the address that is no longer offered (a help desk role since removed) stays chosen.
  const chosenUnknown = values.applicationId && !applications.some((application) => application.id === values.applicationId);
  const sizes = [...new Set([...pageSizes, Number(values.limit) || defaultPageSize])].sort((a, b) => a - b);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = problemsOf(values);
    setProblems(found);
    // A new error each time: the alert takes focus again.
    setCheckError(found.length > 0 ? new FormCheckError() : undefined);
    if (found.length === 0) onSearch(values);
  };

  return (
    <section aria-labelledby="audit-search-heading" className="rc-audit__search">
      <h2 id="audit-search-heading">{t('audit.form.heading')}</h2>
      <p>{t('audit.form.intro')}</p>
      <ErrorAlert error={checkError ?? refusal} problems={fieldProblems} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="audit-search-heading">
        <div className="rc-audit__filters">
          <Field id={fieldIds.actor} label={labels.actor} hint={t('audit.form.actorHint')} error={errors.actor}>
            {(describedBy) => (
              <TextInput
                id={fieldIds.actor}
                name="actor"
                type="text"
                maxLength={100}
                autoComplete="off"
                spellCheck={false}
                value={values.actor}
                onChange={(event) => set('actor')(event.target.value)}
                validationStatus={errors.actor ? 'error' : undefined}
                aria-invalid={errors.actor ? true : undefined}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field id={fieldIds.action} label={labels.action} hint={t('audit.form.actionHint')} error={errors.action}>
            {(describedBy) => (
              <>
                <TextInput
                  id={fieldIds.action}
                  name="action"
                  type="text"
                  maxLength={100}
                  autoComplete="off"
                  spellCheck={false}
                  list="audit-action-codes"
                  value={values.action}
                  onChange={(event) => set('action')(event.target.value)}
                  validationStatus={errors.action ? 'error' : undefined}
                  aria-invalid={errors.action ? true : undefined}
                  aria-describedby={describedBy}
                />
                <datalist id="audit-action-codes">
                  {knownActions.map((code) => (
                    <option key={code} value={code} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field
            id={fieldIds.targetType}
            label={labels.targetType}
            hint={t('audit.form.targetTypeHint')}
            error={errors.targetType}
          >
            {(describedBy) => (
              <TextInput
                id={fieldIds.targetType}
                name="targetType"
                type="text"
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                value={values.targetType}
                onChange={(event) => set('targetType')(event.target.value)}
                validationStatus={errors.targetType ? 'error' : undefined}
                aria-invalid={errors.targetType ? true : undefined}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field id={fieldIds.targetId} label={labels.targetId} hint={t('audit.form.targetIdHint')} error={errors.targetId}>
            {(describedBy) => (
              <TextInput
                id={fieldIds.targetId}
                name="targetId"
                type="text"
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                value={values.targetId}
                onChange={(event) => set('targetId')(event.target.value)}
                validationStatus={errors.targetId ? 'error' : undefined}
                aria-invalid={errors.targetId ? true : undefined}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field id={fieldIds.applicationId} label={labels.applicationId} error={errors.applicationId}>
            {(describedBy) => (
              <Select
                id={fieldIds.applicationId}
                name="applicationId"
                value={values.applicationId}
                onChange={(event) => set('applicationId')(event.target.value)}
                validationStatus={errors.applicationId ? 'error' : undefined}
                aria-invalid={errors.applicationId ? true : undefined}
                aria-describedby={describedBy}
              >
                <option value="">{isAdministrator ? t('audit.form.allApplications') : t('audit.form.allMyApplications')}</option>
                {applications.map((application) => {
                  const name = catalogText.name(application);
                  return (
                    <option key={application.id} value={application.id}>
                      {name === application.code ? name : `${name} (${application.code})`}
                    </option>
                  );
                })}
                {chosenUnknown ? <option value={values.applicationId}>{values.applicationId}</option> : null}
              </Select>
            )}
          </Field>
          <Field
            id={fieldIds.organizationId}
            label={labels.organizationId}
            hint={t('audit.form.organizationIdHint')}
            error={errors.organizationId}
          >
            {(describedBy) => (
              <TextInput
                id={fieldIds.organizationId}
                name="organizationId"
                type="text"
                maxLength={36}
                autoComplete="off"
                spellCheck={false}
                value={values.organizationId}
                onChange={(event) => set('organizationId')(event.target.value)}
                validationStatus={errors.organizationId ? 'error' : undefined}
                aria-invalid={errors.organizationId ? true : undefined}
                aria-describedby={describedBy}
              />
            )}
          </Field>
          <Field id={fieldIds.from} label={labels.from} hint={t('audit.form.dayHint')} error={errors.from}>
            {(describedBy) => (
              <DayInput
                id={fieldIds.from}
                name="from"
                value={values.from}
                invalid={Boolean(errors.from)}
                describedBy={describedBy}
                onValueChange={set('from')}
              />
            )}
          </Field>
          <Field id={fieldIds.to} label={labels.to} hint={t('audit.form.toHint')} error={errors.to}>
            {(describedBy) => (
              <DayInput
                id={fieldIds.to}
                name="to"
                value={values.to}
                invalid={Boolean(errors.to)}
                describedBy={describedBy}
                onValueChange={set('to')}
              />
            )}
          </Field>
          <Field id={fieldIds.limit} label={labels.limit} error={errors.limit}>
            {(describedBy) => (
              <Select
                id={fieldIds.limit}
                name="limit"
                value={values.limit}
                onChange={(event) => set('limit')(event.target.value)}
                aria-describedby={describedBy}
              >
                {sizes.map((size) => (
                  <option key={size} value={String(size)}>
                    {size}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <div className="rc-audit__form-actions">
          <Button type="submit">{t('audit.form.search')}</Button>
          <Link className="usa-link" to="/audit">
            {t('audit.form.clear')}
          </Link>
        </div>
      </form>
    </section>
  );
}

/** A labelled filter with its hint and error tied to it; the control is given the ids describing it. */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <FormGroup error={Boolean(error)}>
      <Label htmlFor={id} error={Boolean(error)}>
        {label}
      </Label>
      {hint ? (
        <div className="usa-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
      {children([hintId, errorId].filter(Boolean).join(' ') || undefined)}
    </FormGroup>
  );
}

/** A calendar day with the browser's own date picker, styled as a USWDS input. */
function DayInput({
  id,
  name,
  value,
  invalid,
  describedBy,
  onValueChange,
}: {
  id: string;
  name: string;
  value: string;
  invalid: boolean;
  describedBy: string | undefined;
  onValueChange: (value: string) => void;
}) {
  return (
    <input
      id={id}
      name={name}
      type="date"
      className={`usa-input rc-audit__day${invalid ? ' usa-input--error' : ''}`}
      value={value}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(event) => onValueChange(event.target.value)}
    />
  );
}
