import { Alert } from '@trussworks/react-uswds';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from '../../components/use-page-title';
import type { OrganizationForm } from './organizations-api';

/**
 * The confirmation after a form is sent: its tracking number and what happens next. It takes
 * the page's place, and its heading takes focus, so the person hears at once that it went.
 */
export function FormSent({ form }: { form: OrganizationForm }) {
  const { t } = useTranslation();
  const title = form.kind === 'update' ? t('organizations.sent.updateTitle') : t('organizations.sent.newTitle');
  usePageTitle(title);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const steps =
    form.kind === 'update'
      ? [t('organizations.sent.updateStep1'), t('organizations.sent.updateStep2'), t('organizations.sent.updateStep3')]
      : [
          t('organizations.sent.newStep1'),
          t('organizations.sent.newStep2'),
          t('organizations.sent.newStep3', { application: form.application.name }),
          t('organizations.sent.newStep4'),
        ];
  return (
    <div className="rc-page">
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      <Alert type="success" headingLevel="h2" heading={t('organizations.sent.trackingHeading')}>
        {t('organizations.sent.trackingIs')} <strong data-testid="tracking-number">{form.trackingNumber}</strong>
      </Alert>
      <section aria-labelledby="form-sent-next" className="rc-section">
        <h2 id="form-sent-next">{t('organizations.sent.nextHeading')}</h2>
        <ol className="usa-list">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </section>
      <ul className="usa-list usa-list--unstyled rc-link-list">
        <li>
          <Link className="usa-link" to={`/organization-forms/${form.id}`}>
            {t('organizations.sent.viewForm', { trackingNumber: form.trackingNumber })}
          </Link>
        </li>
        <li>
          <Link className="usa-link" to="/organization-forms">
            {t('organizations.backToForms')}
          </Link>
        </li>
      </ul>
    </div>
  );
}
