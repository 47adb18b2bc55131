/**
 * SQL instances ({@code protocol/instances.md}): the job XML, instance status polling, and the DDL subset the clients emit for
 * tables and partitions. Anything outside the subset fails the instance with an {@code ODPS-0130161} parse error.
 */
@NullMarked
package org.odpsexplorer.emulator.sql;

import org.jspecify.annotations.NullMarked;
