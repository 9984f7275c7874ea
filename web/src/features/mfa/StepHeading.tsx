import type { ReactNode, RefObject } from 'react';

interface Props {
  level: 2 | 3;
  headingRef: RefObject<HTMLHeadingElement | null>;
  children: ReactNode;
}

/** A step's heading, focusable so focus can move to it when the step changes. */
export function StepHeading({ level, headingRef, children }: Props) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <Heading ref={headingRef} tabIndex={-1} className="rc-step-heading">
      {children}
    </Heading>
  );
}
