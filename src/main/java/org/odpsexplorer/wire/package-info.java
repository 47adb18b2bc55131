/**
 * What the client ({@code sdk}) and the server ({@code emulator}) must agree on byte for byte: request signing,
 * wire encodings, header names, date formats, XML reading and writing, MD5, and (in {@code wire.tunnel}) the record
 * codec. Imports neither side.
 */
@NullMarked
package org.odpsexplorer.wire;

import org.jspecify.annotations.NullMarked;
