/**
 * The history panel (versions of one resource, compare, restore through the editor's conflict dialog) and the
 * crash-recovery diff: the views over {@link org.odpsexplorer.app.history}, kept apart from it so that the journal and
 * recovery store, which the editor writes to, depend on no view.
 */
@NullMarked
package org.odpsexplorer.app.history.view;

import org.jspecify.annotations.NullMarked;
