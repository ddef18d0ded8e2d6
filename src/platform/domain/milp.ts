// The shape of a mixed-integer linear programme solver as the pure rules see it: a model in CPLEX
// LP format in, the variables' values out. The application passes HiGHS (platform/optimisation).
export interface MilpResult {
  /** False when no assignment meets every constraint. */
  feasible: boolean;
  /** Variable name → value in the optimal solution. */
  values: Record<string, number>;
}

export type MilpSolver = (problem: string) => MilpResult;
