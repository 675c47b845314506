/** The one table `npm run bench` prints: a Markdown table, so a run can be pasted into docs/benchmarks.md. */

export interface Row {
	measure: string;
	/** The figure measured in this run (a ratio, a count, a size, a time). */
	value: string;
	target: string;
	/** undefined when the row could not be measured (see detail). */
	met: boolean | undefined;
	detail: string;
}

const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTable(rows: Row[]): string {
	const lines = [
		'| # | Measure | Result | Target | Met | Detail |',
		'|---|---|---|---|---|---|',
		...rows.map(
			(row, index) =>
				`| ${index + 1} | ${escape(row.measure)} | **${escape(row.value)}** | ${escape(row.target)} | ${
					row.met === undefined ? '?' : row.met ? 'yes' : 'NO'
				} | ${escape(row.detail)} |`,
		),
	];
	return lines.join('\n');
}
