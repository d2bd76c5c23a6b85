import type { Command } from 'commander';
import { InputValidationError } from '../core/errors';
import type { ColumnSelection, FeatureTable } from '../kernel/learn/csv';

/** The column flags of the commands that read CSV feature files. */
export interface ColumnFlags {
  features?: string;
  label?: string;
  id?: string;
}

/** Adds `--features`, `--label` and `--id` to a command. */
export function addColumnFlags(cmd: Command): Command {
  return cmd
    .option('--features <a,b,c>', 'feature columns by header name, in this order (default: every column but the label and id columns)')
    .option('--label <name>', "label column (default: a column named 'label', when there is one)")
    .option('--id <name>', "identifier column, never a feature (default: a column named 'id', when there is one)");
}

/** The column selection the flags describe. */
export function selectionFromFlags(flags: ColumnFlags): ColumnSelection {
  const sel: { features?: string[]; label?: string; id?: string } = {};
  if (flags.features !== undefined) {
    const names = flags.features.split(',').map((n) => n.trim());
    if (names.some((n) => n === '')) throw new InputValidationError(`--features must be column names separated by commas, got '${flags.features}'`);
    sel.features = names;
  }
  if (flags.label !== undefined) sel.label = flags.label;
  if (flags.id !== undefined) sel.id = flags.id;
  return sel;
}

/** What a table's columns were used for, for `--json`. */
export function columnsJson(t: FeatureTable): Record<string, unknown> {
  return { features: t.columns, label_column: t.labelColumn, id_column: t.idColumn, ignored_columns: t.ignoredColumns };
}

/** One line saying which columns were features and which were not. */
export function describeColumns(t: FeatureTable): string {
  const parts = [`features: ${t.columns.join(', ')} (${t.columns.length} qubit${t.columns.length === 1 ? '' : 's'})`];
  if (t.labelColumn) parts.push(`label column: ${t.labelColumn}`);
  if (t.idColumn) parts.push(`id column: ${t.idColumn} (not a feature)`);
  if (t.ignoredColumns.length) parts.push(`ignored: ${t.ignoredColumns.join(', ')}`);
  return parts.join('; ');
}
