// The `policy` settings group: weights, thresholds and the treatment ladder (defaults in
// src/domain/policy/policy-settings.ts), editable per company.
import { policySchema } from '../domain/policy/policy-settings.ts';
import { defineSettings } from '../store/settings.ts';

export const policySettings = defineSettings('policy', policySchema);
