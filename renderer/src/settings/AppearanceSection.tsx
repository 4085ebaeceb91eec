import { Monitor, Moon, Sun } from "lucide-react";
import type { Theme } from "../app/theme.js";

const CHOICES: Array<[Theme, string, typeof Sun]> = [
  ["system", "System", Monitor],
  ["light", "Light", Sun],
  ["dark", "Dark", Moon],
];

export function AppearanceSection({ theme, onTheme }: { theme: Theme; onTheme(theme: Theme): void }) {
  return (
    <section className="card" aria-labelledby="appearance-title">
      <header className="card-header">
        <h2 id="appearance-title">Appearance</h2>
      </header>
      <div className="segmented" role="radiogroup" aria-label="Theme">
        {CHOICES.map(([value, label, Icon]) => (
          <button key={value} type="button" role="radio" aria-checked={theme === value} className={theme === value ? "selected" : ""} onClick={() => onTheme(value)}>
            <Icon size={15} /> {label}
          </button>
        ))}
      </div>
    </section>
  );
}
