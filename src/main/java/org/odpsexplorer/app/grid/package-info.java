/**
 * The table-resource grid: paged records of a table partition, the partition picker with its filter expression,
 * the staging grid for appended rows, CSV export and the new-table-resource dialog.
 */
@NullMarked
package org.odpsexplorer.app.grid;

import org.jspecify.annotations.NullMarked;
