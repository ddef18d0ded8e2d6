// Gathers the facts of many rows: one record per provider and per location, however many rows
// mention it, and every row that could not be used, with its line and why.
import type { LocationFacts, ProviderFacts, RowFacts } from './cqc-records.ts';

export interface Rejection {
  line: number;
  /** The file, when importing a folder of API responses. */
  file?: string;
  reason: string;
}

export class ImportBatch {
  readonly providers = new Map<string, ProviderFacts>();
  readonly locations = new Map<string, LocationFacts>();
  readonly rejected: Rejection[] = [];
  private readonly locationLines = new Map<string, number>();

  add(facts: RowFacts, line: number, file?: string): void {
    const where = file === undefined ? { line } : { line, file };
    if (!facts.ok) {
      this.rejected.push({ ...where, reason: facts.reason });
      return;
    }
    if (facts.location) {
      const id = facts.location.cqcLocationId;
      const firstLine = this.locationLines.get(id);
      if (firstLine !== undefined) {
        this.rejected.push({
          ...where,
          reason: `location ${id} appears again (first on line ${firstLine}); the first is kept`,
        });
        return;
      }
      this.locationLines.set(id, line);
      this.locations.set(id, facts.location);
    }
    if (facts.provider) {
      // A provider named on several rows: later rows add to, or correct, what earlier ones said.
      const known = this.providers.get(facts.provider.cqcProviderId);
      this.providers.set(facts.provider.cqcProviderId, {
        cqcProviderId: facts.provider.cqcProviderId,
        fields: { ...known?.fields, ...facts.provider.fields },
      });
    }
  }

  get size(): number {
    return this.providers.size + this.locations.size;
  }
}
