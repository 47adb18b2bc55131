/** Project tree: connections, projects, resources by type, details panel. */
@NullMarked
package org.odpsexplorer.app.tree;

import org.jspecify.annotations.NullMarked;
