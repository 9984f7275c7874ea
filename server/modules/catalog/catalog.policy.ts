/** Only administrators change the catalog: applications, roles and their policies. */
export function mayManageCatalog(isAdministrator: boolean): boolean {
  return isAdministrator;
}
