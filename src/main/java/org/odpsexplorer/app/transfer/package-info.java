/** Uploads and downloads with progress, cancel and retry. */
@NullMarked
package org.odpsexplorer.app.transfer;

import org.jspecify.annotations.NullMarked;
