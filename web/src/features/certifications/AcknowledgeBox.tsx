import { Checkbox, ErrorMessage, FormGroup } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { LoadingStatus } from '../../components/LoadingStatus';
import { PageError } from '../../components/PageError';
import type { Decision } from './use-decision';

/**
 * The versioned acknowledgement text and the "I acknowledge" box every Certify and Revoke needs.
 * When the text changed under the certifier, the new one is shown and must be ticked again.
 */
export function AcknowledgeBox({ decision, id }: { decision: Decision; id: string }) {
  const { t, i18n } = useTranslation();
  const { acknowledgement } = decision;
  if (acknowledgement.isPending) return <LoadingStatus />;
  if (acknowledgement.isError) return <PageError onRetry={() => void acknowledgement.refetch()} />;
  const textId = `${id}-text`;
  const errorId = `${id}-error`;
  const error = decision.missingAcknowledgement
    ? t('certifications.acknowledge.required')
    : decision.outdated
      ? t('certifications.acknowledge.changed')
      : undefined;
  // Both languages come with the text, so it follows the language switch at once.
  const text = i18n.resolvedLanguage === 'es' ? acknowledgement.data.textEs : acknowledgement.data.textEn;
  const paragraphs = text.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '');
  return (
    <section className="rc-cert__acknowledge" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('certifications.acknowledge.heading')}</h2>
      <div id={textId} className="rc-cert__acknowledge-text" data-testid="acknowledgement-text">
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <p className="usa-hint">{t('certifications.acknowledge.version', { version: acknowledgement.data.version })}</p>
      <FormGroup error={Boolean(error)}>
        {error ? <ErrorMessage id={errorId}>{error}</ErrorMessage> : null}
        <Checkbox
          id={id}
          name="acknowledged"
          inputRef={decision.checkboxRef}
          label={t('certifications.acknowledge.label')}
          checked={decision.acknowledged}
          onChange={(event) => decision.setAcknowledged(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${textId} ${errorId}` : textId}
        />
      </FormGroup>
    </section>
  );
}
