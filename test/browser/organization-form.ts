import type { Locator, Page } from 'playwright-core';
import { tick } from './visit.js';

/*
 * Filling the new-organization form as a person does, by its groups and labels, for the scenarios
 * that send one.
 */

export function group(page: Page, name: string | RegExp): Locator {
  return page.getByRole('group', { name });
}

export async function fillPerson(scope: Locator, person: { firstName: string; lastName: string; email: string }): Promise<void> {
  await scope.getByRole('textbox', { name: /^First name/ }).fill(person.firstName);
  await scope.getByRole('textbox', { name: /^Last name/ }).fill(person.lastName);
  await scope.getByRole('textbox', { name: /^Email address/ }).fill(person.email);
}

/** The organization itself: name, TIN, group NPI, PTAN, line of business and location. */
export async function fillOrganization(
  page: Page,
  organization: { legalName: string; tin: string; groupNpi: string; ptan: string; lineOfBusiness: string; location: string },
): Promise<void> {
  await page.getByRole('textbox', { name: /^Legal business name/ }).fill(organization.legalName);
  await page.getByRole('textbox', { name: /^Taxpayer identification number/ }).fill(organization.tin);
  await page.getByRole('textbox', { name: /^Group NPI/ }).fill(organization.groupNpi);
  await page.getByRole('textbox', { name: /^PTAN/ }).fill(organization.ptan);
  await tick(page, page.getByRole('radio', { name: organization.lineOfBusiness, exact: true }));
  await tick(page, page.getByRole('radio', { name: organization.location }));
}

/** The mailing address, the phone, and the contact person. */
export async function fillAddressAndContact(
  page: Page,
  values: {
    address: { line1: string; city: string; state: string; zip: string };
    phone: string;
    contact: { name: string; email: string; phone: string };
  },
): Promise<Locator> {
  const address = group(page, 'Mailing address');
  await address.getByRole('textbox', { name: 'Street address', exact: true }).fill(values.address.line1);
  await address.getByRole('textbox', { name: /^City/ }).fill(values.address.city);
  await address.getByRole('textbox', { name: /^State/ }).fill(values.address.state);
  await address.getByRole('textbox', { name: /^ZIP code/ }).fill(values.address.zip);
  await group(page, 'Phone and fax')
    .getByRole('textbox', { name: /^Phone number/ })
    .fill(values.phone);
  const contact = group(page, 'Contact');
  await contact.getByRole('textbox', { name: /^Full name/ }).fill(values.contact.name);
  await contact.getByRole('textbox', { name: /^Email address/ }).fill(values.contact.email);
  await contact.getByRole('textbox', { name: /^Phone number/ }).fill(values.contact.phone);
  return contact;
}

/** The authorized official's typed signature and the box certifying the information is true. */
export async function sign(page: Page, name: string): Promise<void> {
  const signature = group(page, "Authorized official's signature");
  await signature.getByRole('textbox', { name: /^Authorized official's full name/ }).fill(name);
  await tick(page, signature.getByRole('checkbox', { name: /^I certify that the information/ }));
}
