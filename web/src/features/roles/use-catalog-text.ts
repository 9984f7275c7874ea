import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { applicationsQueryKey, fetchApplications } from './roles-api';

/** A catalog entry as the API names it: its id, its English texts, and its Spanish ones where sent. */
interface Named {
  id: string;
  name: string;
  nameEs?: string;
}

interface Described extends Named {
  description: string;
  descriptionEs?: string;
}

export interface CatalogText {
  /** The name of a role or application in the page's language; English when there is no other. */
  name(item: Named): string;
  description(item: Described): string;
}

/**
 * Catalog texts (application and role names and descriptions) in the page's language. Answers
 * that carry only the English name are completed from the catalog (`GET /applications`), read
 * once and shared with the pages that list applications.
 */
export function useCatalogText(): CatalogText {
  const { i18n } = useTranslation();
  const spanish = i18n.resolvedLanguage === 'es';
  const catalog = useQuery({
    queryKey: applicationsQueryKey,
    queryFn: ({ signal }) => fetchApplications(signal),
    enabled: spanish,
    staleTime: 5 * 60_000,
  });
  const spanishTexts = useMemo(() => {
    const byId = new Map<string, { nameEs: string; descriptionEs: string }>();
    for (const app of catalog.data?.items ?? []) {
      byId.set(app.id, app);
      for (const role of app.roles) byId.set(role.id, role);
    }
    return byId;
  }, [catalog.data]);

  return useMemo(
    () => ({
      name: (item) => (spanish ? item.nameEs || spanishTexts.get(item.id)?.nameEs || item.name : item.name),
      description: (item) =>
        spanish ? item.descriptionEs || spanishTexts.get(item.id)?.descriptionEs || item.description : item.description,
    }),
    [spanish, spanishTexts],
  );
}
