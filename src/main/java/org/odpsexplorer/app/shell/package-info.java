/** Main window: layout, menus, status bar, wiring of the features. */
@NullMarked
package org.odpsexplorer.app.shell;

import org.jspecify.annotations.NullMarked;
