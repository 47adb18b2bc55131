/** The JavaFX desktop application; talks to services only through {@code org.odpsexplorer.sdk}. */
@NullMarked
package org.odpsexplorer.app;

import org.jspecify.annotations.NullMarked;
