/** Connection profiles, secrets and the connections dialog. */
@NullMarked
package org.odpsexplorer.app.connection;

import org.jspecify.annotations.NullMarked;
