/**
 * HTTP, retry and spooling plumbing of the client. Not API: only the façade ({@code org.odpsexplorer.sdk},
 * {@code sdk.table}) uses it, and the app must not; it uses nothing of the façade, only the values and errors of
 * {@code sdk.model} (architecture test).
 */
@NullMarked
package org.odpsexplorer.sdk.internal;

import org.jspecify.annotations.NullMarked;
