/**
 * Local history and crash recovery: the {@link org.odpsexplorer.app.history.VersionJournal} (every version a save
 * from the app replaced or wrote, content-addressed by MD5), the {@link org.odpsexplorer.app.history.RecoveryStore}
 * (unsaved editor buffers, journaled while a tab is dirty) and their panels. Storage classes import no JavaFX.
 */
@NullMarked
package org.odpsexplorer.app.history;

import org.jspecify.annotations.NullMarked;
