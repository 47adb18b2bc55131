/** Shared UI plumbing: background work, dialogs, settings and directories. */
@NullMarked
package org.odpsexplorer.app.common;

import org.jspecify.annotations.NullMarked;
