import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/use-page-title';
import { useStepHeading } from '../mfa/use-step-heading';
import { ChooseRoleStep } from './ChooseRoleStep';
import { ConfirmationStep } from './ConfirmationStep';
import { ReviewStep } from './ReviewStep';
import { requestableRoles } from './role-choice';
import { emptyDraft, type RoleDraft } from './role-draft';
import type { Application, RoleRequest } from './roles-api';

interface Props {
  application: Application;
  presetRoleCode?: string;
  presetSubmitterId?: string;
}

type Step = { name: 'choose' } | { name: 'review' } | { name: 'done'; request: RoleRequest };

/**
 * The steps of a role request on one page: choose the role and organization, review and give
 * the reason, then the confirmation number. One h1 names the current step and takes focus.
 */
export function AddRoleFlow({ application, presetRoleCode, presetSubmitterId }: Props) {
  const { t } = useTranslation();
  const roles = requestableRoles(application);
  const [draft, setDraft] = useState<RoleDraft>(() =>
    emptyDraft(
      roles.find((role) => role.code === presetRoleCode),
      presetSubmitterId ?? '',
    ),
  );
  const [step, setStep] = useState<Step>({ name: 'choose' });
  const headingRef = useStepHeading(step.name);
  const title =
    step.name === 'choose'
      ? t('roles.add.title', { application: application.name })
      : step.name === 'review'
        ? t('roles.review.title')
        : t('roles.done.title');
  usePageTitle(title);

  return (
    <div className="rc-page">
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {step.name === 'choose' ? (
        <ChooseRoleStep
          application={application}
          roles={roles}
          draft={draft}
          presetSubmitterId={presetSubmitterId}
          onChange={setDraft}
          onReview={() => setStep({ name: 'review' })}
        />
      ) : step.name === 'review' ? (
        <ReviewStep
          application={application}
          draft={draft}
          onChange={setDraft}
          onBack={() => setStep({ name: 'choose' })}
          onSubmitted={(request) => setStep({ name: 'done', request })}
        />
      ) : (
        <ConfirmationStep request={step.request} />
      )}
    </div>
  );
}
