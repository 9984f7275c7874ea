import { LanguageSelector } from '@trussworks/react-uswds';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../i18n/i18n';

// USWDS's two-language selector: one button naming the other language in that language, marked
// with its own `lang` so screen readers pronounce it correctly. Language names are never
// translated, so they are not in the catalogues.
export function LanguageSwitch() {
  const { i18n } = useTranslation();
  const other = i18n.resolvedLanguage === 'es' ? 'en' : 'es';
  return (
    <LanguageSelector
      small
      className="rc-language-switch"
      displayLang={other}
      langs={[
        { label: 'English', attr: 'en', on_click: () => void changeLanguage('en') },
        { label: 'Español', attr: 'es', on_click: () => void changeLanguage('es') },
      ]}
    />
  );
}
