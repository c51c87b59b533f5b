/** The pyramid policy (`unit>=50%,e2e<=10%`): the share of tests each tier may or must have. */
export interface PyramidRule {
  tier: string;
  operator: '>=' | '<=' | '>' | '<' | '=';
  percent: number;
}

export function parsePyramidPolicy(policy: string): PyramidRule[] {
  return policy
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([\w.-]+)\s*(>=|<=|>|<|=)\s*(\d+(?:\.\d+)?)\s*%?$/.exec(part);
      if (!match) throw new Error(`'${part}' is not a rule like unit>=50%`);
      return { tier: match[1] as string, operator: match[2] as PyramidRule['operator'], percent: Number(match[3]) };
    });
}

export interface PyramidVerdict {
  rule: PyramidRule;
  actual: number;
  ok: boolean;
}

/** Shares are of all tests counted; a tier that did not run counts as 0%. */
export function evaluatePyramid(rules: PyramidRule[], testsByTier: Record<string, number>): PyramidVerdict[] {
  const total = Object.values(testsByTier).reduce((sum, count) => sum + count, 0);
  return rules.map((rule) => {
    const actual = total ? ((testsByTier[rule.tier] ?? 0) / total) * 100 : 0;
    const ok =
      rule.operator === '>='
        ? actual >= rule.percent
        : rule.operator === '<='
          ? actual <= rule.percent
          : rule.operator === '>'
            ? actual > rule.percent
            : rule.operator === '<'
              ? actual < rule.percent
              : Math.abs(actual - rule.percent) < 0.5;
    return { rule, actual: Math.round(actual * 10) / 10, ok };
  });
}
