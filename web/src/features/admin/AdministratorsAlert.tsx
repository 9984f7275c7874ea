import { Alert } from '@trussworks/react-uswds';

/**
 * A signed-in person who is not an administrator is told whose page this is, not shown an error:
 * everyone may open an administrators' address, only the API refuses them.
 */
export function AdministratorsAlert({ heading, message }: { heading: string; message: string }) {
  return (
    <Alert type="info" headingLevel="h2" heading={heading}>
      {message}
    </Alert>
  );
}
