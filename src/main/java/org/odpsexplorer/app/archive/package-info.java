/**
 * Archive and jar resources: listing the entries of zip-family archives from their central directory through ranged
 * reads and of tar/tar.gz by streaming once, previewing and extracting entries, packing a dropped folder for upload,
 * and the archive tab. Reading and packing ({@code ArchiveReader}, {@code FolderPacker}) import no JavaFX so they run
 * headless; Apache Commons Compress does the format work.
 */
@NullMarked
package org.odpsexplorer.app.archive;

import org.jspecify.annotations.NullMarked;
