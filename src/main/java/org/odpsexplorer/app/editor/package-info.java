/** Text editor tabs: syntax highlighting, encodings, open modes, conflicts. */
@NullMarked
package org.odpsexplorer.app.editor;

import org.jspecify.annotations.NullMarked;
