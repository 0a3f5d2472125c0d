import { useEffect, useRef, type ReactNode } from 'react';

interface ViewHeadingProps {
  level?: 2 | 3;
  id?: string;
  children: ReactNode;
}

/** A view's or a step's heading, which takes the focus when it appears, so keyboard and screen reader users land on the new view. */
export function ViewHeading({ level = 2, id, children }: ViewHeadingProps) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  const Tag = level === 2 ? 'h2' : 'h3';
  return <Tag ref={ref} id={id} tabIndex={-1}>{children}</Tag>;
}
