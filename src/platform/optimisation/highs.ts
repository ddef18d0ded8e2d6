// HiGHS, the MILP solver compiled to WebAssembly, loaded once per process, when first asked for.
import type { MilpSolver } from '../domain/milp.ts';

let loading: Promise<MilpSolver> | undefined;

export function highsSolver(): Promise<MilpSolver> {
  loading ??= import('highs')
    .then(({ default: highsLoader }) => highsLoader())
    .then((highs) => (problem: string) => {
      const solution = highs.solve(problem, { output_flag: false });
      if (solution.Status === 'Infeasible') return { feasible: false, values: {} };
      if (solution.Status !== 'Optimal')
        throw new Error(`The solver stopped without an optimal solution: ${solution.Status}`);
      return {
        feasible: true,
        values: Object.fromEntries(Object.entries(solution.Columns).map(([name, column]) => [name, column.Primal])),
      };
    });
  return loading;
}
