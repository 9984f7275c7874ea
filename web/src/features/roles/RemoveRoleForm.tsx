import { Button, ButtonGroup, ErrorMessage, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import { removeAssignment, type Assignment } from './roles-api';
import { useCatalogText } from './use-catalog-text';

interface Props {
  assignment: Pick<Assignment, 'id' | 'role' | 'organization' | 'application'>;
  /** The question and warning when someone removes another person's role (the holder's own otherwise). */
  wording?: { question: string; warning: string };
  onRemoved: () => void;
  onCancel: () => void;
}

/** The confirm step before a role is given up: the reason is kept with the removal. */
export function RemoveRoleForm({ assignment, wording, onRemoved, onCancel }: Props) {
  const { t } = useTranslation();
  const catalogText = useCatalogText();
  const ref = useRef<HTMLDivElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const remove = useMutation({ mutationFn: () => removeAssignment(assignment.id, reason.trim()), onSuccess: onRemoved });
  useEffect(() => ref.current?.focus(), [assignment.id]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const empty = reason.trim() === '';
    setMissing(empty);
    if (!empty) remove.mutate();
  };

  const id = `remove-${assignment.id}`;
  const organization = assignment.organization?.legalName ?? assignment.application.name;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="rc-confirm-box rc-focus-target rc-roles__form"
      role="group"
      aria-labelledby={`${id}-question`}
    >
      <p id={`${id}-question`} className="text-bold">
        {wording?.question ?? t('roles.remove.question', { role: catalogText.name(assignment.role), organization })}
      </p>
      <p>{wording?.warning ?? t('roles.remove.warning')}</p>
      <ErrorAlert error={missing ? new FormCheckError() : remove.error} />
      <Form onSubmit={onSubmit} noValidate large>
        <FormGroup error={missing}>
          <Label htmlFor={`${id}-reason`} error={missing}>
            {t('roles.remove.reason')}
          </Label>
          {missing ? <ErrorMessage id={`${id}-reason-error`}>{t('roles.remove.reasonRequired')}</ErrorMessage> : null}
          <Textarea
            id={`${id}-reason`}
            name="reason"
            value={reason}
            maxLength={1000}
            required
            error={missing}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? `${id}-reason-error` : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
        </FormGroup>
        <ButtonGroup>
          <Button type="submit" secondary disabled={remove.isPending}>
            {t('roles.remove.confirm')}
          </Button>
          <Button type="button" outline onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </ButtonGroup>
      </Form>
    </div>
  );
}
