/** Public client API for MaxCompute resources and tables, mirroring PyODPS; no UI, no server code. */
@NullMarked
package org.odpsexplorer.sdk;

import org.jspecify.annotations.NullMarked;
