import { Fragment } from 'react';

/**
 * An address that breaks across lines where print breaks one, after a slash or before a dot, rather
 * than in the middle of a word (or not at all, widening the table).
 */
export function BreakableAddress({ address }: { address: string }) {
  const parts = address.split(/(?<=\/)(?!\/)|(?=[.?&])/);
  return parts.map((part, index) => (
    <Fragment key={index}>
      {index > 0 ? <wbr /> : null}
      {part}
    </Fragment>
  ));
}
