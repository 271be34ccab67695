export function Brand() {
  return (
    <div className="flex items-center gap-2.5 px-3">
      <svg viewBox="0 0 32 32" className="size-7 text-primary" aria-hidden>
        <rect x="3" y="5" width="26" height="4" rx="1" fill="currentColor" />
        <rect x="6" y="9" width="3" height="18" rx="1" fill="currentColor" />
        <rect x="23" y="9" width="3" height="18" rx="1" fill="currentColor" />
        <path d="M16 9v7" stroke="currentColor" strokeWidth="2" />
        <rect x="12" y="16" width="8" height="6" rx="1" fill="currentColor" opacity="0.55" />
      </svg>
      <span className="text-lg font-semibold tracking-tight">Gantry</span>
    </div>
  );
}
