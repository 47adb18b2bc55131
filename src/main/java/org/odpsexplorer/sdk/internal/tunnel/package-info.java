/**
 * Table metadata, SQL-instance DDL and tunnel sessions on the wire ({@code protocol/rest.md} §8, {@code protocol/instances.md},
 * {@code protocol/tunnel.md}). Not API: only {@code org.odpsexplorer.sdk} and {@code org.odpsexplorer.sdk.table} use it.
 */
@NullMarked
package org.odpsexplorer.sdk.internal.tunnel;

import org.jspecify.annotations.NullMarked;
