import { useEffect } from 'react';

/** Calls `onShown` once React has committed it, i.e. once its Suspense boundary revealed it. */
export function Shown({ onShown }: { onShown: () => void }) {
  useEffect(onShown, [onShown]);
  return null;
}
