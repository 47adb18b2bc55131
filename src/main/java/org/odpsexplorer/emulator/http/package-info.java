/**
 * The emulator's HTTP plumbing on Jetty 12 core: raw-target parsing, authentication, fault injection, route
 * registration ({@link org.odpsexplorer.emulator.http.RouteGroup}), the two error shapes (XML on the API endpoint,
 * JSON on the tunnel endpoint), and what routes share in requests: listing paging
 * ({@link org.odpsexplorer.emulator.http.ListPaging}). XML bodies are read with {@link org.odpsexplorer.wire.XmlTree}
 * and written with {@link org.odpsexplorer.wire.XmlWriter}. Knows nothing about storage.
 */
@NullMarked
package org.odpsexplorer.emulator.http;

import org.jspecify.annotations.NullMarked;
