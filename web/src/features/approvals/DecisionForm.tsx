import { Button, ButtonGroup, ErrorMessage, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrorCode } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCheckError } from '../../components/form-errors';
import type { RoleRequest } from '../roles/roles-api';
import { decideRequest, type Decision } from './approvals-api';

interface Props {
  request: RoleRequest;
  onDecided: (request: RoleRequest) => void;
}

/** Approve, or reject with a comment for the requester; the first decision anyone makes wins. */
export function DecisionForm({ request, onDecided }: Props) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const decide = useMutation({
    mutationFn: (decision: Decision) => decideRequest(request.id, decision, comment.trim()),
    onSuccess: onDecided,
  });

  const onDecide = (decision: Decision) => {
    const empty = decision === 'reject' && comment.trim() === '';
    setMissing(empty);
    if (!empty) decide.mutate(decision);
  };

  const id = `decision-${request.id}`;
  const commentError =
    missing || hasErrorCode(decide.error, 'role_request.comment_required') ? t('approvals.commentRequired') : undefined;
  // Only what the server lists is offered; someone else deciding first (or the request expiring)
  // leaves nothing to decide here.
  const allowed = (decision: Decision) => request.allowedActions.includes(decision);
  const closed = hasErrorCode(decide.error, 'role_request.already_decided') || !(allowed('approve') || allowed('reject'));
  return (
    <div className="rc-roles__form">
      <ErrorAlert error={missing ? new FormCheckError() : decide.error} />
      {closed ? null : (
        <>
          <FormGroup error={Boolean(commentError)}>
            <Label htmlFor={`${id}-comment`} error={Boolean(commentError)}>
              {t('approvals.comment')}
            </Label>
            <div className="usa-hint" id={`${id}-comment-hint`}>
              {t('approvals.commentHint')}
            </div>
            {commentError ? <ErrorMessage id={`${id}-comment-error`}>{commentError}</ErrorMessage> : null}
            <Textarea
              id={`${id}-comment`}
              name="comment"
              value={comment}
              maxLength={2000}
              error={Boolean(commentError)}
              aria-invalid={commentError ? true : undefined}
              aria-describedby={commentError ? `${id}-comment-hint ${id}-comment-error` : `${id}-comment-hint`}
              onChange={(event) => setComment(event.target.value)}
            />
          </FormGroup>
          <ButtonGroup className="margin-top-2">
            {allowed('approve') ? (
              <Button
                type="button"
                disabled={decide.isPending}
                aria-label={t('approvals.approveNamed', { trackingNumber: request.trackingNumber })}
                onClick={() => onDecide('approve')}
              >
                {t('approvals.approve')}
              </Button>
            ) : null}
            {allowed('reject') ? (
              <Button
                type="button"
                secondary
                disabled={decide.isPending}
                aria-label={t('approvals.rejectNamed', { trackingNumber: request.trackingNumber })}
                onClick={() => onDecide('reject')}
              >
                {t('approvals.reject')}
              </Button>
            ) : null}
          </ButtonGroup>
        </>
      )}
    </div>
  );
}
