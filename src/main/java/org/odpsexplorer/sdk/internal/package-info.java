/**
 * HTTP, XML, retry and spooling plumbing of the client. Not API: only {@code org.odpsexplorer.sdk} uses it, and the
 * app must not (architecture test).
 */
@NullMarked
package org.odpsexplorer.sdk.internal;

import org.jspecify.annotations.NullMarked;
