/**
 * Whether the official's system asks for less motion (prefers-reduced-motion: reduce, WCAG 2.3.3):
 * Ant Design's motion token is turned off then, so dialogs and dropdowns appear without their zoom
 * and slide. The browser tests ask for it too, so a click never lands on a dialog still opening.
 */
import { useEffect, useState } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

export function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const media = window.matchMedia(QUERY);
    const onChange = () => setReduced(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return reduced;
}
