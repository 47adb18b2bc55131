/**
 * What the client ({@code sdk}) and the server ({@code emulator}) must agree on byte for byte: request signing,
 * wire encodings, header names, date formats and (later) the tunnel record codec. Imports neither side.
 */
@NullMarked
package org.odpsexplorer.wire;

import org.jspecify.annotations.NullMarked;
