// One line per step, so a first run that takes minutes always says what it is doing.
const started = Date.now();

function elapsed(): string {
  const s = Math.round((Date.now() - started) / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export interface Steps {
  step(title: string): Step;
}

export interface Step {
  info(message: string): void;
  done(message?: string): void;
}

export function createSteps(total: number): Steps {
  let index = 0;
  return {
    step(title) {
      index += 1;
      const prefix = `[${index}/${total}] ${title}`;
      console.log(`${prefix}…`);
      return {
        info: (message) => console.log(`      ${message} (${elapsed()})`),
        done: (message) => console.log(`      ✔ ${message ?? 'done'} (${elapsed()})`),
      };
    },
  };
}

/** Prints a percentage at most every 10 %, for builds that report "[done/total]". */
export function percentReporter(report: (message: string) => void, label: string) {
  let lastShown = -10;
  return (done: number, total: number) => {
    const percent = Math.floor((done / Math.max(total, 1)) * 100);
    if (percent >= lastShown + 10 || done === total) {
      lastShown = percent;
      report(`${label}: ${percent} % (${done}/${total})`);
    }
  };
}
