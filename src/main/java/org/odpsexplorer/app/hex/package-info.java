/** Virtualized hex editor over a paged byte source with an edit overlay. */
@NullMarked
package org.odpsexplorer.app.hex;

import org.jspecify.annotations.NullMarked;
