import { Button, ButtonGroup, ErrorMessage, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError, invalidFields } from '../../components/form-errors';
import { OrganizationName } from './OrganizationName';
import { organizationOf, type RoleDraft } from './role-draft';
import { myRequestsQueryKey, submitRoleRequest, type Application, type RoleRequest } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  application: Application;
  draft: RoleDraft;
  onChange: (draft: RoleDraft) => void;
  onBack: () => void;
  onSubmitted: (request: RoleRequest) => void;
}

/** "Review Request": what will be asked for, the reason for the request, and "Submit Role Request". */
export function ReviewStep({ application, draft, onChange, onBack, onSubmitted }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const queryClient = useQueryClient();
  const [missing, setMissing] = useState(false);
  const submit = useMutation({
    mutationFn: submitRoleRequest,
    onSuccess: (request) => {
      void queryClient.invalidateQueries({ queryKey: myRequestsQueryKey });
      onSubmitted(request);
    },
  });
  const role = draft.role;
  if (!role) return null;

  const serverSaysReason = Boolean(invalidFields(submit.error).reason);
  const reasonError = missing || serverSaysReason ? t('roles.review.reasonRequired') : undefined;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const empty = draft.reason.trim() === '';
    setMissing(empty);
    if (empty) return;
    submit.mutate({ roleId: role.id, reason: draft.reason.trim(), ...organizationOf(draft) });
  };

  return (
    <div className="rc-roles__form">
      <p className="usa-intro">{t('roles.review.intro')}</p>
      <ErrorAlert error={missing ? new FormCheckError() : submit.error} />
      <h2>{t('roles.review.summaryHeading')}</h2>
      <dl className="rc-summary">
        <dt>{t('roles.application')}</dt>
        <dd>{application.name}</dd>
        <dt>{t('roles.role')}</dt>
        <dd>{catalogText.name(role)}</dd>
        <dt>{t('roles.organization')}</dt>
        <dd>
          {role.scope === 'application' ? (
            t('roles.wholeApplication')
          ) : draft.organizationChoice === 'new' ? (
            <>
              <span className="rc-org__name">{draft.newOrganization.legalName.trim()}</span>
              <span className="rc-org__detail">
                {t('roles.submitterIdIs', { submitterId: draft.newOrganization.submitterId.trim() })}
              </span>
              <span className="rc-org__detail">{t('roles.review.newOrganization')}</span>
            </>
          ) : (
            <OrganizationName organization={draft.organization ?? null} />
          )}
        </dd>
      </dl>
      <Form onSubmit={onSubmit} noValidate large>
        <FormGroup error={Boolean(reasonError)}>
          <Label htmlFor="reason" error={Boolean(reasonError)}>
            {t('roles.review.reason')}
          </Label>
          <div className="usa-hint" id="reason-hint">
            {t('roles.review.reasonHint')}
          </div>
          {reasonError ? <ErrorMessage id="reason-error">{reasonError}</ErrorMessage> : null}
          <Textarea
            id="reason"
            name="reason"
            value={draft.reason}
            maxLength={2000}
            required
            error={Boolean(reasonError)}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'reason-hint reason-error' : 'reason-hint'}
            onChange={(event) => onChange({ ...draft, reason: event.target.value })}
          />
        </FormGroup>
        <ButtonGroup>
          <Button type="submit" disabled={submit.isPending}>
            {submit.isPending ? t('roles.review.submitting') : t('roles.review.submit')}
          </Button>
          <Button type="button" outline onClick={onBack} disabled={submit.isPending}>
            {t('roles.review.back')}
          </Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}
