// `callsheet backtest --try policy.oldestShare=0.15`: Callsheet replayed with one policy setting
// changed, beside the stored settings, so a change is judged on the company's own history before it
// is made. Validated as `settings set` would validate it; nothing is stored.
import type { PolicySettings } from '../domain/policy/policy-settings.ts';
import { UserError } from '../shared/errors.ts';
import { readSettings } from '../store/settings.ts';
import type { SqlConn } from '../store/sql.ts';
import { parseTrial, settingsWith } from './business-settings.ts';
import { policySettings } from './policy-settings.ts';

export interface PolicyTrial {
  label: string;
  policy: PolicySettings;
}

/** Each `--try` argument as the policy it gives, in order; a UserError names a bad one. */
export async function policyTrials(conn: SqlConn, args: readonly string[]): Promise<PolicyTrial[]> {
  if (!args.length) return [];
  const stored = await readSettings(conn, policySettings);
  const out: PolicyTrial[] = [];
  for (const arg of args) {
    const trial = parseTrial(arg);
    const policy = settingsWith(policySettings, stored, trial);
    // The backtest measures "late" with the stored threshold; a list aimed at another would be
    // judged by a rule it does not follow.
    if (policy.lateness.lateDays !== stored.lateness.lateDays)
      throw new UserError(
        `--try cannot change policy.lateness.lateDays: the backtest measures late money with it. Change it with \`callsheet settings set policy.lateness.lateDays ${trial.text}\` and run the backtest again`,
        2,
      );
    out.push({ label: `Callsheet with ${trial.path} = ${trial.text}`, policy });
  }
  return out;
}
