import type { ReactNode } from "react";

interface FieldProps {
  label: string;
  htmlFor?: string;
  hint?: ReactNode;
  badge?: ReactNode;
  children: ReactNode;
}

/** A labelled form row with an optional hint under it. */
export function Field({ label, htmlFor, hint, badge, children }: FieldProps) {
  return (
    <div className="field">
      <div className="field-label">
        <label htmlFor={htmlFor}>{label}</label>
        {badge}
      </div>
      {children}
      {hint && <div className="field-hint">{hint}</div>}
    </div>
  );
}
