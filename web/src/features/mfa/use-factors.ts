import { useQuery } from '@tanstack/react-query';
import { factorsQueryKey, fetchFactors } from './mfa-api';

export function useFactors() {
  return useQuery({ queryKey: factorsQueryKey, queryFn: ({ signal }) => fetchFactors(signal) });
}
