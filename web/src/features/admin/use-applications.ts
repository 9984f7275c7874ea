import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { applicationsQueryKey, fetchApplications } from '../roles/roles-api';
import { useCatalogText } from '../roles/use-catalog-text';

/** The active applications of the catalog, shared with the role pages that read them too. */
export function useApplications() {
  return useQuery({
    queryKey: applicationsQueryKey,
    queryFn: ({ signal }) => fetchApplications(signal),
    staleTime: 5 * 60_000,
  });
}

/** An application's name in the page's language, from its code; the code itself until the catalog is read. */
export function useApplicationName(): (code: string) => string {
  const applications = useApplications().data?.items;
  const catalogText = useCatalogText();
  return useCallback(
    (code: string) => {
      const application = applications?.find((candidate) => candidate.code === code);
      return application ? catalogText.name(application) : code;
    },
    [applications, catalogText],
  );
}
