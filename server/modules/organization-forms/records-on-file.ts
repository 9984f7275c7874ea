import type { Organization, RecordsOnFile } from '../organizations/organizations.service.js';
import type { OrganizationUpdateData } from './organization-form-fields.js';

/*
 * The records on file as a form names them (approver, backupApprovers) and as the organizations
 * module keeps them (approverOnFile, backupApproversOnFile): the two conversions, in one place.
 */

/** An organization's records on file, shaped as an update request asks for them. */
export function recordsOf(organization: Organization): OrganizationUpdateData {
  return {
    address: organization.address,
    phone: organization.phone ?? '',
    fax: organization.fax,
    contact: organization.contact,
    approver: organization.approverOnFile,
    backupApprovers: organization.backupApproversOnFile,
  };
}

/** What an approved update request puts on file. */
export function recordsFrom(data: OrganizationUpdateData): RecordsOnFile {
  return {
    address: data.address,
    phone: data.phone,
    fax: data.fax,
    contact: data.contact,
    approverOnFile: data.approver,
    backupApproversOnFile: data.backupApprovers,
  };
}
