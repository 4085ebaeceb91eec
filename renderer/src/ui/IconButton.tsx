import type { ButtonHTMLAttributes, ReactNode } from "react";

interface IconButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Shown as the tooltip and read by screen readers. */
  label: string;
  children: ReactNode;
  tone?: "default" | "danger";
}

export function IconButton({ label, children, tone = "default", className, type = "button", ...rest }: IconButtonProps) {
  return (
    <button type={type} className={["icon-btn", tone === "danger" ? "icon-btn-danger" : "", className].filter(Boolean).join(" ")} aria-label={label} title={label} {...rest}>
      {children}
    </button>
  );
}
