import { useTranslation } from 'react-i18next';
import { hasErrorCode } from '../../api/client';

/** The problems the server found in a catalog document (`catalog.invalid`), each where it is. */
export function CatalogProblems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!hasErrorCode(error, 'catalog.invalid')) return null;
  const problems = error.details?.problems;
  if (!Array.isArray(problems) || problems.length === 0) return null;
  return (
    <div className="rc-catalog-problems">
      <p className="text-bold">{t('adminConsole.catalog.problems')}</p>
      <ul className="usa-list" data-testid="catalog-problems">
        {problems.map((problem) => (
          <li key={String(problem)}>
            <code>{String(problem)}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}
