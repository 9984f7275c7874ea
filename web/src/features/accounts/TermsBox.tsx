import { useTranslation } from 'react-i18next';
import type { Terms } from './accounts-api';

/**
 * The current terms and conditions in a scroll box. The box can take keyboard focus so it can be
 * scrolled without a mouse, and is a named region so screen-reader users can find it.
 */
export function TermsBox({ terms }: { terms: Terms }) {
  const { t } = useTranslation();
  const headingId = `terms-${terms.version}-heading`;
  const paragraphs = terms.body.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '');
  return (
    <section className="rc-terms" aria-labelledby={headingId}>
      <h2 id={headingId} className="rc-terms__title">
        {terms.title}
      </h2>
      <p className="usa-hint">{t('signIn.termsVersion', { version: terms.version })}</p>
      <div className="rc-terms__body" tabIndex={0} role="region" aria-labelledby={headingId} data-testid="terms-body">
        {paragraphs.map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
    </section>
  );
}
