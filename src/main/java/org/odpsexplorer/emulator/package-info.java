/** The embedded MaxCompute-compatible server: REST and tunnel endpoints over durable SQLite + file storage. */
@NullMarked
package org.odpsexplorer.emulator;

import org.jspecify.annotations.NullMarked;
