import { useQuery } from '@tanstack/react-query';
import {
  applicationsQueryKey,
  fetchApplications,
  fetchMyRequests,
  fetchMyRoles,
  myRequestsQueryKey,
  myRolesQueryKey,
} from './roles-api';

export function useApplications() {
  return useQuery({ queryKey: applicationsQueryKey, queryFn: ({ signal }) => fetchApplications(signal) });
}

export function useMyRoles() {
  return useQuery({ queryKey: myRolesQueryKey, queryFn: ({ signal }) => fetchMyRoles(signal) });
}

export function useMyRequests() {
  return useQuery({ queryKey: myRequestsQueryKey, queryFn: ({ signal }) => fetchMyRequests(signal) });
}
