/**
 * The tunnel record stream ({@code protocol/tunnel.md} §10), shared byte for byte by the client and the emulator: the
 * MaxCompute type model ({@link org.odpsexplorer.wire.tunnel.OdpsType}), table schemas and their JSON forms, the
 * Java value mapping, CRC-32C framing, and a streaming encoder / decoder. No I/O policy: callers own every stream.
 */
@NullMarked
package org.odpsexplorer.wire.tunnel;

import org.jspecify.annotations.NullMarked;
