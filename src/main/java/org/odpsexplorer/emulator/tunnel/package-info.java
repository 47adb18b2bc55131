/**
 * The tunnel endpoint ({@code protocol/tunnel.md}): upload and download sessions, block upload and ranged reads over
 * {@link org.odpsexplorer.emulator.table.TunnelStore}, and the table preview as an Arrow IPC stream written by hand
 * ({@code ArrowStreamEncoder} on a minimal FlatBuffers writer), with JSON errors.
 */
@NullMarked
package org.odpsexplorer.emulator.tunnel;

import org.jspecify.annotations.NullMarked;
