/** A checkbox read as a switch (role="switch"): "on" is the check, the words say what. */
export function LiveSwitch({
  testId,
  checked,
  label,
  onChange,
}: {
  testId: string;
  checked: boolean;
  label: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className="live-switch">
      <input
        type="checkbox"
        role="switch"
        data-testid={testId}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span>{label}</span>
    </label>
  );
}
