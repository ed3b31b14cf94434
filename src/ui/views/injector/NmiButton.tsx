import { useClient } from '../../store/instance.ts';

/** Inject NMI (N): raises the next candidate of the rotation. */
export function NmiButton({ disabled }: { readonly disabled: boolean }) {
  const client = useClient();
  return (
    <button
      type="button"
      className="nmi-button"
      onClick={() => void client.injectNmi()}
      disabled={disabled}
      title="Inject NMI (N): raise the next candidate"
    >
      Inject NMI
    </button>
  );
}
