/**
 * The values and errors the client speaks in: resource metadata and options, open modes, partition specs,
 * credentials, retry policy, transfer progress and cancellation, and the {@link
 * org.odpsexplorer.sdk.model.OdpsException} family. Both the public façade ({@code org.odpsexplorer.sdk},
 * {@code sdk.table}) and its plumbing ({@code sdk.internal}) use them; this package depends on neither.
 */
@NullMarked
package org.odpsexplorer.sdk.model;

import org.jspecify.annotations.NullMarked;
